import DrillClient
import DrillCore
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// One drill, an English-, a French- and a Spanish-reading team (the scenario has no Spanish).
enum BilingualScenario {
    static let yaml = """
        format: cyberdrill/1
        id: net-bilingual
        title: Ransomware at the telco
        language: en
        languages: [en, fr]
        duration: 1h
        scoreboard: own
        defaults: { due: 1h }
        teams:
          - { id: cirt-en, name: CIRT Anglo, language: en }
          - { id: cirt-fr, name: CIRT Franco, language: fr }
          - { id: cirt-es, name: CIRT Hispano, language: es }
        injects:
          - id: I01
            at: 0m
            title: Files encrypted at the billing centre
            channel: email
            from: Billing manager
            body: Every file on the billing share ends in .lock and a note asks for bitcoin.
            tasks:
              - { id: kind, type: text, prompt: What kind of malware is this?, accept: [ransomware], points: 10, hints: [{ text: Read the note, cost: 2 }] }
              - { id: sev, type: choice, prompt: Severity?, options: [low, medium, high], answer: high, points: 5 }
        translations:
          fr:
            title: Rançongiciel chez l'opérateur
            injects:
              I01:
                title: Fichiers chiffrés au centre de facturation
                from: Responsable de la facturation
                body: Tous les fichiers du partage de facturation finissent par .lock et une note réclame des bitcoins.
                tasks:
                  kind: { prompt: De quel type de logiciel malveillant s'agit-il ?, accept: [rançongiciel], hints: [Lisez la note] }
                  sev: { prompt: Gravité ?, options: [faible, moyenne, élevée] }
        """
}

@Suite("Each team reads the drill in its language over the network", .serialized)
struct MultilingualExerciseTests {
    @Test func anEnglishAndAFrenchTeamReadTheirOwnTextAndScoreTheSame() async throws {
        let server = try await TestServer.start(BilingualScenario.yaml)
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let en = try await TestClient.connect(server, "team:cirt-en")
        let fr = try await TestClient.connect(server, "team:cirt-fr")
        let es = try await TestClient.connect(server, "team:cirt-es")
        // Each team's welcome names the drill in its language.
        #expect(await en.client.welcome?.scenario.title == "Ransomware at the telco")
        #expect(await fr.client.welcome?.scenario.title == "Rançongiciel chez l'opérateur")
        #expect(await fr.client.welcome?.scenario.language == "fr")
        #expect(await whitecell.client.welcome?.scenario.title == "Ransomware at the telco")
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)

        // The same inject, each in its own words.
        let enInject = try await en.waitFor("I01 in English") { $0.inject?.inject == "I01" ? $0.inject : nil }
        let frInject = try await fr.waitFor("I01 in French") { $0.inject?.inject == "I01" ? $0.inject : nil }
        #expect(enInject.language == "en" && enInject.untranslated == nil)
        #expect(enInject.title == "Files encrypted at the billing centre")
        #expect(enInject.tasks.map(\.prompt) == ["What kind of malware is this?", "Severity?"])
        #expect(enInject.tasks[1].options == ["low", "medium", "high"])
        #expect(frInject.language == "fr" && frInject.untranslated == nil)
        #expect(frInject.title == "Fichiers chiffrés au centre de facturation")
        #expect(frInject.from == "Responsable de la facturation")
        #expect(frInject.body.hasPrefix("Tous les fichiers du partage de facturation"))
        #expect(frInject.tasks.map(\.prompt) == ["De quel type de logiciel malveillant s'agit-il ?", "Gravité ?"])
        #expect(frInject.tasks[1].options == ["faible", "moyenne", "élevée"])
        #expect(frInject.tasks.map(\.points) == enInject.tasks.map(\.points))
        // A language the scenario lacks gets the scenario's own, marked as such.
        let esInject = try await es.waitFor("I01 for the Spanish team") { $0.inject?.inject == "I01" ? $0.inject : nil }
        #expect(esInject.language == "en" && esInject.title == enInject.title)

        let kind = TaskRef(inject: "I01", task: "kind"), sev = TaskRef(inject: "I01", task: "sev")
        // A hint reaches the French team in French; the white cell reads the scenario's words.
        try await fr.client.request(.hint(task: kind, hint: 0))
        let hint = try await fr.waitFor("hint") { if case .hint(let h) = $0.message { h } else { nil } }
        #expect(hint.text == "Lisez la note")
        let seen = try await whitecell.waitFor("hint") { if case .hint(let h) = $0.message { h } else { nil } }
        #expect(seen.text == "Read the note")
        // Each answers in its language and gets the same points for the same answer.
        await en.client.submit(task: kind, values: ["Ransomware"])
        await fr.client.submit(task: kind, values: ["Rançongiciel"])
        let enKind = try await en.waitFor("ack kind") { $0.ack?.task == kind ? $0.ack : nil }
        let frKind = try await fr.waitFor("ack kind") { $0.ack?.task == kind ? $0.ack : nil }
        #expect(enKind.score.outcome == .correct && frKind.score.outcome == .correct)
        #expect(enKind.score.points == 10 && frKind.score.points == 8, "the French team took a 2-point hint")
        await en.client.submit(task: sev, values: ["high"])
        await fr.client.submit(task: sev, values: ["élevée"])
        let enSev = try await en.waitFor("ack sev") { $0.ack?.task == sev ? $0.ack : nil }
        let frSev = try await fr.waitFor("ack sev") { $0.ack?.task == sev ? $0.ack : nil }
        #expect(enSev.score.outcome == .correct && frSev.score.outcome == .correct)
        #expect(enSev.score.points == 5 && frSev.score.points == 5)
        // A wrong option is wrong in French too.
        await es.client.submit(task: sev, values: ["faible"])
        #expect(try await es.waitFor("ack sev") { $0.ack?.task == sev ? $0.ack : nil }.score.outcome != .correct)

        // The white cell may read every team's version: it has the scenario with its translations.
        let source = try await whitecell.client.request(.scenario)
        guard case .scenario(let text) = source.message else { Issue.record("no scenario"); return }
        let scenario = try TestScenario.load(text.source)
        #expect(scenario.localizedInject(at: 0, to: "fr").title == frInject.title)

        // The journal records the language of each team; a replay scores it the same.
        let events = try server.events()
        let languages = events.compactMap { e -> String? in
            if case .teamRegistered(let t) = e.body { "\(t.id)=\(t.language ?? "-")" } else { nil }
        }
        #expect(languages == ["cirt-en=en", "cirt-fr=fr", "cirt-es=es"])
        let replay = try JournalReplay.load(server.host.journal)
        let card = replay.state.scorecard()
        let points = Dictionary(uniqueKeysWithValues: card.teams.map { ($0.team, $0.points) })
        #expect(points["cirt-en"] == 15 && points["cirt-fr"] == 13)
        await whitecell.stop(); await en.stop(); await fr.stop(); await es.stop()
    }
}
