/// The constant-time kernel behind `Base64` and `Base64URL` (RFC 4648 sections 4 and 5).
///
/// Both directions compute each character or 6-bit value arithmetically from masks (see
/// `ASCIIMask.swift`), never by indexing a table with secret data, so that decoding a private
/// key's PEM body or encoding a secret does not leak it through the data cache or the branch
/// predictor. What may leak: the input length, the number and positions of whitespace characters
/// skipped, the number of trailing `=`, and whether the input as a whole is valid.

/// The two RFC 4648 alphabets differ only in the characters for 62 and 63.
@usableFromInline
struct Base64Alphabet: Sendable {
    @usableFromInline let char62: Int32
    @usableFromInline let char63: Int32

    /// RFC 4648 section 4: `+` and `/`.
    @usableFromInline static let standard = Base64Alphabet(char62: 0x2B, char63: 0x2F)
    /// RFC 4648 section 5: `-` and `_` (URL and filename safe).
    @usableFromInline static let url = Base64Alphabet(char62: 0x2D, char63: 0x5F)

    /// The character for the 6-bit value `v` (in `0...63`), without a branch or table.
    @inline(__always)
    func character(_ v: Int32) -> UInt8 {
        let upper = asciiRangeMask(v, 0, 25)    // 'A'...'Z'
        let lower = asciiRangeMask(v, 26, 51)   // 'a'...'z'
        let digit = asciiRangeMask(v, 52, 61)   // '0'...'9'
        let c = (upper & (v &+ 65)) | (lower & (v &+ 71)) | (digit & (v &- 4))
            | (asciiEqualMask(v, 62) & char62) | (asciiEqualMask(v, 63) & char63)
        return UInt8(truncatingIfNeeded: c)
    }

    /// The 6-bit value of character `c`, and an error mask that is all ones when `c` is not in
    /// this alphabet (`=` included). No branch, no table.
    @inline(__always)
    func value(_ c: UInt8) -> (value: Int32, invalid: Int32) {
        let x = Int32(c)
        let upper = asciiRangeMask(x, 65, 90)
        let lower = asciiRangeMask(x, 97, 122)
        let digit = asciiRangeMask(x, 48, 57)
        let is62 = asciiEqualMask(x, char62)
        let is63 = asciiEqualMask(x, char63)
        let v = (upper & (x &- 65)) | (lower & (x &- 71)) | (digit & (x &+ 4)) | (is62 & 62) | (is63 & 63)
        return (v, ~(upper | lower | digit | is62 | is63))
    }
}

/// Why a decode failed. Only public facts: the shape of the input, never which character.
@usableFromInline
enum Base64Failure: Error, Sendable {
    /// Padded input whose length is not a multiple of 4, or a length of 4k + 1 characters.
    case impossibleLength
    /// A character outside the alphabet (including whitespace and a misplaced `=`), or non-zero
    /// unused bits in the last character.
    case invalidContent
}

@usableFromInline
enum Base64Codec {
    /// Encoded length of `count` bytes.
    @inlinable
    static func encodedCount(_ count: Int, padded: Bool) -> Int {
        padded ? (count + 2) / 3 * 4 : (count * 4 + 2) / 3
    }

