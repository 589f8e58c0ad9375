import DrillCore
import Testing
@testable import DrillTUI

@Suite("Team console, drawn at 80×24 and 160×48 (golden files)")
struct TeamGoldenTests {
    private func console(_ state: ExerciseState, team: String, at minutes: Double, connection: TeamConsoleModel.Connection = .local,
                         queued: [TeamConsoleModel.QueuedAnswer] = []) throws -> TeamConsole {
        let model = try #require(TeamConsoleModel(state: state, team: team, now: ExerciseFixture.min(minutes), connection: connection, queued: queued,
                                                  artifactText: { _, artifact in "artifact \(artifact.name)\nline 2" }))
        return TeamConsole(model: model, submissionPrefix: "test", switchesConsoles: true)
    }

    @Test("the inbox and reader: newest first, unread marks, TLP letters, the inject wrapped")
    func inbox() throws {
        let c = try console(try ExerciseFixture.tutorial(at: 9), team: "tut-a", at: 9)
        Golden.check(.of(c, small), "team-inbox-en-80x24", styled: true)
        Golden.check(.of(c, large), "team-inbox-en-160x48", styled: true)
    }

    @Test("a Chinese inject in an Arabic scenario, and an Arabic one")
    func scripts() throws {
        var c = try console(try ExerciseFixture.gulf(), team: "qn-cirt", at: 90)
        _ = c.press(.down)
        #expect(c.selected == "I07")
        Golden.check(.of(c, small), "team-reader-zh-80x24")
        Golden.check(.of(c, large), "team-reader-zh-160x48")
        _ = c.press(.end)
        Golden.check(.of(c, small), "team-reader-ar-80x24")
        Golden.check(.of(c, large), "team-reader-ar-160x48")
    }

    @Test("the text form with a draft, and its countdown")
    func textForm() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 2.4), team: "tut-c", at: 2.4)
        _ = c.press(.enter)
        c.type("mail.harbour.example.quota")
        Golden.check(.of(c, small), "team-form-text-80x24")
        Golden.check(.of(c, large), "team-form-text-160x48")
    }

    @Test("the choice form wraps long options")
    func choiceForm() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 4.2), team: "tut-c", at: 4.2)
        _ = c.press(.enter, .down)
        Golden.check(.of(c, small), "team-form-choice-80x24", styled: true)
        Golden.check(.of(c, large), "team-form-choice-160x48")
    }

    @Test("the number form")
    func numberForm() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 6.2), team: "tut-c", at: 6.2)
        _ = c.press(.enter)
        c.type("3")
        Golden.check(.of(c, small), "team-form-number-80x24")
    }

    @Test("the indicator list, one per line")
    func indicatorsForm() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 8.2), team: "tut-c", at: 8.2)
        _ = c.press(.enter)
        c.type("quota-check.test\n203.0.113.9\n")
        Golden.check(.of(c, small), "team-form-indicators-80x24")
        Golden.check(.of(c, large), "team-form-indicators-160x48")
    }

    @Test("the coordination message with its team")
    func coordinationForm() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 12.2), team: "tut-c", at: 12.2)
        _ = c.press(.enter)
        c.type("Phishing wave in your country too")
        Golden.check(.of(c, small), "team-form-coordination-80x24")
    }

    @Test("the report area")
    func reportForm() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 14.2), team: "tut-c", at: 14.2)
        _ = c.press(.enter)
        c.type("What happened: a phishing wave and a guessed password.\nWhat was done: the domain is blocked.\n")
        Golden.check(.of(c, small), "team-form-report-80x24")
        Golden.check(.of(c, large), "team-form-report-160x48")
    }

    @Test("a hint is confirmed with its cost")
    func hint() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 2.4), team: "tut-c", at: 2.4)
        // Looking at the inject marks it read.
        #expect(c.press(.char("h")) == [.command(.markRead(inject: "T02"))])
        Golden.check(.of(c, small), "team-hint-dialog-80x24", styled: true)
        #expect(c.press(.enter).isEmpty)   // "Cancel" is the default
        _ = c.press(.char("h"))
        #expect(c.press(.char("s")) == [.command(.takeHint(task: TaskRef(inject: "T02", task: "link"), hint: 0))])
    }

    @Test("messages with an answered RFI and the composer; score with reasons; offline with a queued answer")
    func messagesScoreAndConnection() throws {
        let state = try ExerciseFixture.tutorial(at: 15)
        var c = try console(state, team: "tut-c", at: 15)
        _ = c.press(.tab)
        _ = c.press(.enter)
        c.type("Can we get the full proxy log?")
        Golden.check(.of(c, small), "team-messages-en-80x24", styled: true)
        var b = try console(state, team: "tut-b", at: 15)
        _ = b.press(.backTab)
        Golden.check(.of(b, small), "team-score-en-80x24", styled: true)
        Golden.check(.of(b, large), "team-score-en-160x48", styled: true)
        let queued = TeamConsoleModel.QueuedAnswer(task: TaskRef(inject: "T08", task: "report"), submission: "x", values: ["Draft"],
                                                   reason: "sent when the connection is back")
        let offline = try console(state, team: "tut-c", at: 15, connection: .reconnecting(attempt: 3), queued: [queued])
        Golden.check(.of(offline, small), "team-offline-80x24", styled: true)
    }

    @Test("help lists the keys of the team console")
    func help() throws {
        var c = try console(try ExerciseFixture.tutorial(at: 9), team: "tut-a", at: 9)
        _ = c.press(.char("?"))
        Golden.check(.of(c, small), "team-help-80x24")
    }
}
