import DrillCore
import Testing
@testable import DrillTUI

@Suite("Team console: keys, drafts and answers")
struct TeamConsoleTests {
    private func console(team: String = "tut-c", at minutes: Double) throws -> TeamConsole {
        let state = try ExerciseFixture.tutorial(at: minutes)
        let model = try #require(TeamConsoleModel(state: state, team: team, now: ExerciseFixture.min(minutes)))
        return TeamConsole(model: model, submissionPrefix: "tut-c/s", switchesConsoles: true)
    }

    private func model(team: String = "tut-c", at minutes: Double) throws -> TeamConsoleModel {
        try #require(TeamConsoleModel(state: try ExerciseFixture.tutorial(at: minutes), team: team, now: ExerciseFixture.min(minutes)))
    }

    private let link = TaskRef(inject: "T02", task: "link")

    @Test("a broadcast and the white cell's answer to an RFI show at once over the view and ring the bell; keys go on to the view")
    func noticesFromTheWhiteCell() throws {
        var c = try console(at: 4.9)
        let size = Size(width: 100, height: 30)
        let quiet = c.render(size).bells
        c.update(try model(at: 5.1))                  // the white cell answered CIRT Charlie's RFI
        guard case .notice(let answer)? = c.overlay else { Issue.record("no notice for the RFI answer"); return }
        #expect(answer.title == "The white cell answered your request")
        #expect(answer.message.contains("Yes, mail.harbour.example is theirs"))
        #expect(c.render(size).bells == quiet + 1)
        #expect(Golden.text(c.render(size)).contains("The white cell answered your request"))
        _ = c.press(.escape)
        #expect(c.overlay == nil)

        c.update(try model(at: 12.1))
        c.update(try model(at: 12.3))                 // the broadcast at 12.2
        guard case .notice(let broadcast)? = c.overlay else { Issue.record("no notice for the broadcast"); return }
        #expect(broadcast.title == "Broadcast from the white cell" && broadcast.message.hasPrefix("Reminder: the coordination tasks"))
        #expect(c.bells == 2)
        // A key meant for the view closes the notice and still does its work.
        _ = c.press(.tab)
        #expect(c.overlay == nil && c.tab == .messages)

        // A console that starts (or catches up) with old messages announces none of them.
        var late = try console(at: 13)
        late.update(try model(at: 13.1))
        #expect(late.overlay == nil && late.bells == 0)
    }

    @Test("a reply goes to the sender of the newest message, and after sending the composer lets go of the keys")
    func replyAndComposerFocus() throws {
        var c = try console(team: "tut-b", at: 13)   // CIRT Alpha wrote to CIRT Bravo at 12.5
        _ = c.press(.tab)
        _ = c.press(.enter)
        #expect(c.mode == .composing)
        c.type("Thanks, blocking both")
        #expect(c.press(.enter) == [.command(.sendMessage(to: .team("tut-a"), kind: .message, text: "Thanks, blocking both"))])
        #expect(c.mode == .browse)
        // The next keys are the console's again, not the composer's.
        _ = c.press(.char("q"))
        guard case .confirm? = c.overlay else { Issue.record("q did not reach the console"); return }
    }

