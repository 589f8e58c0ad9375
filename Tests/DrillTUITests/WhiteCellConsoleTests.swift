import DrillCore
import DrillFixtures
import Testing
@testable import DrillTUI

@Suite("White cell console: keys and commands")
struct WhiteCellConsoleTests {
    private func console(at minutes: Double = 9) throws -> WhiteCellConsole {
        WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: minutes), now: ExerciseFixture.min(minutes)),
                           switchesConsoles: true)
    }

    @Test("p pauses and resumes; + and - step through the speeds and stop at the ends")
    func pauseAndSpeed() throws {
        var c = try console()
        #expect(c.press(.char("p")) == [.command(.pause)])
        #expect(c.press(.char("+")) == [.command(.setSpeed(2))])
        // Keys pressed in a row build on each other, before the exercise confirms them.
        #expect(c.press(.char("+")) == [.command(.setSpeed(5))])
        #expect(c.press(.char("-"), .char("-"), .char("-")) == [.command(.setSpeed(2)), .command(.setSpeed(1)), .command(.setSpeed(0.5))])
        #expect(c.press(.char("-")).isEmpty)
        c.snapshot.speed = 60
        #expect(c.press(.char("+")).isEmpty)
        #expect(c.status?.kind == .error)
        #expect(c.press(.char("p")) == [.command(.resume)])
    }

    @Test("release now asks first: every waiting team, or only the one under the cursor")
    func releaseNow() throws {
        var c = try console()
        _ = c.press(.down)                               // CIRT Bravo, on the next inject due (T06a)
        #expect(c.press(.char("r")).isEmpty)
        #expect(c.press(.escape).isEmpty)
        _ = c.press(.char("r"))
        #expect(c.press(.char("a")) == [.command(.releaseNow(inject: "T06a", teams: nil))])
        _ = c.press(.char("r"))
        #expect(c.press(.char("o")) == [.command(.releaseNow(inject: "T06a", teams: ["tut-b"]))])
    }

    @Test("extending a deadline extends every task of the inject; hold asks first")
    func extendAndHold() throws {
        var c = try console()
        _ = c.press(.home, .right)                       // T02
        _ = c.press(.char("x"))
        #expect(c.press(.char("a")) == [.command(.extendDeadline(task: TaskRef(inject: "T02", task: "link"), team: nil, by: 300_000))])
        _ = c.press(.home)
        _ = c.press(.char("x"))
        #expect(c.press(.char("a")).isEmpty)             // T01 has no task: nothing to extend
        _ = c.press(.end, .char("h"))
        #expect(c.press(.char("h")) == [.command(.hold(inject: "T09"))])
    }

    @Test("a broadcast is typed, confirmed, and its draft kept until the exercise took it")
    func broadcast() throws {
        var c = try console()
        _ = c.press(.char("b"))
        for ch in "Lunch at noon" { _ = c.handle(.char(ch)) }
        _ = c.press(.escape)
        _ = c.press(.char("b"))                          // the draft is still there
        #expect(c.press(.enter).isEmpty)
        #expect(c.press(.char("s")) == [.command(.broadcast(text: "Lunch at noon", team: nil))])
        #expect(c.drafts[.broadcast]?.text == "Lunch at noon")
        c.finished(.broadcast(text: "Lunch at noon", team: nil), .done)
        #expect(c.drafts[.broadcast] == nil)
    }

    @Test("an open RFI is answered from the messages tab")
    func answerRFI() throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 4), now: ExerciseFixture.min(4)))
        #expect(c.snapshot.openRFICount == 1)
        _ = c.press(.tab, .tab)
        _ = c.press(.char("a"))
        for ch in "Yes" { _ = c.handle(.char(ch)) }
        #expect(c.press(.enter) == [.command(.answerRFI(rfi: "M1", text: "Yes"))])
    }

    @Test("start and end ask first; refusals are shown")
    func startEndRefusals() throws {
        var c = try console()
        _ = c.press(.char("e"))
        #expect(c.press(.char("e")) == [.command(.end)])
        c.finished(.end, .refused(.ended, "the exercise has already ended"))
        #expect(c.status == .error("end: the exercise has already ended"))
        _ = c.press(.char("s"))
        #expect(c.status?.kind == .error)
    }

    @Test("after a grade the cursor moves to the next answer to grade, also when the list re-sorts; a regrade asks first")
    func gradeTwoInARow() throws {
        let report = TaskRef(inject: "T08", task: "report")
        // 14.85 minutes in: CIRT Alpha's and CIRT Bravo's reports both wait for a grade.
        let script = ExerciseFixture.tutorialScript.filter { $0.time <= ExerciseFixture.min(14.85) }
        let scenario = try ExerciseFixture.scenario("tutorial")
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: ExerciseFixture.play(scenario, script, until: ExerciseFixture.min(14.85)),
                                                                 now: ExerciseFixture.min(14.85)))
        _ = c.press(.tab)
        c.layout(small)
        #expect(c.snapshot.grading.map(\.team) == ["tut-a", "tut-b"])
        let first = c.press(.char("1"))
        #expect(first == [.command(.grade(team: "tut-a", task: report, score: 1, comment: c.snapshot.grading[0].rubric[0].text))])
        // Before the grade lands the cursor is already on CIRT Bravo's answer…
        #expect(c.grading.selected == 1)
        // …and stays on it when the list re-sorts (graded answers go last).
        let graded = ExerciseFixture.play(scenario, script + [ExerciseFixture.w(14.86, .grade(team: "tut-a", task: report, score: 1, comment: "ok"))],
                                          until: ExerciseFixture.min(14.87))
        c.snapshot = WhiteCellSnapshot(state: graded, now: ExerciseFixture.min(14.87))
        c.layout(small)
        #expect(c.snapshot.grading.map(\.team) == ["tut-b", "tut-a"])
        #expect(c.grading.selected == 0)
        let second = c.press(.char("2"))
        #expect(second == [.command(.grade(team: "tut-b", task: report, score: c.snapshot.grading[0].rubric[1].score,
                                           comment: c.snapshot.grading[0].rubric[1].text))])

        // Down onto the graded answer, then a digit: a dialog says it is a regrade and asks.
        _ = c.press(.down)
        #expect(c.grading.selected == 1)
        #expect(c.press(.char("2")).isEmpty)
        guard case .confirm(let dialog, _)? = c.overlay else { Issue.record("no dialog for a regrade"); return }
        #expect(dialog.title == "Regrade CIRT Alpha T08.report")
        #expect(dialog.message.contains("graded 100 % already"), "\(dialog.message)")
        #expect(c.press(.escape).isEmpty)
        _ = c.press(.char("2"))
        #expect(c.press(.char("r")) == [.command(.grade(team: "tut-a", task: report, score: c.snapshot.grading[1].rubric[1].score,
                                                        comment: c.snapshot.grading[1].rubric[1].text))])
    }

    @Test("the note form: kind, objective or capability, team, text, and for an area for improvement action, owner and due")
    func noteForm() throws {
        var c = try console()
        _ = c.press(.down, .home, .right)                // CIRT Bravo, T02
        _ = c.press(.char("N"))
        // The form opens on the text, about the team and inject under the cursor.
        for ch in "Slow to escalate" { _ = c.handle(.char(ch)) }
        _ = c.press(.up, .up, .up)                       // Kind
        _ = c.press(.right, .right)                      // area for improvement
        #expect(c.noteDraft?.fields.count == 7)
        _ = c.press(.down, .right)                       // About: the first objective
        let objective = try #require(c.snapshot.objectives.first)
        let screen = Golden.text(Screen.of(c, large))
        #expect(screen.contains("◂ \(objective.id) · \(objective.capability)"), "\(screen)")
        #expect(screen.contains("Action") && screen.contains("Owner") && screen.contains("Due"))
        _ = c.press(.down)                               // Team: CIRT Bravo already
        #expect(screen.contains("CIRT Bravo"))
        _ = c.press(.down, .down)                        // past the text, to the action
        for ch in "Write the runbook" { _ = c.handle(.char(ch)) }
        _ = c.press(.enter)
        for ch in "SOC lead" { _ = c.handle(.char(ch)) }
        _ = c.press(.enter)
        for ch in "2026-03-31" { _ = c.handle(.char(ch)) }
        let saved = c.press(.enter)
        let expected = Note(text: "Slow to escalate", inject: "T02", team: "tut-b", kind: .improvement, objective: objective.id,
                            action: "Write the runbook", owner: "SOC lead", due: "2026-03-31")
        #expect(saved == [.command(.addNote(expected))])
        // Kept as a draft until the exercise took it; then the next note starts afresh.
        #expect(c.noteDraft != nil)
        c.finished(.addNote(expected), .done)
        #expect(c.noteDraft == nil)
        #expect(c.status?.text == "area for improvement saved for the report")

        // A strength about a capability, for all teams; Esc keeps the draft, n brings it back.
        _ = c.press(.char("n"))
        for ch in "Shared indicators fast" { _ = c.handle(.char(ch)) }
        _ = c.press(.escape, .char("n"))
        _ = c.press(.tab)                                // text → kind (the last of four fields wraps round)
        _ = c.press(.right)                              // strength
        #expect(c.noteDraft?.fields.count == 4)
        _ = c.press(.down, .left)                        // About: the last choice, a capability
        let strength = try #require(c.noteDraft?.note)
        #expect(strength.kind == .strength && strength.team == nil && strength.text == "Shared indicators fast")
        #expect(strength.capability == c.snapshot.objectives.last?.capability && strength.objective == nil)
        #expect(strength.action == nil)
        #expect(c.press(.ctrl("s")) == [.command(.addNote(strength))])
    }

    @Test("outcome marks combine a task's outcomes into the inject's")
    func marks() {
        #expect(Theme.Mark(combining: [Outcome]()) == .informational)
        #expect(Theme.Mark(combining: [.correct, .correct]) == .correct)
        #expect(Theme.Mark(combining: [.correct, .pending]) == .pending)
        #expect(Theme.Mark(combining: [.correct, .missed]) == .partial)
        #expect(Theme.Mark(combining: [.wrong, .missed]) == .wrong)
        #expect(Theme.Mark(combining: [.missed]) == .missed)
        #expect(Theme.Mark(combining: [.partial]) == .partial)
    }

    @Test("the matrix scrolls to keep the cursor in view with 200 teams × 60 injects")
    func bigMatrix() throws {
        let text = ScenarioGenerator.yaml(injects: 60, teams: 200)
        let scenario = try #require(ScenarioLoader { _ in true }.load(bytes: Array(text.utf8), path: "g.yaml").scenario)
        var machine = ExerciseMachine(index: ScenarioIndex(scenario))
        for team in scenario.teams { _ = machine.handle(.registerTeam(team), by: .system, at: 0) }
        _ = machine.handle(.start, by: .system, at: 0)
        _ = machine.advance(to: 900_000)
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: machine.state, now: 900_000))
        _ = c.press(.pageDown, .pageDown, .pageDown, .end)
        let screen = Screen.of(c, small)
        let matrixTitle = try #require(screen.lines.first { $0.contains("Teams × injects") })
        #expect(matrixTitle.contains("teams 26–31 of 200"))
        #expect(matrixTitle.contains("injects 27–60 of 60"))
        #expect(screen.lines.contains { $0.contains("▸ Team 31 · I60") })
    }
}

