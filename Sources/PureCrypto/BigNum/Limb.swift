/// The word a `Nat` is made of: the one place that chooses the limb width for the target.
///
/// 64-bit limbs on 64-bit targets (one `mul` gives a 128-bit product); 32-bit limbs on 32-bit
/// targets (wasm32, armv7em), where a 32 × 32 → 64-bit product is one native instruction and a
/// 64 × 64 → 128-bit one would be a long software routine. Every bignum loop, shift count and
/// byte↔limb conversion is written in terms of `Limb`, `limbBitWidth` and `limbByteCount`.
///
/// `-Xswiftc -DPUREJWT_LIMB32` forces 32-bit limbs on a 64-bit host, so the whole test suite, the
/// vectors and ct-check can run the 32-bit arithmetic here (the flag goes on the command line,
/// never in Package.swift). The unrolled Montgomery kernels (MontgomeryKernel*.swift) and their
/// dispatch compile only under the complementary condition, `!(PUREJWT_LIMB32 ||
/// _pointerBitWidth(_32))`: Swift cannot name a condition, so those files repeat it, and
/// `MontgomeryKernelGenerationTests` checks that the kernels are present exactly when limbs are
/// 64 bits wide.
#if PUREJWT_LIMB32 || _pointerBitWidth(_32)
typealias Limb = UInt32
#else
typealias Limb = UInt64
#endif

/// Bits in a limb: 64 or 32. (Computed, not stored: a constant with no global initializer.)
@inline(__always) var limbBitWidth: Int { Limb.bitWidth }

/// Bytes in a limb: 8 or 4.
@inline(__always) var limbByteCount: Int { Limb.bitWidth / 8 }
