import Foundation

/// Checks the raw bytes of a scenario file before YAML sees them: empty, binary, not UTF-8.
enum SourceText {
    enum Failure: Error {
        case problem(line: Int, column: Int, message: String, fact: DiagnosticFact)
    }

    /// The text of the file, or the first reason it cannot be read as a UTF-8 scenario.
    static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        if bytes.isEmpty {
            return .failure(.problem(line: 1, column: 1, message: "the file is empty (0 bytes); a scenario starts with 'format: cyberdrill/1'", fact: DiagnosticFact(.fileEmpty)))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(.problem(line: 1, column: 1, message: "the file is UTF-16; save it as UTF-8", fact: DiagnosticFact(.fileUTF16)))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        // The common case, valid UTF-8 without NUL, in one fast pass; the scalar-by-scalar walk
        // below only runs to say where a problem is.
        if !body.contains(0), let text = String(validating: body, as: UTF8.self) {
            return checked(text)
        }
        var line = 1, column = 1
        var index = body.startIndex
        var iterator = body.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value == 0 {
                    return .failure(.problem(line: line, column: column, message: "the file holds a NUL byte: it looks binary, not a YAML scenario", fact: DiagnosticFact(.fileBinary)))
                }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                index += encoded.count
            case .error:
                let offset = index - body.startIndex + (body.startIndex - bytes.startIndex)
                return .failure(.problem(line: line, column: column, message: "the file is not valid UTF-8 (bad byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset)); save it as UTF-8",
                                            fact: DiagnosticFact(.fileNotUTF8, ["byte": String(bytes[offset], radix: 16, uppercase: true), "offset": String(offset)])))
            case .emptyInput:
                break loop
            }
        }
        return checked(String(decoding: body, as: UTF8.self))
    }

    private static func checked(_ text: String) -> Result<String, Failure> {
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(.problem(line: 1, column: 1, message: "the file holds only whitespace; a scenario starts with 'format: cyberdrill/1'", fact: DiagnosticFact(.fileBlank)))
        }
        return .success(text)
    }
}
