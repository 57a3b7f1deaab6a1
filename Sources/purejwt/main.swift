// purejwt: the command-line tool (layer 5). See Verbs/Registry.swift for the verbs.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(Dispatcher.run(Array(CommandLine.arguments.dropFirst()), verbs: allVerbs))
