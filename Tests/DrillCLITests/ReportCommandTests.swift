import Foundation
import Testing

@Suite("cyberdrill report, run as a user runs it")
struct ReportCommandTests {
    /// A rehearsal journal of `scenario` in a fresh directory.
    private func journal(_ scenario: String, teams: Int = 5) throws -> (dir: URL, journal: String) {
        let dir = try CLI.temporaryDirectory()
        let journal = dir.appendingPathComponent("drill.journal").path
        let r = try CLI.run(["rehearse", "scenarios/\(scenario).yaml", "--teams", "\(teams)", "--seed", "4", "--journal", journal])
        #expect(r.status == 0, "\(r.err)")
        return (dir, journal)
    }

    @Test func writesEveryFormatIntoTheOutputDirectory() throws {
        let (dir, journal) = try journal("telco-ransomware")
        let out = dir.appendingPathComponent("reports")
        let r = try CLI.run(["report", journal, "--format", "md", "--format", "html", "--format", "json", "--format", "csv", "--out", out.path])
        #expect(r.status == 0, "\(r.err)")
        let files = ["report.md", "report.html", "report.json", "report.csv"].map { out.appendingPathComponent($0).path }
        #expect(r.out.split(separator: "\n").map(String.init) == files)
        for file in files { #expect(FileManager.default.fileExists(atPath: file)) }
        let md = try String(contentsOfFile: files[0], encoding: .utf8)
        #expect(md.contains("## 5. Improvement plan"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files[2]))) as? [String: Any]
        #expect(json?["format"] as? String == "cyberdrill-aar/1")
        #expect((json?["teams"] as? [Any])?.count == 5)
    }

    @Test func aTeamReportAndAnAnonymisedOneAreNamedSafely() throws {
        let (dir, journal) = try journal("ministry-phishing")
        let out = dir.appendingPathComponent("reports").path
        let team = try CLI.run(["report", journal, "--format", "html", "--out", out, "--team", "xa-cirt"])
        #expect(team.status == 0, "\(team.err)")
        #expect(team.out.hasSuffix("/report-team-xa-cirt.html\n"))
        let html = try String(contentsOfFile: team.out.trimmingCharacters(in: .whitespacesAndNewlines), encoding: .utf8)
        #expect(html.contains("AL-CIRT (Aldonia)") && !html.contains("BorCERT"))
        let anonymous = try CLI.run(["report", journal, "--format", "md", "--out", out, "--team", "xa-cirt", "--anonymize"])
        #expect(anonymous.status == 0, "\(anonymous.err)")
        let path = anonymous.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!path.contains("xa-cirt") && path.range(of: #"/report-anonymized-team-[A-Z]+\.md$"#, options: .regularExpression) != nil, "\(path)")
        let md = try String(contentsOfFile: path, encoding: .utf8)
        for name in ["xa-cirt", "AL-CIRT", "Aldonia", "BorCERT"] { #expect(!md.contains(name), "\(name)") }
    }

    @Test func eachVariantHasItsOwnFileAndNoneReplacesAnother() throws {
        let (dir, journal) = try journal("ministry-phishing")
        let out = dir.appendingPathComponent("reports")
        func write(_ extra: [String], journal: String = journal) throws -> CLI.Result {
            try CLI.run(["report", journal, "--format", "md", "--format", "csv", "--out", out.path] + extra)
        }
        func bytes(_ name: String) throws -> Data { try Data(contentsOf: out.appendingPathComponent(name)) }

        #expect(try write([]).status == 0)
        let regional = try bytes("report.md"), regionalCSV = try bytes("report.csv")
        let team = try write(["--team", "xa-cirt"])
        #expect(team.status == 0, "\(team.err)")
        let anonymous = try write(["--anonymize"])
        #expect(anonymous.status == 0, "\(anonymous.err)")
        #expect(anonymous.out.split(separator: "\n").map { String($0.split(separator: "/").last ?? "") } == ["report-anonymized.md", "report-anonymized.csv"])
        let both = try write(["--team", "xa-cirt", "--anonymize"])
        #expect(both.status == 0, "\(both.err)")
        // The facilitators' own report is byte for byte what it was, next to the three others.
        #expect(try bytes("report.md") == regional && bytes("report.csv") == regionalCSV)
        #expect(try bytes("report-team-xa-cirt.md") != regional)
        #expect(try String(decoding: bytes("report-anonymized.md"), as: UTF8.self).contains("AL-CIRT") == false)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".md") }
        #expect(names.count == 4, "\(names)")

        // Writing the same report of the same journal again replaces it (after more notes, say).
        #expect(try write(["--team", "xa-cirt"]).status == 0)

        // Another journal's report is refused, nothing is written, and --force replaces it.
        let other = try self.journal("ministry-phishing", teams: 4).journal
        let refused = try write([], journal: other)
        #expect(refused.status == 1)
        #expect(refused.err.contains("report.md: the file holds the report of another exercise") && refused.err.contains("--force"), "\(refused.err)")
        #expect(try bytes("report.md") == regional && bytes("report.csv") == regionalCSV)
        let forced = try write(["--force"], journal: other)
        #expect(forced.status == 0, "\(forced.err)")
        #expect(try bytes("report.md") != regional)

        // A file that no report wrote is not replaced either.
        let mine = out.appendingPathComponent("report.html")
        try Data("my own notes".utf8).write(to: mine)
        let html = try CLI.run(["report", journal, "--format", "html", "--out", out.path])
        #expect(html.status == 1 && html.err.contains("cyberdrill report did not write it"), "\(html.err)")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my own notes")
    }

    @Test func anAnonymisedReportWarnsAboutWordsItCannotBeSureOf() throws {
        let (dir, journal) = try journal("tutorial", teams: 3)
        let plain = try CLI.run(["report", journal, "--format", "md", "--out", dir.path])
        #expect(plain.status == 0 && !plain.err.contains("warning"), "\(plain.err)")
        // A rehearsal writes no notes: nothing to be unsure about.
        let anonymous = try CLI.run(["report", journal, "--format", "md", "--out", dir.path, "--anonymize"])
        #expect(anonymous.status == 0 && !anonymous.err.contains("could not be sure"), "\(anonymous.err)")
    }

    @Test func anUnknownTeamOrJournalIsAUserError() throws {
        let (dir, journal) = try journal("tutorial", teams: 3)
        let r = try CLI.run(["report", journal, "--out", dir.path, "--team", "nobody"])
        #expect(r.status == 1)
        #expect(r.err.contains("no team 'nobody' took part in this exercise; give one of: tut-a, tut-b, tut-c"))
        let missing = try CLI.run(["report", dir.appendingPathComponent("none.journal").path, "--out", dir.path])
        #expect(missing.status == 1)
        let help = try CLI.run(["report", "--help"])
        #expect(help.status == 0 && help.out.contains("Example:"))
    }
}
