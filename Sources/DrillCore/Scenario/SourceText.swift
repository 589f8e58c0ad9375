import Foundation

/// Checks the raw bytes of a scenario file before YAML sees them: empty, binary, not UTF-8.
enum SourceText {
    enum Failure: Error {
        case problem(line: Int, column: Int, message: String)
    }

    /// The text of the file, or the first reason it cannot be read as a UTF-8 scenario.
    static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        if bytes.isEmpty {
            return .failure(.problem(line: 1, column: 1, message: "the file is empty (0 bytes); a scenario starts with 'format: cyberdrill/1'"))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(.problem(line: 1, column: 1, message: "the file is UTF-16; save it as UTF-8"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var line = 1, column = 1
        var index = body.startIndex
        var iterator = body.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value == 0 {
                    return .failure(.problem(line: line, column: column, message: "the file holds a NUL byte: it looks binary, not a YAML scenario"))
                }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                index += encoded.count
            case .error:
                let offset = index - body.startIndex + (body.startIndex - bytes.startIndex)
                return .failure(.problem(line: line, column: column, message: "the file is not valid UTF-8 (bad byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset)); save it as UTF-8"))
            case .emptyInput:
                break loop
            }
        }
        let text = String(decoding: body, as: UTF8.self)
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(.problem(line: 1, column: 1, message: "the file holds only whitespace; a scenario starts with 'format: cyberdrill/1'"))
        }
        if let (line, column) = excessiveNesting(in: body) {
            return .failure(.problem(line: line, column: column, message: "nesting deeper than \(maxDepth) levels; a scenario never needs that"))
        }
        return .success(text)
    }

    static let maxDepth = 64

    /// A cheap guard against inputs nested so deep the YAML composer would recurse without end:
    /// counts open flow brackets and `- ` chains on one line.
    private static func excessiveNesting(in bytes: ArraySlice<UInt8>) -> (Int, Int)? {
        var depth = 0, line = 1, column = 1, dashes = 0, atLineStart = true
        var quote: UInt8? = nil
        for byte in bytes {
            defer { column += 1 }
            if byte == UInt8(ascii: "\n") {
                line += 1; column = 0; dashes = 0; atLineStart = true
                continue
            }
            if let q = quote {
                if byte == q { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if depth > 0 { quote = byte }
                atLineStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return (line, column) }
                atLineStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                atLineStart = false
            case UInt8(ascii: "-") where atLineStart:
                dashes += 1
                if dashes > maxDepth { return (line, column) }
            case UInt8(ascii: " "):
                break
            default:
                atLineStart = false
            }
        }
        return nil
    }
}
