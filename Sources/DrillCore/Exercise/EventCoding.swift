import Foundation

/// Events to and from the journal's `type` + JSON `payload` columns.
public enum EventCoding {
    public struct UnknownType: Error, CustomStringConvertible {
        public var type: String
        public var description: String { "unknown event type '\(type)' (written by a newer cyberdrill?)" }
    }

    private struct Empty: Codable {}

    /// The JSON payload of an event (sorted keys, so the bytes are canonical). The frequent
    /// payloads are written by hand (`writtenPayload(of:)`), byte for byte as `JSONEncoder`
    /// writes them: the chain hashes these bytes.
    public static func payload(of body: ExerciseEvent.Body) throws -> Data {
        if let written = writtenPayload(of: body) { return Data(written) }
        return try encodedPayload(of: body)
    }

    /// The payload through `JSONEncoder` (the reference the hand-written payloads are tested against).
    static func encodedPayload(of body: ExerciseEvent.Body) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch body {
        case .exerciseCreated(let p): return try encoder.encode(p)
        case .teamRegistered(let p): return try encoder.encode(p)
        case .speedChanged(let p): return try encoder.encode(p)
        case .injectReleased(let p): return try encoder.encode(p)
        case .injectHeld(let p): return try encoder.encode(p)
        case .injectRead(let p): return try encoder.encode(p)
        case .answerSubmitted(let p): return try encoder.encode(p)
        case .hintTaken(let p): return try encoder.encode(p)
        case .graded(let p): return try encoder.encode(p)
        case .deadlineExtended(let p): return try encoder.encode(p)
        case .messageSent(let p): return try encoder.encode(p)
        case .rfiAnswered(let p): return try encoder.encode(p)
        case .noteAdded(let p): return try encoder.encode(p)
        case .started, .paused, .resumed, .ended: return Data("{}".utf8)
        // live17
        case .injectComposed(let p): return try encoder.encode(p)
        // grade17
        case .taskReopened(let p): return try encoder.encode(p)
        case .feedbackOpened(let p): return try encoder.encode(p)
        case .feedbackAnswered(let p): return try encoder.encode(p)
        }
    }

    /// `answerSubmitted` (one row per answer: the hot one under load), `injectRead`,
    /// `injectReleased` and `hintTaken`, written with keys in `JSONEncoder`'s sorted order; nil
    /// for every other event.
    static func writtenPayload(of body: ExerciseEvent.Body) -> [UInt8]? {
        var w: JSONWriter
        switch body {
        case .answerSubmitted(let p):
            w = JSONWriter(capacity: 64 + p.submission.utf8.count + p.team.utf8.count + p.values.reduce(0) { $0 + $1.utf8.count + 3 })
            w.open()
            w.field("submission"); w.string(p.submission)
            w.field("task"); w.string(p.task.description)
            w.field("team"); w.string(p.team)
            w.field("values"); w.array(p.values) { w, v in w.string(v) }
        case .injectRead(let p):
            w = JSONWriter(capacity: 32 + p.inject.utf8.count + p.team.utf8.count)
            w.open()
            w.field("inject"); w.string(p.inject)
            w.field("team"); w.string(p.team)
        case .injectReleased(let p):
            w = JSONWriter(capacity: 48 + p.inject.utf8.count + p.teams.reduce(0) { $0 + $1.utf8.count + 3 })
            w.open()
            w.field("inject"); w.string(p.inject)
            w.field("manual"); w.bool(p.manual)
            w.field("teams"); w.array(p.teams) { w, t in w.string(t) }
        case .hintTaken(let p):
            w = JSONWriter(capacity: 48 + p.team.utf8.count)
            w.open()
            w.field("hint"); w.int(Int64(p.hint))
            w.field("task"); w.string(p.task.description)
            w.field("team"); w.string(p.team)
        default:
            return nil
        }
        w.close()
        return w.bytes
    }

    /// The event body stored as `type` and `payload`.
    public static func body(type: String, payload: Data, decoder: JSONDecoder = JSONDecoder()) throws -> ExerciseEvent.Body {
        if let fast = payload.withUnsafeBytes({ fastBody(type: type, payload: $0) }) { return fast }
        return try decodedBody(type: type, payload: payload, decoder: decoder)
    }

    /// `body(type:payload:)` of payload bytes that are only lent: copied only when the fast
    /// reader does not understand them.
    public static func body(type: String, bytes: UnsafeRawBufferPointer, decoder: JSONDecoder = JSONDecoder()) throws -> ExerciseEvent.Body {
        if let fast = fastBody(type: type, payload: bytes) { return fast }
        return try decodedBody(type: type, payload: Data(bytes), decoder: decoder)
    }

    /// The general path, through `JSONDecoder` (the reference the fast reader is tested against).
    static func decodedBody(type: String, payload: Data, decoder: JSONDecoder) throws -> ExerciseEvent.Body {
        func d<T: Decodable>(_: T.Type) throws -> T { try decoder.decode(T.self, from: payload) }
        switch type {
        case "exerciseCreated": return .exerciseCreated(try d(ExerciseCreated.self))
        case "teamRegistered": return .teamRegistered(try d(Team.self))
        case "started": return .started
        case "paused": return .paused
        case "resumed": return .resumed
        case "speedChanged": return .speedChanged(try d(SpeedChange.self))
        case "injectReleased": return .injectReleased(try d(InjectRelease.self))
        case "injectHeld": return .injectHeld(try d(InjectHold.self))
        case "injectRead": return .injectRead(try d(InjectRead.self))
        case "answerSubmitted": return .answerSubmitted(try d(AnswerSubmission.self))
        case "hintTaken": return .hintTaken(try d(HintTaken.self))
        case "graded": return .graded(try d(Grade.self))
        case "deadlineExtended": return .deadlineExtended(try d(DeadlineExtension.self))
        case "messageSent": return .messageSent(try d(Message.self))
        case "rfiAnswered": return .rfiAnswered(try d(RFIAnswer.self))
        case "noteAdded": return .noteAdded(try d(Note.self))
        case "ended": return .ended
        // live17
        case "injectComposed": return .injectComposed(try d(LiveInject.self))
        // grade17
        case "taskReopened": return .taskReopened(try d(TaskReopen.self))
        case "feedbackOpened": return .feedbackOpened(try d(FeedbackOpening.self))
        case "feedbackAnswered": return .feedbackAnswered(try d(FeedbackAnswer.self))
        default: throw UnknownType(type: type)
        }
    }
}
