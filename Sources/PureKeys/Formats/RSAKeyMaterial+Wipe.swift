// Wiping the private numbers of decoded key material (see SecretWipe in PureCrypto).

import PureCrypto

extension RSAKeyMaterial {
    /// Zeroes the private numbers (d and the CRT members); the public ones stay.
    package mutating func wipeSecrets() { numbers.wipeSecrets() }
}
