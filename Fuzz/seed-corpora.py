#!/usr/bin/env python3
"""Writes one seed corpus per fuzz target, from Vectors/, into the directory given (default
.build-fuzz/corpus). Generated on demand so no corpus is committed; libFuzzer adds what it finds.

usage: Fuzz/seed-corpora.py [OUT_DIR]
"""
import base64, hashlib, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VECTORS = os.path.join(ROOT, "Vectors")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build-fuzz", "corpus")


def add(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def walk_json(value):
    """Every dict inside a JSON value."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from walk_json(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk_json(v)


def vector_files():
    for folder, _, names in os.walk(VECTORS):
        for name in sorted(names):
            yield os.path.join(folder, name)


json_docs = {}
for path in vector_files():
    data = open(path, "rb").read()
    if path.endswith(".json"):
        try:
            json_docs[path] = json.loads(data)
        except ValueError:
            pass
    if path.endswith((".pem", ".der")) or os.path.basename(path).startswith("jwk"):
        add("key", data)
    if path.endswith(".der"):
        add("der", data)
    if path.endswith(".pem"):
        body = re.findall(rb"-----BEGIN [^-]+-----\r?\n(.*?)-----END", data, re.S)
        for b64 in body:
            lines = [l for l in b64.splitlines() if b":" not in l]
            add("base64", b"\n".join(lines))
            try:
                add("der", base64.b64decode(b"".join(lines)))
            except ValueError:
                pass

for path, doc in json_docs.items():
    for d in walk_json(doc):
        # Key files with their passphrase (load cases, PEM variants, negative cases, box configs).
        if isinstance(d.get("file"), str) and isinstance(d.get("passphrase"), str):
            key = os.path.join(VECTORS, d["file"])
            if os.path.exists(key):
                p = d["passphrase"].encode()[:255]
                add("key-passphrase", bytes([len(p)]) + p + open(key, "rb").read())
        if d.get("kty") in ("RSA", "oct"):
            add("jwk", json.dumps(d))
        if isinstance(d.get("keys"), list):
            add("jwk", json.dumps(d))
        for field in ("token", "jws_compact", "compact"):
            if isinstance(d.get(field), str) and d[field].count(".") == 2:
                add("jws", d[field])
        for field in ("base64", "base64url_nopad", "encoded", "input", "text"):
            if isinstance(d.get(field), str) and len(d[field]) < 4096:
                add("base64", d[field])
    if "/box/" in path:
        add("box-config", open(path, "rb").read())
    if os.path.basename(path).startswith("jwk") or path.endswith("jwks.json"):
        add("jwk", open(path, "rb").read())

# Box token responses (Docs/BOX.md): success, down-scoped, and an error body.
add("token-response", '{"access_token":"T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl","expires_in":3600,'
    '"restricted_to":[],"token_type":"bearer"}')
add("token-response", '{"access_token":"T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl","expires_in":4123,'
    '"issued_token_type":"urn:ietf:params:oauth:token-type:access_token","token_type":"bearer",'
    '"restricted_to":[{"scope":"item_preview","object":{"type":"file","id":"12345"}}]}')
add("token-response", '{"error":"invalid_grant","error_description":"Please check the exp claim"}')

# HTTP/1.1 requests as the Box client sends them to the emulator.
add("http-request", "POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 27\r\n\r\n"
    "grant_type=client_credentials")
add("http-request", "GET /2.0/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer abc\r\n"
    "Connection: keep-alive\r\n\r\n")
add("http-request", "POST /oauth2/revoke HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
    "5\r\ntoken\r\n0\r\n\r\n")

# scrypt parameters (scrypt-params): N, r, p as little-endian words, then a byte whose low bit
# says whether N is a raw value (1) or a power-of-two exponent (0). OpenSSL's default, the
# hostile ones of issue 13 (huge p, N = 2 with p = 8,000,000), and the edges of the domain.
def scrypt_seed(n, r, p, raw):
    return n.to_bytes(4, "little") + r.to_bytes(4, "little") + p.to_bytes(4, "little") + bytes([raw])
for n, r, p, raw in [(14, 8, 1, 0), (14, 8, 64, 0), (2, 1, 8000000, 1), (1, 1, 1, 0), (16, 1, 1, 0), (30, 8, 1, 0),
                     (10, 1, 16, 0), (3, 1, 1, 1), (20, 1024, 1024, 0)]:
    add("scrypt-params", scrypt_seed(n, r, p, raw))

# URLs and hosts (url-policy): loopback spellings, look-alikes, Box's endpoints.
for text in ["https://api.box.com/oauth2/token", "http://127.0.0.1:8080/oauth2/token", "http://[::1]:9/x",
             "http://localhost./x", "http://127.0.0.1.nip.io/", "http://0177.0.0.1/", "http://[::ffff:127.0.0.1]/",
             "http://2130706433/", "https://evil.example/cb?token=abc#frag", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1",
             "::ffff:127.1.2.3", "1::", "[::1]", "localhost", "http://user:pass@127.0.0.1/"]:
    add("url-policy", text)

# Response sizes (response-limit): cap byte, declared-length flag and value, then chunks.
add("response-limit", bytes([64, 1, 40]) + bytes([50]) + b"a" * 50)
add("response-limit", bytes([4, 0, 0]) + bytes([10]) + b"b" * 10 + bytes([60]) + b"c" * 60)
add("response-limit", bytes([255, 1, 255]) + bytes([96]) + b"d" * 96)

# Emulator answers (emulator-exchange): fault byte, Location length, Location, then a request.
for fault, location, request in [
        (0, b"https://evil.example/cb?x=1", b"POST /oauth2/token HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"),
        (3, b"/2.0/folders/0\r\nSet-Cookie: x=1", b"GET /2.0/folders/0 HTTP/1.1\r\nHost: a\r\n\r\n"),
        (250, b"HTTP/1.1 200 OK\r\nContent-Length: 209715200\r\n\r\n", b"POST /oauth2/revoke HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")]:
    add("emulator-exchange", bytes([fault, len(location) + 1]) + location + request)

for target in sorted(os.listdir(OUT)):
    print(f"{target}: {len(os.listdir(os.path.join(OUT, target)))} seeds")
