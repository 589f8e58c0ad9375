import DrillCore
import Foundation
import Testing
@testable import DrillReport

@Suite("Team and anonymised reports give no team away")
struct ReportPrivacyTests {
    /// Every byte of every format, searched for what identifies each of `teams`.
    static func leaks(of teams: [Team], in outputs: [String: String], except shared: Set<String> = []) -> [String] {
        var found: [String] = []
        let lowered = outputs.mapValues { $0.lowercased() }
        for team in teams {
            let (texts, country) = Fixtures.identifiers(of: team)
            for (format, text) in outputs {
                let lower = lowered[format] ?? ""
                for needle in texts where !shared.contains(needle.lowercased()) && lower.mentions(lowercased: needle) {
                    found.append("\(format): \(team.id): '\(needle)'")
                }
                if let country, !shared.contains(country.lowercased()), text.containsWord(country) {
                    found.append("\(format): \(team.id): country '\(country)'")
                }
            }
        }
        return found
    }

    @Test(arguments: Fixtures.bundled)
    func aTeamReportNamesNoOtherTeam(_ name: String) throws {
        let input = try Fixtures.exercise(name)
        let teams = input.state.teamOrder.compactMap { input.state.teams[$0]?.team }
        for subject in teams {
            let report = try AfterActionReport(input, options: ReportOptions(team: subject.id))
            let outputs = try Fixtures.renderings(report)
            // What the team shares with another (two simulated teams' country) is its own to see.
            let own = Set((Fixtures.identifiers(of: subject).texts + [subject.country]).map { $0.lowercased() })
            let others = teams.filter { $0.id != subject.id }
            #expect(Self.leaks(of: others, in: outputs, except: own) == [], "\(name), report of \(subject.id)")
            #expect(outputs["html"]?.contains(Markup.escape(subject.name)) == true, "the team's own name is there")
        }
    }

    @Test(arguments: Fixtures.bundled)
    func anAnonymisedReportNamesNoTeamAtAll(_ name: String) throws {
        let input = try Fixtures.exercise(name)
        let teams = input.state.teamOrder.compactMap { input.state.teams[$0]?.team }
        let report = try AfterActionReport(input, options: ReportOptions(anonymize: true))
        let outputs = try Fixtures.renderings(report)
        #expect(Self.leaks(of: teams, in: outputs) == [], "\(name)")
        #expect(report.teams.allSatisfy { $0.id == nil && $0.country == nil && $0.rank == nil })
        // The same pseudonyms everywhere.
        let labels = Set(report.teams.map(\.team))
        #expect(labels == Set((0..<teams.count).map { "Team " + TeamLabels.letters($0) }))
        let csvTeams = Set(CSVRecords.parse(report.csv()).dropFirst().map { $0[0] })
        #expect(csvTeams == labels)
        for label in labels {
            #expect(outputs["md"]?.contains("### \(label)") == true)
            #expect(outputs["html"]?.contains(">\(label)</h3>") == true)
        }
        #expect(Set(report.overview.teams) == labels)
        #expect(Set(report.objectives.flatMap { $0.teams.map(\.team) }) == labels)
    }

    @Test(arguments: ["telco-ransomware", "gulf-water-scada-ar"])
    func anAnonymisedTeamReportNamesNoTeamEither(_ name: String) throws {
        let input = try Fixtures.exercise(name)
        let teams = input.state.teamOrder.compactMap { input.state.teams[$0]?.team }
        let regional = try AfterActionReport(input, options: ReportOptions(anonymize: true))
        for subject in teams {
            let report = try AfterActionReport(input, options: ReportOptions(team: subject.id, anonymize: true))
            #expect(Self.leaks(of: teams, in: try Fixtures.renderings(report)) == [], "\(name), \(subject.id)")
            // Its pseudonym is the one the regional report gives it.
            let label = try #require(report.audience.team)
            let inRegional = try #require(regional.teams.first { $0.team == label })
            #expect(inRegional.points == report.teams[0].points)
        }
    }

    @Test func pseudonymsAreStableAndListedByLetter() throws {
        let input = try Fixtures.exercise("ministry-phishing")
        let a = try AfterActionReport(input, options: ReportOptions(anonymize: true))
        let b = try AfterActionReport(input, options: ReportOptions(anonymize: true))
        #expect(a == b, "the same journal gives the same letters")
        #expect(a.teams.map(\.team) == a.teams.map(\.team).sorted { ($0.count, $0) < ($1.count, $1) }, "teams listed by letter")
    }

    @Test func lettersGoOnPastZ() {
        #expect((0..<3).map(TeamLabels.letters) == ["A", "B", "C"])
        #expect(TeamLabels.letters(25) == "Z")
        #expect(TeamLabels.letters(26) == "AA")
        #expect(TeamLabels.letters(27) == "AB")
        #expect(TeamLabels.letters(26 + 26 * 26 - 1) == "ZZ")
        #expect(TeamLabels.letters(26 + 26 * 26) == "AAA")
    }

    @Test func redactionMatchesWholeWordsLongestFirst() {
        let r = Redactor([
            .init(text: "Team 1", replacement: "Team A", caseSensitive: false),
            .init(text: "Team 10", replacement: "Team B", caseSensitive: false),
            .init(text: "xa-cirt", replacement: "Team C", caseSensitive: false),
            .init(text: "IT", replacement: "[redacted]", caseSensitive: true),
            .init(text: "نخلان", replacement: "Team D", caseSensitive: false),
        ])
        #expect(r("team 1 and Team 10, not Team 100") == "Team A and Team B, not Team 100")
        #expect(r("XA-CIRT/xa-cirt2 (xa-cirt)") == "Team C/xa-cirt2 (Team C)")
        #expect(r("it is IT, ITS, IT.") == "it is [redacted], ITS, [redacted].")
        #expect(r("فريق نخلان الوطني") == "فريق Team D الوطني")
        #expect(r("nothing here") == "nothing here")
        let demonyms = Redactor([.init(text: "Aldonia", replacement: "Team A", caseSensitive: false, wholeWord: true)])
        #expect(demonyms("Non-Aldonian teams, in Aldonia, Aldonia2") == "Non-Team A teams, in Team A, Aldonia2")
    }

    @Test func wordsTheFacilitatorNamesAreHiddenToo() throws {
        let input = try Fixtures.exercise("gulf-water-scada-ar")
        let report = try AfterActionReport(input, options: ReportOptions(anonymize: true, redact: ["نخلان", "الساحلية"]))
        for (format, text) in try Fixtures.renderings(report) {
            #expect(!text.contains("نخلان") && !text.contains("الساحلية"), "\(format)")
        }
        #expect(report.overview.scenario.summary.contains(TeamLabels.shared))
    }
}
