// `embedded-check`: small known-answer runs of the core on an Embedded target, for tests.
//
//   embedded-check sha256        the SHA-256 of the input, in hex
//   (input: standard input under WASI, the file `input.bin` under semihosting)

#if arch(wasm32) || arch(arm)
import EmbeddedRuntime
import PureCryptoEmbedded

@_cdecl("embedded_main")
public func embeddedMain() -> Int32 {
    let arguments = Platform.arguments()
    guard let input = Platform.readInput(semihostingFile: "input.bin", limit: 1 << 20) else {
        Platform.writeStandardError("embedded-check: error[input_unreadable]: cannot read the input\n")
        return 1
    }
    // Arguments are compared as UTF-8 bytes: String's == applies Unicode canonical equivalence,
    // whose tables would add their size to the image.
    let command = arguments.first.map { Array($0.utf8) } ?? []
    if command == Array("sha256".utf8) {
        Platform.writeStandardOutput(Hex.encode(SHA256.hash(input)) + "\n")
    } else {
        Platform.writeStandardError("embedded-check: error[usage]: embedded-check sha256\n")
        return 2
    }
    if arguments.contains(where: { Array($0.utf8) == Array("--memory".utf8) }) {
        Platform.writeStandardError(Platform.memoryReport() + "\n")
    }
    return 0
}
#endif
