import DrillCore
import DrillWire
import Foundation
import Testing

@Suite("Protocol frames: flat JSON objects, every bad one answered with a code")
struct WireCodingTests {
    func json(_ frame: ServerFrame) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: try WireCoding.encode(frame)) as? [String: Any])
    }

    func decode(_ text: String) -> Result<ClientFrame, WireError> {
        WireCoding.decodeClient(Data(text.utf8))
    }

    @Test func everyClientMessageRoundTrips() throws {
        let messages: [ClientMessage] = [
            .hello(.init(token: "abc", lastSeq: 7, client: "test")), .ping, .scores, .status, .scenario, .read(inject: "I01"),
            .artifact(.init(inject: "I01", name: "proxy log.txt", offset: 262_144, length: 1000)), .artifact(.init(inject: "I01", name: "a.pcap")),
            .submit(.init(submission: "s1", task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])),
            .hint(task: TaskRef(inject: "I01", task: "c2"), hint: 0), .send(to: .team("cirt-b"), kind: .message, text: "heads up"),
            .send(to: .whiteCell, kind: .rfi, text: "which IP?"), .start, .pause, .resume, .end, .speed(60),
            .release(inject: "I02", teams: ["cirt-a"]), .release(inject: "I02", teams: nil), .hold(inject: "I03"),
            .extend(task: TaskRef(inject: "I01", task: "c2"), team: nil, by: 600_000),
            .grade(team: "cirt-a", task: TaskRef(inject: "I01", task: "adv"), score: 0.5, comment: "partial"),
            .note(Note(text: "slow start", inject: "I01", team: "cirt-a", tags: ["improvement"])), .answerRFI(rfi: "M3", text: "the NOC"),
            .broadcast(text: "lunch", team: nil), .broadcast(text: "call us", team: "cirt-b"),
            // live17
            .compose(LiveInject(at: 60_000, title: "Call", channel: .phone, teams: ["cirt-a"],
                                tasks: [DrillTask(id: "", prompt: "Yes?", kind: .choice(options: ["yes", "no"], answers: ["yes"], multiple: false, partial: false),
                                                  guide: "model answer")])),
            // grade17
            .outcome(team: "cirt-a", task: TaskRef(inject: "I01", task: "c2"), score: 0.5, via: .phone, comment: "one octet wrong"),
            .reopen(team: "cirt-b", task: TaskRef(inject: "I01", task: "c2"), window: 600_000, reason: "the portal was down"),
            .openFeedback, .feedback(member: "m1", answers: ["q1": "4", "q3": "more time"]),
        ]
        #expect(Set(messages.map(\.type)) == ClientMessage.types)
        for message in messages {
            let frame = ClientFrame(message, ref: "r1")
            let bytes = try WireCoding.encode(frame)
            #expect(try WireCoding.decodeClient(bytes).get() == frame)
            let object = try #require(JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            #expect(object["v"] as? Int == 1)
            #expect(object["type"] as? String == message.type)
        }
    }

    @Test func serverFramesAreFlatWithSeqAndRef() throws {
        let view = try JSONDecoder().decode(TeamTaskView.self, from: Data("""
            {"task":"I01.c2","outcome":"correct","isFinal":true,"decidedAt":60000,"points":10,"maxPoints":10,"reason":"correct",
             "wrongAttempts":0,"hintsTaken":0,"releasedAt":0,"answeredAt":60000}
            """.utf8))
        let ack = AnswerNotice(team: "cirt-a", submission: "s1", task: TaskRef(inject: "I01", task: "c2"), values: ["x"], at: 60_000, score: view)
        let object = try json(ServerFrame(.ack(ack), seq: 12))
        #expect(object["type"] as? String == "ack")
        #expect(object["seq"] as? Int == 12)
        #expect(object["submission"] as? String == "s1")
        #expect(object["task"] as? String == "I01.c2")
        #expect((object["score"] as? [String: Any])?["outcome"] as? String == "correct")
        let error = try json(ServerFrame(.error(WireError(.forbidden, "no")), ref: "r9"))
        #expect(error["seq"] == nil)
        #expect(error["ref"] as? String == "r9")
        #expect(error["code"] as? String == "forbidden")
        let decoded = try WireCoding.decodeServer(try WireCoding.encode(ServerFrame(.ack(ack), seq: 12)))
        #expect(decoded == ServerFrame(.ack(ack), seq: 12))
    }

    @Test func aServerMessageOfAnUnknownTypeIsKeptAsUnknown() throws {
        let frame = try WireCoding.decodeServer(Data(#"{"v":1,"type":"fireworks","seq":3,"colour":"red"}"#.utf8))
        #expect(frame.message == .unknown(type: "fireworks"))
        #expect(frame.seq == 3)
    }

    @Test func badFramesGetTheirCodes() {
        func code(_ text: String) -> String? {
            if case .failure(let e) = decode(text) { return e.code }
            return nil
        }
        #expect(code("not json") == "malformed")
        #expect(code("[1,2]") == "malformed")
        #expect(code(#"{"type":"ping"}"#) == "badVersion")
        #expect(code(#"{"v":2,"type":"ping"}"#) == "badVersion")
        #expect(code(#"{"v":"1","type":"ping"}"#) == "badVersion")
        #expect(code(#"{"v":1}"#) == "malformed")
        #expect(code(#"{"v":1,"type":"launchMissiles"}"#) == "unknownType")
        #expect(code(#"{"v":1,"type":"submit","submission":"s","task":"I01.c2"}"#) == "malformed")
        #expect(code(#"{"v":1,"type":"submit","submission":"s","task":"I01","values":["x"]}"#) == "malformed")
        #expect(code(#"{"v":1,"type":"hint","task":"I01.c2","hint":"one"}"#) == "malformed")
        #expect(code(#"{"v":1,"type":"ping","ref":"\#(String(repeating: "r", count: 200))"}"#) == "malformed")
        #expect(code(#"{"v":1,"type":"ping","ref":"ok"}"#) == nil)
        let big = "{\"v\":1,\"type\":\"note\",\"text\":\"" + String(repeating: "x", count: Wire.maxMessageBytes) + "\"}"
        #expect(code(big) == "tooLarge")
    }

    @Test func malformedFramesNameTheField() {
        guard case .failure(let e) = decode(#"{"v":1,"type":"submit","submission":"s","task":"I01.c2"}"#) else {
            Issue.record("accepted"); return
        }
        #expect(e.message == "field 'values' is missing")
        guard case .failure(let t) = decode(#"{"v":1,"type":"speed","speed":"fast"}"#) else { Issue.record("accepted"); return }
        #expect(t.message == "field 'speed' must be a number")
    }

    @Test func aSingleValueIsAOneValueAnswerAndUnknownFieldsAreIgnored() throws {
        let frame = try decode(#"{"v":1,"type":"submit","submission":"s","task":"I01.c2","values":"203.0.113.66","team":"cirt-b","actor":"facilitator:x"}"#).get()
        #expect(frame.message == .submit(.init(submission: "s", task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])))
    }

    @Test func feedsAndPartiesHaveTextForms() throws {
        #expect(Feed(parsing: "team:cirt-a") == .team("cirt-a"))
        #expect(Feed(parsing: "whitecell") == .whiteCell)
        #expect(Feed(parsing: "observers") == .observers)
        #expect(Feed(parsing: "team:") == nil)
        #expect(Feed.team("x").description == "team:x")
    }
}

@Suite("Console commands and the white cell's feed, both ways")
struct CommandMappingTests {
    @Test func everyCommandAClientMayGiveHasItsMessage() {
        let task = TaskRef(inject: "I01", task: "c2")
        let commands: [Command] = [
            .start, .pause, .resume, .end, .setSpeed(30), .releaseNow(inject: "I02", teams: nil), .releaseNow(inject: "I02", teams: ["b"]),
            .hold(inject: "I03"), .extendDeadline(task: task, team: "b", by: 300_000), .extendDeadline(task: task, team: nil, by: 60_000),
            .grade(team: "a", task: task, score: 0.5, comment: "partial"), .addNote(Note(text: "n", inject: "I01", team: "a", tags: ["x"])),
            .answerRFI(rfi: "M1", text: "yes"), .broadcast(text: "hi", team: nil), .broadcast(text: "hi", team: "a"),
            .markRead(inject: "I01"), .submit(task: task, submission: "s1", values: ["v"]), .takeHint(task: task, hint: 1),
            .sendMessage(to: .whiteCell, kind: .rfi, text: "?"),
        ]
        for command in commands {
            #expect(ClientMessage(command: command)?.command == command, "\(command)")
        }
        #expect(ClientMessage(command: .registerTeam(Team(id: "x", name: "X"))) == nil)
    }

    @Test func theWhiteCellFeedStandsForJournalEvents() throws {
        let task = TaskRef(inject: "I01", task: "c2")
        let view = try JSONDecoder().decode(TeamTaskView.self, from: Data("""
            {"task":"I01.c2","outcome":"pending","isFinal":false,"points":0,"maxPoints":10,"reason":"pending",
             "wrongAttempts":0,"hintsTaken":0,"releasedAt":0}
            """.utf8))
        let answer = AnswerNotice(team: "a", submission: "s1", task: task, values: ["v"], at: 5, score: view)
        #expect(ServerMessage.answer(answer).whiteCellEvent
                == ExerciseEvent(at: 5, by: .team("a"), .answerSubmitted(AnswerSubmission(team: "a", task: task, submission: "s1", values: ["v"]))))
        var blind = answer
        blind.values = nil
        #expect(ServerMessage.answer(blind).whiteCellEvent == nil, "an observer's answer has no values to fold")
        let grade = GradeNotice(team: "a", task: task, grade: 0.5, comment: "ok", at: 9, score: nil, by: "facilitator:ana")
        #expect(ServerMessage.graded(grade).whiteCellEvent
                == ExerciseEvent(at: 9, by: .facilitator("ana"), .graded(Grade(team: "a", task: task, score: 0.5, comment: "ok"))))
        let speed = PhaseChange(event: "speedChanged", phase: .running, exerciseTime: 7, speed: 20)
        #expect(ServerMessage.phase(speed).whiteCellEvent == ExerciseEvent(at: 7, by: .system, .speedChanged(SpeedChange(speed: 20))))
        #expect(ServerMessage.phase(PhaseChange(event: "fireworks", phase: .running, exerciseTime: 7, speed: 1)).whiteCellEvent == nil)
        #expect(ServerMessage.pong.whiteCellEvent == nil)
        // live17: a composed live inject folds back into its event, with who composed it.
        let live = LiveInject(id: "L1", at: 9, title: "Call", channel: .phone, body: "b")
        #expect(ServerMessage.composed(ComposedNotice(inject: live, at: 9, by: "facilitator:fc")).whiteCellEvent
            == ExerciseEvent(at: 9, by: .facilitator("fc"), .injectComposed(live)))
    }

    @Test func theNoteFormsFieldsTravelBothWays() throws {
        let note = Note(text: "no escalation path", inject: "I02", team: "cirt-a", kind: .improvement, objective: "O2", capability: "Detection",
                        action: "Write the escalation runbook", owner: "SOC lead", due: "2026-03-31")
        let frame = ClientFrame(.note(note), ref: "n1")
        #expect(try WireCoding.decodeClient(try WireCoding.encode(frame)).get() == frame)
        // As the white cell's feed carries it, back to the journal's event.
        let notice = NoteNotice(note, by: "facilitator:ana", at: 60_000)
        let object = try #require(JSONSerialization.jsonObject(with: try WireCoding.encode(ServerFrame(.note(notice), seq: 4))) as? [String: Any])
        #expect(object["kind"] as? String == "improvement" && object["action"] as? String == "Write the escalation runbook")
        let decoded = try WireCoding.decodeServer(try WireCoding.encode(ServerFrame(.note(notice), seq: 4)))
        #expect(decoded.message.whiteCellEvent == ExerciseEvent(at: 60_000, by: .facilitator("ana"), .noteAdded(note)))
        // An unknown kind is a malformed frame (the server answers it with an error frame carrying its ref).
        guard case .failure(let error) = WireCoding.decodeClient(Data(#"{"v":1,"type":"note","ref":"n2","text":"x","kind":"gossip"}"#.utf8)) else {
            Issue.record("an unknown note kind was accepted"); return
        }
        #expect(error.code == "malformed" && error.message.contains("gossip"))
    }
}

@Suite("Artifacts on the wire")
struct ArtifactWireTests {
    @Test func aPieceRoundTripsItsBytesAsBase64() throws {
        let bytes: [UInt8] = [0, 1, 2, 0, 255, 10, 13]
        let chunk = ArtifactChunk(inject: "I01", name: "a b.pcap", mediaType: "application/vnd.tcpdump.pcap", size: 7, sha256: "00",
                                  offset: 0, bytes: bytes)
        let data = try WireCoding.encode(ServerFrame(.artifact(chunk), ref: "f1"))
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "artifact" && object["ref"] as? String == "f1")
        #expect(object["data"] as? String == "AAECAP8KDQ==")
        let back = try WireCoding.decodeServer(data)
        guard case .artifact(let decoded) = back.message else { Issue.record("not an artifact"); return }
        #expect(decoded.bytes == Data(bytes))
        var broken = decoded
        broken.length = 8
        #expect(broken.bytes == nil)
    }

    @Test func mediaTypesComeFromTheExtension() {
        #expect(ArtifactMedia.type(forName: "proxy.LOG") == "text/plain; charset=utf-8")
        #expect(ArtifactMedia.type(forName: "flows.csv") == "text/csv; charset=utf-8")
        #expect(ArtifactMedia.type(forName: "mail.eml") == "message/rfc822")
        #expect(ArtifactMedia.type(forName: "c.pcap") == "application/vnd.tcpdump.pcap")
        #expect(ArtifactMedia.type(forName: "noext") == "application/octet-stream")
        #expect(ArtifactMedia.type(forName: ".bashrc") == "application/octet-stream")
        #expect(ArtifactMedia.isText("message/rfc822") && ArtifactMedia.isText("application/json"))
        #expect(!ArtifactMedia.isText("application/vnd.tcpdump.pcap"))
        #expect(ArtifactMedia.looksLikeText(Array("tab\there\r\n✓".utf8)))
        #expect(!ArtifactMedia.looksLikeText([0x41, 0x00]) && !ArtifactMedia.looksLikeText([0xC3]))
        #expect(Wire.artifactPath(inject: "I01", name: "a b/ü.txt") == "/artifacts/I01/a%20b%2F%C3%BC.txt")
    }
}
