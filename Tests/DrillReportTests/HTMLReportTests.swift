import DrillCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DrillReport

@Suite("The HTML report is one self-contained, well-formed file")
struct HTMLReportTests {
    /// Parses text as XML; returns the parser's error, if any.
    static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber), column \(parser.columnNumber)"
    }

    static func svgs(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest[start.lowerBound...].range(of: "</svg>") {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    @Test(arguments: Fixtures.bundled)
    func everyChartAndTheWholePageAreWellFormedXML(_ name: String) throws {
        let input = try Fixtures.exercise(name)
        for options in [ReportOptions(), ReportOptions(anonymize: true), ReportOptions(team: input.state.teamOrder[0])] {
            let html = try AfterActionReport(input, options: options).html()
            let charts = Self.svgs(in: html)
            #expect(charts.count == 4)
            for svg in charts { #expect(Self.xmlError(svg) == nil, "\(name): \(svg.prefix(120))") }
            #expect(Self.xmlError(html) == nil, "\(name): the page")
        }
    }

    @Test func hostileTextIsEscaped() throws {
        var input = try Fixtures.exercise("tutorial", teams: 3, extras: false)
        var events = input.events
        let evil = "<script>alert('x')</script> & \"quotes\" \u{7}bell ]]> <!-- -->"
        events.insert(ExerciseEvent(at: 60_000, by: .facilitator("<b>f</b>"), .noteAdded(Note(text: evil, tags: ["improvement"]))), at: events.count - 1)
        let team = input.state.teamOrder[0]
        events.insert(ExerciseEvent(at: 61_000, by: .team(team), .messageSent(Message(id: "R1", from: .team(team), to: .whiteCell, kind: .rfi, text: evil))),
                      at: events.count - 1)
        input = ReportInput(state: ExerciseState.fold(events, index: input.state.index), events: events, walls: events.map { _ in Fixtures.startWall })
        let html = try AfterActionReport(input).html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>f</b>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(Self.xmlError(html) == nil)
        let md = try AfterActionReport(input).markdown()
        #expect(!md.contains("<script"))
    }

    @Test func theLanguageAndDirectionComeFromTheScenario() throws {
        let arabic = try AfterActionReport(try Fixtures.exercise("gulf-water-scada-ar")).html()
        #expect(arabic.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ar\" dir=\"rtl\">"))
        let french = try AfterActionReport(try Fixtures.exercise("sahel-defacement-fr")).html()
        #expect(french.contains("lang=\"fr\" dir=\"ltr\""))
        #expect(ScriptDirection.of(language: "fa-IR") == "rtl")
        #expect(ScriptDirection.of(language: "zh-Hans") == "ltr")
        #expect(ScriptDirection.of(language: "ku-Arab") == "rtl")
    }

    @Test func nothingIsFetchedAndPaperIsA4() throws {
        let html = try AfterActionReport(try Fixtures.exercise("isp-ddos-bgp")).html()
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The only URLs are the XML namespaces, which are names, not fetched.
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == html.components(separatedBy: "http://www.w3.org/").count - 1)
        #expect(html.contains("@media print"))
        #expect(html.contains("size:A4"))
    }

    @Test func theHeatmapReadsWithoutColour() throws {
        let report = try AfterActionReport(try Fixtures.exercise("telco-ransomware"))
        let heatmap = Charts.heatmap(report)
        for outcome in [Outcome.correct, .partial, .wrong, .missed, .pending] {
            #expect(heatmap.contains(">\(Palette.symbol(outcome))</text>"), "symbol of \(outcome)")
            #expect(heatmap.contains(">\(outcome.rawValue)</text>"), "legend word for \(outcome)")
        }
    }

    @Test func statisticsUseTheDocumentedMethod() {
        #expect(Statistics.times([]).median == nil)
        #expect(Statistics.times([5]).median == 5 && Statistics.times([5]).p90 == 5)
        #expect(Statistics.times([1, 2, 3, 4]).median == 3)   // 2.5 rounded half up
        let ten = Statistics.times((1...10).map { Millis($0) * 1000 })
        #expect(ten.median == 5_500 && ten.p90 == 9_100 && ten.q1 == 3_250 && ten.q3 == 7_750)
        #expect(Statistics.spread([10, 0, 20])?.median == 10)
    }

    @Test func datesAreUTC() {
        #expect(WallDate.iso(0) == "1970-01-01T00:00:00Z")
        #expect(WallDate.iso(Fixtures.startWall) == "2025-12-09T08:00:00Z")
        #expect(WallDate.iso(951_782_400_000) == "2000-02-29T00:00:00Z")
        #expect(WallDate.readable("2025-12-09T08:00:00Z") == "2025-12-09 08:00 UTC")
    }
}
