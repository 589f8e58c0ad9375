import DrillCore

/// Writes `ack` and `answer` frames (and `ok`, a submission's reply) as JSON by hand. Every answer
/// makes three feed frames (the team's ack, the white cell's and the observers' answer) and
/// `JSONEncoder` spent a quarter of the server's time on them under load; this writer produces
/// text that `JSONDecoder` reads to the same `ServerFrame` (field order and number spelling may
/// differ from `JSONEncoder`'s, the values do not). Returns nil for every other message, and for a
/// non-finite number (which `JSONEncoder` refuses too), so that callers fall back to
/// `WireCoding.encode`.
public enum AnswerFrameWriter {
    public static func encode(_ frame: ServerFrame) -> [UInt8]? {
        let notice: AnswerNotice
        switch frame.message {
        case .ack(let n), .answer(let n): notice = n
        case .ok(let done): return encode(done, frame)
        default: return nil
        }
        var w = JSONWriter()
        w.bytes.reserveCapacity(512)
        w.open()
        w.field("v"); w.int(Int64(Wire.version))
        w.field("type"); w.string(frame.message.type)
        if let seq = frame.seq { w.field("seq"); w.int(Int64(seq)) }
        if let ref = frame.ref { w.field("ref"); w.string(ref) }
        w.field("team"); w.string(notice.team)
        w.field("submission"); w.string(notice.submission)
        w.field("task"); w.string(notice.task.description)
        if let values = notice.values {
            w.field("values"); w.array(values) { w, v in w.string(v) }
        }
        w.field("at"); w.int(notice.at)
        w.field("score"); write(notice.score, to: &w)
        w.close()
        return w.failed ? nil : w.bytes
    }

    /// `ok`: a submission's reply (its id, and `duplicate` for a retry), or a bare `ok`.
    static func encode(_ done: Done, _ frame: ServerFrame) -> [UInt8] {
        var w = JSONWriter()
        w.bytes.reserveCapacity(96)
        w.open()
        w.field("v"); w.int(Int64(Wire.version))
        w.field("type"); w.string(frame.message.type)
        if let seq = frame.seq { w.field("seq"); w.int(Int64(seq)) }
        if let ref = frame.ref { w.field("ref"); w.string(ref) }
        if let v = done.submission { w.field("submission"); w.string(v) }
        if let v = done.duplicate { w.field("duplicate"); w.bool(v) }
        w.close()
        return w.bytes
    }

    static func write(_ s: TeamTaskView, to w: inout JSONWriter) {
        w.open()
        w.field("task"); w.string(s.task.description)
        w.field("outcome"); w.string(s.outcome.rawValue)
        w.field("isFinal"); w.bool(s.isFinal)
        if let v = s.decidedAt { w.field("decidedAt"); w.int(v) }
        if let v = s.points { w.field("points"); w.double(v) }
        w.field("maxPoints"); w.double(s.maxPoints)
        w.field("reason"); w.string(s.reason)
        if let why = s.why { w.field("why"); write(why, to: &w) }
        w.field("wrongAttempts"); w.int(Int64(s.wrongAttempts))
        w.field("hintsTaken"); w.int(Int64(s.hintsTaken))
        if let v = s.releasedAt { w.field("releasedAt"); w.int(v) }
        if let v = s.answeredAt { w.field("answeredAt"); w.int(v) }
        if let v = s.dueAt { w.field("dueAt"); w.int(v) }
        if let v = s.closesAt { w.field("closesAt"); w.int(v) }
        w.close()
    }

    static func write(_ r: ScoreReason, to w: inout JSONWriter) {
        w.open()
        w.field("outcome"); w.string(r.outcome.rawValue)
        w.field("isFinal"); w.bool(r.isFinal)
        w.field("credit"); w.double(r.credit)
        w.field("wrong"); w.int(Int64(r.wrong))
        w.field("falseItems"); w.int(Int64(r.falseItems))
        if let v = r.answeredAt { w.field("answeredAt"); w.int(v) }
        if let v = r.dueAt { w.field("dueAt"); w.int(v) }
        w.field("hintCount"); w.int(Int64(r.hintCount))
        if let v = r.attempts { w.field("attempts"); w.int(Int64(v)) }
        w.field("penalty"); w.double(r.penalty)
        w.field("factor"); w.double(r.factor)
        w.field("hints"); w.array(r.hints) { w, h in w.int(Int64(h)) }
        w.field("hintCosts"); w.array(r.hintCosts) { w, c in w.double(c) }
        if let v = r.teamsTold { w.field("teamsTold"); w.int(Int64(v)) }
        if let v = r.teamsToTell { w.field("teamsToTell"); w.int(Int64(v)) }
        w.field("figures"); w.bool(r.figures)
        if let v = r.via { w.field("via"); w.string(v.rawValue) }
        w.close()
    }
}

/// The few pieces of JSON text the hand-written frames need, appended to one byte array.
struct JSONWriter {
    var bytes: [UInt8] = []
    /// Set by a non-finite number, which JSON cannot carry.
    var failed = false
    private var needsComma = false

    mutating func open() { comma(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma = true }

    /// A key and its colon; the value follows.
    mutating func field(_ key: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
        comma()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func int(_ n: Int64) { comma(); bytes.append(contentsOf: String(n).utf8); needsComma = true }

    mutating func bool(_ b: Bool) { comma(); bytes.append(contentsOf: (b ? "true" : "false").utf8); needsComma = true }

    /// Swift's shortest text that reads back as the same `Double` ("0.1", "1e-05", "10.0"): all
    /// valid JSON numbers.
    mutating func double(_ d: Double) {
        comma()
        if d.isFinite { bytes.append(contentsOf: d.description.utf8) } else { failed = true; bytes.append(UInt8(ascii: "0")) }
        needsComma = true
    }

    /// A JSON string: quote, backslash and control characters escaped, everything else as its
    /// UTF-8 bytes (as `JSONEncoder` does with `withoutEscapingSlashes`).
    mutating func string(_ s: String) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
