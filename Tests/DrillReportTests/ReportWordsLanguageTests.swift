import DrillCore
import Foundation
import Testing
import DrillText
@testable import DrillReport

/// The report's own words (headings, labels, summary sentences) follow `--lang`, in all six
/// languages, over the same journal; its figures do not change.
@Suite("The after-action report in six languages")
struct ReportWordsLanguageTests {
    static let englishHeadings = ["Executive summary", "Improvement plan", "Exercise overview", "Facilitator notes", "Response times",
                                  "Objectives and ratings", "Appendix: every task", "After-action report and improvement plan"]

    @Test(arguments: Language.allCases)
    func theSameJournalReadsInEachLanguage(_ language: Language) throws {
        let input = try Fixtures.exercise("telco-ransomware")
        let report = try AfterActionReport(input, options: ReportOptions(language: language.rawValue))
        let md = report.markdown(), html = report.html()
        let t = Texts(language)
        #expect(report.audience.language == language.rawValue)
        for key: Msg in [.reportHOverview, .reportHSummary, .reportHObjectives, .reportHPlan, .reportHScorecards, .reportHNotes, .reportHTasks] {
            #expect(md.contains("## " + t(key)), "\(language): \(key) in the Markdown")
            #expect(html.contains(">" + Self.escaped(t(key)) + "</h2>"), "\(language): \(key) in the HTML")
        }
        #expect(md.contains("- **\(t(.reportFactScenario))**" + t(.repTermColon)))
        // Table headers too.
        #expect(md.contains("| " + t(.reportColObjective) + " | " + t(.reportColCapability) + " |"))
        #expect(html.contains(">" + Self.escaped(t(.reportColAction)) + "</th>") || report.improvementPlan.isEmpty)
        #expect(html.contains("<th>" + Self.escaped(t(.reportColCapability)) + "</th>"))
        #expect(html.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(language.rawValue)\" dir=\"\(language.direction)\">"))
        if language != .en {
            for english in Self.englishHeadings {
                #expect(!md.contains(english), "\(language): '\(english)' left in the Markdown")
                #expect(!html.contains(english), "\(language): '\(english)' left in the HTML")
            }
        }
        // The figures are there and the same whatever the language.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4, "four charts")
        #expect(html.contains(Self.escaped(t(.reportCaptionHeatmap))))
        #expect(html.contains("<title>" + Self.escaped(t(.reportChartResponseTimes)) + "</title>"))
        let english = try AfterActionReport(input)
        #expect(report.teams.map(\.points) == english.teams.map(\.points))
        #expect(report.objectives.map(\.percent) == english.objectives.map(\.percent))
        #expect(report.summary.count == english.summary.count)
        #expect(report.summary.first == t(.reportSumTeams, ["n": 6, "title": report.overview.scenario.title,
                                                            "date": report.summary.first.map { _ in Self.on(t, report) } ?? "",
                                                            "time": Self.time(t, report)]))
        // CSV and JSON keep their identifiers.
        let csv = try Fixtures.renderings(report)
        #expect(csv.values.contains { $0.contains("\"summary\"") })
    }

    /// Text as the HTML writes it.
    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
    }

    static func on(_ t: Texts, _ r: AfterActionReport) -> String {
        guard let wall = r.overview.startedWall else { return "" }
        return t(.reportSumOn, ["date": t.wallDate(wall)])
    }

    static func time(_ t: Texts, _ r: AfterActionReport) -> String {
        let planned = t.span(r.overview.plannedDuration)
        return r.overview.actualDuration.map { t(.reportSumTime, ["actual": t.span($0), "planned": planned]) }
            ?? t(.reportSumNoTime, ["planned": planned])
    }

    /// The report counts its teams with the language's plural forms: Russian 1 команда, 2 команды,
    /// 5 команд; Arabic one, two, few (3–10), other.
    @Test func teamCountsTakeTheirPluralForm() throws {
        for (teams, russian, arabic) in [(1, "участвовала 1 команда", "شارك فريق واحد"), (2, "участвовали 2 команды", "شارك فريقان"),
                                         (5, "участвовали 5 команд", "شاركت 5 فرق")] {
            let input = try Fixtures.exercise("tutorial", teams: teams, extras: false)
            let ru = try AfterActionReport(input, options: ReportOptions(language: "ru"))
            let ar = try AfterActionReport(input, options: ReportOptions(language: "ar"))
            let en = try AfterActionReport(input)
            #expect(ru.summary.first?.contains(russian) == true, "\(teams): \(ru.summary.first ?? "")")
            #expect(ar.summary.first?.contains(arabic) == true, "\(teams): \(ar.summary.first ?? "")")
            #expect(ru.html().contains(" · " + ["1 команда", "2 команды", "5 команд"][[1, 2, 5].firstIndex(of: teams) ?? 0] + " · "))
            #expect(en.summary.first?.hasPrefix(teams == 1 ? "1 team took part" : "\(teams) teams took part") == true)
        }
        let ru = Texts(.ru), ar = Texts(.ar), fr = Texts(.fr)
        #expect(ru(.reportSumPlan, ["n": 21]).contains("21 область"))
        #expect(ru(.reportSumPlan, ["n": 11]).contains("11 областей"))
        #expect(ar(.reportSumHeld, ["n": 11]).contains("11 مُدخلًا"))
        #expect(ar(.reportSumHeld, ["n": 0]) != ar(.reportSumHeld, ["n": 1]))
        #expect(fr(.reportSumPaused, ["n": 1, "total": "5 min"]) == "L'exercice a été mis en pause 1 fois, 5 min au total.")
        #expect(fr(.reportSumPlan, ["n": 1_000_000]).contains("d'axes"))
    }

    /// An Arabic report of an English scenario: the page is right to left, and every element that
    /// quotes the scenario says it is English and lets its own text pick its direction.
    @Test func mixedDirectionElementsCarryLangAndDir() throws {
        let input = try Fixtures.exercise("telco-ransomware")
        let html = try AfterActionReport(input, options: ReportOptions(language: "ar")).html()
        #expect(html.contains("lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<h1 dir=\"auto\" lang=\"en\">"))
        // The summary's first sentence is Arabic around the English title, which is isolated as English.
        let summary = try #require(html.range(of: "<ul class=\"summary\">"))
        let first = html[summary.upperBound...].prefix(800)
        #expect(first.contains("<li dir=\"auto\">شارك"))
        #expect(first.contains("<bdi lang=\"en\">"))
        // In the scenario's own language nothing needs marking.
        let english = try AfterActionReport(input).html()
        #expect(english.contains("<h1 dir=\"auto\">") && !english.contains("<bdi lang="))
        #expect(HTMLReportTests.xmlError(html) == nil)
    }
}
