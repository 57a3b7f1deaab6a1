#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starting `purejwt-box`, the executable that runs the `box` verbs. It is installed beside
/// `purejwt` (same folder, as `swift build` and the release build leave them). Keeping the Box
/// client, URLSession and Foundation in their own executable is what lets `hash`, `sign`,
/// `verify` and `jwt ...` start without loading Foundation.
enum BoxTool {
    static let executableName = "purejwt-box"

    /// Replaces this process with `purejwt-box`, given this process's own arguments (so it parses
    /// exactly what `purejwt` parsed), environment and standard streams: the verb's output,
    /// errors and exit status are then `purejwt-box`'s. Returns only by throwing, when
    /// `purejwt-box` cannot be started: `box_tool_unavailable` (exit status 1).
    static func run(_: ParsedArguments) throws(CLIError) {
        guard let directory = executableDirectory() else {
            throw .rejected(.boxToolUnavailable, "cannot find the folder of purejwt, where \(executableName) (the box verbs) should be")
        }
        let path = directory + "/" + executableName
        let arguments = [path] + CommandLine.arguments.dropFirst()
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        execv(path, &cArguments)
        let reason = lastErrorText()
        for pointer in cArguments { free(pointer) }
        throw .rejected(.boxToolUnavailable, "cannot run \(path): \(reason); the box verbs need \(executableName) installed beside purejwt")
    }

    /// The folder of the running executable, symbolic links resolved: `/proc/self/exe` on Linux,
    /// `_NSGetExecutablePath` on Darwin; `argv[0]` when it holds a path and neither answers.
    static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        var path: String?
        #if canImport(Darwin)
        var size = UInt32(buffer.count)
        if _NSGetExecutablePath(&buffer, &size) == 0, let resolved = realpath(buffer, nil) {
            path = String(cString: resolved)
            free(resolved)
        }
        #else
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #endif
        if path == nil, let first = CommandLine.arguments.first, first.contains("/") {
            path = first
        }
        guard let path, let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
