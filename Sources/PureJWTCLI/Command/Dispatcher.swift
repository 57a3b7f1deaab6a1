import PureCrypto

/// Finds the verb named by the first words of the command line, parses the rest for it, handles
/// `--help`, runs it, and turns a thrown `CLIError` into its stderr line and exit status.
package enum Dispatcher {
    /// Runs the tool on `arguments` (without the program name) and returns the exit status. On
    /// the main actor, like the verbs (see `Verb.run`).
    @MainActor
    package static func run(_ arguments: [String], verbs: [Verb]) async -> Int32 {
        do {
            try await dispatch(arguments, verbs: verbs)
            return 0
        } catch {
            Output.errorLine(error.line)
            return error.exitStatus
        }
    }

    @MainActor
    private static func dispatch(_ arguments: [String], verbs: [Verb]) async throws(CLIError) {
        guard let first = arguments.first else {
            throw .usage(.missingVerb, "no verb given (see 'purejwt --help')")
        }
        if first == "--help" || first == "-h" {
            Output.write(topLevelHelp(verbs))
            return
        }
        if first == "help" {
            let rest = Array(arguments.dropFirst())
            guard !rest.isEmpty else { Output.write(topLevelHelp(verbs)); return }
            if rest.count == 1, let help = groupHelp(rest[0], verbs) { Output.write(help); return }
            let verb = try find(rest, in: verbs).verb
            Output.write(verb.helpText)
            return
        }
        if first.hasPrefix("-") {
            throw .usage(.unknownOption, "unknown option \(first): options go after the verb (see 'purejwt --help')")
        }
        // `purejwt box --help`: the verbs of the group.
        if arguments.count == 2, arguments[1] == "--help" || arguments[1] == "-h", let help = groupHelp(first, verbs) {
            Output.write(help)
            return
        }
        let (verb, consumed) = try find(arguments, in: verbs)
        let parsed = try ParsedArguments(Array(arguments.dropFirst(consumed)), for: verb)
        if parsed.wantsHelp {
            Output.write(verb.helpText)
            return
        }
        try await verb.run(parsed)
    }

    /// The verb whose words are the longest prefix of `arguments`, and how many words it used.
    private static func find(_ arguments: [String], in verbs: [Verb]) throws(CLIError) -> (verb: Verb, consumed: Int) {
        var best: Verb?
        for verb in verbs {
            let words = verb.words
            if arguments.count >= words.count, Array(arguments.prefix(words.count)) == words,
               words.count > (best?.words.count ?? 0) {
                best = verb
            }
        }
        if let best { return (best, best.words.count) }
        // `purejwt key` alone: list the verbs of that group.
        let group = verbs.filter { $0.words.first == arguments[0] && $0.words.count > 1 }
        if !group.isEmpty {
            let names = group.map { "'\($0.name)'" }.joined(separator: ", ")
            throw .usage(.unknownVerb, "\(Echo.quoted(arguments[0])) needs a sub-verb: \(names) (see 'purejwt \(arguments[0]) --help')")
        }
        throw .usage(.unknownVerb, "unknown verb \(Echo.quoted(arguments[0], maxBytes: 40)) (see 'purejwt --help' for the list)")
    }

    /// The help of a group of verbs (`purejwt box --help`, `purejwt help key`): its verbs and
    /// their summaries. Nil when `group` is not the first word of several-word verbs only.
    static func groupHelp(_ group: String, _ verbs: [Verb]) -> String? {
        let members = verbs.filter { $0.words.first == group && $0.words.count > 1 }
        guard !members.isEmpty, !verbs.contains(where: { $0.words == [group] }) else { return nil }
        var text = """
        usage: purejwt \(group) VERB [OPTIONS]
               purejwt \(group) VERB --help

        verbs:

        """
        text += table(members)
        return text
    }

    /// One line per verb: its name, padded, and its summary.
    private static func table(_ verbs: [Verb]) -> String {
        let width = verbs.map(\.name.count).max() ?? 0
        return verbs.map { "  \($0.name)\(String(repeating: " ", count: width - $0.name.count))  \($0.summary)\n" }.joined()
    }

    static func topLevelHelp(_ verbs: [Verb]) -> String {
        var text = """
        usage: purejwt VERB [OPTIONS] [ARGUMENTS]
               purejwt VERB --help

        Box JWT and crypto tools in pure Swift.

        verbs:

        """
        text += table(verbs)
        text += """

        Errors are one line on stderr, 'purejwt: error[CODE]: message', with a stable snake_case
        CODE. Exit status: 0 success, 1 input rejected (bad key, unreadable file...), 2 wrong usage.

        """
        return text
    }
}
