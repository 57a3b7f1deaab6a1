import PureCrypto

/// PEM textual encoding (RFC 7468), with the RFC 1421 headers of legacy OpenSSL encrypted keys.
///
/// Reading is lenient where RFC 7468 §2–3 says parsers should be (text before and after the
/// armor, CRLF or LF line ends, any line width, trailing whitespace, a missing final newline) and
/// strict everywhere else: the END label must equal the BEGIN label, and the body must be valid
/// standard base64 (`base64_invalid`). Writing is the strict RFC 7468 form: 64-column lines, LF,
/// a final newline.
///
/// The body is decoded by the constant-time base64 decoder (it may hold a private key); the
/// armor and headers are public and parsed with ordinary branches.
package struct PEMDocument: Sendable, Equatable {
    /// One RFC 1421 §4.6 header line (e.g. `Proc-Type: 4,ENCRYPTED`), value with continuation
    /// lines joined and surrounding whitespace removed.
    package struct Header: Sendable, Equatable {
        package var name: String
        package var value: String
        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The armor label, e.g. `RSA PRIVATE KEY`, `PRIVATE KEY`, `PUBLIC KEY`.
    package var label: String
    /// RFC 1421 headers between the BEGIN line and the body, in order (empty for RFC 7468 PEM).
    package var headers: [Header]
    /// The decoded body.
    package var derBytes: [UInt8]

    package init(label: String, derBytes: [UInt8], headers: [Header] = []) {
        self.label = label
        self.derBytes = derBytes
        self.headers = headers
    }

    /// Parses the first PEM block of `text`.
    package init(pemEncoded text: String) throws(CryptoError) {
        try self.init(pemEncoded: Array(text.utf8))
    }

    /// Parses the first PEM block of the UTF-8 (or ASCII) `bytes`.
    package init(pemEncoded bytes: [UInt8]) throws(CryptoError) {
        try KeyInputLimits.check(bytes.count, "PEM input")
        guard bytes.contains(where: { !PEMDocument.isWhitespace($0) }) else {
            throw CryptoError(.pemMalformed, "the input is empty: expected a PEM block (-----BEGIN ...-----)")
        }
        let lines = PEMDocument.lines(bytes)
        guard let beginIndex = lines.firstIndex(where: { PEMDocument.armorLabel($0, "-----BEGIN ") != nil }) else {
            throw CryptoError(.pemMalformed, "no '-----BEGIN ...-----' line: the input is not PEM")
        }
        let label = PEMDocument.armorLabel(lines[beginIndex], "-----BEGIN ")!
        var headers: [Header] = []
        var body: [UInt8] = []
        var index = beginIndex + 1
        var inHeaders = true
        var endFound = false
        while index < lines.count {
            let line = lines[index]
            index += 1
            if let endLabel = PEMDocument.armorLabel(line, "-----END ") {
                guard endLabel == label else {
                    throw CryptoError(.pemMalformed, "the END line says \(Echo.quoted(endLabel)) but the BEGIN line says \(Echo.quoted(label))")
                }
                endFound = true
                break
            }
            if PEMDocument.armorLabel(line, "-----BEGIN ") != nil {
                throw CryptoError(.pemMalformed, "a second BEGIN line inside the \(Echo.quoted(label)) block: its END line is missing")
            }
            if inHeaders {
                if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                    // RFC 1421 header: "Name: value".
                    let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
                    let value = String(decoding: PEMDocument.trimmed(line[(colon + 1)...]), as: UTF8.self)
                    headers.append(Header(name: name, value: value))
                    continue
                }
                if let first = line.first, first == 0x20 || first == 0x09, !headers.isEmpty {
                    // RFC 822 continuation of the previous header's value.
                    headers[headers.count - 1].value += String(decoding: PEMDocument.trimmed(line), as: UTF8.self)
                    continue
                }
                inHeaders = false
                if PEMDocument.trimmed(line).isEmpty { continue }  // the blank line after headers
            }
            body.append(contentsOf: line)
        }
        guard endFound else {
            throw CryptoError(.pemMalformed, "the \(Echo.quoted(label)) block has no matching END line: the file is truncated")
        }
        let der: [UInt8]
        do {
            der = try Base64.decode(body, padding: .padded, ignoringWhitespace: true)
        } catch {
            throw CryptoError(.base64Invalid, "the body of the \(Echo.quoted(label)) PEM block is not valid base64: the file is corrupted")
        }
        guard !der.isEmpty else {
            throw CryptoError(.pemMalformed, "the \(Echo.quoted(label)) PEM block has an empty body")
        }
        self.init(label: label, derBytes: der, headers: headers)
    }

    /// The RFC 7468 text: BEGIN line, headers (if any) and a blank line, base64 in 64-column
    /// lines, END line, each line ending in LF.
    package var pemString: String {
        var out = "-----BEGIN \(label)-----\n"
        for header in headers { out += "\(header.name): \(header.value)\n" }
        if !headers.isEmpty { out += "\n" }
        let encoded = Base64.encodedBytes(derBytes)
        var start = 0
        while start < encoded.count {
            let end = min(start + 64, encoded.count)
            out += String(decoding: encoded[start..<end], as: UTF8.self)
            out += "\n"
            start = end
        }
        out += "-----END \(label)-----\n"
        return out
    }

    /// The value of the first header named `name` (case-insensitive ASCII), if any.
    package func header(named name: String) -> String? {
        let wanted = PEMDocument.asciiLowercased(name)
        for header in headers where PEMDocument.asciiLowercased(header.name) == wanted { return header.value }
        return nil
    }

    /// True when RFC 1421 `Proc-Type: 4,ENCRYPTED` marks the body as a legacy encrypted key.
    package var isLegacyEncrypted: Bool {
        guard let procType = header(named: "Proc-Type") else { return false }
        let compact = procType.utf8.filter { !PEMDocument.isWhitespace($0) }
        return PEMDocument.asciiLowercased(String(decoding: compact, as: UTF8.self)) == "4,encrypted"
    }

    /// `DEK-Info: <algorithm>,<parameters>` (RFC 1421 §4.6.1.3).
    package struct DEKInfo: Sendable, Equatable {
        /// The cipher name, e.g. `AES-256-CBC`, `DES-EDE3-CBC`.
        package var algorithm: String
        /// What follows the comma (OpenSSL writes the IV in hex), nil when there is no comma.
        package var parameters: String?
    }

    /// The `DEK-Info` header split at its first comma, whitespace removed; nil when absent.
    /// Validating the cipher and IV is the decryptor's job (`pem_header_invalid`).
    package var dekInfo: DEKInfo? {
        guard let value = header(named: "DEK-Info") else { return nil }
        let compact = value.utf8.filter { !PEMDocument.isWhitespace($0) }
        guard let comma = compact.firstIndex(of: UInt8(ascii: ",")) else {
            return DEKInfo(algorithm: String(decoding: compact, as: UTF8.self), parameters: nil)
        }
        return DEKInfo(algorithm: String(decoding: compact[..<comma], as: UTF8.self),
                       parameters: String(decoding: compact[(comma + 1)...], as: UTF8.self))
    }

    // MARK: - Lexing helpers (public armor text only)

    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// Lines without their LF or CRLF.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            lines.append(bytes[start..<i])
            start = i + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines.map { line in
            var l = line
            while let last = l.last, last == 0x0D { l = l.dropLast() }
            return l
        }
    }

    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var l = line
        while let f = l.first, isWhitespace(f) { l = l.dropFirst() }
        while let b = l.last, isWhitespace(b) { l = l.dropLast() }
        return l
    }

    /// The label of an armor line `<prefix>LABEL-----` (trailing whitespace allowed), else nil.
    static func armorLabel(_ line: ArraySlice<UInt8>, _ prefix: String) -> String? {
        var l = line
        while let b = l.last, isWhitespace(b) { l = l.dropLast() }
        let p = Array(prefix.utf8)
        let suffix = Array("-----".utf8)
        guard l.count >= p.count + suffix.count, l.starts(with: p), l.suffix(suffix.count).elementsEqual(suffix) else { return nil }
        let label = l.dropFirst(p.count).dropLast(suffix.count)
        // RFC 7468 §3: printable ASCII, no hyphen at the ends.
        guard label.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return nil }
        return String(decoding: label, as: UTF8.self)
    }

    static func asciiLowercased(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

extension CryptoError.Code {
    /// No PEM armor, an unterminated block, BEGIN/END labels that differ, or an empty input.
    public static let pemMalformed = CryptoError.Code("pem_malformed")
    /// The armor label names a kind of key this library does not handle (EC, DSA, OpenSSH...).
    public static let pemLabelUnsupported = CryptoError.Code("pem_label_unsupported")
    /// The armor label does not match the structure inside (e.g. PKCS#8 under RSA PRIVATE KEY).
    public static let pemLabelMismatch = CryptoError.Code("pem_label_mismatch")
    /// Bad RFC 1421 headers in a legacy PEM (missing DEK-Info, bad IV).
    public static let pemHeaderInvalid = CryptoError.Code("pem_header_invalid")
}
