import DrillClient
import DrillCore
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("A networked exercise from start to end", .serialized)
struct ExerciseStoryTests {
    @Test func threeTeamsPlayAWholeExercise() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await TestClient.connect(server, "team:cirt-a")
        let b = try await TestClient.connect(server, "team:cirt-b")
        let c = try await TestClient.connect(server, "team:cirt-c")
        let observer = try await TestClient.connect(server, "observer:observer")

        // The welcome tells each team who it is.
        let welcome = try #require(await a.client.welcome)
        #expect(welcome.role == .team)
        #expect(welcome.team?.id == "cirt-a")
        #expect(welcome.teams.map(\.id) == ["cirt-a", "cirt-b", "cirt-c"])
        #expect(welcome.scenario.title == "Network test drill")

        // Given the white cell starts at 60×, every team receives I01 at once.
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)
        for team in [a, b, c] {
            let inject = try await team.waitFor("I01") { $0.inject?.inject == "I01" ? $0.inject : nil }
            #expect(inject.tasks.map(\.task.description) == ["I01.c2", "I01.sev"])
            #expect(inject.tasks[1].options == ["low", "medium", "high"])
        }

        // Teams answer: Alpha right, Bravo wrong then right, Charlie takes a hint first.
        await a.client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])
        let ackA = try await a.waitFor("ack") { $0.ack }
        #expect(ackA.score.outcome == .correct)
        #expect(ackA.score.points == 10)
        await b.client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["198.51.100.1"])
        _ = try await b.waitFor("wrong ack") { $0.ack?.score.outcome == .pending ? $0.ack : nil }
        await b.client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])
        let ackB = try await b.waitFor("correct ack") { $0.ack?.score.outcome == .correct ? $0.ack : nil }
        #expect(ackB.score.points == 8, "one wrong attempt costs 2")
        try await c.client.request(.hint(task: TaskRef(inject: "I01", task: "c2"), hint: 0))
        let hint = try await c.waitFor("hint") { if case .hint(let h) = $0.message { h } else { nil } }
        #expect(hint.text == "Look at port 443")
        await c.client.submit(task: TaskRef(inject: "I01", task: "sev"), values: ["High"])
        #expect(try await c.waitFor("sev ack") { $0.ack }.score.outcome == .correct)

        // I02 goes to Bravo alone, on its schedule; Bravo warns Alpha, which completes its task.
        let i02 = try await b.waitFor("I02") { $0.inject?.inject == "I02" ? $0.inject : nil }
        #expect(i02.tasks.first?.with == ["cirt-a"])
        try await b.client.request(.send(to: .team("cirt-a"), kind: .message, text: "Your upstream is hit"))
        let warning = try await a.waitFor("message from Bravo") { if case .message(let m) = $0.message { m } else { nil } }
        #expect(warning.from == .team("cirt-b"))

        // An RFI to the white cell, answered.
        try await a.client.request(.send(to: .whiteCell, kind: .rfi, text: "Which NOC shift?"))
        let rfi = try await whitecell.waitFor("rfi") { if case .message(let m) = $0.message, m.kind == .rfi { m } else { nil } }
        try await control(whitecell, .answerRFI(rfi: rfi.id, text: "The night shift"))
        let answer = try await a.waitFor("rfi answer") { if case .rfiAnswer(let r) = $0.message { r } else { nil } }
        #expect(answer.text == "The night shift")
        #expect(answer.question == "Which NOC shift?")

        // I03 (a report) is answered and graded by hand.
        _ = try await c.waitFor("I03") { $0.inject?.inject == "I03" ? $0 : nil }
        await c.client.submit(task: TaskRef(inject: "I03", task: "adv"), values: ["Block 203.0.113.66, TLP:AMBER, call us"])
        let pending = try await c.waitFor("report ack") { $0.ack?.task.inject == "I03" ? $0.ack : nil }
        #expect(pending.score.outcome == .pending)
        try await control(whitecell, .grade(team: "cirt-c", task: TaskRef(inject: "I03", task: "adv"), score: 1, comment: "clear"))
        let graded = try await c.waitFor("graded") { if case .graded(let g) = $0.message { g } else { nil } }
        #expect(graded.score?.outcome == .correct)
        #expect(graded.comment == "clear")

        // Scores on request, as the scoreboard setting (own) allows.
        let scores = try await a.client.request(.scores)
        guard case .scoreboard(let view) = scores.message else { Issue.record("no scoreboard: \(scores.message.type)"); return }
        #expect(view.team == "cirt-a")
        #expect(view.standings == nil, "own: no other team's figures")
        #expect(view.points != nil)
        let card = try await whitecell.client.request(.scores)
        guard case .scorecard(let scorecard) = card.message else { Issue.record("no scorecard"); return }
        #expect(scorecard.teams.count == 3)

        // The MSEL as it stands, and the scenario text, for the white cell only.
        let status = try await whitecell.client.request(.status)
        guard case .status(let msel) = status.message else { Issue.record("no status: \(status.message.type)"); return }
        let progress = try #require(msel.injects.first { $0.inject == "I02" })
        #expect(progress.teams.map(\.status) == ["notAddressed", "released", "notAddressed"])
        let source = try await whitecell.client.request(.scenario)
        guard case .scenario(let text) = source.message else { Issue.record("no scenario"); return }
        #expect(text.source == TestScenario.yaml)
        for (client, message) in [(a, ClientMessage.status), (a, .scenario), (observer, .scenario)] {
            do {
                try await client.client.request(message)
                Issue.record("\(client.name) got \(message.type)")
            } catch ClientError.refused(let e) {
                #expect(e.code == "forbidden")
            }
        }
        _ = try await observer.client.request(.status)

        try await control(whitecell, .note(Note(text: "Bravo coordinated well", team: "cirt-b", tags: ["strength"])))
        try await control(whitecell, .end)
        for client in [a, b, c, whitecell, observer] {
            try await client.waitFor("ended") { if case .phase(let p) = $0.message, p.phase == .ended { p } else { nil } }
        }

        // The white cell saw every answer with its values; the observer saw them without.
        let answers = whitecell.frames.compactMap { if case .answer(let n) = $0.message { n } else { nil } }
        #expect(answers.count == 5)
        #expect(answers.allSatisfy { $0.values != nil })
        let watched = observer.frames.compactMap { if case .answer(let n) = $0.message { n } else { nil } }
        #expect(watched.count == 5)
        #expect(watched.allSatisfy { $0.values == nil })
        #expect(!observer.frames.contains { if case .message = $0.message { true } else { false } })

        // Each feed is numbered 1, 2, 3, … without a gap.
        for client in [a, b, c, whitecell, observer] {
            let seqs = client.feed.compactMap(\.seq)
            #expect(seqs == Array(1...max(1, seqs.count)), "\(client.name): \(seqs)")
        }

        // The journal holds every answer once, each from the team that gave it.
        let submitted = try server.events().compactMap { e -> (Actor, AnswerSubmission)? in
            if case .answerSubmitted(let a) = e.body { (e.actor, a) } else { nil }
        }
        #expect(submitted.count == 5)
        #expect(submitted.allSatisfy { $0.0 == .team($0.1.team) })

        // What a console renders: Alpha's view folded from its events.
        var console = FeedView()
        for event in a.recorder.events { console.apply(event) }
        #expect(console.injects.map(\.inject) == ["I01", "I03"])
        #expect(console.scores[TaskRef(inject: "I01", task: "c2")]?.outcome == .correct)
        #expect(console.messages.contains { $0.from == .team("cirt-b") })
        #expect(console.rfiAnswers.count == 1)
        #expect(console.phase == .ended)
        #expect(console.teams.count == 3)
        for client in [a, b, c, whitecell, observer] { await client.stop() }
    }

    @Test func healthAnswersJSON() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let a = try await TestClient.connect(server, "team:cirt-a")
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["phase"] as? String == "notStarted")
        #expect(object["teamsConnected"] as? Int == 1)
        #expect(object["teams"] as? Int == 3)
        #expect(object["exerciseTime"] as? Int == 0)
        await a.stop()
    }
}
