/// Every benchmark group, in table order. Add ONE line per rows file (see Harness.swift).
let benchGroups: [BenchGroup] = [
    HashRows.sha256,
    HashRows.hmacSHA256,
    EncodingRows.group,
    RSARows.group,
    JWTRows.group,
    BoxRows.group,
    KeyGenRows.group,
    CipherRows.aesCBC,
    CipherRows.pbkdf2,
    KeyLoadRows.group,
]
