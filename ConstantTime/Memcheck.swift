// Valgrind memcheck client requests from Swift, without C or inline assembly (test code only).
//
// A client request is a "magic" x86_64 sequence that does nothing natively and that valgrind's
// JIT recognises (valgrind.h, PLAT_amd64_linux): `rolq $3,%rdi; rolq $13,%rdi; rolq $61,%rdi;
// rolq $51,%rdi` (the four rotations add up to 128 bits, so %rdi is unchanged) then
// `xchgq %rbx,%rbx`, with %rax = address of {request, arg1...arg5} and the result in %rdx
// (%rdx holds the default beforehand, returned unchanged when not under valgrind).
// We write that machine code into an mmap'ed page and call it through a C function pointer.
// The sequence is x86-64 Linux's: elsewhere every request returns its default (as natively),
// so ct-check builds on every platform and checks only where valgrind runs it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

enum Memcheck {
    /// `uint64_t request(uint64_t *args /* rdi */, uint64_t defaultResult /* rsi */)`.
    private typealias Trampoline = @convention(c) (UnsafeMutablePointer<UInt>, UInt) -> UInt

    private static let code: [UInt8] = [
        0x48, 0x89, 0xF8,        // mov  %rdi, %rax      args block
        0x48, 0x89, 0xF2,        // mov  %rsi, %rdx      default result
        0x48, 0xC1, 0xC7, 0x03,  // rol  $3,  %rdi  \
        0x48, 0xC1, 0xC7, 0x0D,  // rol  $13, %rdi   | the special-instruction preamble
        0x48, 0xC1, 0xC7, 0x3D,  // rol  $61, %rdi   |
        0x48, 0xC1, 0xC7, 0x33,  // rol  $51, %rdi  /
        0x48, 0x87, 0xDB,        // xchg %rbx, %rbx      %rdx = client_request(%rax)
        0x48, 0x89, 0xD0,        // mov  %rdx, %rax
        0xC3,                    // ret
    ]

    #if os(Linux) && arch(x86_64)
    nonisolated(unsafe) private static let trampoline: Trampoline = {
        let size = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let page = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              page != MAP_FAILED else { fatalError("ct-check: mmap failed") }
        code.withUnsafeBytes { page.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        guard mprotect(page, size, PROT_READ | PROT_EXEC) == 0 else { fatalError("ct-check: mprotect failed") }
        return unsafeBitCast(page, to: Trampoline.self)
    }()

    private static func request(_ code: UInt, _ a1: UInt = 0, _ a2: UInt = 0) -> UInt {
        var args: [UInt] = [code, a1, a2, 0, 0, 0]
        return args.withUnsafeMutableBufferPointer { trampoline($0.baseAddress!, 0) }
    }
    #else
    private static func request(_ code: UInt, _ a1: UInt = 0, _ a2: UInt = 0) -> UInt { 0 }
    #endif

    // valgrind.h and memcheck.h: VG_USERREQ_TOOL_BASE('M','C') = 'M' << 24 | 'C' << 16.
    private static let runningOnValgrind: UInt = 0x1001
    private static let countErrors: UInt = 0x1201
    private static let makeMemUndefined: UInt = (0x4D << 24 | 0x43 << 16) + 1
    private static let makeMemDefined: UInt = (0x4D << 24 | 0x43 << 16) + 2

    static var isRunningOnValgrind: Bool { request(runningOnValgrind) != 0 }

    /// Errors memcheck has reported so far (0 when not under valgrind).
    static var errorCount: Int { Int(request(countErrors)) }

    /// From now on memcheck treats these bytes as secret: any branch or address computed
    /// from them is reported.
    static func markSecret(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = request(makeMemUndefined, UInt(bitPattern: base), UInt(bytes.count))
    }

    static func markSecret(_ array: [UInt8]) {
        array.withUnsafeBytes { markSecret($0) }
    }

    /// Declares the bytes public (a declassification point).
    static func markPublic(_ pointer: UnsafeRawPointer, _ count: Int) {
        _ = request(makeMemDefined, UInt(bitPattern: pointer), UInt(count))
    }

    static func markPublic(_ array: [UInt8]) {
        array.withUnsafeBytes { if let b = $0.baseAddress { markPublic(b, $0.count) } }
    }
}
