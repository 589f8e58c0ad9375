import DrillCore
import Testing
@testable import DrillTUI

@Suite("Team console in the team's language (golden files)")
struct TeamLanguageGoldenTests {
    /// The tutorial at 4.2 minutes as CIRT Charlie sees it when it reads `language`.
    private func console(language: String) throws -> TeamConsole {
        var scenario = try ExerciseFixture.scenario("tutorial")
        scenario.teams = scenario.teams.map { team in
            var team = team
            team.language = language
            return team
        }
        let state = ExerciseFixture.play(scenario, ExerciseFixture.tutorialScript, until: ExerciseFixture.min(4.2))
        let model = try #require(TeamConsoleModel(state: state, team: "tut-c", now: ExerciseFixture.min(4.2),
                                                  artifactText: { _, artifact in "artifact \(artifact.name)\nline 2" }))
        return TeamConsole(model: model, submissionPrefix: "test", switchesConsoles: true)
    }

    @Test("an inject with a field not yet translated says so")
    func untranslatedIsMarked() throws {
        var scenario = try ExerciseFixture.scenario("tutorial")
        scenario.translations["fr"]?.injects["T03"]?.body = nil
        scenario.teams = scenario.teams.map { team in
            var team = team
            team.language = "fr"
            return team
        }
        let state = ExerciseFixture.play(scenario, ExerciseFixture.tutorialScript, until: ExerciseFixture.min(4.2))
        let model = try #require(TeamConsoleModel(state: state, team: "tut-c", now: ExerciseFixture.min(4.2)))
        #expect(model.inbox.map(\.untranslated) == [false, false, true])
        let screen = Golden.text(.of(TeamConsole(model: model, submissionPrefix: "test"), large))
        #expect(screen.contains("[Parts of this inject are not translated into your language yet"))
        #expect(screen.contains("Alerte SIEM sur le serveur de messagerie"))
    }

    @Test("the same inject in French and in Arabic: reader and choice form")
    func frenchAndArabic() throws {
        var fr = try console(language: "fr")
        #expect(fr.model.scenarioTitle == "Premières lueurs : tutoriel cyberdrill de 20 minutes")
        #expect(fr.model.inbox.last?.title == "Alerte SIEM sur le serveur de messagerie de l'entreprise")
        Golden.check(.of(fr, small), "team-reader-lang-fr-80x24")
        _ = fr.press(.enter, .down)
        Golden.check(.of(fr, small), "team-form-choice-lang-fr-80x24")

        var ar = try console(language: "ar")
        #expect(ar.model.inbox.last?.title == "تنبيه من نظام SIEM على خادم البريد في الشركة")
        #expect(ar.model.inbox.last?.tasks.first?.input == .choice(options: [
            "مستخدم نسي كلمة مروره ثم تذكّرها",
            "شخص يخمّن كلمة مرور صندوق البريد \"reception\" من العنوان 203.0.113.9، ثم يسجّل الدخول وينزّل البريد",
            "تعطّل خادم البريد", "مزامنة تلقائية عادية"], multiple: false))
        Golden.check(.of(ar, small), "team-reader-lang-ar-80x24")
        Golden.check(.of(ar, large), "team-reader-lang-ar-160x48")
        _ = ar.press(.enter, .down)
        Golden.check(.of(ar, small), "team-form-choice-lang-ar-80x24")

        // Ids, points and the inbox order are the same whatever the language.
        let en = try console(language: "en")
        #expect(fr.model.inbox.map(\.id) == en.model.inbox.map(\.id) && ar.model.inbox.map(\.id) == en.model.inbox.map(\.id))
        #expect(ar.model.inbox.flatMap(\.tasks).map(\.points) == en.model.inbox.flatMap(\.tasks).map(\.points))
    }
}

@Suite("White cell reads each team's version of an inject")
struct WhiteCellLanguageTests {
    @Test("L in the inject view cycles through the scenario's languages")
    func switchLanguage() throws {
        let state = try ExerciseFixture.tutorial(at: 9)
        var c = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: state, now: ExerciseFixture.min(9)), switchesConsoles: true)
        #expect(c.snapshot.languages == ["en", "ar", "es", "fr", "ru", "zh"])
        _ = c.press(.home, .right, .right, .right)   // T04
        _ = c.press(.char("i"))
        var text = Golden.text(.of(c, large))
        #expect(text.contains("TICKET HL-0042: our firewall vendor") && text.contains("T04 · en"))
        #expect(text.contains("Expected: 3"), "the white cell still sees the expected answer")
        _ = c.press(.char("L"))
        #expect(c.readingLanguage == "ar")
        text = Golden.text(.of(c, large))
        #expect(text.contains("T04 · ar") && text.contains("HL-0042") && !text.contains("TICKET HL-0042: our firewall vendor"))
        _ = c.press(.char("L"), .char("L"), .char("L"))
        #expect(c.readingLanguage == "ru")
        text = Golden.text(.of(c, large))
        #expect(text.contains("Какие машины связываются с вредоносным адресом?"))
        _ = c.press(.char("L"), .char("L"))
        #expect(c.readingLanguage == "en")
        // Any other key still closes the view.
        _ = c.press(.char("z"))
        #expect(!Golden.text(.of(c, large)).contains("T04 · en"))
    }
}
