import DrillCore
import Testing

/// A small bilingual scenario (English, French) that the tests change one piece at a time.
enum Bilingual {
    static let base = """
    format: cyberdrill/1
    id: bilingual
    title: Defacement
    summary: A ministry site is defaced.
    language: en
    languages: [en, fr]
    duration: 1h
    teams:
      - { id: a, name: Alpha, language: en }
      - { id: b, name: Bravo, language: fr }
    objectives:
      - { id: O1, title: Detect }
    injects:
      - id: I01
        at: 0m
        title: Site defaced
        from: Citizen
        channel: email
        body: The home page shows a banner.
        objectives: [O1]
        artifacts:
          - { name: log, path: a.log, description: Web log }
        tasks:
          - { id: what, type: text, prompt: What attack?, accept: [defacement], hints: [{ text: Look at the page, cost: 1 }] }
          - { id: sev, type: choice, prompt: Severity?, options: [low, high], answer: high }
          - { id: ioc, type: indicators, prompt: Attacker IP?, accept: ["203.0.113.9"] }
          - { id: rep, type: report, prompt: Report, rubric: [{ score: 1, text: Complete }, { score: 0, text: Missing }] }
    translations:
      fr:
        title: Défiguration
        summary: Le site d'un ministère est défiguré.
        objectives:
          O1: { title: Détecter }
        injects:
          I01:
            title: Site défiguré
            from: Un citoyen
            body: La page d'accueil affiche une bannière.
            artifacts:
              log: { description: Journal web, path: a.fr.log }
            tasks:
              what: { prompt: Quelle attaque ?, accept: [défiguration], hints: [Regardez la page] }
              sev: { prompt: Gravité ?, options: [faible, élevée] }
              ioc: { prompt: IP de l'attaquant ?, accept: ["203.0.113.9"] }
              rep: { prompt: Rapport, rubric: [Complet, Manquant] }

    """

    static func load(_ text: String) -> ScenarioLoad {
        ScenarioLoader { _ in true }.load(bytes: Array(text.utf8), path: "t.yaml")
    }

    static func diagnostics(_ text: String) -> [String] {
        load(text).diagnostics.map { "\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }
    }
}

@Suite("Translations: the form, its checks, delivery in each language and answers in every language")
struct TranslationTests {
    @Test func aFullyTranslatedScenarioLoadsWithoutDiagnostics() throws {
        let load = Bilingual.load(Bilingual.base)
        #expect(load.diagnostics.isEmpty)
        let scenario = try #require(load.scenario)
        #expect(scenario.languages == ["en", "fr"])
        #expect(scenario.teams.map(\.language) == ["en", "fr"])
        #expect(scenario.missingTranslations("fr").isEmpty)
    }

    @Test func aTeamReadsItsLanguageAndFallsBackToTheScenarios() throws {
        let scenario = try #require(Bilingual.load(Bilingual.base).scenario)
        let fr = scenario.localized(to: "fr")
        #expect(fr.title == "Défiguration")
        #expect(fr.objectives[0].title == "Détecter")
        let inject = fr.injects[0]
        #expect(inject.title == "Site défiguré" && inject.from == "Un citoyen" && inject.body == "La page d'accueil affiche une bannière.")
        #expect(inject.artifacts[0].description == "Journal web" && inject.artifacts[0].path == "a.fr.log")
        #expect(inject.tasks.map(\.prompt) == ["Quelle attaque ?", "Gravité ?", "IP de l'attaquant ?", "Rapport"])
        #expect(inject.tasks[0].hints == [Hint(text: "Regardez la page", cost: 1)])
        #expect(inject.tasks[1].kind == .choice(options: ["faible", "élevée"], answers: ["élevée"], multiple: false, partial: false))
        #expect(inject.tasks[3].kind == .report(rubric: [RubricLevel(score: 1, text: "Complet"), RubricLevel(score: 0, text: "Manquant")]))
        // Ids, times and points stay the original's.
        #expect(inject.id == "I01" && inject.trigger == .at(0) && inject.points == scenario.injects[0].points)
        // A regional tag reads its language; an undeclared language and none read the scenario's.
        #expect(scenario.contentLanguage(for: "fr-SN") == "fr")
        #expect(scenario.contentLanguage(for: "FR") == "fr")
        #expect(scenario.contentLanguage(for: "es") == "en")
        #expect(scenario.contentLanguage(for: nil) == "en")
        #expect(scenario.localizedInject(at: 0, to: "es") == scenario.injects[0])
        #expect(scenario.localizedInject(at: 0, to: "fr-SN") == inject)
    }

