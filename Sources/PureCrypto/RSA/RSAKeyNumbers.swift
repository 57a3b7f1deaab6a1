/// The numbers of an RSA key, the format-neutral value every key codec converts to and from.

/// An RSA key's numbers as big-endian magnitudes: the public `(n, e)`, and for a private key `d`
/// and, when known, the CRT numbers. PKCS#1, PKCS#8, SubjectPublicKeyInfo and JWK all decode to
/// this and encode from it; `RSAPublicKey(numbers:)` and `RSAPrivateKey(numbers:)` check it.
///
/// Nothing is checked here: the numbers are what a file held. Holds secrets when private:
/// `description` shows only the modulus size, and the private numbers should be handled like
/// the key.
public struct RSAKeyNumbers: Sendable, Equatable, CustomStringConvertible {
    /// The Chinese-remainder numbers of a two-prime private key (RFC 8017 §3.2 form 2).
    public struct CRT: Sendable, Equatable, CustomStringConvertible {
        /// The first prime.
        public var p: [UInt8]
        /// The second prime.
        public var q: [UInt8]
        /// `d mod (p − 1)`.
        public var dP: [UInt8]
        /// `d mod (q − 1)`.
        public var dQ: [UInt8]
        /// `q⁻¹ mod p`.
        public var qInv: [UInt8]

        /// The five numbers, as given.
        public init(p: [UInt8], q: [UInt8], dP: [UInt8], dQ: [UInt8], qInv: [UInt8]) {
            self.p = p
            self.q = q
            self.dP = dP
            self.dQ = dQ
            self.qInv = qInv
        }

        /// The prime size only, never a number.
        public var description: String { "RSAKeyNumbers.CRT(\(p.count * 8)-bit primes, redacted)" }

        /// Equal when all five numbers are, compared in constant time: every byte of each is
        /// read whatever differs; only the numbers' lengths show in the time taken.
        public static func == (a: CRT, b: CRT) -> Bool {
            let same = [constantTimeEqual(a.p, b.p), constantTimeEqual(a.q, b.q), constantTimeEqual(a.dP, b.dP),
                        constantTimeEqual(a.dQ, b.dQ), constantTimeEqual(a.qInv, b.qInv)]
            return !same.contains(false)
        }
    }

    /// The modulus.
    public var n: [UInt8]
    /// The public exponent.
    public var e: [UInt8]
    /// The private exponent; nil for a public key.
    public var d: [UInt8]?
    /// The CRT numbers; nil for a public key, and for a private key given by `(n, e, d)` alone
    /// (a JWK may omit them: RFC 7518 §6.3.2), whose primes `RSAPrivateKey(numbers:)` recovers.
    public var crt: CRT?

    /// The numbers as given; a private key needs `d`, and `crt` only with `d`.
    public init(n: [UInt8], e: [UInt8], d: [UInt8]? = nil, crt: CRT? = nil) {
        self.n = n
        self.e = e
        self.d = d
        self.crt = crt
    }

    /// Equal when every number is. The private numbers are compared in constant time (every byte
    /// read, whatever differs): only their lengths, and which of them are present, show in the
    /// time taken. The public `n` and `e` are compared as usual.
    public static func == (a: RSAKeyNumbers, b: RSAKeyNumbers) -> Bool {
        let privateSame: Bool
        switch (a.d, b.d) {
        case (nil, nil): privateSame = true
        case let (x?, y?): privateSame = constantTimeEqual(x, y)
        default: privateSame = false
        }
        let crtSame: Bool
        switch (a.crt, b.crt) {
        case (nil, nil): crtSame = true
        case let (x?, y?): crtSame = x == y
        default: crtSame = false
        }
        return [a.n == b.n, a.e == b.e, privateSame, crtSame].allSatisfy { $0 }
    }

    /// Whether these are the numbers of a private key (`d` is present).
    public var isPrivate: Bool { d != nil }

    /// `(n, e)` only.
    public var publicNumbers: RSAKeyNumbers { RSAKeyNumbers(n: n, e: e) }

    /// The modulus size and kind only, never a private number.
    public var description: String {
        let bits = n.drop(while: { $0 == 0 }).count * 8
        return "RSAKeyNumbers(\(bits)-bit modulus\(isPrivate ? ", private numbers redacted" : ""))"
    }

    /// Zeroes the private numbers and drops them (`d` and `crt` become nil); `n` and `e` stay.
    package mutating func wipeSecrets() {
        SecretWipe.wipe(&d, "private exponent")
        if var c = crt {
            crt = nil
            SecretWipe.wipe(&c.p, "prime p")
            SecretWipe.wipe(&c.q, "prime q")
            SecretWipe.wipe(&c.dP, "CRT exponent dP")
            SecretWipe.wipe(&c.dQ, "CRT exponent dQ")
            SecretWipe.wipe(&c.qInv, "CRT coefficient")
        }
    }
}
