import DrillCore
import Testing
@testable import DrillTUI

@Suite("White cell console, drawn at 80×24 and 160×48 (golden files)")
struct WhiteCellGoldenTests {
    private func console(_ state: ExerciseState, at minutes: Double) -> WhiteCellConsole {
        WhiteCellConsole(snapshot: WhiteCellSnapshot(state: state, now: ExerciseFixture.min(minutes)), switchesConsoles: true)
    }

    @Test("the overview nine minutes into the tutorial: MSEL, scoreboard, matrix with every mark")
    func overview() throws {
        var c = console(try ExerciseFixture.tutorial(at: 9), at: 9)
        _ = c.press(.down, .right)
        Golden.check(.of(c, small), "white-cell-overview-en-80x24", styled: true)
        Golden.check(.of(c, large), "white-cell-overview-en-160x48", styled: true)
    }

    @Test("the overview of the Arabic scenario, with its Chinese inject released")
    func overviewArabic() throws {
        let c = console(try ExerciseFixture.gulf(), at: 90)
        Golden.check(.of(c, small), "white-cell-overview-ar-80x24")
        Golden.check(.of(c, large), "white-cell-overview-ar-160x48")
    }

    @Test("before the start: the start key is offered and the start is confirmed in a dialog")
    func notStarted() throws {
        let scenario = try ExerciseFixture.scenario("tutorial")
        var machine = ExerciseMachine(index: ScenarioIndex(scenario))
        for team in scenario.teams { _ = machine.handle(.registerTeam(team), by: .system, at: 0) }
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: machine.state))
        #expect(c.press(.char("s")).isEmpty)
        Golden.check(.of(c, small), "white-cell-start-dialog-80x24", styled: true)
        #expect(c.press(.char("s")) == [.command(.start)])
    }

    @Test("the grading queue: ungraded first, the rubric beside the answer")
    func grading() throws {
        var c = console(try ExerciseFixture.tutorial(at: 15), at: 15)
        _ = c.press(.tab)
        Golden.check(.of(c, small), "white-cell-grading-en-80x24", styled: true)
        Golden.check(.of(c, large), "white-cell-grading-en-160x48")
        #expect(c.press(.char("1")) == [.command(.grade(team: "tut-a", task: TaskRef(inject: "T08", task: "report"), score: 1,
                                                            comment: c.snapshot.grading[0].rubric[0].text))])
    }

    @Test("messages and RFIs, and the RFI answer prompt")
    func messages() throws {
        var c = console(try ExerciseFixture.gulf(), at: 90)
        _ = c.press(.tab, .tab)
        Golden.check(.of(c, small), "white-cell-messages-ar-80x24", styled: true)
        _ = c.press(.char("a"))
        for ch in "نعم، المقاول نفسه" { _ = c.handle(.char(ch)) }
        Golden.check(.of(c, small), "white-cell-rfi-prompt-ar-80x24")
        Golden.check(.of(c, large), "white-cell-rfi-prompt-ar-160x48")
    }

    @Test("the notes tab lists the white cell's observations")
    func notes() throws {
        var c = console(try ExerciseFixture.tutorial(at: 15), at: 15)
        _ = c.press(.backTab)
        Golden.check(.of(c, small), "white-cell-notes-en-80x24")
    }

    @Test("help lists the keys; the cell details give each task's reason")
    func helpAndDetails() throws {
        var c = console(try ExerciseFixture.tutorial(at: 9), at: 9)
        _ = c.press(.char("?"))
        Golden.check(.of(c, small), "white-cell-help-80x24")
        Golden.check(.of(c, large), "white-cell-help-160x48")
        _ = c.press(.escape, .down, .home, .right, .enter)
        Golden.check(.of(c, small), "white-cell-cell-en-80x24", styled: true)
        _ = c.press(.escape, .char("i"))
        Golden.check(.of(c, large), "white-cell-inject-en-160x48")
    }
}

@Suite("Too small a terminal")
struct TooSmallTests {
    @Test("below 80×24 a centred message says what is needed and what there is")
    func tooSmall() {
        Golden.check(TooSmallView.render(Size(width: 79, height: 24)), "too-small-79x24")
        Golden.check(TooSmallView.render(Size(width: 30, height: 8)), "too-small-30x8")
        #expect(!TooSmallView.fits(Size(width: 80, height: 23)))
        #expect(TooSmallView.fits(Size(width: 80, height: 24)))
    }
}
