// `embedded-check`: known-answer runs of the core on an Embedded target, for the tests that run
// the wasm32 and Cortex-M4 builds (Tests/EmbeddedTests). Input: standard input under WASI, the
// file `input.bin` in the working directory under semihosting.
//
//   embedded-check sha256     the SHA-256 of the input, in hex
//   embedded-check rsa-sign   one RSA PKCS#1 v1.5 signing case per input line,
//                             "ID HASH N E D MESSAGE SIGNATURE" (hex; "-" for an empty message;
//                             HASH is SHA-256, SHA-384 or SHA-512): the key is built from (n, e, d)
//                             by prime recovery, the message signed, and the signature compared
//                             with the expected one and verified. One line out per case:
//                             "ID ok", "ID mismatch" or "ID error CODE".
//   embedded-check heap       random posix_memalign/free traffic on the runtime's heap: every
//                             block aligned, disjoint and intact until freed; afterwards nothing
//                             in use and the whole arena one block again. "heap ok" or the fault.
//
// `--memory` after the command adds the heap and stack high-water marks on standard error.

#if arch(wasm32) || arch(arm)
import EmbeddedRuntime
import PureCrypto

@_cdecl("embedded_main")
public func embeddedMain() -> Int32 {
    let arguments = Platform.arguments().map { Array($0.utf8) }
    let needsInput = arguments.first != Array("heap".utf8)
    guard let input = needsInput ? Platform.readInput(semihostingFile: "input.bin", limit: 1 << 20) : [] else {
        Platform.writeStandardError("embedded-check: error[input_unreadable]: cannot read the input\n")
        return 1
    }
    // Arguments are compared as UTF-8 bytes: String's == applies Unicode canonical equivalence,
    // whose tables would add their size to the image.
    switch arguments.first ?? [] {
    case Array("sha256".utf8):
        Platform.writeStandardOutput(Hex.encode(SHA256.hash(input)) + "\n")
    case Array("heap".utf8):
        Platform.writeStandardOutput(HeapExercise.run() + "\n")
    case Array("rsa-sign".utf8):
        for line in input.split(separator: UInt8(ascii: "\n")) {
            Platform.writeStandardOutput(RSASigningCase.run(Array(line)) + "\n")
        }
    default:
        Platform.writeStandardError("embedded-check: error[usage]: embedded-check sha256|rsa-sign|heap [--memory]\n")
        return 2
    }
    if arguments.contains(Array("--memory".utf8)) {
        Platform.writeStandardError(Platform.memoryReport() + "\n")
    }
    return 0
}

/// One signing case; the key of the previous line is reused when (n, e, d) repeat.
enum RSASigningCase {
    nonisolated(unsafe) static var lastKey: (numbers: [[UInt8]], key: RSAPrivateKey)? = nil

    static func run(_ line: [UInt8]) -> String {
        let fields = line.split(separator: UInt8(ascii: " ")).map { Array($0) }
        guard fields.count == 7 else { return "? error malformed_line" }
        let id = String(decoding: fields[0], as: UTF8.self)
        do throws(CryptoError) {
            let numbers = [try Hex.decode(fields[2]), try Hex.decode(fields[3]), try Hex.decode(fields[4])]
            let key: RSAPrivateKey
            if let last = lastKey, last.numbers == numbers {
                key = last.key
            } else {
                key = try RSAPrivateKey(n: numbers[0], e: numbers[1], d: numbers[2])
                lastKey = (numbers, key)
            }
            let message = fields[5] == Array("-".utf8) ? [] : try Hex.decode(fields[5])
            let expected = try Hex.decode(fields[6])
            let signature: [UInt8]
            let verified: Bool
            switch fields[1] {
            case Array("SHA-256".utf8):
                signature = try key.signPKCS1v15(message, hash: SHA256.self)
                verified = key.publicKey.isValidPKCS1v15Signature(expected, for: message, hash: SHA256.self)
            case Array("SHA-384".utf8):
                signature = try key.signPKCS1v15(message, hash: SHA384.self)
                verified = key.publicKey.isValidPKCS1v15Signature(expected, for: message, hash: SHA384.self)
            case Array("SHA-512".utf8):
                signature = try key.signPKCS1v15(message, hash: SHA512.self)
                verified = key.publicKey.isValidPKCS1v15Signature(expected, for: message, hash: SHA512.self)
            default:
                return id + " error unknown_hash"
            }
            return id + (signature == expected && verified ? " ok" : " mismatch")
        } catch {
            return id + " error " + error.code.rawValue
        }
    }
}
/// Exercises the heap with a fixed pseudo-random sequence of 4000 allocations (sizes 0 to 2 KiB,
/// alignments 8 to 64) and frees, checking each block's alignment, that no two live blocks
/// overlap (each is filled with its own byte and checked when freed), and that freeing everything
/// gives back the whole arena.
enum HeapExercise {
    static func run() -> String {
        var live: [(pointer: UnsafeMutableRawPointer, size: Int, fill: UInt8)] = []
        live.reserveCapacity(64)
        // Measured with `live`'s own buffer already allocated: it outlives the exercise.
        let arenaBefore = HeapStatistics.largestFreePayload
        let inUseBefore = HeapStatistics.inUse
        var state: UInt32 = 0x9E37_79B9
        func next() -> Int {
            // xorshift32: a fixed sequence, so a failure repeats.
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return Int(state & 0x7FFF_FFFF)
        }
        // Live payloads stay under half the arena: fragmentation may waste the rest, and running
        // out is not what this checks.
        var liveBytes = 0
        for step in 0..<4000 {
            let size = next() % 2048
            if live.count < 60 && liveBytes + size < HeapStatistics.capacity / 2 && (live.isEmpty || next() % 3 != 0) {
                let alignment = 8 << (next() % 4)
                var result: UnsafeMutableRawPointer? = nil
                guard posix_memalign(&result, alignment, size) == 0, let pointer = result else {
                    return "heap fault: step \(step): no block of \(size) bytes with \(live.count) live"
                }
                guard UInt(bitPattern: pointer) % UInt(alignment) == 0 else {
                    return "heap fault: step \(step): \(alignment)-byte alignment not met"
                }
                let fill = UInt8(truncatingIfNeeded: step | 1)
                pointer.initializeMemory(as: UInt8.self, repeating: fill, count: size)
                live.append((pointer, size, fill))
                liveBytes += size
            } else if !live.isEmpty {
                let (pointer, size, fill) = live.remove(at: next() % live.count)
                liveBytes -= size
                for i in 0..<size where pointer.load(fromByteOffset: i, as: UInt8.self) != fill {
                    return "heap fault: step \(step): a block was overwritten at byte \(i) of \(size)"
                }
                free(pointer)
            }
        }
        for (pointer, _, _) in live { free(pointer) }
        guard HeapStatistics.inUse == inUseBefore else {
            return "heap fault: \(HeapStatistics.inUse - inUseBefore) bytes still in use after freeing everything"
        }
        guard HeapStatistics.largestFreePayload >= arenaBefore else {
            return "heap fault: free blocks did not merge back (largest \(HeapStatistics.largestFreePayload) of \(arenaBefore))"
        }
        return "heap ok"
    }
}
#endif
