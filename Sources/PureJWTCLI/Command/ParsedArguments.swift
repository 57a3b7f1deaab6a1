import PureCrypto

/// A verb's command line after parsing: option values by name, flags, positionals.
///
/// Parsing rules (the same for every verb): `--name value` or `--name=value` for options that take
/// a value, `-x value` or `-xvalue` for those with a short letter, `--name` for flags, `--` ends
/// the options, `-` alone is a positional (stdin by convention), `-h` is `--help`. An unknown option, a missing value, a repeated option or too
/// many / too few positionals is a usage error (exit status 2).
package struct ParsedArguments: Sendable {
    let verbName: String
    /// The options the verb declares: asking for any other name is a programming error, which
    /// `value`, `requiredValue` and `flag` trap on in debug builds (a misspelt name would
    /// otherwise read as "not given" forever).
    private let declaredValues: Set<String>
    private let declaredFlags: Set<String>
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private(set) var wantsHelp = false

    /// The value of `--name`, or nil when absent.
    package func value(_ name: String) -> String? {
        assert(declaredValues.contains(name), "'\(verbName)' reads --\(name), which it does not declare as an option with a value")
        return values[name]
    }

    /// The value of `--name`, or a usage error naming the option.
    package func requiredValue(_ name: String) throws(CLIError) -> String {
        guard let value = value(name) else {
            throw .usage(.missingOption, "'\(verbName)' needs --\(name) (see 'purejwt \(verbName) --help')")
        }
        return value
    }

    /// Whether the flag `--name` was given.
    package func flag(_ name: String) -> Bool {
        assert(declaredFlags.contains(name), "'\(verbName)' reads the flag --\(name), which it does not declare")
        return flags.contains(name)
    }

    /// The positional at `index`, or nil.
    package func positional(_ index: Int) -> String? { index < positionals.count ? positionals[index] : nil }

    /// Parses `arguments` (the words after the verb's name) against `verb`.
    init(_ arguments: [String], for verb: Verb) throws(CLIError) {
        verbName = verb.name
        declaredValues = Set(verb.options.filter { $0.valueName != nil }.map(\.name))
        declaredFlags = Set(verb.options.filter { $0.valueName == nil }.map(\.name))
        let hint = "see 'purejwt \(verb.name) --help'"
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            if argument == "--help" || argument == "-h" { wantsHelp = true; continue }
            let spec: OptionSpec
            var inlineValue: String?
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name: String
                if let equals = body.firstIndex(of: "=") {
                    name = String(body[..<equals])
                    inlineValue = String(body[body.index(after: equals)...])
                } else {
                    name = String(body)
                }
                guard let found = verb.options.first(where: { $0.name == name }) else {
                    throw .usage(.unknownOption, "unknown option --\(Echo.escaped(name, maxBytes: 40)) for '\(verb.name)' (\(hint))")
                }
                spec = found
            } else {
                // `-u ID` or `-uID`: a short spelling of an option that takes a value.
                let letter = argument.dropFirst().first
                guard let found = verb.options.first(where: { $0.short != nil && $0.short == letter }), found.valueName != nil else {
                    // Only the dash and letter: what follows may be a misplaced secret (`-tTOKEN`).
                    throw .usage(.unknownOption, "unknown option \(Echo.escaped(argument.prefix(2))) for '\(verb.name)' (\(hint))")
                }
                spec = found
                let rest = argument.dropFirst(2)
                if !rest.isEmpty { inlineValue = String(rest) }
            }
            let name = spec.name
            guard values[name] == nil, !flags.contains(name) else {
                throw .usage(.duplicateOption, "--\(name) given more than once (\(hint))")
            }
            if let valueName = spec.valueName {
                if let inlineValue {
                    values[name] = inlineValue
                } else if index < arguments.count {
                    values[name] = arguments[index]
                    index += 1
                } else {
                    throw .usage(.missingOptionValue, "--\(name) needs a value \(valueName) (\(hint))")
                }
            } else {
                guard inlineValue == nil else {
                    throw .usage(.unexpectedOptionValue, "--\(name) is a flag and takes no value (\(hint))")
                }
                flags.insert(name)
            }
        }
        if wantsHelp { return }   // `--help` wins over everything else but unknown options
        let spec = verb.positionals
        if positionals.count > spec.names.count {
            // The extra words are not echoed: a misplaced secret must not reach the terminal log.
            let most = spec.names.isEmpty ? "no arguments" : "at most \(spec.names.count) (\(spec.names.joined(separator: " ")))"
            throw .usage(.unexpectedArgument, "too many arguments for '\(verb.name)': it takes \(most) (\(hint))")
        }
        if positionals.count < spec.minimum {
            let missing = spec.names[positionals.count]
            throw .usage(.missingArgument, "'\(verb.name)' needs \(missing) (\(hint))")
        }
    }
}
