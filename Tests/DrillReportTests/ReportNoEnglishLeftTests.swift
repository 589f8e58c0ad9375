import DrillCore
import Foundation
import Testing
import DrillText
@testable import DrillReport

/// A report in French, Spanish, Russian, Chinese or Arabic says none of the report's English words:
/// every English text the catalogs give the report (headings, labels, figures' words, the executive
/// summary's and the findings' sentences, chart labels) is looked for in the Markdown and the HTML of
/// the other languages, from one journal of a French scenario with pauses, holds, notes and RFIs.
@Suite("No English is left in a report written in another language")
struct ReportNoEnglishLeftTests {
    /// The messages a report words: its own, the outcomes, the score reasons, the note kinds.
    static let reportKeys = Msg.allCases.filter { key in
        ["report.", "rep.", "outcome.", "reason.", "note.kind."].contains { key.rawValue.hasPrefix($0) }
    }

    /// Words the field writes the same in every language (acronyms, codes, the note syntax).
    static let international: Set<String> = ["HSEEP", "sha256", "SHA-256", "TLP", "CIRT", "RFIs", "action:, owner:, due:", "h:mm"]

    /// The English pieces of a message: its texts cut at the placeholders, trimmed of spaces and
    /// punctuation, kept when they hold a word of at least three letters.
    static func englishPieces(_ key: Msg) -> [String] {
        guard let entry = Catalogs.raw(.en)[key.rawValue] else { return [] }
        var pieces: [String] = []
        for text in entry.texts {
            var piece = "", inName = false
            for c in text {
                if c == "{" { inName = true; pieces.append(piece); piece = ""; continue }
                if c == "}" { inName = false; continue }
                if !inName { piece.append(c) }
            }
            pieces.append(piece)
        }
        let trim = CharacterSet.whitespaces.union(.punctuationCharacters).union(CharacterSet(charactersIn: "“”()·—–≥%+−"))
        return pieces.map { $0.trimmingCharacters(in: trim) }.filter { piece in
            piece.split { !$0.isLetter }.contains { $0.count >= 3 } && !international.contains(piece)
        }
    }

    /// `needle` in `haystack` as whole words (no letter right before or after it).
    static func containsWords(_ haystack: String, _ needle: String) -> Bool {
        var rest = haystack[...]
        while let range = rest.firstRange(of: needle) {
            let before = range.lowerBound > haystack.startIndex ? haystack[haystack.index(before: range.lowerBound)] : " "
            let after = range.upperBound < haystack.endIndex ? haystack[range.upperBound] : " "
            if !before.isLetter && !after.isLetter { return true }
            rest = haystack[range.upperBound...]
        }
        return false
    }

    /// What the journal and the scenario wrote (notes, RFIs, titles, prompts): it may be English.
    static func content(_ r: AfterActionReport) -> String {
        var parts = [r.overview.scenario.title, r.overview.scenario.summary] + r.overview.facilitators
        for n in r.notes { parts += [n.text, n.by, n.action ?? "", n.owner ?? "", n.due ?? ""] + n.capabilities + n.tags }
        for t in r.teams { parts += [t.team] + t.rfis.flatMap { [$0.question, $0.answer ?? ""] } }
        for o in r.objectives { parts += [o.title, o.capability, o.description] }
        parts += r.timeline.map(\.title) + r.tasks.map(\.prompt) + r.artifacts.map(\.name)
        return parts.joined(separator: "\n")
    }

