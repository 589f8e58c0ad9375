import DrillCore
import Foundation

extension ClientFrame: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.encode(Wire.version, forKey: "v")
        try c.encode(message.type, forKey: "type")
        try c.encodeIfPresent(ref, forKey: "ref")
        switch message {
        case .hello(let h):
            try c.encode(h.token, forKey: "token")
            try c.encode(h.lastSeq, forKey: "lastSeq")
            try c.encodeIfPresent(h.client, forKey: "client")
            try c.encodeIfPresent(h.asTeam, forKey: "asTeam")
        case .ping, .scores, .status, .scenario, .start, .pause, .resume, .end, .openFeedback:
            break
        case .artifact(let a):
            try c.encode(a.inject, forKey: "inject")
            try c.encode(a.name, forKey: "name")
            try c.encode(a.offset, forKey: "offset")
            try c.encodeIfPresent(a.length, forKey: "length")
        case .read(let inject), .hold(let inject):
            try c.encode(inject, forKey: "inject")
        case .submit(let s):
            try c.encode(s.submission, forKey: "submission")
            try c.encode(s.task, forKey: "task")
            try c.encode(s.values, forKey: "values")
        case .hint(let task, let hint):
            try c.encode(task, forKey: "task")
            try c.encode(hint, forKey: "hint")
        case .send(let to, let kind, let text):
            try c.encode(to, forKey: "to")
            try c.encode(kind, forKey: "kind")
            try c.encode(text, forKey: "text")
        case .speed(let speed):
            try c.encode(speed, forKey: "speed")
        case .release(let inject, let teams):
            try c.encode(inject, forKey: "inject")
            try c.encodeIfPresent(teams, forKey: "teams")
        case .extend(let task, let team, let by):
            try c.encode(task, forKey: "task")
            try c.encodeIfPresent(team, forKey: "team")
            try c.encode(by, forKey: "by")
        case .grade(let team, let task, let score, let comment):
            try c.encode(team, forKey: "team")
            try c.encode(task, forKey: "task")
            try c.encode(score, forKey: "score")
            try c.encode(comment, forKey: "comment")
        case .note(let note):
            try c.encode(note.text, forKey: "text")
            try c.encodeIfPresent(note.inject, forKey: "inject")
            try c.encodeIfPresent(note.team, forKey: "team")
            try c.encode(note.tags, forKey: "tags")
            try c.encodeIfPresent(note.kind?.rawValue, forKey: "kind")
            try c.encodeIfPresent(note.objective, forKey: "objective")
            try c.encodeIfPresent(note.capability, forKey: "capability")
            try c.encodeIfPresent(note.action, forKey: "action")
            try c.encodeIfPresent(note.owner, forKey: "owner")
            try c.encodeIfPresent(note.due, forKey: "due")
        case .answerRFI(let rfi, let text):
            try c.encode(rfi, forKey: "rfi")
            try c.encode(text, forKey: "text")
        case .broadcast(let text, let team):
            try c.encode(text, forKey: "text")
            try c.encodeIfPresent(team, forKey: "team")
        // live17
        case .compose(let live):
            try c.encode(live, forKey: "inject")
        // grade17
        case .outcome(let team, let task, let score, let via, let comment):
            try c.encode(team, forKey: "team")
            try c.encode(task, forKey: "task")
            try c.encode(score, forKey: "score")
            try c.encode(via, forKey: "via")
            try c.encode(comment, forKey: "comment")
        case .reopen(let team, let task, let window, let reason):
            try c.encode(team, forKey: "team")
            try c.encode(task, forKey: "task")
            try c.encode(window, forKey: "window")
            try c.encode(reason, forKey: "reason")
        case .feedback(let member, let answers):
            try c.encode(member, forKey: "member")
            try c.encode(answers, forKey: "answers")
        }
    }

    /// Throws `WireError` for a wrong version, an unknown type or a bad `ref`, and `DecodingError`
    /// for a missing or mistyped field (`WireCoding` turns both into error frames).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        guard let v = try? c.decodeIfPresent(Int.self, forKey: "v"), v == Wire.version else {
            throw WireError(.badVersion, "this server speaks protocol version \(Wire.version); send \"v\":\(Wire.version) in every frame")
        }
        let type: String
        do { type = try c.decode(String.self, forKey: "type") } catch {
            throw WireError(.malformed, "every frame needs a \"type\" string")
        }
        guard ClientMessage.types.contains(type) else {
            throw WireError(.unknownType, "unknown message type '\(type.prefix(64))'")
        }
        let ref = try c.decodeIfPresent(String.self, forKey: "ref")
        if let ref, ref.utf8.count > 128 { throw WireError(.malformed, "'ref' is longer than 128 bytes") }
        self.init(try Self.message(type, c), ref: ref)
    }

    private static func message(_ type: String, _ c: KeyedDecodingContainer<WireKey>) throws -> ClientMessage {
        func text(_ key: String) throws -> String { try c.decode(String.self, forKey: WireKey(key)) }
        func optionalText(_ key: String) throws -> String? { try c.decodeIfPresent(String.self, forKey: WireKey(key)) }
        func task() throws -> TaskRef { try c.decode(TaskRef.self, forKey: "task") }
        switch type {
        case "hello":
            return .hello(.init(token: try text("token"), lastSeq: try c.decodeIfPresent(Int.self, forKey: "lastSeq") ?? 0,
                                client: try optionalText("client"), asTeam: try optionalText("asTeam")))
        case "ping": return .ping
        case "scores": return .scores
        case "status": return .status
        case "scenario": return .scenario
        case "artifact":
            return .artifact(.init(inject: try text("inject"), name: try text("name"),
                                   offset: try c.decodeIfPresent(Int64.self, forKey: "offset") ?? 0,
                                   length: try c.decodeIfPresent(Int.self, forKey: "length")))
        case "read": return .read(inject: try text("inject"))
        case "submit":
            return .submit(.init(submission: try text("submission"), task: try task(), values: try Self.values(c)))
        case "hint": return .hint(task: try task(), hint: try c.decode(Int.self, forKey: "hint"))
        case "send":
            return .send(to: try c.decode(Party.self, forKey: "to"),
                         kind: try c.decodeIfPresent(Message.Kind.self, forKey: "kind") ?? .message, text: try text("text"))
        case "start": return .start
        case "pause": return .pause
        case "resume": return .resume
        case "end": return .end
        case "speed": return .speed(try c.decode(Double.self, forKey: "speed"))
        case "release": return .release(inject: try text("inject"), teams: try c.decodeIfPresent([String].self, forKey: "teams"))
        case "hold": return .hold(inject: try text("inject"))
        case "extend":
            return .extend(task: try task(), team: try optionalText("team"), by: try c.decode(Millis.self, forKey: "by"))
        case "grade":
            return .grade(team: try text("team"), task: try task(), score: try c.decode(Double.self, forKey: "score"),
                          comment: try optionalText("comment") ?? "")
        case "note":
            var kind: Note.Kind?
            if let name = try optionalText("kind") {
                guard let k = Note.Kind(rawValue: name) else {
                    throw WireError(.malformed, "unknown note kind '\(name.prefix(32))': observation, strength or improvement")
                }
                kind = k
            }
            return .note(Note(text: try text("text"), inject: try optionalText("inject"), team: try optionalText("team"),
                              tags: try c.decodeIfPresent([String].self, forKey: "tags") ?? [], kind: kind,
                              objective: try optionalText("objective"), capability: try optionalText("capability"),
                              action: try optionalText("action"), owner: try optionalText("owner"), due: try optionalText("due")))
        case "answerRFI": return .answerRFI(rfi: try text("rfi"), text: try text("text"))
        case "broadcast": return .broadcast(text: try text("text"), team: try optionalText("team"))
        // live17
        case "compose": return .compose(try c.decode(LiveInject.self, forKey: "inject"))
        // grade17
        case "outcome":
            let name = try text("via")
            guard let via = GradeChannel(rawValue: name) else {
                throw WireError(.malformed, "unknown channel '\(name.prefix(32))': phone, videoCall, inPerson or other")
            }
            return .outcome(team: try text("team"), task: try task(), score: try c.decode(Double.self, forKey: "score"), via: via,
                            comment: try optionalText("comment") ?? "")
        case "reopen":
            return .reopen(team: try text("team"), task: try task(), window: try c.decode(Millis.self, forKey: "window"), reason: try text("reason"))
        case "openFeedback": return .openFeedback
        case "feedback":
            return .feedback(member: try text("member"), answers: try c.decode([String: String].self, forKey: "answers"))
        default: throw WireError(.unknownType, "unknown message type '\(type.prefix(64))'")
        }
    }

    /// `values` as an array of strings; a single string is taken as a one-value answer.
    private static func values(_ c: KeyedDecodingContainer<WireKey>) throws -> [String] {
        if let one = try? c.decode(String.self, forKey: "values") { return [one] }
        return try c.decode([String].self, forKey: "values")
    }
}
