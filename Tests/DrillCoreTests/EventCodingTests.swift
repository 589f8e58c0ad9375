@testable import DrillCore
import Foundation
import Testing

@Suite("Event payloads round-trip")
struct EventCodingTests {
    static let bodies: [ExerciseEvent.Body] = [
        .started, .paused, .resumed, .ended,
        .teamRegistered(Team(id: "xa", name: "CIRT «Alpha» \"A\"", country: "XA", contact: "soc@xa.example")),
        .speedChanged(SpeedChange(speed: 2.5)),
        .injectReleased(InjectRelease(inject: "I01", teams: ["a", "b"], manual: true)),
        .injectReleased(InjectRelease(inject: "I02", teams: [])),
        .injectHeld(InjectHold(inject: "I03")),
        .injectRead(InjectRead(inject: "I01", team: "a")),
        .answerSubmitted(AnswerSubmission(team: "a", task: TaskRef(inject: "I01", task: "c2"), submission: "s/1",
                                          values: ["203.0.113.66", "line\nbreak \\ \"quoted\" \t tab", "沙蝎 ٣ é 😀", "\u{1}"])),
        .hintTaken(HintTaken(team: "a", task: TaskRef(inject: "I01", task: "c2"), hint: 1)),
        .graded(Grade(team: "a", task: TaskRef(inject: "I02", task: "r"), score: 0.5, comment: "partial: no TLP")),
        .deadlineExtended(DeadlineExtension(task: TaskRef(inject: "I01", task: "c2"), team: nil, by: 600_000)),
        .deadlineExtended(DeadlineExtension(task: TaskRef(inject: "I01", task: "c2"), team: "b", by: 1)),
        .messageSent(Message(id: "M1", from: .team("a"), to: .team("b"), kind: .message, text: "heads-up / تحذير")),
        .messageSent(Message(id: "M2", from: .whiteCell, to: .all, kind: .message, text: "")),
        .messageSent(Message(id: "M3", from: .team("b"), to: .whiteCell, kind: .rfi, text: "in scope?")),
        .rfiAnswered(RFIAnswer(rfi: "M3", text: "yes")),
        .noteAdded(Note(text: "slow start", inject: "I01", team: nil, tags: ["improvement", "owner: NOC"])),
        .noteAdded(Note(text: "no escalation path", team: "a", kind: .improvement, objective: "O2", capability: "Detection",
                        action: "Write the escalation runbook", owner: "SOC lead", due: "2026-03-31")),
        // grade17
        .graded(Grade(team: "a", task: TaskRef(inject: "I01", task: "c2"), score: 0.75, comment: "said it on the bridge call", via: .videoCall)),
        .taskReopened(TaskReopen(team: "b", task: TaskRef(inject: "I01", task: "c2"), window: 600_000, reason: "the portal was down")),
    ]

    @Test("a grade without a channel is written as before; one with a channel carries it")
    func gradesKeepTheirOldPayload() throws {
        let old = try EventCoding.payload(of: .graded(Grade(team: "a", task: TaskRef(inject: "I02", task: "r"), score: 1)))
        #expect(String(decoding: old, as: UTF8.self) == #"{"comment":"","score":1,"task":"I02.r","team":"a"}"#)
        let phone = Grade(team: "a", task: TaskRef(inject: "I02", task: "r"), score: 1, via: .phone)
        let payload = try EventCoding.payload(of: .graded(phone))
        #expect(String(decoding: payload, as: UTF8.self) == #"{"comment":"","score":1,"task":"I02.r","team":"a","via":"phone"}"#)
        #expect(try EventCoding.body(type: "graded", payload: payload) == .graded(phone))
    }

    @Test("a note from an older journal (no form fields) still loads, and a note without them is written as before")
    func notesOfOlderJournals() throws {
        let old = #"{"inject":"I01","tags":["strength"],"text":"fast triage"}"#
        let body = try EventCoding.body(type: "noteAdded", payload: Data(old.utf8))
        #expect(body == .noteAdded(Note(text: "fast triage", inject: "I01", tags: ["strength"])))
        #expect(String(decoding: try EventCoding.payload(of: body), as: UTF8.self) == old)
        let form = try EventCoding.payload(of: .noteAdded(Note(text: "t", kind: .improvement, action: "a", owner: "o", due: "d")))
        #expect(String(decoding: form, as: UTF8.self) == #"{"action":"a","due":"d","kind":"improvement","owner":"o","tags":[],"text":"t"}"#)
    }

    /// The body read from `payload` by the fast reader (nil when it declines) and by `JSONDecoder`.
    static func bothReadings(of body: ExerciseEvent.Body) throws -> (type: String, fast: ExerciseEvent.Body?, decoded: ExerciseEvent.Body) {
        let payload = try EventCoding.payload(of: body)
        let type = ExerciseEvent(at: 0, by: .system, body).type
        let fast = payload.withUnsafeBytes { EventCoding.fastBody(type: type, payload: $0) }
        return (type, fast, try EventCoding.decodedBody(type: type, payload: payload, decoder: JSONDecoder()))
    }

    @Test(arguments: bodies)
    func theFastReaderAgreesWithJSONDecoder(body: ExerciseEvent.Body) throws {
        let (_, fast, decoded) = try Self.bothReadings(of: body)
        #expect(decoded == body)
        if let fast { #expect(fast == decoded) }
        #expect(try EventCoding.body(type: ExerciseEvent(at: 0, by: .system, body).type, payload: EventCoding.payload(of: body)) == body)
    }

    @Test("the fast reader reads every payload it is written for; it leaves only optional fields to JSONDecoder")
    func theFastReaderDoesNotDeclineItsOwnTypes() throws {
        var read = 0
        var declined: [String] = []
        for body in Self.bodies {
            let (type, fast, _) = try Self.bothReadings(of: body)
            if fast == nil { declined.append(type) } else { read += 1 }
        }
        // A grade with a channel (`via`), teams, notes and reopenings carry optional fields.
        #expect(declined == ["teamRegistered", "noteAdded", "noteAdded", "graded", "taskReopened"])
        #expect(read == Self.bodies.count - 5)
    }

    @Test func malformedPayloadsAreErrorsNotTraps() {
        for bad in ["", "{", "{\"team\":", "[1,2]", "{\"team\":\"a\",\"task\":\"I01\"}", "{\"inject\":\"I\\u12\"}", "nul"] {
            for type in ["answerSubmitted", "injectReleased", "messageSent", "teamRegistered"] {
                #expect(throws: (any Error).self) { try EventCoding.body(type: type, payload: Data(bad.utf8)) }
            }
        }
    }
}
