/// The import policy for RSA keys: which modulus sizes load.

/// Options for importing RSA keys.
///
/// The default (`[]`) accepts moduli of 2048 to 16384 bits. `.unsafeAllowSmallKeys` lowers the
/// floor to 1024 bits, for legacy keys only: a 1024-bit RSA key is within reach of well-funded
/// attackers and must not protect anything new.
public struct RSAKeyOptions: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Lets keys of 1024 up to 2047 bits load (legacy only; see the type's documentation).
    public static let unsafeAllowSmallKeys = RSAKeyOptions(rawValue: 1 << 0)

    /// The smallest modulus, in bits, these options accept.
    public var minimumModulusBitCount: Int { contains(.unsafeAllowSmallKeys) ? 1024 : 2048 }

    /// The largest modulus accepted under any options.
    public static let maximumModulusBitCount = 16384
}
