/// Hexadecimal (RFC 4648 section 8, base16), strict, constant-time in the byte values.
///
/// Encoding writes lowercase; decoding accepts either case. Hex often carries secrets (an HMAC
/// key given on a command line), so each digit's value is computed arithmetically from masks,
/// never through a table or a branch on the digit.
package enum Hex {
    /// Encodes `bytes` as lowercase hex. Time depends only on `bytes.count`.
    @inlinable
    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(hexDigit(Int32(b >> 4)))
            out.append(hexDigit(Int32(b & 0x0F)))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex text of either case strictly.
    ///
    /// Rejected with `CryptoError.Code.hexInvalid`: an odd number of digits, any character that
    /// is not `0-9 a-f A-F` (no whitespace, no `0x` prefix, no separators).
    ///
    /// Constant-time in the digit values: may leak the length and whether the text is valid.
    @inlinable
    package static func decode(_ text: some StringProtocol) throws(CryptoError) -> [UInt8] {
        try decode(text.utf8)
    }

    /// Decodes the ASCII bytes of hex text; the same rules as `decode(_:)` for strings.
    @inlinable
    package static func decode(_ bytes: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        guard bytes.count % 2 == 0 else {
            throw CryptoError(.hexInvalid, "hex text has an odd number of digits (\(bytes.count)): each byte takes two")
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count / 2)
        var error: Int32 = 0
        var high: Int32 = 0
        var isHigh = true   // alternates with the position: public
        for c in bytes {
            let digit = hexValue(c)
            error |= digit.invalid
            if isHigh {
                high = digit.value
            } else {
                out.append(UInt8(truncatingIfNeeded: high << 4 | digit.value))
            }
            isHigh.toggle()
        }
        if error != 0 {
            for k in out.indices { out[k] = 0 }
            throw CryptoError(.hexInvalid, "not valid hex: a character outside 0-9 a-f A-F")
        }
        return out
    }
}

extension CryptoError.Code {
    /// Text that is not valid hex.
    public static let hexInvalid = CryptoError.Code("hex_invalid")
}

/// The lowercase digit for `v` in `0...15`: `'0' + v`, plus 39 more (`'a' - '0' - 10`) when `v > 9`.
@inlinable @inline(__always)
func hexDigit(_ v: Int32) -> UInt8 {
    UInt8(truncatingIfNeeded: v &+ 48 &+ (asciiRangeMask(v, 10, 15) & 39))
}

/// The value of hex digit `c`, and a mask that is all ones when `c` is not a hex digit.
@inlinable @inline(__always)
func hexValue(_ c: UInt8) -> (value: Int32, invalid: Int32) {
    let x = Int32(c)
    let digit = asciiRangeMask(x, 48, 57)
    let lower = asciiRangeMask(x, 97, 102)
    let upper = asciiRangeMask(x, 65, 70)
    let v = (digit & (x &- 48)) | (lower & (x &- 87)) | (upper & (x &- 55))
    return (v, ~(digit | lower | upper))
}