    @Test("a draft survives new injects arriving, a resize and leaving the form")
    func draftSurvives() throws {
        var c = try console(at: 2.4)
        _ = c.press(.enter)
        c.type("quota-ch")
        _ = c.press(.escape)
        c.update(try model(at: 4.1))                 // T03 arrives
        #expect(c.status?.text.hasPrefix("new inject T03") == true)
        #expect(c.selected == "T02")                  // the reader stays on what the team was reading
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 60), Size(width: 100, height: 30)] {
            c.layout(size)
            _ = c.render(size)
        }
        _ = c.press(.enter)
        c.type("eck.test")
        #expect(c.forms[link]?.line.text == "quota-check.test")
    }

    @Test("Enter sends a text answer with a fresh submission id and keeps it in the field")
    func submitText() throws {
        var c = try console(at: 2.4)
        _ = c.press(.enter)
        c.type("quota-check.test")
        let sent = c.press(.enter)
        #expect(sent == [.command(.submit(task: link, submission: "tut-c/s-1", values: ["quota-check.test"]))])
        #expect(c.forms[link]?.line.text == "quota-check.test")
        let again = c.press(.enter)
        #expect(again == [.command(.submit(task: link, submission: "tut-c/s-2", values: ["quota-check.test"]))])
    }

    @Test("a number that is not a number is refused before it costs an attempt")
    func numberChecked() throws {
        var c = try console(at: 6.2)
        _ = c.press(.enter)
        c.type("three")
        #expect(c.press(.enter).isEmpty)
        #expect(c.status?.kind == .error)
        _ = c.press(.ctrl("u"))
        c.type("3")
        #expect(c.press(.enter) == [.command(.submit(task: TaskRef(inject: "T04", task: "hosts"), submission: "tut-c/s-1", values: ["3"]))])
    }

    @Test("indicators: Ctrl-S sends one value per line, Enter only starts a new line")
    func indicators() throws {
        var c = try console(at: 8.2)
        _ = c.press(.enter)
        c.type("quota-check.test\n\n 203.0.113.9 \n")
        #expect(c.press(.enter).isEmpty)
        let sent = c.press(.ctrl("s"))
        #expect(sent == [.command(.submit(task: TaskRef(inject: "T05", task: "iocs"), submission: "tut-c/s-1",
                                          values: ["quota-check.test", "203.0.113.9"]))])
    }

    @Test("choice: arrows or the option's number choose, Enter sends the option's text")
    func choice() throws {
        var c = try console(at: 4.2)
        _ = c.press(.enter, .down, .down, .up)
        let sent = c.press(.enter)
        #expect(sent == [.command(.submit(task: TaskRef(inject: "T03", task: "what"), submission: "tut-c/s-1", values: [
            "Someone guessing the \"reception\" mailbox password from 203.0.113.9, then logging in and downloading mail"]))])
        _ = c.press(.char("4"))
        #expect(c.press(.enter) == [.command(.submit(task: TaskRef(inject: "T03", task: "what"), submission: "tut-c/s-2",
                                                     values: ["Normal automatic synchronisation"]))])
    }

    @Test("coordination: the message goes to the team the task names")
    func coordination() throws {
        var c = try console(at: 12.2)
        _ = c.press(.enter)
        c.type("Phishing wave: block quota-check.test")
        #expect(c.press(.enter) == [.command(.sendMessage(to: .team("tut-a"), kind: .message, text: "Phishing wave: block quota-check.test"))])
        c.finished(.sendMessage(to: .team("tut-a"), kind: .message, text: "Phishing wave: block quota-check.test"), .done)
        #expect(c.forms[TaskRef(inject: "T07c", task: "warn")]?.line.text == "")
    }

    @Test("messages: the composer writes to the white cell, as an RFI, or to another team")
    func messages() throws {
        var c = try console(at: 9)
        _ = c.press(.char("c"))
        c.type("Need the proxy log")
        #expect(c.press(.enter) == [.command(.sendMessage(to: .whiteCell, kind: .message, text: "Need the proxy log"))])
        // Sending lets go of the composer; Enter takes it again, with the text kept until it is sent.
        _ = c.press(.enter, .down)
        #expect(c.press(.enter) == [.command(.sendMessage(to: .whiteCell, kind: .rfi, text: "Need the proxy log"))])
        _ = c.press(.enter, .down)
        #expect(c.press(.enter) == [.command(.sendMessage(to: .team("tut-a"), kind: .message, text: "Need the proxy log"))])
        c.finished(.sendMessage(to: .team("tut-a"), kind: .message, text: "Need the proxy log"), .done)
        #expect(c.composer.text == "")
    }

    @Test("reading an inject marks it read once; a hint asks first")
    func readAndHint() throws {
        var c = try console(at: 2.4)
        #expect(c.press(.down) == [.command(.markRead(inject: "T01"))])
        #expect(c.press(.up) == [.command(.markRead(inject: "T02"))])
        #expect(c.press(.up).isEmpty)
        #expect(c.press(.char("h")).isEmpty)
        #expect(c.press(.char("s")) == [.command(.takeHint(task: link, hint: 0))])
    }

    @Test("the outcome of an answer is told once the exercise shows it")
    func announcement() throws {
        var c = try console(team: "tut-b", at: 2.55)
        _ = c.press(.enter)
        c.type("mail.harbour.example")
        _ = c.press(.enter)
        c.update(try model(team: "tut-b", at: 2.7))   // the fixture's tut-b answered this at 2.6
        #expect(c.status?.text == "✗ T02.link: not accepted · 2 attempts left")
        #expect(c.status?.kind == .error)
    }

    @Test("Esc typed just before a key (decoded as Alt+key) means both; Ctrl-C quits; q asks")
    func escapeAndQuit() throws {
        var c = try console(at: 2.4)
        _ = c.press(.enter)
        #expect(c.mode == .answering)
        _ = c.press(.alt("o"))
        #expect(c.mode == .browse)
        #expect(c.press(.ctrl("c")) == [.quit])
        #expect(c.press(.char("q")).isEmpty)
        #expect(c.press(.char("q")) == [.quit])
        #expect(c.press(.function(2)) == [.nextConsole])
    }

    @Test("a paused exercise: the refused answer is kept and said to be queued")
    func pausedAnswer() throws {
        var c = try console(at: 2.4)
        _ = c.press(.enter)
        c.type("quota-check.test")
        let sent = c.press(.enter)
        guard case .command(let command)? = sent.first else { Issue.record("nothing sent"); return }
        c.finished(command, .refused(.notRunning, "the exercise is paused; your answer is kept and can be sent when it resumes"))
        #expect(c.status?.text == "answer to T02.link kept: it is sent when the exercise resumes")
        #expect(c.forms[link]?.line.text == "quota-check.test")
    }
}
