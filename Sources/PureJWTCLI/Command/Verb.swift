/// What a verb declares so the dispatcher can parse its command line, print its `--help`, and
/// run it. Each verb lives in its own file under `Verbs/` as a case-less enum with a
/// `static let verb = Verb(...)`, and is listed once in `Verbs/Registry.swift`.
///
/// ```swift
/// enum KeyShowVerb {
///     static let verb = Verb(
///         name: "key show",                       // one or more words
///         summary: "print a key's public facts",  // one line, for `purejwt --help`
///         usage: "purejwt key show [--passphrase-file F | --passphrase-env VAR] [FILE]",
///         details: "Reads a PEM/DER key from FILE or stdin...",
///         options: [...] + Passphrase.options,
///         positionals: .optional("FILE"),
///         run: run)
///     static func run(_ args: ParsedArguments) throws(CLIError) { ... }
/// }
/// ```
package struct Verb: Sendable {
    /// The words that select the verb, separated by single spaces: `"hash"`, `"key show"`.
    let name: String
    /// One line shown in the top-level help.
    let summary: String
    /// The usage line(s) shown at the top of the verb's help.
    let usage: String
    /// Free text after the usage line: what it reads, what it prints. May be empty.
    let details: String
    /// The options the verb accepts (`--help` is always accepted and need not be listed).
    let options: [OptionSpec]
    /// How many positional arguments the verb accepts, and their names for messages.
    let positionals: PositionalSpec
    /// Does the work. Output goes to stdout through `Output`; errors are thrown. Async so that
    /// the `box` verbs can await the Box client; the other verbs are synchronous functions. On
    /// the main actor: a synchronous verb runs on the main thread, as in a synchronous `main`
    /// (no hop to a pool thread: its stack, its start-up cost, and valgrind's view of the
    /// process stay those of a plain program); an async verb hops off where it awaits.
    let run: @MainActor @Sendable (ParsedArguments) async throws(CLIError) -> Void

    /// The same verb doing `run` instead: how `purejwt-box` gives the `box` verbs, which
    /// `purejwt` declares (`BoxVerbs`), their work.
    package func running(_ run: @escaping @MainActor @Sendable (ParsedArguments) async throws(CLIError) -> Void) -> Verb {
        Verb(name: name, summary: summary, usage: usage, details: details, options: options, positionals: positionals, run: run)
    }

    var words: [String] { name.split(separator: " ").map(String.init) }

    /// The text printed by `purejwt VERB --help`.
    var helpText: String {
        var text = "usage: \(usage)\n\n\(summary)\n"
        if !details.isEmpty { text += "\n\(details)\n" }
        text += "\noptions:\n"
        let rows = options.map { option in
            ((option.short.map { "-\($0), " } ?? "") + (option.valueName.map { "--\(option.name) \($0)" } ?? "--\(option.name)"), option.help)
        } + [("-h, --help", "show this help and exit")]
        let width = rows.map(\.0.count).max() ?? 0
        for (left, right) in rows {
            text += "  \(left)\(String(repeating: " ", count: width - left.count))  \(right)\n"
        }
        return text
    }
}

/// One `--name` option. With a `valueName` it takes a value (`--alg sha256` or `--alg=sha256`),
/// without one it is a flag. A `short` letter is a second spelling (`-u ID` or `-uID` for
/// `--user-id ID`), as Box's own CLI has; it is recorded under the long name.
struct OptionSpec: Sendable {
    let name: String
    let valueName: String?
    let help: String
    var short: Character? = nil

    static func value(_ name: String, _ valueName: String, _ help: String, short: Character? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, short: short)
    }

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }
}

/// The positional arguments a verb takes: `names` are shown in messages; the verb accepts
/// between `minimum` and `names.count` of them.
struct PositionalSpec: Sendable {
    let names: [String]
    let minimum: Int

    static let none = PositionalSpec(names: [], minimum: 0)
    /// Zero or one argument, e.g. an input file that defaults to stdin.
    static func optional(_ name: String) -> PositionalSpec { PositionalSpec(names: [name], minimum: 0) }
    /// Exactly these arguments.
    static func required(_ names: String...) -> PositionalSpec { PositionalSpec(names: names, minimum: names.count) }
}
