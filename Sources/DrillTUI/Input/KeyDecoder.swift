/// Turns the bytes a terminal sends into `Key`s, incrementally: bytes may arrive split anywhere.
///
/// A lone ESC cannot be told apart from the start of an escape sequence until more input comes
/// or none does: when `hasPendingInput` is true after a `feed`, the input loop waits briefly
/// (25–50 ms) and calls `flush()` if nothing else arrived. Bracketed paste (`ESC[200~` …
/// `ESC[201~`) becomes one `.paste`, however many reads it spans.
public struct KeyDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var paste: [UInt8]?

    public init() {}

    /// Whether bytes are held back waiting for the rest of a sequence (not counting a paste).
    public var hasPendingInput: Bool { paste == nil && !buffer.isEmpty }

    /// Whether a bracketed paste has started and not yet ended.
    public var isInPaste: Bool { paste != nil }

    /// Decodes what `bytes` completes; incomplete sequences wait for the next call.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        buffer.append(contentsOf: bytes)
        var keys: [Key] = []
        decode(into: &keys, final: false)
        return keys
    }

    /// Decodes what is held back as if no more input will complete it: a lone ESC becomes
    /// `.escape`, ESC and one printable become `.alt`, broken UTF-8 becomes U+FFFD. An open
    /// paste stays open unless `endingPaste` (at end of input).
    public mutating func flush(endingPaste: Bool = false) -> [Key] {
        var keys: [Key] = []
        if let open = paste {
            guard endingPaste else { return keys }
            keys.append(.paste(Self.pasteText(open + buffer)))
            paste = nil
            buffer.removeAll()
            return keys
        }
        decode(into: &keys, final: true)
        return keys
    }

    // MARK: - Decoding

    private enum Step {
        case key(Key?, consumed: Int)
        case incomplete
    }

    private mutating func decode(into keys: inout [Key], final: Bool) {
        var position = 0
        var text = String.UnicodeScalarView()
        func flushText() {
            if text.isEmpty { return }
            for grapheme in String(text) { keys.append(.char(grapheme)) }
            text.removeAll()
        }
        while position < buffer.count {
            if paste != nil {
                if let end = Self.find(Self.pasteEnd, in: buffer, from: position) {
                    paste?.append(contentsOf: buffer[position..<end])
                    keys.append(.paste(Self.pasteText(paste ?? [])))
                    paste = nil
                    position = end + Self.pasteEnd.count
                    continue
                }
                // Keep a tail that could be the start of the terminator.
                let keep = min(Self.pasteEnd.count - 1, buffer.count - position)
                paste?.append(contentsOf: buffer[position..<(buffer.count - keep)])
                position = buffer.count - keep
                break
            }
            let byte = buffer[position]
            if byte >= 0x20 && byte != 0x7F {
                switch Self.decodeScalar(buffer, at: position, final: final) {
                case .some(let (scalar, length)):
                    if !(0x80...0x9F).contains(scalar.value) { text.append(scalar) }
                    position += length
                    continue
                case .none:
                    break  // incomplete UTF-8: wait for more
                }
                break
            }
            flushText()
            let step = byte == 0x1B ? escape(at: position, final: final) : .key(Self.control(byte), consumed: 1)
            switch step {
            case .key(let key, let consumed):
                if let key { keys.append(key) }
                position += consumed
            case .incomplete:
                buffer.removeFirst(position)
                return
            }
            if position == buffer.count { break }
        }
        flushText()
        buffer.removeFirst(position)
    }

    private static func control(_ byte: UInt8) -> Key? {
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(byte + 0x60)))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        default: return nil
        }
    }

    private mutating func escape(at start: Int, final: Bool) -> Step {
        let available = buffer.count - start
        guard available >= 2 else { return final ? .key(.escape, consumed: 1) : .incomplete }
        let next = buffer[start + 1]
        switch next {
        case UInt8(ascii: "["):
            return csi(at: start, final: final)
        case UInt8(ascii: "O"):
            guard available >= 3 else { return final ? .key(.alt("O"), consumed: 2) : .incomplete }
            return .key(Self.ss3Key(buffer[start + 2]), consumed: 3)
        case 0x1B:
            return .key(.escape, consumed: 1)
        case 0x20..<0x7F, 0x80...:
            guard let (scalar, length) = Self.decodeScalar(buffer, at: start + 1, final: final) else { return .incomplete }
            return .key(.alt(Character(scalar)), consumed: 1 + length)
        default:
            return .key(.escape, consumed: 1)  // ESC followed by a control: two separate keys
        }
    }

    private mutating func csi(at start: Int, final: Bool) -> Step {
        var index = start + 2
        // Linux console: ESC [ [ A … E are F1 … F5.
        if index < buffer.count && buffer[index] == UInt8(ascii: "[") {
            guard index + 1 < buffer.count else { return final ? .key(.alt("["), consumed: 2) : .incomplete }
            let letter = buffer[index + 1]
            let key: Key? = (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(letter) ? .function(Int(letter - UInt8(ascii: "A")) + 1) : nil
            return .key(key, consumed: 4)
        }
        while index < buffer.count {
            let byte = buffer[index]
            switch byte {
            case 0x20...0x3F:
                index += 1
            case 0x40...0x7E:
                let parameters = String(decoding: buffer[(start + 2)..<index], as: UTF8.self)
                if parameters == "200" && byte == UInt8(ascii: "~") {
                    paste = []
                    return .key(nil, consumed: index + 1 - start)
                }
                return .key(Self.csiKey(parameters, final: byte), consumed: index + 1 - start)
            default:
                return .key(.alt("["), consumed: 2)  // not a sequence after all
            }
        }
        return final ? .key(.alt("["), consumed: 2) : .incomplete
    }

    private static func csiKey(_ parameters: String, final: UInt8) -> Key? {
        if let first = parameters.first, "<=>?".contains(first) { return nil }  // mouse, private replies
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let modifiers: Key.Modifiers = numbers.count > 1 ? Key.Modifiers(rawValue: UInt8(clamping: max(0, (numbers[1] ?? 1) - 1)) & 7) : []
        let key: Key?
        switch final {
        case UInt8(ascii: "A"): key = .up
        case UInt8(ascii: "B"): key = .down
        case UInt8(ascii: "C"): key = .right
        case UInt8(ascii: "D"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "P")...UInt8(ascii: "S"): key = .function(Int(final - UInt8(ascii: "P")) + 1)
        case UInt8(ascii: "~"):
            switch numbers.first ?? nil {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 2: key = .insert
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case let n? where (11...15).contains(n): key = .function(n - 10)
            case let n? where (17...21).contains(n): key = .function(n - 11)
            case let n? where (23...24).contains(n): key = .function(n - 12)
            default: key = nil
            }
        default: key = nil
        }
        guard let key else { return nil }
        return modifiers.isEmpty ? key : .modified(key, modifiers)
    }

    private static func ss3Key(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return .function(Int(byte - UInt8(ascii: "P")) + 1)
        default: return nil
        }
    }

    // MARK: - UTF-8 and paste helpers

    /// One scalar from UTF-8 at `index`, or nil when its bytes have not all arrived yet.
    /// Invalid bytes decode as U+FFFD, one byte at a time.
    private static func decodeScalar(_ bytes: [UInt8], at index: Int, final: Bool) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let replacement: (Unicode.Scalar, Int) = ("\u{FFFD}", 1)
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int, minimum: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80
        case 0xE0...0xEF: length = 3; minimum = 0x800
        case 0xF0...0xF4: length = 4; minimum = 0x10000
        default: return replacement
        }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            guard index + offset < bytes.count else { return final ? replacement : nil }
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return replacement }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return replacement }
        return (scalar, length)
    }

    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count - start >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func pasteText(_ bytes: [UInt8]) -> String {
        // Terminals send a pasted newline as CR; keep one "\n" for CR, LF and CR LF alike.
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                afterCR = true
            } else {
                if !(scalar == "\n" && afterCR) { scalars.append(scalar) }
                afterCR = false
            }
        }
        return String(scalars)
    }
}