@Suite("Reflowing inject bodies")
struct ReflowTests {
    @Test("lines broken by hand inside a paragraph are joined; short lines, lists and quotes stay")
    func reflow() {
        let text = """
        Welcome! This tutorial shows how a cyber drill works, one inject at a time, over twenty
        minutes of exercise time.

        - Injects are messages that arrive over time: e-mails, alerts, phone calls and news. This
          is the first one.
        - Short item
        From: IT desk
        Subject: FW: quota
          > Your mailbox has reached 98% of its quota. Sign in within 24 hours to keep receiving
          > mail.
        """
        #expect(TextLayout.reflow(text) == """
        Welcome! This tutorial shows how a cyber drill works, one inject at a time, over twenty minutes of exercise time.

        - Injects are messages that arrive over time: e-mails, alerts, phone calls and news. This is the first one.
        - Short item
        From: IT desk
        Subject: FW: quota
          > Your mailbox has reached 98% of its quota. Sign in within 24 hours to keep receiving
          > mail.
        """)
    }

    @Test("Chinese lines join without a space; logs keep their lines")
    func scriptsAndLogs() {
        let chinese = "自2025年9月以来，我们持续跟踪到一个被我们命名为“灰隼”的攻击组织，利用名为“沙蝎”的\n后门程序攻击中东地区的水务企业。"
        #expect(TextLayout.reflow(chinese) == "自2025年9月以来，我们持续跟踪到一个被我们命名为“灰隼”的攻击组织，利用名为“沙蝎”的后门程序攻击中东地区的水务企业。")
        let log = "Mar  3 09:14:02 mail-01 dovecot: imap-login: Aborted login (auth failed, 1 attempts)\nMar  3 09:14:04 mail-01 dovecot: imap-login: Aborted login"
        #expect(TextLayout.reflow(log) == log)
    }
}

@Suite("White cell console: a session served or joined over the network")
struct WhiteCellConsoleSessionTests {
    @Test("the header shows the link to the server; a local console shows none")
    func connectionMark() throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        let size = Size(width: 100, height: 30)
        #expect(!Golden.text(c.render(size)).contains("online"))
        c.connection = .connected
        #expect(Golden.text(c.render(size)).split(separator: "\n").first?.contains("● online") == true)
        c.connection = .reconnecting(attempt: 3)
        #expect(Golden.text(c.render(size)).split(separator: "\n").first?.contains("reconnecting (3)") == true)
    }

    @Test("offline: the header shows the whole connection error when it fits, else cuts it at a word with an ellipsis")
    func offlineHeader() throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        let reason = "connection refused by 192.0.2.10:8080 (is the server running? check the address and the firewall)"
        c.connection = .offline(reason: reason)
        let wide = try #require(Golden.text(c.render(Size(width: 200, height: 30))).split(separator: "\n").first)
        #expect(wide.contains("✗ offline: \(reason)"), "\(wide)")
        let narrow = try #require(Golden.text(c.render(Size(width: 100, height: 30))).split(separator: "\n").first)
        #expect(narrow.contains("White cell"), "\(narrow)")
        let shown = try #require(narrow.range(of: "✗ offline: ").map { narrow[$0.upperBound...] })
        let cut = try #require(shown.split(separator: "…").first.map(String.init))
        #expect(shown.contains("…"), "\(narrow)")
        // Cut after a whole word of the error, never inside one.
        #expect(reason.hasPrefix(cut) && reason.dropFirst(cut.count).first == " ", "cut at “\(cut)”")
    }

    @Test("at 80×24 the key bar keeps help, F2 and quit, leaving out other keys first")
    func keyBarKeepsQuit() throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)),
                                   switchesConsoles: true)
        for tab in 0..<4 {
            let bar = try #require(Golden.text(Screen.of(c, small)).split(separator: "\n").last.map(String.init))
            #expect(bar.contains("q quit") && bar.contains("F2 teams") && bar.contains("? help"), "tab \(tab): \(bar)")
            _ = c.press(.tab)
        }
    }

    @Test("quitting an ended exercise says what is left (the report), not how to resume")
    func quitWhenEnded() throws {
        let scenario = try ExerciseFixture.scenario("tutorial")
        let ended = ExerciseFixture.play(scenario, ExerciseFixture.tutorialScript + [ExerciseFixture.w(16, .end)], until: ExerciseFixture.min(16))
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: ended, now: ExerciseFixture.min(16)), quitMessage: "resume with: cyberdrill run")
        c.quitMessageWhenEnded = "write its report with: cyberdrill report t.journal"
        _ = c.press(.char("q"))
        guard case .confirm(let dialog, _)? = c.overlay else { Issue.record("no quit dialog"); return }
        #expect(!dialog.message.contains("resume with"))
        #expect(dialog.message.contains("cyberdrill report t.journal"))
    }

    @Test("the end dialog says what ending does to open windows and to report answers waiting for a grade")
    func endDialog() throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 15), now: ExerciseFixture.min(15)))
        _ = c.press(.char("e"))
        guard case .confirm(let dialog, _)? = c.overlay else { Issue.record("no end dialog"); return }
        #expect(!dialog.message.contains("scores become final"))
        #expect(dialog.message.contains("open answer window closes"))
        #expect(dialog.message.contains("submitted but not graded stays pending until you grade it"))
        #expect(dialog.message.contains("1 report answer waits for a grade now"))
    }

    @Test("the MSEL says how many teams an inject was sent to in words, not with the ✓ of a correct answer")
    func mselReleasedMark() throws {
        let c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        let screen = Golden.text(Screen.of(c, large))
        let t01 = try #require(screen.split(separator: "\n").first { $0.contains("T01") })
        #expect(t01.contains("sent 3/3") && !t01.contains("✓"), "\(t01)")
        #expect(screen.contains("✓ correct"))
    }

    @Test("presence: the scoreboard and the matrix show who is connected, and start warns about a team that is not")
    func presence() throws {
        let scenario = try ExerciseFixture.scenario("tutorial")
        var machine = ExerciseMachine(index: ScenarioIndex(scenario))
        for team in scenario.teams { _ = machine.handle(.registerTeam(team), by: .system, at: 0) }
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: machine.state))
        // A local exercise (run): no presence, no warning.
        _ = c.press(.char("s"))
        guard case .confirm(let local, _)? = c.overlay else { Issue.record("no start dialog"); return }
        #expect(!local.message.contains("connected") && !Golden.text(Screen.of(c, large)).contains("On"))
        _ = c.press(.escape)

        c.presence = ["tut-a": TeamPresence(members: 2, seen: true), "tut-b": TeamPresence(members: 0, droppedAt: 95_000, seen: true)]
        let screen = Golden.text(Screen.of(c, large))
        let lines = screen.split(separator: "\n")
        #expect(lines.contains { $0.contains("CIRT Alpha") && $0.contains("●2") }, "scoreboard:\n\(screen)")
        #expect(lines.contains { $0.contains("CIRT Bravo") && $0.contains("○0:01") }, "scoreboard:\n\(screen)")
        #expect(lines.contains { $0.hasPrefix("┃CIRT Alpha") && $0.contains("●") }, "matrix:\n\(screen)")
        #expect(lines.contains { $0.hasPrefix("┃CIRT Charlie") && $0.contains("○") }, "matrix:\n\(screen)")
        #expect(screen.contains("CIRT Alpha (online (2 members))"), "cursor line:\n\(screen)")

        _ = c.press(.char("s"))
        guard case .confirm(let dialog, _)? = c.overlay else { Issue.record("no start dialog"); return }
        #expect(dialog.title == "Start the exercise · 2 of 3 teams not connected")
        #expect(dialog.message.hasPrefix("Not connected: CIRT Bravo, CIRT Charlie."))
        #expect(c.press(.char("s")) == [.command(.start)])

        c.presence = ["tut-a": TeamPresence(members: 1, seen: true), "tut-b": TeamPresence(members: 1, seen: true),
                      "tut-c": TeamPresence(members: 3, seen: true)]
        _ = c.press(.char("s"))
        guard case .confirm(let ready, _)? = c.overlay else { Issue.record("no start dialog"); return }
        #expect(ready.title == "Start the exercise" && ready.message.contains("Every team is connected."))
    }

    @Test("the help starts with what the facilitator needs again about the session: address and files")
    func sessionInHelp() throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        c.session = [("address", "ws://drill.example:8080/ws"), ("tokens", "drill.journal.tokens")]
        _ = c.handle(.char("?"))
        let help = Golden.text(c.render(Size(width: 100, height: 30)))
        #expect(help.contains("This session"))
        #expect(help.contains("ws://drill.example:8080/ws"))
        #expect(help.contains("drill.journal.tokens"))
        let session = try #require(help.range(of: "This session")), keys = try #require(help.range(of: "start the exercise"))
        #expect(session.lowerBound < keys.lowerBound)
    }
}
