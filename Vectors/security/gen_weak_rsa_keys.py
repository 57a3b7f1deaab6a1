#!/usr/bin/env python3
"""Writes weak_rsa_keys.json: RSA private keys whose eight numbers are consistent (p·q = n,
e·dP ≡ 1 mod p−1, e·dQ ≡ 1 mod q−1, qInv·q ≡ 1 mod p) but weak, each with the error code a
careful importer gives it (the checks of Go's crypto/internal/fips140/rsa, FIPS 186-5 A.1.3):

  p3            p = 3 and a 2048-bit q: a "2050-bit" key that factors at once
  unbalanced    a 700-bit and a 1350-bit prime: the smaller is far below half the modulus
  close         |p − q| < 2^(nlen/2 − 100): Fermat's method factors it at once
  small_d       d < 2^(nlen/2): p − 1 and q − 1 share a large factor, so λ(n) is small
  good          a normal 2048-bit key from the same generator, which must load

Deterministic (seeded); the primes are checked with 40 Miller-Rabin rounds. Python 3.8+.
usage: python3 gen_weak_rsa_keys.py > weak_rsa_keys.json
"""
import json, random

rng = random.Random(20261203)


def is_prime(n):
    if n < 2:
        return False
    for sp in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % sp == 0:
            return n == sp
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(40):
        a = rng.randrange(2, n - 1)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(bits, e):
    while True:
        p = rng.getrandbits(bits) | (1 << (bits - 1)) | (3 << (bits - 2)) | 1
        if p.bit_length() == bits and (p - 1) % e != 0 and is_prime(p):
            return p


def lcm(a, b):
    from math import gcd
    return a * b // gcd(a, b)


def key(p, q, e, d=None):
    lam = lcm(p - 1, q - 1)
    if d is None:
        d = pow(e, -1, lam)
    assert (e * d) % lam == 1
    h = lambda x: "%x" % x
    return {"n": h(p * q), "e": h(e), "d": h(d), "p": h(p), "q": h(q),
            "dp": h(d % (p - 1)), "dq": h(d % (q - 1)), "qi": h(pow(q, -1, p)), "bits": (p * q).bit_length()}


cases = []
e = 65537

q = prime(2048, e)
cases.append(dict(id="p3", description="p = 3 with a 2048-bit q (n has 2050 bits)", expected="key_primes_unbalanced", **key(3, q, e)))

cases.append(dict(id="unbalanced", description="a 700-bit and a 1350-bit prime", expected="key_primes_unbalanced",
                  **key(prime(1350, e), prime(700, e), e)))

p = prime(1024, e)
c = p + 2 + 2 * rng.getrandbits(400)
while not (is_prime(c) and (c - 1) % e != 0):
    c += 2
cases.append(dict(id="close", description="1024-bit primes with |p - q| < 2^412 (about 2^401)", expected="key_primes_too_close",
                  **key(c, p, e)))

# small_d: p − 1 = 2·a·r, q − 1 = 2·b·r with r of 1004 bits, so λ(n) = 2·a·b·r has about
# 1044 bits; e (a 31-bit prime) with λ(n) ≡ −1 mod e gives d = (λ(n) + 1)/e of about 1013 bits.
e_big = 2147483659
while True:
    a, b = rng.getrandbits(20) | 1, rng.getrandbits(20) | 1
    from math import gcd
    if a != b and gcd(a, b) == 1 and gcd(a * b, e_big) == 1:
        break
r0 = (-pow(2 * a * b, -1, e_big)) % e_big
while True:
    r = r0 + e_big * rng.getrandbits(1004 - 31)
    pp, qq = 2 * a * r + 1, 2 * b * r + 1
    if is_prime(pp) and is_prime(qq):
        break
lam = lcm(pp - 1, qq - 1)
assert (lam + 1) % e_big == 0
small = key(pp, qq, e_big, (lam + 1) // e_big)
cases.append(dict(id="small_d", description="p - 1 and q - 1 share a 1004-bit factor; d has %d bits, n %d" % (int(small["d"], 16).bit_length(), small["bits"]),
                  expected="key_private_exponent_too_small", **small))

cases.append(dict(id="good", description="a normal 2048-bit key from this generator", expected="ok",
                  **key(prime(1024, e), prime(1024, e), e)))

print(json.dumps({"generator": "Vectors/security/gen_weak_rsa_keys.py", "cases": cases}, indent=1))
