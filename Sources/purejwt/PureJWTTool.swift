// purejwt: the command-line tool (layer 5). The verbs live in PureJWTCLI (Verbs/Registry.swift);
// the `box` verbs run in the `purejwt-box` executable beside this one, so that this one never
// loads Foundation.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PureJWTCLI

/// The entry point: runs the verb the command line names and exits with its status.
@main
enum PureJWTTool {
    static func main() async {
        exit(await Dispatcher.run(Array(CommandLine.arguments.dropFirst()), verbs: allVerbs))
    }
}
