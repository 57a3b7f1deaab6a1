#!/usr/bin/env python3
"""Re-checks every file under Vectors/generated against independent oracles.

The generated fixtures arrived with an outside vector set; the scripts that made them are not
ours and are not in this repository. This script does not regenerate anything. It checks what
can be checked with python3's hashlib/hmac/base64, python-cryptography and the openssl command
line, without PureJWT:

- every file is listed in a MANIFEST.json with the right size and SHA-256, and every listed file
  exists;
- key files open (with their passphrase, by two tools where both can) to the numbers in
  key_numbers.json, their encryption is what the manifest says, the numbers are consistent;
- signatures, RS and HS tokens are recomputed; hashes, KDF outputs and base64 cases recomputed;
- each negative input shows the defect it claims (parsed, not only "some tool refused it"),
  each negative JWT is classified by a small reference verifier into one of its accepted classes.

Prints one line per file ("ok <path>: <what was checked>" or "FAIL <path>: <why>") and exits 1
on any failure, 2 when an oracle is missing. Run from anywhere: python3 Scripts/check-generated-vectors.py
"""

import base64
import binascii
import hashlib
import hmac
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.exceptions import InvalidSignature
except ImportError:
    print("check-generated-vectors: python3 module 'cryptography' is missing", file=sys.stderr)
    sys.exit(2)
