import DrillCore
import DrillText
import Testing
@testable import DrillTUI

/// The same exercise moment in the team console in each of the six languages, at 80×24. The
/// Arabic screens are what a terminal that does no bidirectional reordering shows (the console
/// lays them out right to left and reorders the text itself).
@Suite("Team console in six languages, 80×24 (golden files)")
struct TeamUILanguageGoldenTests {
    static let size = Size(width: 80, height: 24)

    private func console(_ language: Language, team: String = "tut-b", at minutes: Double = 15) throws -> TeamConsole {
        let state = try ExerciseFixture.tutorial(at: minutes)
        let model = try #require(TeamConsoleModel(state: state, team: team, now: ExerciseFixture.min(minutes), connection: .connected,
                                                  artifactText: { _, artifact in "artifact \(artifact.name)" }))
        return TeamConsole(model: model, submissionPrefix: "test", language: language)
    }

    @Test("inbox, task and score tab in every language", arguments: Language.allCases)
    func screens(_ language: Language) throws {
        var c = try console(language)
        let inbox = Screen.of(c, Self.size)
        Golden.check(inbox, "team-six-inbox-\(language.rawValue)-80x24")
        _ = c.press(.backTab)
        let score = Screen.of(c, Self.size)
        Golden.check(score, "team-six-score-\(language.rawValue)-80x24")
        _ = c.press(.tab, .char("?"))
        Golden.check(Screen.of(c, Self.size), "team-six-help-\(language.rawValue)-80x24")

        // The words of the language are on screen, nothing of the English chrome is left.
        let t = Texts(language)
        let text = Golden.text(inbox)
        let shown = language == .ar ? Self.shapedVisual(t(.teamTabInbox)) : t(.teamTabInbox)
        #expect(text.contains(shown), "\(language): the Inbox tab")
        if language != .en {
            let english = Texts(.en)
            for key in [Msg.teamTabInbox, .teamTabMessages, .teamPaneReader, .phaseRunning, .keyInject, .keyAnswer, .teamPaneTask]
            where t(key, ["n": 1, "count": 1]) != english(key, ["n": 1, "count": 1]) {
                let word = english(key, ["n": 1, "count": 1])
                #expect(!text.contains(word), "\(language): English '\(word)' left on the inbox")
            }
            #expect(!Golden.text(score).contains("Your tasks"))
            #expect(!Golden.text(score).contains("wrong attempt"))
        }
        // The key bar keeps help and quit in reach, named by function key where letters are not
        // Latin (other pairs are cut first, documented in docs/tui.md).
        let keyBar = inbox.lines[23]
        let nonLatin = language.isRightToLeft || [.ru, .zh].contains(language)
        #expect(keyBar.contains(nonLatin ? "F10" : "q ") && keyBar.contains(nonLatin ? "F4" : "h "), "\(language): \(keyBar)")
    }

    @Test("every action has a function key: F4 hint, F5 artifact, F6 message, F10 quit")
    func functionKeys() throws {
        var c = try console(.ru, team: "tut-c", at: 2.4)
        #expect(c.keys.map(\.key).contains("F10"))
        #expect(!c.keys.map(\.key).contains("q"))
        #expect(c.press(.function(4)) == [.command(.markRead(inject: "T02"))])
        guard case .confirm = c.overlay else { Issue.record("F4 does not ask for a hint"); return }
        _ = c.press(.escape)
        _ = c.press(.function(6))
        #expect(c.tab == .messages && c.mode == .composing)
        _ = c.press(.escape)
        _ = c.press(.function(10))
        #expect(c.press(.function(10)) == [.quit])
    }

    @Test("the Arabic console is laid out right to left; with --bidi terminal it is written in logical order")
    func arabicLayout() throws {
        var c = try console(.ar)
        let program = Golden.text(Screen.of(c, Self.size)).split(separator: "\n").map(String.init)
        #expect(program[1].hasSuffix(Self.shapedVisual(Texts(.ar)(.teamTabInbox)) + "◂"), "the first tab is on the right: \(program[1])")
        c.bidi = .terminal
        let logical = Golden.text(Screen.of(c, Self.size))
        #expect(logical.contains("▸" + Texts(.ar)(.teamTabInbox)))
        #expect(!logical.contains(Self.shapedVisual(Texts(.ar)(.teamTabInbox))))
    }

    /// Arabic text as the program writes it for a non-reordering terminal.
    static func shapedVisual(_ text: String) -> String { Bidi.visual(text, rightToLeft: true) }
}
