// A run-time counter for measuring the Cortex-M4 image under QEMU: timer 0 of the mps2-an386
// board, a CMSDK APB timer at 0x4000_0000 (Arm DDI 0479C, 4.4) clocked at the board's 25 MHz.
// With `qemu-system-arm -icount shift=0` QEMU's virtual clock advances exactly 1 ns per executed
// instruction, so each tick of this timer is 40 instructions. Other boards put other peripherals
// at this address: only the mps2-an386 start-up starts it.

#if arch(arm)
import _Volatile

public enum MPS2Timer {
    private static let control = VolatileMappedRegister<UInt32>(unsafeBitPattern: 0x4000_0000)
    private static let value = VolatileMappedRegister<UInt32>(unsafeBitPattern: 0x4000_0004)
    private static let reload = VolatileMappedRegister<UInt32>(unsafeBitPattern: 0x4000_0008)

    /// Starts counting down from 2^32 − 1 (it wraps after 171 s of virtual time).
    public static func start() {
        reload.store(UInt32.max)
        value.store(UInt32.max)
        control.store(1)
    }

    /// 25 MHz ticks since `start()`.
    public static var elapsedTicks: UInt32 { UInt32.max - value.load() }
}
#endif
