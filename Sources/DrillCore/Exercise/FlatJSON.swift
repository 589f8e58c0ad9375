import Foundation

/// A fast reader for the journal's event payloads: flat JSON objects whose values are strings,
/// numbers, booleans, null or lists of strings. Replaying a journal decodes every payload, and
/// this is several times faster than `JSONDecoder`; anything it does not understand returns nil
/// and the caller falls back to `JSONDecoder`.
struct FlatJSON {
    enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case strings([String])
    }

    /// Payloads have a handful of fields: a list searched in order is cheaper than hashing.
    private(set) var fields: [(key: String, value: Value)] = []

    init?(_ raw: UnsafeRawBufferPointer) {
        guard let base = raw.baseAddress else { return nil }
        var parser = Parser(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: raw.count))
        guard let parsed = parser.object() else { return nil }
        fields = parsed
    }

    private subscript(key: String) -> Value? {
        for field in fields where field.key == key { return field.value }
        return nil
    }

    func string(_ key: String) -> String? {
        if case .string(let s)? = self[key] { return s }
        return nil
    }

    func number(_ key: String) -> Double? {
        if case .number(let n)? = self[key] { return n }
        return nil
    }

    func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = self[key] { return b }
        return nil
    }

    func strings(_ key: String) -> [String]? {
        if case .strings(let s)? = self[key] { return s }
        return nil
    }

    /// Absent and null both read as nil; any other kind of value is a mismatch (`.some(nil)`).
    func optionalString(_ key: String) -> String?? {
        switch self[key] {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return .some(s)
        default: return nil
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func object() -> [(key: String, value: Value)]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            var out: [(key: String, value: Value)] = []
            out.reserveCapacity(6)
            if expect(UInt8(ascii: "}")) { return finished(out) }
            while true {
                skipSpace()
                guard let key = string(), expect(UInt8(ascii: ":")), let value = value() else { return nil }
                out.append((key, value))
                if expect(UInt8(ascii: ",")) { continue }
                guard expect(UInt8(ascii: "}")) else { return nil }
                return finished(out)
            }
        }

        mutating func finished(_ out: [(key: String, value: Value)]) -> [(key: String, value: Value)]? {
            skipSpace()
            return i == bytes.count ? out : nil
        }

        mutating func value() -> Value? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "["):
                i += 1
                var items: [String] = []
                if expect(UInt8(ascii: "]")) { return .strings(items) }
                while true {
                    skipSpace()
                    guard let s = string() else { return nil }
                    items.append(s)
                    if expect(UInt8(ascii: ",")) { continue }
                    guard expect(UInt8(ascii: "]")) else { return nil }
                    return .strings(items)
                }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        mutating func number() -> Value? {
            let start = i
            while i < bytes.count, let c = Optional(bytes[i]), (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45 { i += 1 }
            guard i > start, let text = String(bytes: bytes[start..<i], encoding: .ascii), let value = Double(text) else { return nil }
            return .number(value)
        }

        /// A JSON string at `i`, escapes decoded.
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}

extension EventCoding {
    /// The fast path of `body(type:payload:)`; nil when the payload is not of the expected shape.
    static func fastBody(type: String, payload: UnsafeRawBufferPointer) -> ExerciseEvent.Body? {
        switch type {
        case "started": return .started
        case "paused": return .paused
        case "resumed": return .resumed
        case "ended": return .ended
        case "exerciseCreated": return nil
        default: break
        }
        guard let j = FlatJSON(payload) else { return nil }
        switch type {
        case "injectReleased":
            guard let inject = j.string("inject"), let teams = j.strings("teams") else { return nil }
            return .injectReleased(InjectRelease(inject: inject, teams: teams, manual: j.bool("manual") ?? false))
        case "injectRead":
            guard let inject = j.string("inject"), let team = j.string("team") else { return nil }
            return .injectRead(InjectRead(inject: inject, team: team))
        case "answerSubmitted":
            guard let team = j.string("team"), let task = j.string("task").flatMap(TaskRef.init(parsing:)),
                  let submission = j.string("submission"), let values = j.strings("values") else { return nil }
            return .answerSubmitted(AnswerSubmission(team: team, task: task, submission: submission, values: values))
        case "hintTaken":
            guard let team = j.string("team"), let task = j.string("task").flatMap(TaskRef.init(parsing:)),
                  let hint = j.number("hint"), let index = Int(exactly: hint) else { return nil }
            return .hintTaken(HintTaken(team: team, task: task, hint: index))
        case "messageSent":
            guard let id = j.string("id"), let from = j.string("from").flatMap(Party.init(parsing:)),
                  let to = j.string("to").flatMap(Party.init(parsing:)), let kind = j.string("kind").flatMap(Message.Kind.init(rawValue:)),
                  let text = j.string("text") else { return nil }
            return .messageSent(Message(id: id, from: from, to: to, kind: kind, text: text))
        case "graded":
            guard let team = j.string("team"), let task = j.string("task").flatMap(TaskRef.init(parsing:)),
                  let score = j.number("score"), case .some(nil) = j.optionalString("via") else { return nil }
            return .graded(Grade(team: team, task: task, score: score, comment: j.string("comment") ?? ""))
        case "speedChanged":
            return j.number("speed").map { .speedChanged(SpeedChange(speed: $0)) }
        case "injectHeld":
            return j.string("inject").map { .injectHeld(InjectHold(inject: $0)) }
        case "deadlineExtended":
            guard let task = j.string("task").flatMap(TaskRef.init(parsing:)), let by = j.number("by"),
                  let ms = Millis(exactly: by), let team = j.optionalString("team") else { return nil }
            return .deadlineExtended(DeadlineExtension(task: task, team: team, by: ms))
        case "rfiAnswered":
            guard let rfi = j.string("rfi"), let text = j.string("text") else { return nil }
            return .rfiAnswered(RFIAnswer(rfi: rfi, text: text))
        default:
            // Teams and notes carry optional fields: the general decoder reads them.
            return nil
        }
    }
}
