// Wiping the private numbers of decoded key material (see SecretWipe in PureCrypto).

import PureCrypto

extension RSAKeyMaterial {
    /// Zeroes the private numbers (d and the CRT members); the public ones stay.
    package mutating func wipeSecrets() {
        SecretWipe.wipe(&privateExponent, "private exponent")
        if var c = crt {
            crt = nil
            SecretWipe.wipe(&c.p, "prime p")
            SecretWipe.wipe(&c.q, "prime q")
            SecretWipe.wipe(&c.dp, "CRT exponent dP")
            SecretWipe.wipe(&c.dq, "CRT exponent dQ")
            SecretWipe.wipe(&c.qi, "CRT coefficient")
        }
    }
}
