import DrillCore
import DrillText
import Testing
@testable import DrillTUI

@Suite("Viewing a team's console read-only (the white cell's v)")
struct TeamConsoleViewerTests {
    private func viewer(at minutes: Double, language: Language = .en) throws -> TeamConsoleViewer {
        let state = try ExerciseFixture.tutorial(at: minutes)
        let model = try #require(TeamConsoleModel(state: state, team: "tut-c", now: ExerciseFixture.min(minutes)))
        return TeamConsoleViewer(model: model, language: language)
    }

    @Test("reading, answering, writing and hints are refused with a status line; read marks stay the team's; Esc goes back")
    func refusesEverythingThatActsForTheTeam() throws {
        var v = try viewer(at: 12.3)
        let size = Size(width: 110, height: 32)
        let unread = Set(v.console.model.inbox.filter { $0.readAt == nil }.map(\.id))
        try #require(!unread.isEmpty, "the fixture needs an inject CIRT Charlie has not read")
        #expect(Golden.text(v.render(size)).contains("Viewing as CIRT Charlie (read-only)"))
        // Moving through the inbox shows every inject and marks none read.
        for _ in v.console.model.inbox { let stays = v.handle(.down); #expect(stays) }
        for _ in v.console.model.inbox { let stays = v.handle(.up); #expect(stays) }
        #expect(Set(v.console.model.inbox.filter { $0.readAt == nil }.map(\.id)) == unread)
        // Answering the task on screen: refused before anything is typed.
        let withTask = try #require(v.console.listed.firstIndex { !$0.tasks.isEmpty })
        for _ in 0..<withTask { _ = v.handle(.down) }
        let answering = v.handle(.enter)
        #expect(answering)
        #expect(v.console.mode == .browse)
        #expect(v.console.status == .error("Read-only: this view of CIRT Charlie does nothing for the team"))
        #expect(Golden.text(v.render(size)).contains("does nothing for the team"))
        // Writing a message, with the letter or the function key.
        for key in [Key.char("c"), .function(6)] {
            let stays = v.handle(key)
            #expect(stays)
            #expect(v.console.mode == .browse && v.console.status?.kind == .error)
        }
        // A hint is refused rather than offered.
        _ = v.handle(.tab)
        _ = v.handle(.backTab)
        _ = v.handle(.char("h"))
        if case .confirm? = v.console.overlay { Issue.record("a hint was offered in a read-only view") }
        #expect(v.console.status?.kind == .error)
        // Help opens and closes as the team's would; Esc on the view closes it.
        _ = v.handle(.char("?"))
        #expect(v.console.overlay != nil)
        let helpClosed = v.handle(.escape)
        #expect(helpClosed && v.console.overlay == nil)
        let stays = v.handle(.escape)
        #expect(!stays)
        #expect(Set(v.console.model.inbox.filter { $0.readAt == nil }.map(\.id)) == unread)
    }

    @Test("the view speaks the team's language, the marker and the refusals included")
    func inTheTeamsLanguage() throws {
        var v = try viewer(at: 12.3, language: .fr)
        let size = Size(width: 110, height: 32)
        #expect(Golden.text(v.render(size)).contains("(lecture seule)"))
        #expect(Golden.text(v.render(size)).contains("Boîte de réception") || v.console.texts.language == .fr)
        _ = v.handle(.char("c"))
        #expect(v.console.status == .error("Lecture seule : cette vue de CIRT Charlie n'agit pas pour l'équipe"))
    }
}