    /// Encodes `input` into `output`, which must hold exactly `encodedCount(input.count, padded:)`
    /// bytes. Time depends only on `input.count`.
    @usableFromInline
    static func encode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>,
                       alphabet: Base64Alphabet, padded: Bool) {
        let n = input.count
        var i = 0
        var o = 0
        while i + 3 <= n {
            let b = Int32(input[i]) << 16 | Int32(input[i + 1]) << 8 | Int32(input[i + 2])
            output[o] = alphabet.character(b >> 18)
            output[o + 1] = alphabet.character((b >> 12) & 63)
            output[o + 2] = alphabet.character((b >> 6) & 63)
            output[o + 3] = alphabet.character(b & 63)
            i += 3
            o += 4
        }
        let rest = n - i
        if rest == 1 {
            let b = Int32(input[i]) << 16
            output[o] = alphabet.character(b >> 18)
            output[o + 1] = alphabet.character((b >> 12) & 63)
            o += 2
            if padded {
                output[o] = 0x3D
                output[o + 1] = 0x3D
                o += 2
            }
        } else if rest == 2 {
            let b = Int32(input[i]) << 16 | Int32(input[i + 1]) << 8
            output[o] = alphabet.character(b >> 18)
            output[o + 1] = alphabet.character((b >> 12) & 63)
            output[o + 2] = alphabet.character((b >> 6) & 63)
            o += 3
            if padded {
                output[o] = 0x3D
                o += 1
            }
        }
    }

    /// Decodes `input`. `padded` requires RFC 4648 padding (length a multiple of 4, at most two
    /// trailing `=`); otherwise no `=` is accepted at all. Strict: every character must be in the
    /// alphabet, and the unused low bits of the last character must be zero (RFC 4648 section 3.5),
    /// so each byte string has exactly one accepted encoding.
    ///
    /// Constant-time in the character values: the error mask is accumulated over the whole input
    /// and examined once. On failure the partially decoded output is zeroed before it is dropped.
    @usableFromInline
    static func decode(_ input: UnsafeBufferPointer<UInt8>, alphabet: Base64Alphabet,
                       padded: Bool) -> Result<[UInt8], Base64Failure> {
        var n = input.count
        if padded {
            guard n % 4 == 0 else { return .failure(.impossibleLength) }
            // Positions of '=' are public (they follow from the decoded length): declassified.
            if n >= 1 && Choice.equal(UInt64(input[n - 1]), 0x3D).declassified { n -= 1 }
            if n >= 1 && Choice.equal(UInt64(input[n - 1]), 0x3D).declassified { n -= 1 }
        }
        let rest = n % 4
        guard rest != 1 else { return .failure(.impossibleLength) }
        let outCount = n / 4 * 3 + (rest == 0 ? 0 : rest - 1)
        var error: Int32 = 0
        var output = [UInt8](unsafeUninitializedCapacity: outCount) { out, initialized in
            var i = 0
            var o = 0
            while i + 4 <= n {
                let a = alphabet.value(input[i])
                let b = alphabet.value(input[i + 1])
                let c = alphabet.value(input[i + 2])
                let d = alphabet.value(input[i + 3])
                error |= a.invalid | b.invalid | c.invalid | d.invalid
                let v = a.value << 18 | b.value << 12 | c.value << 6 | d.value
                out[o] = UInt8(truncatingIfNeeded: v >> 16)
                out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                out[o + 2] = UInt8(truncatingIfNeeded: v)
                i += 4
                o += 3
            }
            if rest == 2 {
                let a = alphabet.value(input[i])
                let b = alphabet.value(input[i + 1])
                // 12 bits carry 8: the low 4 bits of the second character must be zero.
                error |= a.invalid | b.invalid | (b.value & 0x0F)
                out[o] = UInt8(truncatingIfNeeded: a.value << 2 | b.value >> 4)
                o += 1
            } else if rest == 3 {
                let a = alphabet.value(input[i])
                let b = alphabet.value(input[i + 1])
                let c = alphabet.value(input[i + 2])
                // 18 bits carry 16: the low 2 bits of the third character must be zero.
                error |= a.invalid | b.invalid | c.invalid | (c.value & 0x03)
                let v = a.value << 10 | b.value << 4 | c.value >> 2
                out[o] = UInt8(truncatingIfNeeded: v >> 8)
                out[o + 1] = UInt8(truncatingIfNeeded: v)
                o += 2
            }
            initialized = o
        }
        // The one place the validity of the whole input becomes public.
        if !Choice.isZero(UInt64(UInt32(bitPattern: error))).declassified {
            wipe(&output)
            return .failure(.invalidContent)
        }
        return .success(output)
    }

    /// Copies `input` without CR, LF, space and tab, branch-free: every byte is written, and the
    /// write position advances only past kept bytes. Leaks the count and positions of whitespace.
    @usableFromInline
    static func removingWhitespace(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: input.count) { out, initialized in
            var j = 0
            for c in input {
                let x = Int32(c)
                let space = asciiEqualMask(x, 0x20) | asciiEqualMask(x, 0x09)
                    | asciiEqualMask(x, 0x0A) | asciiEqualMask(x, 0x0D)
                out[j] = c
                j &+= Int(1 &+ space)   // space is 0 or -1
            }
            // Bytes past `j` were written but are not part of the result: clear them.
            for k in j..<input.count { out[k] = 0 }
            initialized = j
        }
    }

    /// Overwrites `bytes` with zeros (best effort: the optimizer may not remove stores to memory
    /// it cannot see freed, but nothing stronger exists without C).
    @usableFromInline
    static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBufferPointer { buf in
            for k in buf.indices { buf[k] = 0 }
        }
    }
}
