// The one loader of NIST CAVP response files (`.rsp`, `.txt`).

/// One record of a CAVP file: its fields, the values of the `[section]` it is in, and its first
/// line number (the case id in failure messages).
package struct CAVPRecord {
    package var section: [String: String]
    package var fields: [String: String]
    package var line: Int
    /// A field of the record, else of its section.
    package subscript(_ key: String) -> String? { fields[key] ?? section[key] }
}

/// Parses a CAVP file: `[section]` or `[KEY = VALUE]` headers, `KEY = VALUE` lines, records
/// separated by blank lines, `#` comments.
package func parseCAVP(_ text: String) -> [CAVPRecord] {
    var records: [CAVPRecord] = []
    var section: [String: String] = [:]
    var current: [String: String] = [:]
    var startLine = 0
    func flush() {
        if !current.isEmpty { records.append(CAVPRecord(section: section, fields: current, line: startLine)) }
        current = [:]
    }
    // NIST files use CRLF, and Swift treats "\r\n" as ONE Character, so splitting on "\n" alone
    // would see a single line. `isNewline` matches "\n", "\r\n" and "\r".
    for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let line = trimmed(raw)
        if line.isEmpty { flush(); continue }
        if line.hasPrefix("#") { continue }
        if line.hasPrefix("[") && line.hasSuffix("]") {
            flush()
            let inner = line.dropFirst().dropLast()
            if let eq = inner.firstIndex(of: "=") {
                section[trimmed(inner[..<eq])] = trimmed(inner[inner.index(after: eq)...])
            } else {
                section = ["": String(inner)]
            }
            continue
        }
        if let eq = line.firstIndex(of: "=") {
            if current.isEmpty { startLine = i + 1 }
            current[trimmed(line[..<eq])] = trimmed(line[line.index(after: eq)...])
        }
    }
    flush()
    return records
}

/// `text` without leading and trailing spaces, tabs and line ends.
private func trimmed(_ text: some StringProtocol) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
    guard let start = text.firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = text.lastIndex(where: { !isSpace($0) })!
    return String(text[start...end])
}