    @Test func aMissingTranslationIsAWarningNamingEveryField() throws {
        let partial = Bilingual.base
            .replacingOccurrences(of: "    summary: Le site d'un ministère est défiguré.\n", with: "")
            .replacingOccurrences(of: "        body: La page d'accueil affiche une bannière.\n", with: "")
            .replacingOccurrences(of: "          sev: { prompt: Gravité ?, options: [faible, élevée] }\n", with: "")
        #expect(Bilingual.diagnostics(partial) == [
            "6:17: warning: the 'fr' translation lacks 4 fields (teams reading fr get them in en): summary, injects.I01.body, injects.I01.tasks.sev.prompt, injects.I01.tasks.sev.options",
        ])
        let scenario = try #require(Bilingual.load(partial).scenario)
        #expect(scenario.untranslatedFields(ofInject: 0, for: "fr") == ["body", "tasks.sev.prompt", "tasks.sev.options"])
        // The fields that are missing come in English; the others in French.
        let inject = scenario.localizedInject(at: 0, to: "fr")
        #expect(inject.body == "The home page shows a banner." && inject.title == "Site défiguré")
    }

    /// Each case replaces one piece of the bilingual scenario and expects exactly these diagnostics.
    static let errorCases: [(String, String, String, [String])] = [
        ("an option too few", "options: [faible, élevée]", "options: [élevée]",
         ["43:46: error: I01.sev has 2 options; this translation gives 1 option (one for each, in the same order)",
          "6:17: warning: the 'fr' translation lacks 1 field (teams reading fr get them in en): injects.I01.tasks.sev.options"]),
        ("a rubric level too many", "rubric: [Complet, Manquant]", "rubric: [Complet, Partiel, Manquant]",
         ["45:43: error: I01.rep has 2 rubric levels; this translation gives 3 rubric levels (one for each, in the same order)",
          "6:17: warning: the 'fr' translation lacks 1 field (teams reading fr get them in en): injects.I01.tasks.rep.rubric"]),
        ("a hint too many", "hints: [Regardez la page]", "hints: [Regardez la page, Encore]",
         ["42:76: error: I01.what has 1 hint; this translation gives 2 hints (one for each, in the same order)",
          "6:17: warning: the 'fr' translation lacks 1 field (teams reading fr get them in en): injects.I01.tasks.what.hints"]),
        ("an indicator too many", "accept: [\"203.0.113.9\"] }\n          rep", "accept: [\"203.0.113.9\", x] }\n          rep",
         ["44:55: error: I01.ioc has 1 accepted indicator; this translation gives 2 accepted indicators (one for each, in the same order)"]),
        ("an inject that does not exist", "      I01:\n        title: Site", "      I1:\n        title: Site",
         ["35:7: error: translation of unknown inject 'I1': the scenario has no inject with that id; did you mean 'I01'?",
          "6:17: warning: the 'fr' translation lacks 11 fields (teams reading fr get them in en): injects.I01.title, injects.I01.from, injects.I01.body, injects.I01.artifacts.log.description, injects.I01.tasks.what.prompt, injects.I01.tasks.what.hints, injects.I01.tasks.sev.prompt, injects.I01.tasks.sev.options, injects.I01.tasks.ioc.prompt, injects.I01.tasks.rep.prompt, injects.I01.tasks.rep.rubric"]),
        ("a task that does not exist", "          sev: { prompt", "          severity: { prompt",
         ["43:11: error: translation of unknown task 'severity': inject I01 has no task with that id",
          "6:17: warning: the 'fr' translation lacks 2 fields (teams reading fr get them in en): injects.I01.tasks.sev.prompt, injects.I01.tasks.sev.options"]),
        ("an artifact that does not exist", "          log: { description", "          logs: { description",
         ["40:11: error: translation of unknown artifact 'logs': inject I01 has no artifact with that id; did you mean 'log'?",
          "6:17: warning: the 'fr' translation lacks 1 field (teams reading fr get them in en): injects.I01.artifacts.log.description"]),
        ("an objective that does not exist", "      O1: { title: Détecter }", "      O2: { title: Détecter }",
         ["33:7: error: translation of unknown objective 'O2': the scenario has no objective with that id; did you mean 'O1'?",
          "6:17: warning: the 'fr' translation lacks 1 field (teams reading fr get them in en): objectives.O1.title"]),
        ("a tag that is not BCP 47", "languages: [en, fr]", "languages: [en, fr, french_FR]",
         ["6:21: error: 'french_FR' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419"]),
        ("a translation for an undeclared language", "languages: [en, fr]", "languages: [en]",
         ["29:3: error: translation 'fr' is for a language the scenario does not declare; add it to 'languages' (now en)",
          "10:37: warning: team 'b' reads 'fr', which the scenario does not declare (languages: en); it will receive the scenario in 'en'"]),
        ("languages without the scenario's own", "languages: [en, fr]", "languages: [fr]",
         ["6:12: error: languages must include the scenario's own language 'en'"]),
        ("a language listed twice", "languages: [en, fr]", "languages: [en, fr, FR]",
         ["6:21: error: language 'FR' is listed twice in languages"]),
        ("a team language that is not BCP 47", "name: Bravo, language: fr }", "name: Bravo, language: fr_FR }",
         ["10:37: error: team language 'fr_FR' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419"]),
        ("a field a choice task has not", "sev: { prompt: Gravité ?, options", "sev: { prompt: Gravité ?, accept: [x], options",
         ["43:37: error: unknown field 'accept' in the translation of choice task I01.sev; known fields: prompt, hints, options"]),
        ("a translated option that reads as another original", "options: [faible, élevée]", "options: [high, élevée]",
         ["43:47: error: option 1 'high' reads like the original option 2; an answer could not tell them apart"]),
        ("a field no translation has", "    title: Défiguration", "    titel: Défiguration",
         ["30:5: error: unknown field 'titel' in the 'fr' translation; did you mean 'title'?",
          "6:17: warning: the 'fr' translation lacks 1 field (teams reading fr get them in en): title"]),
        ("a French artifact file outside the folder", "path: a.fr.log", "path: ../a.fr.log",
         ["40:50: error: artifact path '../a.fr.log' must stay inside the scenario's folder (relative, without '..')"]),
    ]

    @Test(arguments: errorCases.indices)
    func translationsThatDoNotFitTheirOriginalAreErrors(_ k: Int) {
        let (name, old, new, expected) = Self.errorCases[k]
        #expect(Bilingual.base.contains(old), "\(name): the fixture has no '\(old)'")
        let got = Bilingual.diagnostics(Bilingual.base.replacingOccurrences(of: old, with: new))
        #expect(got.sorted() == expected.sorted(), "\(name)")
    }

    @Test func aTeamReadingAnUndeclaredLanguageIsWarned() throws {
        let text = Bilingual.base.replacingOccurrences(of: "name: Alpha, language: en }", with: "name: Alpha, language: es }")
        #expect(Bilingual.diagnostics(text) == [
            "9:37: warning: team 'a' reads 'es', which the scenario does not declare (languages: en, fr); it will receive the scenario in 'en'",
        ])
        let scenario = try #require(Bilingual.load(Bilingual.base).scenario)
        let roster = Roster.load(text: "- { id: a, name: A, language: fr-SN }\n- { id: b, name: B, language: ru }\n", path: "r.yaml")
        #expect(roster.check(against: scenario, scenarioPath: "t.yaml", rosterPath: "r.yaml").map(\.description) == [
            "r.yaml:0:0: warning: team 'b' reads 'ru', which the scenario does not declare (languages: en, fr); it will receive the scenario in 'en'",
        ])
    }

    static let tags: [(String, Bool)] = [
        ("en", true), ("fr-SN", true), ("zh-Hans", true), ("zh-Hans-CN", true), ("es-419", true), ("ar-001", true),
        ("sr-Latn-RS", true), ("de-CH-1996", true), ("en-US-x-drill", true), ("x-private", true), ("zh-yue", true),
        ("", false), ("e", false), ("french_FR", false), ("fr-", false), ("-fr", false), ("en--us", false),
        ("toolonglanguage", false), ("en-a", false), ("fr-SN-x", false), ("1en", false), ("en US", false),
    ]

    @Test(arguments: tags)
    func languageTagsAreCheckedForTheirForm(_ tag: String, _ wellFormed: Bool) {
        #expect(LanguageTag.isWellFormed(tag) == wellFormed, "\(tag)")
    }

    @Test func anAnswerScoresTheSameInEveryLanguage() throws {
        let scenario = try #require(Bilingual.load(Bilingual.base).scenario)
        func credit(_ task: Int, _ values: [String]) -> Double {
            let t = scenario.injects[0].tasks[task]
            return AnswerMatcher(t.kind, translations: scenario.taskTranslations(inject: "I01", task: t.id)).evaluate(values).credit
        }
        // Text: every language's accepted answers count for every team.
        #expect(credit(0, ["defacement"]) == 1 && credit(0, ["Défiguration"]) == 1 && credit(0, ["rançongiciel"]) == 0)
        // Choice: the option is what counts, whichever language names it; a wrong option is wrong in both.
        #expect(credit(1, ["high"]) == 1 && credit(1, ["élevée"]) == 1 && credit(1, ["ÉLEVÉE"]) == 1)
        #expect(credit(1, ["low"]) == 0 && credit(1, ["faible"]) == 0)
        // Indicators: the same item in either spelling is one item, not two.
        #expect(credit(2, ["203.0.113.9"]) == 1)
        // The original alone does not know the French words.
        #expect(AnswerMatcher(scenario.injects[0].tasks[1].kind).evaluate(["élevée"]).credit == 0)
    }

    @Test func translatedIndicatorsAreAliasesOfTheOriginalItems() throws {
        let text = Bilingual.base.replacingOccurrences(of: "accept: [\"203.0.113.9\"] }\n          rep", with: "accept: [\"203[.]0[.]113[.]9\"] }\n          rep")
        let scenario = try #require(Bilingual.load(text).scenario)
        let t = scenario.injects[0].tasks[2]
        let m = AnswerMatcher(t.kind, translations: scenario.taskTranslations(inject: "I01", task: "ioc"))
        #expect(m.evaluate(["203[.]0[.]113[.]9"]) == Evaluation(credit: 1, falseItems: 0))
        #expect(m.evaluate(["203.0.113.9", "203[.]0[.]113[.]9"]) == Evaluation(credit: 1, falseItems: 0))
    }

    @Test func rosterFilesGiveEachTeamALanguage() {
        let yaml = Roster.load(text: "- { id: sn, name: CERT-SN, language: fr }\n- { id: gh, name: CSIRT-GH, language: en-GH }\n- { id: x, name: X, language: \"fr FR\" }\n", path: "r.yaml")
        #expect(yaml.teams.map(\.language) == ["fr", "en-GH", nil])
        #expect(yaml.diagnostics.map(\.description) == ["r.yaml:3:31: error: team language 'fr FR' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419"])
        let csv = Roster.load(text: "id,name,language\nsn,CERT-SN,fr\ngh,CSIRT-GH,\nx,X,fr_FR\n", path: "r.csv")
        #expect(csv.teams.map(\.language) == ["fr", nil])
        #expect(csv.diagnostics.map(\.description) == ["r.csv:4:3: error: team language 'fr_FR' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419"])
    }
}
