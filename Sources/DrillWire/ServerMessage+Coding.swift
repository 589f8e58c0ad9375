import DrillCore
import Foundation

extension ServerFrame: Codable {
    /// One flat object: `v`, `type`, `seq` and `ref` beside the payload's own fields.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.encode(Wire.version, forKey: "v")
        try c.encode(message.type, forKey: "type")
        try c.encodeIfPresent(seq, forKey: "seq")
        try c.encodeIfPresent(ref, forKey: "ref")
        switch message {
        case .welcome(let p): try p.encode(to: encoder)
        case .ok(let p): try p.encode(to: encoder)
        case .error(let p): try p.encode(to: encoder)
        case .pong, .unknown: break
        case .clock(let p): try p.encode(to: encoder)
        case .presence(let p): try p.encode(to: encoder)
        case .scoreboard(let p): try p.encode(to: encoder)
        case .standings(let p): try p.encode(to: encoder)
        case .scorecard(let p): try p.encode(to: encoder)
        case .status(let p): try p.encode(to: encoder)
        case .scenario(let p): try p.encode(to: encoder)
        case .artifact(let p): try p.encode(to: encoder)
        case .phase(let p): try p.encode(to: encoder)
        case .inject(let p): try p.encode(to: encoder)
        case .released(let p): try p.encode(to: encoder)
        case .held(let p): try p.encode(to: encoder)
        case .team(let p): try p.encode(to: encoder)
        case .read(let p): try p.encode(to: encoder)
        case .ack(let p), .answer(let p): try p.encode(to: encoder)
        case .hint(let p): try p.encode(to: encoder)
        case .graded(let p): try p.encode(to: encoder)
        case .deadline(let p): try p.encode(to: encoder)
        case .message(let p): try p.encode(to: encoder)
        case .rfiAnswer(let p): try p.encode(to: encoder)
        case .note(let p): try p.encode(to: encoder)
        // live17
        case .composed(let p): try p.encode(to: encoder)
        // grade17
        case .reopened(let p): try p.encode(to: encoder)
        case .feedbackForm(let p): try p.encode(to: encoder)
        case .feedbackAnswer(let p): try p.encode(to: encoder)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        let v = try c.decode(Int.self, forKey: "v")
        guard v == Wire.version else {
            throw WireError(.badVersion, "the server speaks protocol version \(v); this client speaks \(Wire.version)")
        }
        seq = try c.decodeIfPresent(Int.self, forKey: "seq")
        ref = try c.decodeIfPresent(String.self, forKey: "ref")
        func p<T: Decodable>(_: T.Type) throws -> T { try T(from: decoder) }
        let type = try c.decode(String.self, forKey: "type")
        switch type {
        case "welcome": message = .welcome(try p(Welcome.self))
        case "ok": message = .ok(try p(Done.self))
        case "error": message = .error(try p(WireError.self))
        case "pong": message = .pong
        case "clock": message = .clock(try p(ClockStatus.self))
        case "presence": message = .presence(try p(Presence.self))
        case "scoreboard": message = .scoreboard(try p(TeamView.self))
        case "standings": message = .standings(try p(Standings.self))
        case "scorecard": message = .scorecard(try p(Scorecard.self))
        case "status": message = .status(try p(ExerciseStatus.self))
        case "scenario": message = .scenario(try p(ScenarioSource.self))
        case "artifact": message = .artifact(try p(ArtifactChunk.self))
        case "phase": message = .phase(try p(PhaseChange.self))
        case "inject": message = .inject(try p(InjectDelivery.self))
        case "released": message = .released(try p(ReleaseNotice.self))
        case "held": message = .held(try p(HoldNotice.self))
        case "team": message = .team(try p(TeamInfo.self))
        case "read": message = .read(try p(ReadNotice.self))
        case "ack": message = .ack(try p(AnswerNotice.self))
        case "answer": message = .answer(try p(AnswerNotice.self))
        case "hint": message = .hint(try p(HintNotice.self))
        case "graded": message = .graded(try p(GradeNotice.self))
        case "deadline": message = .deadline(try p(DeadlineNotice.self))
        case "message": message = .message(try p(MessageNotice.self))
        case "rfiAnswer": message = .rfiAnswer(try p(RFIAnswerNotice.self))
        case "note": message = .note(try p(NoteNotice.self))
        // live17
        case "composed": message = .composed(try p(ComposedNotice.self))
        // grade17
        case "reopened": message = .reopened(try p(ReopenNotice.self))
        case "feedbackForm": message = .feedbackForm(try p(FeedbackForm.self))
        case "feedbackAnswer": message = .feedbackAnswer(try p(FeedbackNotice.self))
        default: message = .unknown(type: type)
        }
    }
}