if shutil.which("openssl") is None:
    print("check-generated-vectors: the openssl command is missing", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors")
ROOT = os.path.normpath(ROOT)
GENERATED = "generated"


class Mismatch(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Mismatch(message)


def path(relative):
    return os.path.join(ROOT, relative)


def read(relative):
    with open(path(relative), "rb") as f:
        return f.read()


def load_json(relative):
    return json.loads(read(relative).decode("utf-8"))


def int_hex(text):
    return int(text, 16)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_strict(text):
    """Decodes unpadded base64url; None if the text is not canonical unpadded base64url."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    if any(c not in alphabet for c in text) or len(text) % 4 == 1:
        return None
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    return data if b64url(data) == text else None


def unsigned_bytes(value):
    return value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")


# --- a minimal strict DER reader (for parameters and for the negative inputs' defects) ---

def der_read(data, offset=0):
    """One TLV at offset: (tag, content, end). Raises Mismatch on anything that is not DER."""
    expect(offset + 2 <= len(data), "DER: truncated header")
    tag, first = data[offset], data[offset + 1]
    offset += 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        expect(0 < count <= 4 and offset + count <= len(data), "DER: bad length form")
        length = int.from_bytes(data[offset:offset + count], "big")
        expect(length >= 0x80 and data[offset] != 0, "DER: non-minimal length")
        offset += count
    expect(offset + length <= len(data), "DER: length past the end")
    return tag, data[offset:offset + length], offset + length


def der_children(content):
    children, offset = [], 0
    while offset < len(content):
        tag, value, offset = der_read(content, offset)
        children.append((tag, value))
    return children


def der_whole(data):
    tag, content, end = der_read(data)
    expect(end == len(data), "DER: trailing bytes")
    return tag, content


def oid(content):
    first = content[0]
    parts, value = [first // 40, first % 40], 0
    for byte in content[1:]:
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


# --- PEM ---

def pem_blocks(text):
    """[(label, headers, der)] for every armored block, strictly."""
    blocks, lines, i = [], text.replace("\r\n", "\n").split("\n"), 0
    while i < len(lines):
        if lines[i].startswith("-----BEGIN ") and lines[i].endswith("-----"):
            label = lines[i][11:-5]
            j = i + 1
            headers = {}
            while j < len(lines) and ":" in lines[j]:
                key, value = lines[j].split(":", 1)
                headers[key.strip()] = value.strip()
                j += 1
            body = []
            while j < len(lines) and not lines[j].startswith("-----END "):
                body.append(lines[j].strip())
                j += 1
            expect(j < len(lines), "PEM: no END line")
            expect(lines[j] == "-----END %s-----" % label, "PEM: END label differs from BEGIN")
            blocks.append((label, headers, base64.b64decode("".join(body), validate=True)))
            i = j
        i += 1
    return blocks


def pem_one(relative):
    blocks = pem_blocks(read(relative).decode("utf-8"))
    expect(len(blocks) == 1, "expected one PEM block, found %d" % len(blocks))
    return blocks[0]


# --- keys ---

KEY_NUMBERS = {}


def key_numbers(relative):
    if relative not in KEY_NUMBERS:
        raw = load_json(relative)
        KEY_NUMBERS[relative] = {k: (int_hex(v) if k in ("n", "d", "p", "q", "dp", "dq", "qi") else v)
                                 for k, v in raw.items()}
    return KEY_NUMBERS[relative]


def public_key(numbers):
    return rsa.RSAPublicNumbers(numbers["e"], numbers["n"]).public_key()


def private_key(numbers):
    public = rsa.RSAPublicNumbers(numbers["e"], numbers["n"])
    return rsa.RSAPrivateNumbers(numbers["p"], numbers["q"], numbers["d"], numbers["dp"],
                                 numbers["dq"], numbers["qi"], public).private_key()


def thumbprint(n, e):
    canonical = '{"e":"%s","kty":"RSA","n":"%s"}' % (b64url(unsigned_bytes(e)), b64url(unsigned_bytes(n)))
    return b64url(hashlib.sha256(canonical.encode()).digest())


def compare_private(key, numbers, who):
    got = key.private_numbers()
    pairs = [("n", got.public_numbers.n), ("e", got.public_numbers.e), ("d", got.d), ("p", got.p),
             ("q", got.q), ("dp", got.dmp1), ("dq", got.dmq1), ("qi", got.iqmp)]
    for name, value in pairs:
        expect(value == numbers[name], "%s: %s differs from key_numbers.json" % (who, name))


def compare_public(key, numbers, who):
    got = key.public_numbers()
    expect(got.n == numbers["n"] and got.e == numbers["e"], "%s: (n, e) differs from key_numbers.json" % who)


# python-cryptography re-validates an RSA key on every load (~0.1 s each); the numbers are compared
# with key_numbers.json, whose consistency check_key_numbers proves, so the loads skip it.
def load_der_private(data, password):
    return serialization.load_der_private_key(data, password, unsafe_skip_rsa_key_validation=True)


def load_pem_private(data, password):
    return serialization.load_pem_private_key(data, password, unsafe_skip_rsa_key_validation=True)


def openssl(arguments, stdin=b""):
    run = subprocess.run(["openssl"] + arguments, input=stdin, capture_output=True)
    return run.returncode, run.stdout, run.stderr


def openssl_private_der(relative, passphrase):
    """The key as PKCS#1 DER through the openssl CLI (legacy provider on for DES/MD5 forms)."""
    inform = "DER" if relative.endswith(".der") else "PEM"
    arguments = ["pkey", "-provider", "legacy", "-provider", "default", "-in", path(relative),
                 "-inform", inform, "-outform", "DER", "-traditional"]
    if passphrase is not None:
        arguments += ["-passin", "pass:" + passphrase]
    else:
        arguments += ["-passin", "pass:"]
    status, out, err = openssl(arguments)
    expect(status == 0, "openssl pkey refused %s: %s" % (relative, err.decode(errors="replace").strip()[:160]))
    return out


def evp_bytes_to_key(password, salt, length):
    out, block = b"", b""
    while len(out) < length:
        block = hashlib.md5(block + password + salt).digest()
        out += block
    return out[:length]


LEGACY_CIPHERS = {"AES-128-CBC": (16, 16), "AES-192-CBC": (24, 16), "AES-256-CBC": (32, 16),
                  "DES-EDE3-CBC": (24, 8), "DES-CBC": (8, 8)}


def legacy_decrypt(relative, passphrase):
    """Our own opening of a 'Proc-Type: 4,ENCRYPTED' PEM (EVP_BytesToKey + CBC), PKCS#1 DER out."""
    label, headers, body = pem_one(relative)
    expect(label == "RSA PRIVATE KEY" and headers.get("Proc-Type") == "4,ENCRYPTED", "not a legacy encrypted PEM")
    cipher_name, iv_hex = headers["DEK-Info"].split(",")
    key_len, block = LEGACY_CIPHERS[cipher_name]
    iv = binascii.unhexlify(iv_hex)
    expect(len(iv) == block, "DEK-Info IV length")
    key = evp_bytes_to_key(passphrase.encode(), iv[:8], key_len)
    if cipher_name.startswith("AES"):
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain = decryptor.update(body) + decryptor.finalize()
    else:  # DES and 3DES through openssl enc (python-cryptography no longer offers single DES)
        name = "des-cbc" if cipher_name == "DES-CBC" else "des-ede3-cbc"
        status, plain, err = openssl(["enc", "-d", "-nopad", "-provider", "legacy", "-provider", "default",
                                      "-" + name, "-K", key.hex(), "-iv", iv.hex()], stdin=body)
        expect(status == 0, "openssl enc: " + err.decode(errors="replace")[:120])
    pad = plain[-1]
    expect(1 <= pad <= block and plain[-pad:] == bytes([pad]) * pad, "legacy PEM: bad padding after decryption")
    return cipher_name, plain[:-pad]


PBES2_PRF = {"1.2.840.113549.2.7": "hmacWithSHA1", "1.2.840.113549.2.9": "hmacWithSHA256",
             "1.2.840.113549.2.11": "hmacWithSHA512"}
PBES2_CIPHER = {"2.16.840.1.101.3.4.1.2": "aes-128-cbc", "2.16.840.1.101.3.4.1.22": "aes-192-cbc",
                "2.16.840.1.101.3.4.1.42": "aes-256-cbc", "1.2.840.113549.3.7": "des-ede3-cbc"}
PBE_V1 = {"1.2.840.113549.1.12.1.3": "PBE-SHA1-3DES", "1.2.840.113549.1.5.3": "PBE-MD5-DES"}


def encrypted_pkcs8_parameters(der):
    """What an EncryptedPrivateKeyInfo says about its encryption, in the manifests' words."""
    tag, content = der_whole(der)
    (alg_tag, alg), (_, encrypted) = der_children(content)
    alg_children = der_children(alg)
    scheme = oid(alg_children[0][1])
    params = der_children(alg_children[1][1])
    if scheme in PBE_V1:
        return {"algorithm": PBE_V1[scheme], "iterations": int.from_bytes(params[1][1], "big")}, encrypted
    expect(scheme == "1.2.840.113549.1.5.13", "unknown scheme %s" % scheme)
    kdf = der_children(params[0][1])
    kdf_oid = oid(kdf[0][1])
    kdf_params = der_children(kdf[1][1])
    cipher = der_children(params[1][1])
    result = {"scheme": "PBES2", "cipher": PBES2_CIPHER.get(oid(cipher[0][1]), oid(cipher[0][1]))}
    if kdf_oid == "1.2.840.113549.1.5.12":
        result["kdf"] = "PBKDF2"
        result["iterations"] = int.from_bytes(kdf_params[1][1], "big")
        prf = [c for c in kdf_params[2:] if c[0] == 0x30]
        result["prf"] = PBES2_PRF[oid(der_children(prf[0][1])[0][1])] if prf else "hmacWithSHA1"
    elif kdf_oid == "1.3.6.1.4.1.11591.4.11":
        result["kdf"] = "scrypt"
        for name, child in zip(("N", "r", "p"), kdf_params[1:4]):
            result[name] = int.from_bytes(child[1], "big")
    return result, encrypted


def file_der(relative):
    return read(relative) if relative.endswith(".der") else pem_one(relative)[2]


def check_key_file(entry, folder):
    relative = folder + "/" + entry["name"]
    numbers = key_numbers(entry["key_numbers"])
    form = entry["format"]
    passphrase = entry.get("passphrase")
    done = []
    if form.startswith("jwk"):
        jwk = load_json(relative)
        members = ["n", "e"] + (["d", "p", "q", "dp", "dq", "qi"] if form == "jwk-private" else [])
        expect(jwk["kty"] == "RSA", "kty")
        for name in members:
            raw = b64url_strict(jwk[name])
            expect(raw is not None and raw[0] != 0, "%s is not minimal base64url" % name)
            expect(int.from_bytes(raw, "big") == numbers[name], "%s differs from key_numbers.json" % name)
        expect(jwk.get("kid", numbers["jwk_thumbprint_sha256"]) == numbers["jwk_thumbprint_sha256"], "kid is not the thumbprint")
        return "JWK members and kid = key_numbers"
    if form.endswith("public-pem") or form.endswith("public-der"):
        der = file_der(relative)
        if form.startswith("spki"):
            key = serialization.load_der_public_key(der)
            expect(hashlib.sha256(der).hexdigest() == numbers["spki_der_sha256"], "SPKI SHA-256")
            if form.endswith("pem"):
                expect(pem_one(relative)[0] == "PUBLIC KEY", "label")
        else:
            tag, content = der_whole(der)
            n_value, e_value = [int.from_bytes(v, "big") for _, v in der_children(content)]
            key = rsa.RSAPublicNumbers(e_value, n_value).public_key()
            if form.endswith("pem"):
                expect(pem_one(relative)[0] == "RSA PUBLIC KEY", "label")
        compare_public(key, numbers, "python-cryptography")
        status, out, err = openssl(["pkey", "-pubin", "-in", path(relative), "-inform", "DER" if relative.endswith(".der") else "PEM",
                                    "-outform", "DER"] if form.startswith("spki") else
                                   ["rsa", "-RSAPublicKey_in", "-in", path(relative), "-inform", "DER" if relative.endswith(".der") else "PEM",
                                    "-pubout", "-outform", "DER"])
        expect(status == 0 and hashlib.sha256(out).hexdigest() == numbers["spki_der_sha256"], "openssl: SPKI differs")
        return "public key = key_numbers (python-cryptography, openssl)"
    # private forms
    if form == "pkcs1-legacy-encrypted-pem":
        cipher, pkcs1 = legacy_decrypt(relative, passphrase)
        expect(cipher == entry["encryption"]["dek_info_cipher"], "DEK-Info cipher %s" % cipher)
        compare_private(load_der_private(pkcs1, None), numbers, "own EVP_BytesToKey+CBC")
        done.append("opened with EVP_BytesToKey+%s" % cipher)
    elif form.startswith("pkcs8-encrypted"):
        params, _ = encrypted_pkcs8_parameters(file_der(relative))
        for name, value in entry["encryption"].items():
            if name != "scheme" or "scheme" in params:
                expect(params.get(name) == value, "encryption %s: file says %r" % (name, params.get(name)))
        done.append("parameters as manifest")
        if passphrase:
            load = load_der_private if relative.endswith(".der") else load_pem_private
            compare_private(load(read(relative), passphrase.encode()), numbers, "python-cryptography")
            done.append("python-cryptography")
    else:
        expected_label = "RSA PRIVATE KEY" if form.startswith("pkcs1") else "PRIVATE KEY"
        if form.endswith("pem"):
            expect(pem_one(relative)[0] == expected_label, "label")
        der = file_der(relative)
        compare_private(load_der_private(der, None), numbers, "python-cryptography")
        if form.startswith("pkcs1"):
            expect(der_children(der_whole(der)[1])[0][1] == b"\x00", "PKCS#1 version")
        done.append("python-cryptography")
    compare_private(load_der_private(openssl_private_der(relative, passphrase), None), numbers, "openssl")
    done.append("openssl")
    if passphrase is not None:
        expect(passphrase.encode().hex() == entry["passphrase_utf8_hex"], "passphrase hex")
    return "private key = key_numbers (%s)" % ", ".join(done)


def check_key_numbers(relative):
    k = key_numbers(relative)
    n, e, d, p, q = k["n"], k["e"], k["d"], k["p"], k["q"]
    expect(p * q == n, "p*q != n")
    expect(n.bit_length() == k["bits"] and (k["bits"] + 7) // 8 == k["modulus_bytes"], "bits")
    lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
    expect(d * e % lam == 1, "d is not e^-1 mod lcm(p-1, q-1)")
    expect(k["dp"] == d % (p - 1) and k["dq"] == d % (q - 1) and k["qi"] * q % p == 1, "CRT numbers")
    expect(hashlib.sha256(unsigned_bytes(n)).hexdigest() == k["n_sha256"], "n_sha256")
    spki = public_key(k).public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    expect(hashlib.sha256(spki).hexdigest() == k["spki_der_sha256"], "spki_der_sha256")
    expect(thumbprint(n, e) == k["jwk_thumbprint_sha256"], "RFC 7638 thumbprint")
    return "p*q = n, d, CRT numbers, n/SPKI hashes and thumbprint recomputed"


HASHES = {"SHA-1": hashes.SHA1, "SHA-224": hashes.SHA224, "SHA-256": hashes.SHA256,
          "SHA-384": hashes.SHA384, "SHA-512": hashes.SHA512}


def check_signatures(relative):
    data = load_json(relative)
    numbers = key_numbers(data["key_numbers"])
    key = private_key(numbers)
    for test in data["tests"]:
        message = bytes.fromhex(test["message_hex"])
        algorithm = HASHES[test["hash"]]()
        expect(hashlib.new(algorithm.name, message).hexdigest() == test["digest_hex"], test["id"] + ": digest")
        signature = bytes.fromhex(test["signature_hex"])
        expect(key.sign(message, padding.PKCS1v15(), algorithm) == signature, test["id"] + ": signature differs")
        encoded = pow(int.from_bytes(signature, "big"), numbers["e"], numbers["n"])
        expect(encoded.to_bytes(numbers["modulus_bytes"], "big").hex() == test["encoded_message_hex"], test["id"] + ": EM")
    compare_private(load_pem_private(read(data["private_key_file"]), None), numbers, "private_key_file")
    compare_public(serialization.load_pem_public_key(read(data["public_key_file"])), numbers, "public_key_file")
    return "%d signatures re-signed and s^e mod n = EM" % len(data["tests"])


# --- JWT ---

JWT_HASH = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


def check_token_shape(token):
    expect(token["header_b64"] == b64url(token["header_json"].encode()), token["id"] + ": header_b64")
    expect(token["payload_b64"] == b64url(token["payload_json"].encode()), token["id"] + ": payload_b64")
    expect(token["signing_input"] == token["header_b64"] + "." + token["payload_b64"], token["id"] + ": signing input")
    expect(token["signature_b64"] == b64url(bytes.fromhex(token["signature_hex"])), token["id"] + ": signature_b64")
    expect(token["token"] == token["signing_input"] + "." + token["signature_b64"], token["id"] + ": token")
    header = json.loads(token["header_json"])
    expect(header["alg"] == token["alg"], token["id"] + ": alg")
    expect(json.dumps(header, separators=(",", ":"), ensure_ascii=False) == token["header_json"], token["id"] + ": header JSON form")
    payload_form = json.dumps(json.loads(token["payload_json"]), separators=(",", ":"), ensure_ascii=False)
    if token["id"].endswith("-escaped-slashes"):  # the one token whose payload escapes '/' on purpose
        payload_form = payload_form.replace("/", "\\/")
    expect(payload_form == token["payload_json"], token["id"] + ": payload JSON form")
    payload = json.loads(token["payload_json"])
    if "exp" in payload:
        expect(token["verify_at"] < payload["exp"], token["id"] + ": expired at verify_at")
    return header, payload


def check_rs_tokens(relative):
    data = load_json(relative)
    for token in data["tokens"]:
        check_token_shape(token)
        key = load_pem_private(read(token["private_key_file"]), None)
        algorithm = JWT_HASH[token["alg"][2:]]()
        signature = key.sign(token["signing_input"].encode(), padding.PKCS1v15(), algorithm)
        expect(signature.hex() == token["signature_hex"], token["id"] + ": signature differs")
        public = serialization.load_pem_public_key(read(token["public_key_file"]))
        public.verify(signature, token["signing_input"].encode(), padding.PKCS1v15(), algorithm)
    return "%d tokens re-encoded and re-signed" % len(data["tokens"])


def check_hs_tokens(relative):
    data = load_json(relative)
    for token in data["tokens"]:
        check_token_shape(token)
        secret = bytes.fromhex(token["secret_hex"])
        if token.get("secret_utf8") is not None:
            expect(token["secret_utf8"].encode() == secret, token["id"] + ": secret_utf8")
        mac = hmac.new(secret, token["signing_input"].encode(), "sha" + token["alg"][2:]).hexdigest()
        expect(mac == token["signature_hex"], token["id"] + ": HMAC differs")
    return "%d tokens re-encoded and MACs recomputed" % len(data["tokens"])


def check_jwks(relative):
    keys = load_json(relative)["keys"]
    main = key_numbers("generated/keys/rsa2048/key_numbers.json")
    config = load_json("generated/box/config.json")
    numbers = [(int.from_bytes(b64url_strict(k["n"]), "big"), int.from_bytes(b64url_strict(k["e"]), "big")) for k in keys]
    expect(numbers[0] == (main["n"], main["e"]), "first key is not the main key")
    expect(keys[0]["kid"] == config["boxAppSettings"]["appAuth"]["publicKeyID"], "first kid is not the Box publicKeyID")
    for key, (n, e) in zip(keys[1:], numbers[1:]):
        expect(key["kid"] == thumbprint(n, e), "kid %s is not the key's thumbprint" % key["kid"])
    return "%d keys: main key under the Box kid, others under their thumbprints" % len(keys)


def reference_verify(token, verifier):
    """The error class a strict verifier gives; None when the token verifies."""
    parts = token.split(".")
    if len(parts) != 3:
        return "jwt_malformed"
    decoded = [b64url_strict(p) for p in parts]
    if any(d is None for d in decoded):
        return "base64url_invalid"
    try:
        header = json.loads(decoded[0].decode("utf-8"))
        payload = json.loads(decoded[1].decode("utf-8"))
    except ValueError:
        return "jwt_malformed"
    if not isinstance(header, dict) or not isinstance(payload, dict) or not isinstance(header.get("alg"), str):
        return "jwt_malformed"
    if "crit" in header:
        return "jwt_unsupported_crit"
    alg = header["alg"]
    if alg not in verifier["algorithms"]:
        return "jwt_alg_not_allowed"
    signing_input = (parts[0] + "." + parts[1]).encode()
    if "secret_hex" in verifier:
        if not alg.startswith("HS"):
            return "jwt_alg_mismatch"
        mac = hmac.new(bytes.fromhex(verifier["secret_hex"]), signing_input, "sha" + alg[2:]).digest()
        if not hmac.compare_digest(mac, decoded[2]):
            return "signature_invalid"
    else:
        if not alg.startswith("RS"):
            return "jwt_alg_mismatch"
        if verifier.get("use") == "jwks_file":
            jwk = [k for k in load_json(verifier["jwks_file"])["keys"] if k["kid"] == header.get("kid")]
            if not jwk:
                return "jwt_kid_unknown"
            n, e = (int.from_bytes(b64url_strict(jwk[0][m]), "big") for m in ("n", "e"))
            key = rsa.RSAPublicNumbers(e, n).public_key()
        else:
            key = serialization.load_pem_public_key(read(verifier["key_file"]))
        try:
            key.verify(decoded[2], signing_input, padding.PKCS1v15(), JWT_HASH[alg[2:]]())
        except (InvalidSignature, ValueError):
            return "signature_invalid"
    now, leeway = verifier["verify_at"], verifier["leeway_seconds"]
    if "exp" in payload and now >= payload["exp"] + leeway:
        return "jwt_expired"
    if "nbf" in payload and now < payload["nbf"] - leeway:
        return "jwt_not_yet_valid"
    return None


def check_jwt_negative(relative):
    cases = load_json(relative)["cases"]
    classes = error_classes()
    for case in cases:
        got = reference_verify(case["token"], case["verifier"])
        expected = case["expected"]
        expect(expected["error_class"] in classes, case["id"] + ": unknown class")
        expect(got in expected["acceptable_error_classes"], "%s: reference verifier says %s" % (case["id"], got))
    return "%d cases classified by a reference verifier into an accepted class" % len(cases)


# --- negative key inputs ---

def error_classes():
    return set(load_json("ERROR_CLASSES.json").keys())


def refuses(relative, passphrase):
    """True when both python-cryptography and openssl refuse to load the file as a private key."""
    data = read(relative)
    try:
        load_pem_private(data, passphrase.encode() if passphrase else None)
        return False
    except Exception:  # noqa: BLE001 - any refusal counts
        pass
    status, _, _ = openssl(["pkey", "-in", path(relative), "-passin", "pass:" + (passphrase or ""), "-noout"])
    return status != 0


def text_of(relative):
    return read(relative).decode("utf-8")


def pkcs1_der_main():
    return read("generated/keys/rsa2048/pkcs1.der")


def body_of(relative):
    """Base64 body text of the single armored block (no strict decoding)."""
    lines = text_of(relative).replace("\r\n", "\n").split("\n")
    return "".join(l for l in lines if l and not l.startswith("-----") and ":" not in l)


def key_algorithm_oid(der):
    info = der_children(der_whole(der)[1])
    return oid(der_children(info[1][1])[0][1])


def defect(case):
    """Checks that the case's input really has the defect its id names; returns a short word."""
    cid, relative = case["id"], case["file"]
    pw = case.get("passphrase")
    main_pw = "VectorGen shared passphrase #1"
    if cid.startswith("wrongpw-") or cid.startswith("nopw-"):
        entries = {f["name"]: f for f in load_json(os.path.dirname(relative) + "/MANIFEST.json")["files"]}
        right = entries[os.path.basename(relative)]["passphrase"]
        if cid.startswith("wrongpw-"):
            expect(pw != right, "the 'wrong' passphrase is the right one")
            expect(pw.encode().hex() == case["passphrase_utf8_hex"], "passphrase hex")
            status, _, _ = openssl(["pkey", "-provider", "legacy", "-provider", "default", "-in", path(relative),
                                    "-inform", "DER" if relative.endswith(".der") else "PEM", "-passin", "pass:" + pw, "-noout"])
            expect(status != 0, "openssl opens it with the wrong passphrase")
        else:
            expect(pw is None and right, "no passphrase case on an unencrypted file")
        return "the file opens only with its own passphrase (checked above)"
    if cid.startswith("public-as-private"):
        if relative.endswith(".json"):
            expect("d" not in load_json(relative), "JWK has d")
        else:
            expect("PUBLIC KEY" in pem_one(relative)[0], "not a public key")
        return "public key"
    data = read(relative)
    if cid == "pem-empty":
        expect(data == b"", "not empty")
    elif cid == "pem-not-pem":
        expect(b"-----BEGIN" not in data, "has armor")
    elif cid == "pem-no-begin":
        expect(b"-----BEGIN" not in data and b"-----END" in data, "has a BEGIN line")
    elif cid == "pem-truncated-no-footer":
        expect(b"-----BEGIN" in data and b"-----END" not in data, "has an END line")
    elif cid == "pem-mismatched-begin-end":
        expect(b"-----BEGIN RSA PRIVATE KEY-----" in data and b"-----END PRIVATE KEY-----" in data, "labels")
    elif cid.startswith("pem-base64"):
        body = body_of(relative)
        try:
            base64.b64decode(body, validate=True)
            raise Mismatch("body decodes")
        except (binascii.Error, ValueError):
            pass
    elif cid in ("pem-truncated-body", "der-outer-length-too-long", "der-inner-length-wrong",
                 "der-non-minimal-length", "der-trailing-bytes"):
        der = pem_one(relative)[2]
        try:
            der_children(der_whole(der)[1])
            reason = None
        except Mismatch as error:
            reason = str(error)
        expect(reason is not None, "the DER parses")
        wanted = {"pem-truncated-body": "length past the end", "der-outer-length-too-long": "length past the end",
                  "der-inner-length-wrong": "", "der-non-minimal-length": "non-minimal",
                  "der-trailing-bytes": "trailing bytes"}[cid]
        expect(wanted in reason, "DER defect is '%s'" % reason)
        return reason
    elif cid == "der-bad-version":
        version = der_children(der_whole(pem_one(relative)[2])[1])[0][1]
        expect(version not in (b"\x00", b"\x01"), "version %s" % version.hex())
    elif cid == "pem-label-pkcs1-as-pkcs8":
        label, _, der = pem_one(relative)
        expect(label == "PRIVATE KEY" and der == pkcs1_der_main(), "not the PKCS#1 DER under a PKCS#8 label")
    elif cid == "pem-label-spki-as-pkcs1-public":
        label, _, der = pem_one(relative)
        expect(label == "RSA PUBLIC KEY" and der == read("generated/keys/rsa2048/spki.der"), "not the SPKI DER under RSA PUBLIC KEY")
    elif cid.startswith("keytype-"):
        label, _, der = pem_one(relative)
        if label == "ENCRYPTED PRIVATE KEY":
            key = load_pem_private(read(relative), pw.encode())
            der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        if label == "EC PRIVATE KEY":
            status, out, _ = openssl(["ec", "-in", path(relative), "-noout", "-text"])
            expect(status == 0 and b"P-256" in out, "not a P-256 SEC1 key")
        else:
            want = {"keytype-ed25519-pkcs8": "1.3.101.112"}.get(cid, "1.2.840.10045.2.1")
            expect(key_algorithm_oid(der) == want, "algorithm %s" % key_algorithm_oid(der))
    elif cid == "legacy-unsupported-cipher":
        expect(pem_one(relative)[1]["DEK-Info"].startswith("CAMELLIA-256-CBC,"), "cipher")
        expect(openssl(["pkey", "-in", path(relative), "-passin", "pass:" + pw, "-noout"])[0] == 0, "openssl cannot open it")
    elif cid == "pkcs8-unsupported-cipher":
        params, _ = encrypted_pkcs8_parameters(pem_one(relative)[2])
        expect(params["cipher"] == "1.2.392.200011.61.1.1.1.4", "cipher %s" % params["cipher"])
    elif cid == "legacy-iv-too-short":
        iv = pem_one(relative)[1]["DEK-Info"].split(",")[1]
        expect(len(iv) == 16, "IV is %d hex digits" % len(iv))
    elif cid == "pkcs8-ciphertext-not-block-multiple":
        params, encrypted = encrypted_pkcs8_parameters(pem_one(relative)[2])
        expect(len(encrypted) % 16 != 0, "ciphertext is a multiple of 16")
    elif cid.startswith("jwk-"):
        jwk = load_json(relative)
        if cid == "jwk-missing-n":
            expect("n" not in jwk and "d" in jwk, "n present")
        elif cid == "jwk-n-padded":
            expect(jwk["n"].endswith("="), "n not padded")
        elif cid == "jwk-d-std-alphabet":
            expect(any(c in jwk["d"] for c in "+/"), "d has no + or /")
        elif cid == "jwk-kty-ec":
            expect(jwk["kty"] == "EC" and "n" in jwk, "kty")
        elif cid == "jwk-e-number":
            expect(isinstance(jwk["e"], int), "e is not a number")
        return "JWK defect present"
    else:
        raise Mismatch("no check for case " + cid)
    observed = case.get("observed", {}).values()
    if observed and all(o.startswith("rejected") for o in observed) and not relative.endswith(".json"):
        expect(refuses(relative, pw), "python-cryptography or openssl loads it, unlike the record in 'observed'")
    return "defect present"


def check_negative_cases(relative):
    cases = load_json(relative)["cases"]
    classes = error_classes()
    failed = []
    for case in cases:
        try:
            expect(case["expected"]["error_class"] in classes, "unknown class")
            NEGATIVE_CHECKED.setdefault(case["file"], []).append(defect(case))
        except Exception as error:  # noqa: BLE001 - reported per case, and on the input's own line
            failed.append("%s: %s" % (case["id"], error))
            NEGATIVE_CHECKED.setdefault(case["file"], []).append(Mismatch("case %s: %s" % (case["id"], error)))
    expect(not failed, "; ".join(failed))
    return "%d cases, each input shows its defect" % len(cases)


NEGATIVE_CHECKED = {}


def check_negative_input(relative):
    expect(relative in NEGATIVE_CHECKED, "no case in negative/cases.json uses it")
    for outcome in NEGATIVE_CHECKED[relative]:
        if isinstance(outcome, Exception):
            raise outcome
    return "its case in cases.json: " + "; ".join(NEGATIVE_CHECKED[relative])


# --- PEM variants, Box, indexes ---

def check_pem_variant(entry, folder):
    relative = folder + "/" + entry["name"]
    numbers = key_numbers(entry["expected_key_numbers"])
    text = read(relative)
    keys = "generated/keys/rsa2048/"
    name = entry["name"]
    if name.endswith("_crlf.pem"):
        original = {"pkcs1_crlf.pem": "pkcs1.pem", "pkcs8_encrypted_crlf.pem": "pkcs8_pbes2_aes256_sha256_iter2048.pem",
                    "legacy_aes256_crlf.pem": "legacy_aes256.pem"}[name]
        expect(b"\r\n" in text and text.replace(b"\r\n", b"\n") == read(keys + original), "not %s with CRLF" % original)
    elif name == "legacy_aes256_lowercase_iv.pem":
        original = read(keys + "legacy_aes256.pem")
        expect(text != original and text.lower() == original.lower(), "not legacy_aes256.pem with a lower-case IV")
    else:
        expect(pem_blocks(text.decode())[0][2] == read(keys + "pkcs8.der"), "body is not pkcs8.der")
    passphrase = entry.get("passphrase")
    if b"Proc-Type" in text:
        compare_private(load_der_private(legacy_decrypt(relative, passphrase)[1], None), numbers, "own")
    else:
        compare_private(load_pem_private(text, passphrase.encode() if passphrase else None), numbers,
                        "python-cryptography")
    compare_private(load_der_private(openssl_private_der(relative, passphrase), None), numbers, "openssl")
    return "transformation of the rsa2048 file confirmed; loads to key_numbers (openssl too)"


def check_pem_variant_cases(relative):
    manifest = {f["name"]: f for f in load_json("generated/pem_variants/MANIFEST.json")["files"]}
    cases = load_json(relative)["cases"]
    for case in cases:
        entry = manifest[os.path.basename(case["file"])]
        expect(entry["expected_key_numbers"] == case["key_numbers"] and entry.get("passphrase") == case.get("passphrase"),
               case["file"] + ": case and manifest disagree")
    expect(len(cases) == len(manifest) - 1, "not every variant has a case")
    return "%d cases agree with the manifest" % len(cases)


def check_box_config(entry, folder):
    relative = folder + "/" + entry["name"]
    config = load_json(relative)
    auth = config["boxAppSettings"]["appAuth"]
    expect(auth["privateKey"].encode() == read(entry["embedded_key_file"]), "privateKey is not " + entry["embedded_key_file"])
    expect(auth["passphrase"] == entry["passphrase"], "passphrase")
    numbers = key_numbers(entry["expected_key_numbers"])
    if "Proc-Type" in auth["privateKey"]:
        der = legacy_decrypt(entry["embedded_key_file"], auth["passphrase"])[1]
        compare_private(load_der_private(der, None), numbers, "own")
    else:
        compare_private(load_pem_private(auth["privateKey"].encode(), auth["passphrase"].encode()), numbers,
                        "python-cryptography")
    for token in load_json("generated/jwt/rs_tokens.json")["tokens"]:
        if token["id"].startswith("box-"):
            header, payload = json.loads(token["header_json"]), json.loads(token["payload_json"])
            enterprise = payload["box_sub_type"] != "enterprise" or payload["sub"] == config["enterpriseID"]
            expect(header["kid"] == auth["publicKeyID"] and payload["iss"] == config["boxAppSettings"]["clientID"]
                   and enterprise, token["id"] + " does not match the config")
    return "embedded key file, passphrase opens it to key_numbers; box-* tokens match the config"


def check_load_cases(relative):
    cases = load_json(relative)["cases"]
    for case in cases:
        folder = os.path.dirname(case["file"])
        entry = {f["name"]: f for f in load_json(folder + "/MANIFEST.json")["files"]}[os.path.basename(case["file"])]
        expect(entry.get("expected") in (case["expected"], None), case["file"] + ": expected differs from its manifest")
        expect(entry.get("passphrase") == case.get("passphrase"), case["file"] + ": passphrase differs from its manifest")
        expect(entry.get("key_numbers", entry.get("expected_key_numbers")) == case["key_numbers"], case["file"] + ": key numbers")
        expect(case["file"] in FILES_CHECKED, case["file"] + ": not checked")
    return "%d cases agree with the folders' manifests (files checked on their own lines)" % len(cases)


# --- KDF, hash, encoding ---

def check_evp(relative):
    tests = load_json(relative)["tests"]
    for t in tests:
        password = bytes.fromhex(t["passphrase_utf8_hex"])
        expect(password == t["passphrase"].encode(), "passphrase hex")
        key = evp_bytes_to_key(password, bytes.fromhex(t["salt_hex"]), t["key_len"])
        expect(key.hex() == t["key_hex"], "key for salt %s" % t["salt_hex"])
        expect(LEGACY_CIPHERS[t["dek_info_cipher"]][0] == t["key_len"], "key_len for " + t["dek_info_cipher"])
        if password:
            with tempfile.NamedTemporaryFile() as pw:
                pw.write(password)
                pw.flush()
                status, out, _ = openssl(["enc", "-" + t["dek_info_cipher"].lower(), "-provider", "legacy", "-provider",
                                          "default", "-md", "md5", "-S", t["salt_hex"], "-pass", "file:" + pw.name, "-P"])
            expect(status == 0 and ("key=" + t["key_hex"].upper()).encode() in out, "openssl enc -P disagrees")
    return "%d keys recomputed (hashlib MD5; openssl enc -P where the passphrase is not empty)" % len(tests)


def check_pbkdf2(relative):
    tests = load_json(relative)["tests"]
    for t in tests:
        name = {"HMAC-SHA-1": "sha1", "HMAC-SHA-256": "sha256", "HMAC-SHA-512": "sha512"}[t["prf"]]
        dk = hashlib.pbkdf2_hmac(name, bytes.fromhex(t["password_hex"]), bytes.fromhex(t["salt_hex"]), t["iterations"], t["dklen"])
        expect(dk.hex() == t["dk_hex"], "%s %s iter %d" % (t["prf"], t["password_hex"], t["iterations"]))
    return "%d derived keys recomputed (hashlib.pbkdf2_hmac)" % len(tests)


def check_md5(relative):
    tests = load_json(relative)["tests"]
    for t in tests:
        message = bytes.fromhex(t["message_hex"])
        expect(len(message) == t["length"] and hashlib.md5(message).hexdigest() == t["md5_hex"], t["id"])
    status, out, _ = openssl(["dgst", "-md5", "-r"], stdin=bytes.fromhex(tests[-1]["message_hex"]))
    expect(status == 0 and out.decode().split()[0] == tests[-1]["md5_hex"], "openssl dgst disagrees")
    return "%d digests recomputed (hashlib; last one by openssl dgst too)" % len(tests)


def check_sha2(relative):
    tests = load_json(relative)["tests"]
    for t in tests:
        message = bytes.fromhex(t["message_hex"])
        digest = hashlib.new(t["hash"].replace("-", "").lower(), message).hexdigest()
        expect(len(message) == t["length"] and digest == t["digest_hex"], "%s length %d" % (t["hash"], t["length"]))
    return "%d digests recomputed (hashlib)" % len(tests)


def check_base64(relative):
    data = load_json(relative)
    for t in data["valid"]:
        raw = bytes.fromhex(t["data_hex"])
        expect(len(raw) == t["length"] and base64.b64encode(raw).decode() == t["base64"] and b64url(raw) == t["base64url_nopad"],
               "length %d" % t["length"])
    for t in data["invalid_base64"]:
        try:
            raw = base64.b64decode(t["input"], validate=True)
            expect(base64.b64encode(raw).decode() != t["input"], "%r decodes canonically" % t["input"])
        except binascii.Error:
            pass
    for t in data["invalid_base64url_nopad"]:
        expect(b64url_strict(t["input"]) is None, "%r is valid base64url" % t["input"])
    return "%d encodings recomputed, %d invalid inputs refused by a strict decoder" % (
        len(data["valid"]), len(data["invalid_base64"]) + len(data["invalid_base64url_nopad"]))


# --- the one derived file among the copied pyca keys ---

def check_pyca_numbers(relative):
    """pyca_keys/expected_key_numbers.json: every key re-decoded by python-cryptography (and openssl)."""
    keys = load_json(relative)["keys"]
    manifest = {f["name"]: f for f in load_json("pyca_keys/MANIFEST.json")["files"]}
    for name, want in keys.items():
        entry, file = manifest[name], "pyca_keys/" + name
        data, password = read(file), entry.get("password")
        numbers = {k: (int_hex(v) if k in ("n", "d", "p", "q", "dp", "dq", "qi") else v) for k, v in want.items()}
        expect(hashlib.sha256(unsigned_bytes(numbers["n"])).hexdigest() == entry["expected_key"]["n_sha256"], name + ": n_sha256")
        expect(numbers["n"].bit_length() == want["bits"], name + ": bits")
        der = name.endswith(".der")
        if want["type"] == "rsa-public":
            if b"RSA PUBLIC KEY" in data:
                key = serialization.load_pem_public_key(data)
            else:
                key = (serialization.load_der_public_key if der else serialization.load_pem_public_key)(data)
            compare_public(key, numbers, name)
            continue
        load = serialization.load_der_private_key if der else serialization.load_pem_private_key
        got = load(data, password.encode() if password else None).private_numbers()
        for member, value in (("n", got.public_numbers.n), ("e", got.public_numbers.e), ("d", got.d), ("p", got.p), ("q", got.q)):
            if member in numbers:
                expect(value == numbers[member], "%s: %s differs" % (name, member))
        opened = load_der_private(openssl_private_der(file, password), None).private_numbers()
        expect(opened.d == got.d and opened.public_numbers.n == numbers["n"], name + ": openssl disagrees")
    return "%d keys re-decoded to these numbers (python-cryptography; private ones by openssl too)" % len(keys)


# --- driver ---

FILES_CHECKED = {}

BY_NAME = {
    "generated/hash/md5_boundaries.json": check_md5,
    "generated/hash/sha2_padding_boundaries.json": check_sha2,
    "generated/kdf/legacy_pem_evp_bytes_to_key.json": check_evp,
    "generated/kdf/pbkdf2_hmac_sha1_sha256_sha512.json": check_pbkdf2,
    "generated/encoding/base64_cases.json": check_base64,
    "generated/jwt/rs_tokens.json": check_rs_tokens,
    "generated/jwt/hs_tokens.json": check_hs_tokens,
    "generated/jwt/jwks.json": check_jwks,
    "generated/jwt/negative_cases.json": check_jwt_negative,
    "generated/negative/cases.json": check_negative_cases,
    "generated/pem_variants/cases.json": check_pem_variant_cases,
    "generated/load_cases.json": check_load_cases,
}


def check(entry, folder):
    relative = folder + "/" + entry["name"]
    data = read(relative)
    expect(len(data) == entry["size"], "size %d, manifest says %d" % (len(data), entry["size"]))
    expect(hashlib.sha256(data).hexdigest() == entry["sha256"], "SHA-256 differs from the manifest")
    if relative == "pyca_keys/expected_key_numbers.json":
        return check_pyca_numbers(relative)
    if relative in BY_NAME:
        return BY_NAME[relative](relative)
    if entry["name"] == "key_numbers.json":
        return check_key_numbers(relative)
    if entry["name"] == "signatures.json":
        return check_signatures(relative)
    if folder.startswith("generated/keys/"):
        return check_key_file(entry, folder)
    if folder == "generated/negative":
        return check_negative_input(relative)
    if folder == "generated/pem_variants":
        return check_pem_variant(entry, folder)
    if folder == "generated/box":
        return check_box_config(entry, folder)
    raise Mismatch("no check for this file")


def manifests():
    found = []
    for directory, _, names in os.walk(path(GENERATED)):
        if "MANIFEST.json" in names:
            found.append(os.path.relpath(directory, ROOT))
    return sorted(found)


def order(folder_entries):
    """Files before the indexes that refer to them: negative inputs after cases.json, load_cases last."""
    def rank(item):
        relative = item[0] + "/" + item[1]["name"]
        if relative == "generated/load_cases.json":
            return 3
        if relative == "generated/negative/cases.json":
            return 1
        if item[0] == "generated/negative":
            return 2
        return 0
    return sorted(folder_entries, key=lambda item: (rank(item), item[0], item[1]["name"]))


def main():
    failures = 0
    listed = set()
    entries = []
    for folder in manifests():
        manifest = load_json(folder + "/MANIFEST.json")
        expect(manifest["folder"] == folder, folder + "/MANIFEST.json names folder " + manifest["folder"])
        for sub in manifest.get("subfolders", []):
            expect(os.path.isdir(path(folder + "/" + sub)), folder + ": subfolder %s missing" % sub)
        for entry in manifest["files"]:
            entries.append((folder, entry))
            listed.add(folder + "/" + entry["name"])
    pyca = [e for e in load_json("pyca_keys/MANIFEST.json")["files"] if e["name"] == "expected_key_numbers.json"]
    entries += [("pyca_keys", e) for e in pyca]
    for folder, entry in order(entries):
        relative = folder + "/" + entry["name"]
        try:
            FILES_CHECKED[relative] = check(entry, folder)
            print("ok   %s: %s" % (relative, FILES_CHECKED[relative]))
        except Exception as error:  # noqa: BLE001 - any exception is this file's failure
            failures += 1
            print("FAIL %s: %s: %s" % (relative, type(error).__name__, error))
    for directory, _, names in os.walk(path(GENERATED)):
        for name in sorted(names):
            relative = os.path.relpath(os.path.join(directory, name), ROOT)
            if name != "MANIFEST.json" and relative not in listed:
                failures += 1
                print("FAIL %s: not listed in its folder's MANIFEST.json" % relative)
    print("%d files checked, %d failed" % (len(entries), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
