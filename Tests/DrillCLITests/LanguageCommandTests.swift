import Foundation
import Testing

@Suite("Commands and the scenario's languages")
struct LanguageCommandTests {
    @Test func timelinePrintsTheMSELInADeclaredLanguage() throws {
        let fr = try CLI.run(["timeline", "--lang", "fr", "scenarios/tutorial.yaml"])
        #expect(fr.status == 0, "\(fr.err)")
        #expect(fr.out.hasPrefix("Premières lueurs : tutoriel cyberdrill de 20 minutes"))
        #expect(fr.out.contains("Harbour Logistics transfère un courriel étrange"))
        // The table's own words follow the same --lang.
        #expect(fr.out.contains("HEURE"), "\(fr.out)")
        #expect(fr.out.contains("DÉCLENCHEUR"))
        #expect(fr.out.contains("durée prévue"))
        #expect(fr.out.contains("total : 8 tâches"), "\(fr.out)")
        #expect(!fr.out.contains("TRIGGER"))
        let en = try CLI.run(["timeline", "--lang", "en", "scenarios/sahel-defacement-fr.yaml", "--format", "csv"])
        #expect(en.out.contains("Regional list: twelve websites defaced in four countries"))
        // The same MSEL: ids, times and points do not change with the language.
        let original = try CLI.run(["timeline", "scenarios/sahel-defacement-fr.yaml", "--format", "csv"])
        func columns(_ csv: String) -> [String] { csv.split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",") } }
        #expect(columns(en.out) == columns(original.out))
        let missing = try CLI.run(["timeline", "--lang", "de", "scenarios/tutorial.yaml"])
        #expect(missing.status != 0)
        #expect(missing.err.contains("is not translated into 'de'; its languages are en, ar, es, fr, ru, zh"))
    }

    @Test func validateListsTheCoverageOfEachLanguage() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("partial.yaml")
        try """
        format: cyberdrill/1
        id: partial
        title: Partial
        summary: Two languages, one field short.
        languages: [en, fr]
        duration: 1h
        teams: [{ id: a, name: A, language: fr }]
        injects:
          - { id: I1, at: 0m, title: Alert, channel: siem, body: Look., tasks: [{ id: t, type: text, prompt: What?, accept: [x] }] }
        translations:
          fr:
            title: Partiel
            summary: Deux langues, un champ de moins.
            injects:
              I1: { title: Alerte, tasks: { t: { prompt: Quoi ? } } }
        """.write(to: file, atomically: true, encoding: .utf8)
        let table = try CLI.run(["validate", file.path])
        #expect(table.status == 0)
        #expect(table.out.contains("\(file.path):5:17: warning: the 'fr' translation lacks 1 field (teams reading fr get them in en): injects.I1.body"))
        let json = try CLI.run(["validate", "--format", "json", file.path])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let languages = (decoded?["files"] as? [[String: Any]])?.first?["languages"] as? [[String: Any]]
        #expect(languages?.map { $0["language"] as? String } == ["en", "fr"])
        #expect(languages?.map { $0["fields"] as? Int } == [5, 5])
        #expect(languages?.map { $0["translated"] as? Int } == [5, 4])
        #expect(languages?.last?["missing"] as? [String] == ["injects.I1.body"])
    }
}
