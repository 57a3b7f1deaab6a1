// Start-up for a Cortex-M4 (ARMv7-M): the vector table the core reads at reset, and the reset
// handler that sets up memory the way compiled code expects before calling the program.
// The memory map comes from the linker script, Embedded/Platform/armv7em.ld.

#if arch(arm)
import _Volatile
import EmbeddedRuntime

// Linker-script symbols; only their addresses mean anything.
@_extern(c) nonisolated(unsafe) private var __data_start: UInt32
@_extern(c) nonisolated(unsafe) private var __data_end: UInt32
@_extern(c) nonisolated(unsafe) private var __data_load: UInt32
@_extern(c) nonisolated(unsafe) private var __bss_start: UInt32
@_extern(c) nonisolated(unsafe) private var __bss_end: UInt32
/// The initial stack pointer, the top of the stack region (the linker script's `__initial_sp`).
/// Declared as a function so that the vector table, a constant, can hold its address.
@_extern(c) private func __initial_sp()

/// `bkpt 0xab` then `bx lr` as Thumb halfwords: the semihosting trap that EmbeddedRuntime's
/// `Semihosting.call` branches to. Swift has no inline assembly, hence two instruction words in a
/// section the linker script places in flash under the name `__semihosting_trap`.
@section(".text.semihosting") @used
nonisolated(unsafe) var semihostingTrap: (UInt16, UInt16) = (0xBEAB, 0x4770)

typealias ExceptionHandler = @convention(c) () -> Void

@inline(__always)
private func address(_ symbol: UnsafeMutablePointer<UInt32>) -> UInt { UInt(bitPattern: symbol) }

/// Runs first after reset, on the stack from the vector table: copies `.data`'s initial values
/// from flash to RAM, zeroes `.bss` (no Swift global may be touched before both), paints the
/// stack for the memory report, then runs the program and exits with its status.
@_cdecl("reset_handler")
public func resetHandler() {
    // Volatile word stores: these loops must not become calls to memcpy/memset, which would run
    // before the memory they rely on is ready.
    var source = address(&__data_load)
    var target = address(&__data_start)
    let dataEnd = address(&__data_end)
    while target < dataEnd {
        VolatileMappedRegister<UInt32>(unsafeBitPattern: target).store(VolatileMappedRegister<UInt32>(unsafeBitPattern: source).load())
        target += 4
        source += 4
    }
    target = address(&__bss_start)
    let bssEnd = address(&__bss_end)
    while target < bssEnd {
        VolatileMappedRegister<UInt32>(unsafeBitPattern: target).store(0)
        target += 4
    }
    StackGauge.paint()
    MPS2Timer.start()
    Semihosting.exit(embedded_main())
}

/// The program's entry point (`@_cdecl("embedded_main")` in the program's module).
@_extern(c) private func embedded_main() -> Int32

/// Any fault (a trap from a failed check, a bad address, a stack overflow that the core can still
/// report): one line on standard error and exit status 70, instead of a silent hang.
@_cdecl("fault_handler")
public func faultHandler() {
    Platform.writeStandardError("fatal: processor fault (a failed check or a bad memory access)\n" as StaticString)
    Semihosting.exit(70)
}

/// The ARMv7-M vector table (ARMv7-M ARM B1.5.3): the initial stack pointer, then the handlers for
/// reset, NMI, HardFault, MemManage, BusFault and UsageFault, four reserved words, SVCall,
/// DebugMonitor, one reserved word, PendSV and SysTick. The program uses no interrupts.
@section(".vectors") @used
let vectorTable: (
    ExceptionHandler, ExceptionHandler, ExceptionHandler, ExceptionHandler,
    ExceptionHandler, ExceptionHandler, ExceptionHandler, UInt32,
    UInt32, UInt32, UInt32, ExceptionHandler,
    ExceptionHandler, UInt32, ExceptionHandler, ExceptionHandler
) = (
    __initial_sp, resetHandler, faultHandler, faultHandler,
    faultHandler, faultHandler, faultHandler, 0,
    0, 0, 0, faultHandler,
    faultHandler, 0, faultHandler, faultHandler
)

#endif
