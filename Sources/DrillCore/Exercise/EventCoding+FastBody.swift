import Foundation

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
                  let index = j.integer("hint") else { return nil }
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
            guard let task = j.string("task").flatMap(TaskRef.init(parsing:)), let by = j.integer("by"),
                  let team = j.optionalString("team") else { return nil }
            return .deadlineExtended(DeadlineExtension(task: task, team: team, by: Millis(by)))
        case "rfiAnswered":
            guard let rfi = j.string("rfi"), let text = j.string("text") else { return nil }
            return .rfiAnswered(RFIAnswer(rfi: rfi, text: text))
        default:
            // Teams and notes carry optional fields: the general decoder reads them.
            return nil
        }
    }
}
