import DrillTestSupport
import DrillCore
import Foundation
import Testing
@testable import DrillText

/// A scenario's problems come out of DrillCore as facts (a code and its arguments) and are worded
/// by the catalogs: in English exactly as the diagnostic's own message, in the other languages
/// with every placeholder filled.
@Suite("Diagnostics in every language")
struct DiagnosticTextTests {
    static let root = TestPackage.root
    static let loader = ScenarioLoader { _ in false }

    /// Every diagnostic of many broken scenarios: the bundled ones with a line dropped, a value
    /// replaced by a list or a word, a field renamed, an id or a reference changed, plus files
    /// broken as files (empty, UTF-16, binary, not UTF-8, two documents, an undefined alias…).
    static let corpus: [Diagnostic] = {
        var out: [Diagnostic] = []
        for name in ["tutorial", "sahel-defacement-fr", "gulf-water-scada-ar", "telco-ransomware"] {
            guard let text = try? String(contentsOf: root.appendingPathComponent("scenarios/\(name).yaml"), encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            for i in stride(from: 0, to: lines.count, by: 5) {
                var variants: [[String]] = []
                var dropped = lines
                dropped.remove(at: i)
                variants.append(dropped)
                let line = lines[i]
                if let colon = line.range(of: ": ") {
                    for value in ["[x, y]", "zz-9", "{ a: 1 }", "-3", "1.5", "''"] {
                        var changed = lines
                        changed[i] = String(line[..<colon.upperBound]) + value
                        variants.append(changed)
                    }
                    var renamed = lines
                    renamed[i] = String(line[..<colon.lowerBound]) + "x" + String(line[colon.lowerBound...])
                    variants.append(renamed)
                }
                for v in variants { out += loader.load(text: v.joined(separator: "\n"), path: "\(name).yaml").diagnostics }
            }
            for (old, new) in [("id: I01", "id: I02"), ("to: [", "to: [nobody, "), ("inject: I0", "inject: X"), ("format: cyberdrill/1", "format: cyberdrill/9"),
                               ("duration: ", "duration: 0s\nx: "), ("- id: ", "- id: bad id "), ("points: ", "points: 0\n    zz: "), ("attack: [", "attack: [X1, "),
                               ("languages: [", "languages: [en, en, xx-!!, "), ("type: choice", "type: choice\n        multiple: maybe")] {
                out += loader.load(text: text.replacingOccurrences(of: old, with: new), path: "\(name).yaml").diagnostics
            }
        }
        let files: [[UInt8]] = [
            [], Array(" \n\t\n".utf8), [0xFF, 0xFE, 0x66, 0x00], Array("format: a\u{0}b".utf8), [0x66, 0x3A, 0x20, 0xC3, 0x28],
            Array("format: cyberdrill/1\n---\nid: x".utf8), Array("a: *nothing".utf8), Array("a: 1\na: 2".utf8),
            Array((String(repeating: "[", count: 80) + String(repeating: "]", count: 80)).utf8), Array("a: [1, 2".utf8), Array("# only a comment\n".utf8),
        ]
        for bytes in files { out += loader.load(bytes: bytes, path: "broken.yaml").diagnostics }
        out += ScenarioLoader.fileSystem.load(contentsOf: "/nonexistent/scenario.yaml").diagnostics
        // Rosters: broken CSV and YAML, and one that lacks teams the scenario names.
        let rosters: [(String, String)] = [
            ("r.csv", ""), ("r.csv", "id,name,colour\n"), ("r.csv", "name\n"), ("r.csv", "id,name\na,Alpha,extra\nb,\n,X\nc,C\nc,C2\n"),
            ("r.csv", "id,name,language\na,A,!!\n"), ("r.yaml", ""), ("r.yaml", "x: 1"), ("r.yaml", "teams: 3"), ("r.yaml", "teams: []"),
            ("r.yaml", "- 3\n- {id: a}\n- {id: b}\n- {name: B}\n- {id: c, name: C, colour: red}\n- {id: d, name: [x]}\n- {id: e, name: E, language: '!!'}\n- {[1]: 2}"),
        ]
        for (path, text) in rosters { out += Roster.load(text: text, path: path).diagnostics }
        out += Roster.load(contentsOf: "/nonexistent/roster.csv").diagnostics
        if let text = try? String(contentsOf: root.appendingPathComponent("scenarios/tutorial.yaml"), encoding: .utf8),
           let tutorial = loader.load(text: text, path: "tutorial.yaml").scenario {
            for roster in ["id,name,language\ntut-a,A,de\n", "id,name\nzz,Z\n"] {
                out += Roster.load(text: roster, path: "r.csv").check(against: tutorial, scenarioPath: "tutorial.yaml", rosterPath: "r.csv")
            }
        }
        return out
    }()

    @Test func everyCodeHasAMessageInTheCatalogs() {
        for code in DiagnosticCode.allCases {
            #expect(Msg(rawValue: "diag." + code.rawValue) != nil, "no catalog message for \(code)")
        }
    }

    @Test func englishFromTheCatalogIsTheDiagnosticsOwnMessageByteForByte() {
        var codes = Set<DiagnosticCode>()
        for d in Self.corpus {
            guard let fact = d.fact else { continue }
            codes.insert(fact.code)
            #expect(Texts.english.diagnosticMessage(d) == d.message, "\(fact.code) \(fact.arguments)")
            #expect(Texts.english.diagnostic(d) == d.description)
        }
        #expect(Self.corpus.count > 300)
        #expect(codes.count >= 45, "only \(codes.count) codes met: \(codes.map(\.rawValue).sorted())")
    }

    @Test(arguments: [Language.fr, .es, .ru, .zh, .ar])
    func otherLanguagesWordEveryProblemAndFillEveryPlaceholder(_ language: Language) throws {
        let t = Texts(language)
        let placeholder = try Regex("\\{[A-Za-z]+\\}")
        for d in Self.corpus {
            guard let fact = d.fact else { continue }
            let message = t.diagnosticMessage(d)
            #expect(message != d.message, "\(language) \(fact.code) is English: \(message)")
            #expect(message.firstMatch(of: placeholder) == nil, "\(language) \(fact.code): \(message)")
            // The machine-readable shape stays: path:line:column: severity: message.
            #expect(t.diagnostic(d).hasPrefix("\(d.file):\(d.line):\(d.column): \(d.severity.rawValue): "))
        }
    }

    @Test func theWordsAroundAProblemAreTranslatedToo() {
        let d = Diagnostic(file: "s.yaml", line: 3, column: 5, severity: .error, message: "unknown field 'tittle' in an inject; did you mean 'title'?",
                           fact: DiagnosticFact(.unknownField, ["name": "tittle", "what": "an inject", "suggestion": "title"]))
        #expect(Texts(.fr).diagnostic(d) == "s.yaml:3:5: error: champ inconnu « tittle » dans un stimulus ; vouliez-vous dire « title » ?")
        #expect(Texts(.ru).diagnosticMessage(d).contains("вводн"))
        #expect(Texts.english.diagnosticMessage(d) == d.message)
    }
}
