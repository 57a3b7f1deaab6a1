// purejwt-box: the `box` verbs of `purejwt`, which `purejwt box ...` starts with its own
// arguments (PureJWTCLI's BoxTool). It holds the Box client on URLSession, hence Foundation.
// Declarations (names, help, options) come from PureJWTCLI's BoxVerbs, so both executables parse
// a command line identically; only the work is here.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PureJWTCLI

/// The entry point: runs the `box` verb the command line names, awaiting the Box client, and
/// exits with its status.
@main
enum PureJWTBoxTool {
    static let verbs = [
        BoxVerbs.token.running(BoxTokenVerb.run),
        BoxVerbs.exchange.running(BoxExchangeVerb.run),
        BoxVerbs.revoke.running(BoxRevokeVerb.run),
        BoxVerbs.rootFolder.running(BoxRootFolderVerb.run),
        BoxVerbs.emulator.running(BoxEmulatorVerb.run),
    ]

    static func main() async {
        exit(await Dispatcher.run(Array(CommandLine.arguments.dropFirst()), verbs: verbs))
    }
}
