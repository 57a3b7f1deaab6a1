// How deep the stack went: paint the unused stack with a pattern at start-up, then find the
// lowest word that no longer holds it. The stack's bounds are linker symbols: wasm-ld defines
// `__stack_low` and `__stack_high` (with `--stack-first` the stack sits at the bottom of linear
// memory); on Arm the linker script reserves the region under the same names.

#if arch(wasm32) || arch(arm)
import _Volatile

@_extern(c) nonisolated(unsafe) private var __stack_low: UInt32
@_extern(c) nonisolated(unsafe) private var __stack_high: UInt32

private let paintWord: UInt32 = 0x5AC3_A55A

public enum StackGauge {
    static var low: UInt { UInt(bitPattern: withUnsafeMutablePointer(to: &__stack_low) { $0 }) }
    static var high: UInt { UInt(bitPattern: withUnsafeMutablePointer(to: &__stack_high) { $0 }) }

    /// Paints from the stack's lowest address to 256 bytes below this function's own frame.
    @inline(never)
    public static func paint() {
        var marker: UInt32 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        var address = low
        while address + 256 < here {
            VolatileMappedRegister<UInt32>(unsafeBitPattern: address).store(paintWord)
            address += 4
        }
    }

    /// The bytes of stack used so far at the deepest point.
    static func highWaterMark() -> Int {
        var address = low
        while address < high && VolatileMappedRegister<UInt32>(unsafeBitPattern: address).load() == paintWord {
            address += 4
        }
        return Int(high - address)
    }
}

extension Platform {
    /// One line of figures: the heap arena's high-water mark and size, the stack's, and on the
    /// Cortex-M4 the 25 MHz timer ticks since reset (×40 = instructions under `-icount shift=0`).
    public static func memoryReport() -> String {
        var line = "heap_high_water=\(HeapStatistics.highWaterMark) heap_peak_in_use=\(HeapStatistics.peakInUse) heap_capacity=\(HeapStatistics.capacity) stack_high_water=\(StackGauge.highWaterMark()) stack_capacity=\(Int(StackGauge.high - StackGauge.low))"
        #if arch(arm)
        line += " timer_ticks_25mhz=\(MPS2Timer.elapsedTicks)"
        #endif
        return line
    }
}
#endif
