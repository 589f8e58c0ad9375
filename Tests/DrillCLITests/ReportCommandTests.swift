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
        #expect(team.out.hasSuffix("/report-xa-cirt.html\n"))
        let html = try String(contentsOfFile: team.out.trimmingCharacters(in: .whitespacesAndNewlines), encoding: .utf8)
        #expect(html.contains("AL-CIRT (Aldonia)") && !html.contains("BorCERT"))
        let anonymous = try CLI.run(["report", journal, "--format", "md", "--out", out, "--team", "xa-cirt", "--anonymize"])
        #expect(anonymous.status == 0, "\(anonymous.err)")
        let path = anonymous.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!path.contains("xa-cirt") && path.contains("report-Team-"))
        let md = try String(contentsOfFile: path, encoding: .utf8)
        for name in ["xa-cirt", "AL-CIRT", "Aldonia", "BorCERT"] { #expect(!md.contains(name), "\(name)") }
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
