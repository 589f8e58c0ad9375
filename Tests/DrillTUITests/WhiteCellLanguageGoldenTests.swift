import DrillCore
import DrillText
import Testing
@testable import DrillTUI

/// The white cell's console at one exercise moment in each of the six languages, at 80×24 (the
/// Arabic screen as a non-reordering terminal shows it).
@Suite("White cell console in six languages, 80×24 (golden files)")
struct WhiteCellLanguageGoldenTests {
    static let size = Size(width: 80, height: 24)

    @Test("overview and messages in every language", arguments: Language.allCases)
    func screens(_ language: Language) throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        c.language = language
        let overview = Screen.of(c, Self.size)
        Golden.check(overview, "white-cell-six-overview-\(language.rawValue)-80x24")
        _ = c.press(.tab, .tab)
        Golden.check(Screen.of(c, Self.size), "white-cell-six-messages-\(language.rawValue)-80x24")
        _ = c.press(.function(1))
        Golden.check(Screen.of(c, Self.size), "white-cell-six-help-\(language.rawValue)-80x24")
        _ = c.press(.escape)

        let t = Texts(language), english = Texts(.en)
        let text = Golden.text(overview)
        let tab = language.isRightToLeft ? Bidi.visual(t(.wcTabOverview), rightToLeft: true) : t(.wcTabOverview)
        #expect(text.contains(tab), "\(language): the Overview tab")
        if language != .en {
            for key in [Msg.wcTabOverview, .wcTabGrading, .wcPaneScoreboard, .wcPaneActivity, .phaseRunning, .keyRelease]
            where t(key) != english(key) {
                #expect(!text.contains(english(key)), "\(language): English '\(english(key))' left on the overview")
            }
        }
        #expect(overview.lines[23].contains(language == .ru || language == .zh || language == .ar ? "F4" : "r"), "\(language): \(overview.lines[23])")
    }

    @Test("function keys stand for the letter keys: F3 pauses, F4 releases, F10 quits")
    func functionKeys() throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        c.language = .ar
        #expect(c.press(.function(3)) == [.command(.pause)])
        _ = c.press(.function(10))
        guard case .confirm = c.overlay else { Issue.record("F10 does not ask to quit"); return }
    }
}
