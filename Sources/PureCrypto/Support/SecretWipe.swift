/// Overwriting secret bytes before their memory is released (Docs/SECURITY.md, "Wiping
/// secrets"): decrypted key DER, PEM bodies of private keys, KDF output, key numbers in
/// transit, passphrase copies the library makes. Swift cannot wipe every copy: value types have
/// no deinit, copy-on-write buffers are shared, and registers and stack temporaries are out of
/// reach, so this is applied to the buffers the code owns when it is done with them.

/// Zeroing of owned buffers.
package enum SecretWipe {
    /// Writes zeros over `buffer` through a call the optimizer cannot see into (`@_optimize(none)`
    /// keeps LLVM's interprocedural passes out, so the stores cannot be proven dead and removed
    /// before the memory is freed). Leaks the length only.
    @inline(never)
    @_optimize(none)
    package static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
        var i = 0
        while i < buffer.count {
            buffer[i] = 0
            i += 1
        }
    }

    /// Zeroes `bytes` in place (its own buffer when uniquely referenced, as every caller
    /// arranges) and leaves it empty-valued but the same length. `what` names the secret for
    /// the test hook.
    package static func wipe(_ bytes: inout [UInt8], _ what: StaticString) {
        bytes.withUnsafeMutableBytes { buffer in
            zero(buffer)
            #if !hasFeature(Embedded)
            observer?(what, UnsafeRawBufferPointer(buffer))
            #endif
        }
    }

    /// Zeroes an optional array of bytes (absent numbers of a public key).
    package static func wipe(_ bytes: inout [UInt8]?, _ what: StaticString) {
        guard var b = bytes else { return }
        bytes = nil  // `b` is now the only reference: zeroed in place
        wipe(&b, what)
    }

    #if !hasFeature(Embedded)
    /// Test hook: called with each buffer just after it is zeroed, before it is released, so a
    /// test can see that the secret it expects was wiped, and wiped where it lived.
    nonisolated(unsafe) static var observer: ((StaticString, UnsafeRawBufferPointer) -> Void)?
    #endif
}
