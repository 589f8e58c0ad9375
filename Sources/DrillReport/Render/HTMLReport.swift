import DrillCore
import DrillText

extension AfterActionReport {
    /// One self-contained HTML file: inline CSS and SVG, no script, nothing fetched. It is also
    /// well-formed XML (every text escaped, every element closed), so it can be checked as such.
    public func html() -> String {
        var h = HTMLReport(self)
        h.write()
        return h.m.out
    }
}

struct HTMLReport {
    let r: AfterActionReport
    let t: Texts
    var m: Markup
    let taskIndex: [String: TaskSummary]
    var isTeam: Bool { r.audience.kind == .team }

    init(_ report: AfterActionReport) {
        r = report
        t = report.texts
        let taskRows = report.teams.reduce(0) { $0 + $1.tasks.count }
        m = Markup(capacity: 64_000 + taskRows * 420)
        taskIndex = Dictionary(report.tasks.map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a })
    }

    mutating func write() {
        let o = r.overview
        m.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
        m.text(t.language.rawValue)
        m.raw("\" dir=\"\(t.language.direction)\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        m.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>")
        m.text(t(.reportTitle, ["title": o.scenario.title]) + (r.audience.team.map { " — " + $0 } ?? ""))
        m.raw("</title>\n<style>\n")
        m.raw(HTMLStyle.css)
        m.raw("\n</style>\n</head>\n<body>\n")
        header()
        section("overview", t(.reportHOverview)) { $0.overview() }
        section("summary", t(.reportHSummary)) { $0.summary() }
        section("objectives", t(.reportHObjectives)) { $0.objectives() }
        section("analysis", t(.reportHAnalysis)) { $0.analysis() }
        section("plan", t(.reportHPlan)) { $0.plan() }
        section("timeline", t(.reportHTimeline)) { $0.timeline() }
        section("teams", t(isTeam ? .reportHScorecard : .reportHScorecards)) { $0.teams() }
        section("response", t(.reportHResponse)) { $0.responseTimes() }
        section("notes", t(.reportHNotes)) { $0.notes() }
        // grade17
        if !r.gradeChanges.isEmpty { section("grade-changes", t(.reportHGradeChanges)) { $0.gradeChanges() } }
        if !r.feedback.isEmpty { section("feedback", t(.reportHFeedback)) { $0.feedback() } }
        section("tasks", t(.reportHTasks)) { $0.tasks() }
        if !r.artifacts.isEmpty { section("artifacts", t(.reportHArtifacts)) { $0.artifacts() } }
        m.raw("<footer>")
        m.text(t(.reportFooter, ["format": r.format])
               + (o.scenario.digest.map { t(.repClauseSeparator) + t(.repScenarioDigest, ["digest": $0]) } ?? "") + ReportFacts.chainHead(o, t) + ".")
        m.raw("</footer>\n</body>\n</html>\n")
    }

    mutating func section(_ id: String, _ title: String, _ body: (inout HTMLReport) -> Void) {
        m.raw("<section id=\"\(id)\">\n")
        m.element("h2", "", title)
        m.raw("\n")
        body(&self)
        m.raw("</section>\n")
    }

    // MARK: Pieces

    mutating func figure(_ svg: String, caption: String) {
        m.raw("<figure>\n")
        m.raw(svg)
        m.raw("\n")
        m.element("figcaption", "", caption)
        m.raw("\n</figure>\n")
    }

    /// Text whose “quoted” passages (prompts, titles in the scenario's language) are isolated
    /// with `<bdi>`, so a right-to-left quote inside an English sentence keeps the sentence in order.
    /// The catalogs quote with “…” (en, zh, ar) or «…» (fr, es, ru); both are isolated.
    mutating func isolatingQuotes(_ text: String) {
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "“" || $0 == "«" }),
              let close = rest[open...].firstIndex(of: rest[open] == "“" ? "”" : "»") {
            m.text(String(rest[...open]))
            m.raw("<bdi\(contentLanguage)>")
            m.text(String(rest[rest.index(after: open)..<close]))
            m.raw("</bdi>")
            m.text(String(rest[close]))
            rest = rest[rest.index(after: close)...]
        }
        m.text(String(rest))
    }

    mutating func badge(_ rating: HSEEPRating?) {
        let letter = rating?.rawValue ?? "—"
        m.raw("<span class=\"badge r-\(rating?.rawValue ?? "none")\" title=\"")
        m.text(rating.map(t.rating) ?? t(.repNotAssessed))
        m.raw("\">\(letter)</span>")
    }

    mutating func num(_ text: String) {
        m.raw("<td class=\"num\">")
        m.text(text)
        m.raw("</td>")
    }

    /// A figure with a smaller second line (its parts, or its spread).
    mutating func num(_ text: String, small: String?) {
        m.raw("<td class=\"num\">")
        m.text(text)
        if let small {
            m.raw("<br/><span class=\"small\">")
            m.text(small)
            m.raw("</span>")
        }
        m.raw("</td>")
    }

    mutating func outcomeCell(_ outcome: Outcome?, label: String?) {
        guard let outcome else {
            m.raw("<td class=\"o\">")
            m.text(label ?? "")
            m.raw("</td>")
            return
        }
        m.raw("<td class=\"o o-\(outcome.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(Palette.symbol(outcome))</span> ")
        m.text(t.outcome(outcome))
        m.raw("</td>")
    }
}

extension HTMLReport {
    /// ` lang="…"` for an element that quotes the scenario's text, when the scenario's language is
    /// not the report's own (a French scenario in a report written in Arabic); empty otherwise.
    /// Such elements also carry `dir="auto"`, so each quote takes its own script's direction.
    var contentLanguage: String {
        let content = r.overview.scenario.language
        guard !content.isEmpty, Language(tag: content) != t.language else { return "" }
        var escaped = ""
        for c in content where c.isLetter || c.isNumber || c == "-" { escaped.append(c) }
        return " lang=\"\(escaped)\""
    }
}

extension HTMLReport {
    /// A column header in the report's language, escaped for the page.
    func col(_ english: String) -> String { Markup.escape(ReportColumns.title(english, t)) }
}
