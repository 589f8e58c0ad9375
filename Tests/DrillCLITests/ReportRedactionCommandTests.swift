import DrillCore
import DrillJournal
import Foundation
import Testing

/// `cyberdrill report --anonymize` and `--team` on a journal whose teams are real countries and
/// whose notes and RFIs name them: the written files of every format are searched byte by byte.
@Suite("cyberdrill report redacts real names in every written file")
struct ReportRedactionCommandTests {
    static let roster = [
        Team(id: "tut-a", name: "Ghana National CIRT", country: "GH"),
        Team(id: "tut-b", name: "KE-CIRT", country: "KE"),
        Team(id: "tut-c", name: "CIRT Tamberra", country: "CI"),
    ]
    /// What must not appear (any case), and codes that must not appear as a word in capitals.
    static let needles: [String: (words: [String], codes: [String])] = [
        "tut-a": (["tut-a", "Ghana"], ["GH"]),
        "tut-b": (["tut-b", "KE-CIRT", "Kenya"], ["KE"]),
        "tut-c": (["tut-c", "Tamberra", "Côte d'Ivoire", "Ivory Coast"], ["CI"]),
    ]

    /// A journal of the tutorial rehearsed by `roster`, with a white cell's notes and an RFI.
    static func journal(in dir: URL) async throws -> String {
        let path = CLI.packageRoot.appendingPathComponent("scenarios/tutorial.yaml").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let scenario = try #require(ScenarioLoader.fileSystem.load(contentsOf: path).scenario)
        var events = Rehearsal(index: ScenarioIndex(scenario), teams: roster, seed: 3).run().events
        let end = events.lastIndex { if case .ended = $0.body { return true } else { return false } } ?? events.count
        let at = events[max(0, end - 1)].exerciseTime
        let white = Actor.facilitator("Amina")
        events.insert(contentsOf: [
            ExerciseEvent(at: at, by: white, .noteAdded(Note(
                text: "Ghana shared IoCs with Kenya; the Ghanaian desk briefed KE-CIRT. Tamberra (Côte d'Ivoire) relied on Lomé.",
                team: "tut-a", tags: ["strength"]))),
            ExerciseEvent(at: at, by: .team("tut-c"), .messageSent(Message(
                id: "RFI-x", from: .team("tut-c"), to: .whiteCell, kind: .rfi, text: "Did the Ivory Coast regulator call GH or KE?"))),
            ExerciseEvent(at: at, by: white, .rfiAnswered(RFIAnswer(rfi: "RFI-x", text: "Kenya did, through tut-b."))),
        ], at: end)
        let file = dir.appendingPathComponent("drill.journal").path
        let journal = try Journal.create(at: file, scenario: scenario, source: source, scenarioPath: path, wall: 1_765_267_200_000)
        try await journal.append(events: events, wall: 1_765_267_200_001)
        try journal.close()
        return file
    }

    static func leaks(of ids: [String], inFilesOf result: CLI.Result) throws -> [String] {
        var found: [String] = []
        for file in result.out.split(separator: "\n").map(String.init) {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            let lower = text.lowercased()
            for id in ids {
                guard let n = needles[id] else { continue }
                for w in n.words where lower.contains(w.lowercased()) || lower.contains(w.lowercased().replacingOccurrences(of: "'", with: "&#39;")) {
                    found.append("\(file): \(id) '\(w)'")
                }
                for c in n.codes where text.range(of: "(?<![A-Za-z0-9])\(c)(?![A-Za-z0-9])", options: .regularExpression) != nil {
                    found.append("\(file): \(id) code '\(c)'")
                }
            }
        }
        return found
    }

    @Test func anAnonymisedReportAndTeamReportsLeakNoIdentity() async throws {
        let dir = try CLI.temporaryDirectory()
        let journal = try await Self.journal(in: dir)
        let out = dir.appendingPathComponent("reports").path
        let formats = ["--format", "md", "--format", "html", "--format", "json", "--format", "csv"]
        let regional = try CLI.run(["report", journal, "--out", out] + formats)
        #expect(regional.status == 0, "\(regional.err)")
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("Ghana shared IoCs with Kenya"), "the facilitators' own report is whole")

        let anonymous = try CLI.run(["report", journal, "--out", out, "--anonymize"] + formats)
        #expect(anonymous.status == 0, "\(anonymous.err)")
        #expect(anonymous.out.split(separator: "\n").count == 4)
        #expect(try Self.leaks(of: ["tut-a", "tut-b", "tut-c"], inFilesOf: anonymous) == [])
        #expect(try String(contentsOfFile: out + "/report-anonymized.md", encoding: .utf8).contains(#"\[redacted\] shared IoCs with \[redacted\]"#), "Markdown escapes the brackets")
        // The one word it could not place is named, with the way to hide it.
        #expect(anonymous.err.contains("warning: the redaction could not be sure about these words") && anonymous.err.contains("Lomé"), "\(anonymous.err)")
        #expect(anonymous.err.contains("--redact WORD"))
        let hidden = try CLI.run(["report", journal, "--out", out, "--anonymize", "--redact", "Lomé"] + formats)
        #expect(hidden.status == 0 && !hidden.err.contains("could not be sure"), "\(hidden.err)")

        for team in Self.roster {
            let r = try CLI.run(["report", journal, "--out", out, "--team", team.id] + formats)
            #expect(r.status == 0, "\(r.err)")
            #expect(try Self.leaks(of: Self.roster.map(\.id).filter { $0 != team.id }, inFilesOf: r) == [], "report of \(team.id)")
        }
    }
}