    /// The page's text as a reader sees it: style sheet and tags (and their class names) out, entities read back.
    static func unescaped(_ page: String) -> String {
        var html = page
        if let start = html.range(of: "<style>"), let end = html.range(of: "</style>") { html.removeSubrange(start.lowerBound..<end.upperBound) }
        var text = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true; text.append(" ") } else if c == ">" { inTag = false } else if !inTag { text.append(c) }
        }
        return text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    static let languages: [Language] = [.fr, .es, .ru, .zh, .ar]

    @Test(arguments: languages)
    func noEnglishWordOfTheReportIsLeft(_ language: Language) throws {
        let input = try Fixtures.exercise("sahel-defacement-fr")
        let own = Catalogs.raw(language)
        // Every text the language's catalog gives the report: a word it shares with English ("correct",
        // "coordination", "points" in French) is that language's word, not a leftover.
        let translated = Self.reportKeys.compactMap { own[$0.rawValue]?.texts.joined(separator: "\n") }.joined(separator: "\n")
        for options in [ReportOptions(language: language.rawValue), ReportOptions(team: "xt-cirt", language: language.rawValue)] {
            let report = try AfterActionReport(input, options: options)
            let content = Self.content(report)
            // The improvement plan's note names the note syntax (action:, owner:, due:), which is the same in every language.
            let md = report.markdown(), html = Self.unescaped(report.html()).replacingOccurrences(of: Texts(language)(.repPlanNote), with: "")
            var checked = 0
            for key in Self.reportKeys {
                for piece in Self.englishPieces(key) {
                    // The same word in both languages ("coordination", "points") is not a leftover.
                    if Self.containsWords(translated, piece) || Self.containsWords(content, piece) { continue }
                    checked += 1
                    #expect(!Self.containsWords(md, piece), "\(language) \(options.team ?? "regional"): '\(piece)' (\(key.rawValue)) left in the Markdown")
                    #expect(!Self.containsWords(html, piece), "\(language) \(options.team ?? "regional"): '\(piece)' (\(key.rawValue)) left in the HTML")
                }
            }
            #expect(checked > 300, "\(checked) English pieces checked")
            // The same search finds them in an English report, so it would find a leftover.
            let english = try AfterActionReport(input, options: ReportOptions(team: options.team, language: "en"))
            let englishMarkdown = english.markdown()
            for piece in ["of exercise time", "Strongest objective", "median", "90th percentile", "released of", "of the points released"] {
                #expect(Self.containsWords(englishMarkdown, piece), "'\(piece)' is in the English report")
            }
        }
    }

    /// The report's facts are worded by the renderers: an outcome, a rating, a phase and a task type
    /// read in the report's language in table cells.
    @Test func tableCellsWordTheFactsInTheReportsLanguage() throws {
        let input = try Fixtures.exercise("sahel-defacement-fr")
        for language in Self.languages {
            let t = Texts(language)
            let report = try AfterActionReport(input, options: ReportOptions(team: "xt-cirt", language: language.rawValue))
            let md = report.markdown(), html = report.html()
            let task = try #require(report.teams.first?.tasks.first)
            #expect(md.contains(Palette.symbol(task.outcome) + " " + t.outcome(task.outcome)), "\(language): outcome cell")
            #expect(html.contains(Markup.escape(t.outcome(task.outcome)) + "</td>"), "\(language): outcome cell in the HTML")
            #expect(md.contains(t.reason(of: task)), "\(language): reason from its facts")
            if let rating = report.teams.first?.rating {
                #expect(md.contains(t.ratingLine(rating)), "\(language): rating")
                #expect(html.contains("title=\"" + Markup.escape(t.rating(rating)) + "\""), "\(language): rating badge")
            }
            #expect(md.contains(t.taskType(report.tasks[0].type)))
            #expect(html.contains(Markup.escape(t(.reportSubPhase, ["phase": t.reportPhase(report.overview.phase)]))))
            // Durations come in the language's units.
            if let read = report.teams.first?.readTime.median {
                #expect(md.contains(t.span(read)), "\(language): \(t.span(read))")
            }
        }
    }

    /// An Arabic report of an English scenario: the page is right to left; the summary's sentences
    /// and the tables' cells that quote the scenario say they are English and take their own direction.
    @Test func arabicSummaryAndTablesMarkTheirEnglishQuotes() throws {
        let input = try Fixtures.exercise("telco-ransomware")
        let report = try AfterActionReport(input, options: ReportOptions(language: "ar"))
        let html = report.html()
        #expect(html.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ar\" dir=\"rtl\">"))
        // Executive summary: every sentence takes its direction from its text; English titles are isolated.
        let summary = try #require(html.range(of: "<ul class=\"summary\">"))
        let list = html[summary.upperBound...].prefix { _ in true }.components(separatedBy: "</ul>")[0]
        let items = list.components(separatedBy: "<li").dropFirst()
        #expect(items.count == report.summary.count)
        for item in items { #expect(item.hasPrefix(" dir=\"auto\">"), "\(item.prefix(60))") }
        #expect(list.contains("<bdi lang=\"en\">" + Markup.escape(report.overview.scenario.title) + "</bdi>"))
        // Objectives, timeline and every-task tables: scenario text is marked English, direction auto.
        let objective = try #require(report.objectives.first)
        #expect(html.contains("<td dir=\"auto\" lang=\"en\"><b>" + Markup.escape(objective.objective) + "</b> " + Markup.escape(objective.title) + "</td>"))
        #expect(html.contains("<td dir=\"auto\" lang=\"en\">" + Markup.escape(objective.capability) + "</td>"))
        let entry = try #require(report.timeline.first)
        #expect(html.contains("<td dir=\"auto\" lang=\"en\">" + Markup.escape(entry.title) + "</td>"))
        let task = try #require(report.tasks.first)
        #expect(html.contains("<td dir=\"auto\" lang=\"en\">" + Markup.escape(task.prompt) + "</td>"))
        // The report's own words in those tables are Arabic and carry no foreign lang.
        #expect(html.contains("<td>" + Markup.escape(Texts(.ar).trigger(entry)) + "</td>"))
        #expect(HTMLReportTests.xmlError(html) == nil)
        // In the scenario's own language nothing is marked.
        let english = try AfterActionReport(input, options: ReportOptions(language: "en")).html()
        #expect(!english.contains("lang=\"en\"><b>") && english.contains("<td dir=\"auto\"><b>"))
    }
}
