import DrillCore
import DrillText
import Testing
@testable import DrillTUI

/// The consoles' own words that were built in code (activity feed, parties, presence, the note
/// form, the team's notices, a coordination task's expected answer) come from the catalogs: a
/// French, Spanish, Russian, Chinese or Arabic console shows none of them in English.
@Suite("Consoles' remaining words in six languages")
struct ConsoleWordsLanguageTests {
    /// English the product wrote itself (participant text and scenario text are not checked).
    static let english = ["white cell", "all teams", "released to", " answered ", "sent a report for", "note by", " graded ",
                          "online (", "not connected", "Note for the after-action report", "About inject", "what you saw",
                          "the corrective action", "who carries it out", "by when", "nothing in particular", "Tab/↑↓ field",
                          "area for improvement", "action:", "owner:", "due:", "Broadcast from", "Message from",
                          "answered your request", "a message to", "has no task to extend", "write the note first"]

    /// The English phrases in `text`, once the fixture's own note ("CIRT Charlie has not answered T02: …") is taken out.
    static func englishLeft(_ text: String) -> [String] {
        let text = text.replacingOccurrences(of: "has not answered T02", with: "")
        return english.filter { text.contains($0) }
    }

    static let others = Language.allCases.filter { $0 != .en }

    @Test("the activity feed and the messages name the white cell and all teams, and say what happened, in the console's language",
          arguments: others)
    func activity(_ language: Language) throws {
        let state = try ExerciseFixture.tutorial(at: 13)
        let now = ExerciseFixture.min(13)
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: state, now: now))
        c.language = language
        let t = Texts(language)
        // The English snapshot, put into the console's words, says what one built in them says.
        let built = WhiteCellSnapshot(state: state, now: now, texts: t)
        #expect(c.snapshot.activity.map(\.text) == built.activity.map(\.text))
        #expect(c.snapshot.messages.map(\.to) == built.messages.map(\.to))
        #expect(!c.snapshot.activity.isEmpty && c.snapshot.activity.contains { $0.text.contains(t(.partyAllTeams)) },
                "\(language): no broadcast in the feed: \(c.snapshot.activity.map(\.text))")
        for row in c.snapshot.activity {
            #expect(Self.englishLeft(row.text).isEmpty, "\(language): English in the activity row '\(row.text)'")
        }
        for m in c.snapshot.messages {
            #expect(Self.englishLeft(m.from + " " + m.to).isEmpty, "\(language): English in \(m.from) → \(m.to)")
        }
        // A new snapshot in English (the runner's refresh) is put into the console's words too.
        c.snapshot = WhiteCellSnapshot(state: state, now: now)
        #expect(c.snapshot.activity.map(\.text) == built.activity.map(\.text))
        // On screen: the overview's feed and the messages tab.
        let overview = Golden.text(Screen.of(c, large))
        #expect(Self.englishLeft(overview).isEmpty, "\(language): \(Self.englishLeft(overview)) on the overview:\n\(overview)")
        _ = c.press(.tab, .tab)
        let messages = Golden.text(Screen.of(c, large))
        #expect(Self.englishLeft(messages).isEmpty, "\(language): \(Self.englishLeft(messages)) on the messages tab:\n\(messages)")
    }

    @Test("presence: the scoreboard's column and the matrix's cursor line say who is connected in the console's language",
          arguments: others)
    func presence(_ language: Language) throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        c.language = language
        let t = Texts(language)
        c.presence = ["tut-a": TeamPresence(members: 2, seen: true), "tut-b": TeamPresence(members: 0, droppedAt: 95_000, seen: true)]
        let screen = Golden.text(Screen.of(c, large))
        #expect(Self.englishLeft(screen).isEmpty, "\(language): \(Self.englishLeft(screen)):\n\(screen)")
        #expect(!screen.contains(" On "), "\(language): the English column header:\n\(screen)")
        #expect(TeamPresence(members: 2, seen: true).words(t) == t(.presenceOnline, ["n": 2]))
        #expect(TeamPresence(members: 0, droppedAt: 95_000, seen: true).words(t).contains("0:01:35"))
        for presence in [TeamPresence(members: 1, seen: true), TeamPresence(members: 0, droppedAt: 95_000, seen: true),
                         TeamPresence(members: 0, seen: true), TeamPresence(members: 0, seen: false)] {
            #expect(Self.englishLeft(presence.words(t)).isEmpty && presence.words(t) != presence.words(.english))
        }
        if !language.isRightToLeft { #expect(screen.contains(t(.presenceOnline, ["n": 2])), "\(language):\n\(screen)") }
    }

    @Test("the note form: title, field labels, kinds, placeholders, hints and its error in the console's language",
          arguments: others)
    func noteForm(_ language: Language) throws {
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)))
        c.language = language
        let t = Texts(language)
        _ = c.press(.char("n"))
        c.noteDraft?.kind = .improvement
        c.noteDraft?.inject = "T03"
        let form = Golden.text(Screen.of(c, small))
        #expect(Self.englishLeft(form).isEmpty, "\(language): \(Self.englishLeft(form)) in the note form:\n\(form)")
        for key in [Msg.noteFieldKind, .noteFieldOwner, .noteFieldAction, .noteFieldDue] where t(key) != Texts.english(key) {
            #expect(!form.contains(Texts.english(key) + " "), "\(language): '\(Texts.english(key))':\n\(form)")
        }
        // Labels as long as the French "Échéance" keep a space before their value.
        #expect(!form.contains(t(.noteFieldDue) + t(.notePlaceholderDue)), "\(language):\n\(form)")
        if !language.isRightToLeft {
            for key in [Msg.noteFieldOwner, .noteKindImprovement, .notePlaceholderText] { #expect(form.contains(t(key)), "\(language): \(t(key))\n\(form)") }
        }
        _ = c.press(.ctrl("s"))                       // nothing written: the form says so
        #expect(c.status?.text == t(.noteErrorEmpty))
    }

    @Test("a coordination task's expected answer and the team's notices from the white cell in the console's language",
          arguments: others)
    func noticesAndExpected(_ language: Language) throws {
        let t = Texts(language)
        let scenario = try ExerciseFixture.scenario("tutorial")
        let task = try #require(scenario.injects.flatMap(\.tasks).first { if case .coordination = $0.kind { true } else { false } })
        let expected = try #require(WhiteCellConsole.expected(task, t))
        #expect(Self.englishLeft(expected).isEmpty && expected != WhiteCellConsole.expected(task), "\(language): \(expected)")

        let model = { (minutes: Double) in try #require(TeamConsoleModel(state: try ExerciseFixture.tutorial(at: minutes), team: "tut-c",
                                                                          now: ExerciseFixture.min(minutes))) }
        var c = TeamConsole(model: try model(4.9), submissionPrefix: "tut-c/s", switchesConsoles: true)
        c.language = language
        c.update(try model(5.1))
        guard case .notice(let answer)? = c.overlay else { Issue.record("no notice for the RFI answer"); return }
        #expect(answer.title == t(.teamNoticeRfiAnswered))
        _ = c.press(.escape)
        c.update(try model(12.1))
        c.update(try model(12.3))
        guard case .notice(let broadcast)? = c.overlay else { Issue.record("no notice for the broadcast"); return }
        #expect(broadcast.title == t(.teamNoticeBroadcast))
        let screen = Golden.text(Screen.of(c, large))
        #expect(Self.englishLeft(screen).isEmpty, "\(language): \(Self.englishLeft(screen)):\n\(screen)")
    }
}
