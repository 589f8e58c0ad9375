import DrillCore
import Testing
@testable import DrillTUI

/// grade17: the grade form on a team × inject cell, and the scoreboard's pace column.
@Suite("The white cell's grade form and pace column")
struct GradeFormConsoleTests {
    private func console(at minutes: Double = 9) throws -> WhiteCellConsole {
        WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: minutes), now: ExerciseFixture.min(minutes)),
                           switchesConsoles: true)
    }

    @Test("g grades the cursor's team on a task of the cursor's inject, by phone, and reopens another with a reason")
    func gradeAndReopen() throws {
        var c = try console()
        _ = c.press(.down, .home, .right)                // CIRT Bravo, T02
        _ = c.press(.char("g"))
        let form = Golden.text(Screen.of(c, large))
        #expect(form.contains("Grade CIRT Bravo · T02"), "\(form)")
        #expect(form.contains("Now: "))
        let task = try #require(c.gradeDraft?.selectedTask)
        _ = c.press(.down)                               // Points
        for ch in "4" { _ = c.handle(.char(ch)) }
        _ = c.press(.down, .right, .right)               // Given by: in person
        _ = c.press(.down)
        for ch in "said it at the desk" { _ = c.handle(.char(ch)) }
        let ref = TaskRef(inject: "T02", task: task.id)
        let grade = Command.recordOutcome(team: "tut-b", task: ref, score: 4 / task.points, via: .inPerson, comment: "said it at the desk")
        #expect(c.press(.enter) == [.command(grade)])
        c.finished(grade, .done)
        #expect(c.gradeDraft == nil)
        #expect(c.status?.text.contains("(in person)") == true)

        // Points beyond the task's are refused in the form, which keeps what was typed.
        _ = c.press(.char("g"), .down)
        for ch in "999" { _ = c.handle(.char(ch)) }
        #expect(c.press(.ctrl("s")).isEmpty)
        #expect(c.gradeDraft?.error?.contains("a number from 0 to") == true)
        #expect(c.gradeDraft?.points.text == "999")

        // Reopen: the action, then the window and a reason.
        _ = c.press(.up, .up, .right)                    // Action: reopen the task
        #expect(c.gradeDraft?.fields == [.action, .task, .window, .reason])
        _ = c.press(.down, .down)                        // the window: 10m
        for _ in 0..<3 { _ = c.handle(.backspace) }
        for ch in "20m" { _ = c.handle(.char(ch)) }
        _ = c.press(.down)
        #expect(c.press(.enter).isEmpty, "a reopening needs a reason")
        for ch in "their portal was down" { _ = c.handle(.char(ch)) }
        #expect(c.press(.enter) == [.command(.reopen(team: "tut-b", task: ref, window: 20 * 60_000, reason: "their portal was down"))])
    }

    @Test("W opens the hot wash early, only where the scenario has one")
    func openFeedback() throws {
        var c = try console()
        #expect(c.press(.char("W")).isEmpty)
        #expect(c.status?.text == "this scenario has no feedback questions")
        c.snapshot.hasFeedback = true
        #expect(c.press(.char("W")) == [.command(.openFeedback)])
        c.finished(.openFeedback, .done)
        #expect(c.status?.text == "the feedback form is open to every team")
    }

    @Test("the scoreboard shows each team's pace against the schedule and its projected end")
    func paceColumn() throws {
        let c = try console(at: 15)
        let screen = Golden.text(Screen.of(c, large))
        #expect(screen.contains("Pace → end"), "\(screen)")
        let state = try ExerciseFixture.tutorial(at: 15)
        for pace in c.snapshot.pacing.values {
            let name = try #require(state.teams[pace.team]?.team.name)
            #expect(screen.split(separator: "\n").contains { $0.contains(name) && $0.contains(WhiteCellConsole.paceText(pace)) },
                    "\(pace.team): \(WhiteCellConsole.paceText(pace))\n\(screen)")
        }
        #expect(c.snapshot.pacing.count == state.teamOrder.count)
    }
}
