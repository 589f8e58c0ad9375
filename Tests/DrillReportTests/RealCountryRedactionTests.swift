import DrillCore
import Foundation
import Testing
@testable import DrillReport

/// A roster of real countries, and notes and RFIs that name them the way a white cell writes:
/// every byte of every format of the anonymised report, and of each team's private report, is
/// searched for what identifies each team, with the needles written out here by hand (not taken
/// from the code under test).
@Suite("Redaction of real team names and countries")
struct RealCountryRedactionTests {
    static let roster = [
        Team(id: "tut-a", name: "Ghana National CIRT", country: "GH", contact: "duty@cert-gh.example"),
        Team(id: "tut-b", name: "KE-CIRT/CC", country: "KE"),
        Team(id: "tut-c", name: "CIRT Tamberra", country: "Côte d'Ivoire"),
    ]

    /// Case-insensitive needles, and codes that must not appear as a word in capitals.
    static let needles: [String: (words: [String], codes: [String])] = [
        "tut-a": (["tut-a", "Ghana National CIRT", "Ghana", "duty@cert-gh.example"], ["GH"]),
        "tut-b": (["tut-b", "KE-CIRT", "Kenya"], ["KE"]),
        "tut-c": (["tut-c", "CIRT Tamberra", "Tamberra", "Côte d'Ivoire", "Ivory Coast"], ["CI"]),
    ]

    static func exercise() throws -> ReportInput {
        let scenario = try Fixtures.scenario("tutorial")
        let index = ScenarioIndex(scenario)
        var events = Rehearsal(index: index, teams: roster, seed: 3).run().events
        let white = Actor.facilitator("Amina")
        let end = events.lastIndex { if case .ended = $0.body { return true } else { return false } } ?? events.count
        let at = events[max(0, end - 1)].exerciseTime
        let inject = scenario.injects[2].id
        let extra = [
            ExerciseEvent(at: at, by: white, .noteAdded(Note(
                text: "Ghana shared IoCs with Kenya within minutes; the Ghanaian analysts briefed KE-CIRT and the GH duty desk.",
                inject: inject, team: "tut-a", tags: ["strength"]))),
            ExerciseEvent(at: at, by: white, .noteAdded(Note(
                text: "Tamberra (Ivory Coast) waited for CI partners; Togo's CERT helped them.\nAction: Agree a warning template with Kenya\nOwner: Ghana liaison\nDue: 2026-03-01",
                tags: ["improvement"]))),
            ExerciseEvent(at: at, by: .team("tut-b"), .messageSent(Message(
                id: "RFI-x", from: .team("tut-b"), to: .whiteCell, kind: .rfi,
                text: "Has Côte d'Ivoire (tut-c) confirmed the block with Ghana National CIRT?"))),
            ExerciseEvent(at: at, by: white, .rfiAnswered(RFIAnswer(rfi: "RFI-x", text: "Yes: tut-c and Kenya confirmed it; ask duty@cert-gh.example."))),
        ]
        events.insert(contentsOf: extra, at: end)
        let state = ExerciseState.fold(events, index: index)
        let walls = events.map { Fixtures.startWall + $0.exerciseTime }
        return ReportInput(state: state, events: events, walls: walls, scenarioDigest: "digest-real")
    }

    static func leaks(_ ids: [String], in outputs: [String: String]) -> [String] {
        var found: [String] = []
        for id in ids {
            guard let n = needles[id] else { continue }
            for (format, text) in outputs {
                let lower = text.lowercased()
                for w in n.words where lower.mentions(lowercased: w) { found.append("\(format): \(id): '\(w)'") }
                for c in n.codes where text.containsWord(c) { found.append("\(format): \(id): code '\(c)'") }
            }
        }
        return found
    }

    @Test func anAnonymisedReportNamesNoTeamNoCountryInAnyFormat() throws {
        let input = try Self.exercise()
        #expect(input.state.notes.count == 2)
        let report = try AfterActionReport(input, options: ReportOptions(anonymize: true))
        let outputs = try Fixtures.renderings(report)
        #expect(Self.leaks(["tut-a", "tut-b", "tut-c"], in: outputs) == [])
        // The notes are there, redacted rather than dropped.
        #expect(report.notes.contains { $0.text.hasPrefix("[redacted] shared IoCs with [redacted]") })
        #expect(report.notes.contains { $0.action == "Agree a warning template with [redacted]" })
        // Generic words of the names stay ("CIRT" is in the tutorial's text).
        #expect(outputs["md"]?.contains("CIRT") == true)
    }

    @Test func aTeamReportShowsNoOtherTeamsIdentity() throws {
        let input = try Self.exercise()
        for (subject, own) in [("tut-a", "Ghana"), ("tut-b", "KE-CIRT"), ("tut-c", "Tamberra")] {
            let report = try AfterActionReport(input, options: ReportOptions(team: subject))
            let outputs = try Fixtures.renderings(report)
            let others = ["tut-a", "tut-b", "tut-c"].filter { $0 != subject }
            #expect(Self.leaks(others, in: outputs) == [], "report of \(subject)")
            #expect(outputs["md"]?.contains(own) == true, "the team's own name stays in its report")
        }
    }

    @Test func theWordsItCannotBeSureAboutAreListed() throws {
        let input = try Self.exercise()
        let report = try AfterActionReport(input, options: ReportOptions(anonymize: true))
        let unsure = RedactionReview.unsureWords(in: report, scenario: input.scenario)
        #expect(unsure.contains("Togo's"))
        // Redacted words, generic words, sentence starters and the scenario's own words are not listed.
        for word in ["Ghana", "Kenya", "CIRT", "Yes", "Agree", "Action", "Has"] { #expect(!unsure.contains(word), "\(word)") }
        #expect(RedactionReview.unsureWords(in: try AfterActionReport(input), scenario: input.scenario) == [],
                "the facilitators' own report needs no review")
        let hidden = try AfterActionReport(input, options: ReportOptions(anonymize: true, redact: ["Togo"]))
        #expect(!RedactionReview.unsureWords(in: hidden, scenario: input.scenario).contains { $0.hasPrefix("Togo") })
    }

    @Test func identifyingWordsLeaveGenericOnesAlone() {
        #expect(TeamLabels.identifyingWords(of: Team(id: "x", name: "National CIRT of the Republic of Ghana")) == ["Ghana"])
        #expect(TeamLabels.identifyingWords(of: Team(id: "x", name: "CIRT Alpha")) == ["Alpha"])
        #expect(TeamLabels.identifyingWords(of: Team(id: "x", name: "KE-CIRT")) == ["KE-CIRT", "KE"])
        #expect(TeamLabels.countryNames(of: Team(id: "x", name: "n", country: "ci")).contains("Ivory Coast"))
        #expect(TeamLabels.countryNames(of: Team(id: "x", name: "n", country: "Kenya")) == ["Kenya", "KE"])
    }
}
