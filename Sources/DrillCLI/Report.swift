import ArgumentParser
import DrillCore
import DrillText
import DrillJournal
import DrillReport
import Foundation

extension CyberDrill {
    /// `cyberdrill report`: the after-action report of an exercise, from its journal alone.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the after-action report and improvement plan of an exercise from its journal.",
            discussion: """
            The report follows the HSEEP AAR/IP shape: overview, executive summary, objectives rated \
            P/S/M/U, strengths and areas for improvement per capability, improvement plan, inject \
            timeline, team scorecards and response times (docs/report.md). Every figure is the \
            scoring's own. HTML is one self-contained file with charts; JSON follows \
            docs/report-schema.md; CSV has one row per team and task.

            --team writes one team's private report (other teams only as anonymous figures); \
            --anonymize names teams "Team A", "Team B", … and removes every team name, id and \
            country, for a regional report that can be published.

            Example:
              cyberdrill report drill.journal --format html --out reports
              cyberdrill report drill.journal --format md --format csv --out reports --anonymize
              cyberdrill report drill.journal --format html --out reports --team xa-cirt
            """
        )

        @OptionGroup var source: JournalArgument
        var journal: String { source.journal }

        @Option(help: "Output format: md, html, json or csv; repeat it for several.")
        var format: [ReportFormat] = [.html]

        @Option(help: "Directory to write the report files into (created if missing).")
        var out: String

        @Option(help: "Write this team's private report (a team id).")
        var team: String?

        @Option(help: "The report's language: its own words (en, fr, es, ru, zh, ar; another falls back to English) and the scenario's texts when the scenario has that translation (default: the team's own with --team, else the scenario's).")
        var lang: String?

        @Flag(help: "Replace team names with Team A, B, …; no team name, id or country appears.")
        var anonymize = false

        @Option(help: "Also hide this word wherever free text is shown (e.g. a country's name in the scenario's language); repeatable.")
        var redact: [String] = []

        /// One flag for both refusals, as both are "go on although report would stop": each still
        /// prints what it went past.
        @Flag(help: "Go on where report would refuse: read a journal that does not verify (with a warning), and replace report files that another exercise or another kind of report wrote.")
        var force = false

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case md, html, json, csv

            var fileExtension: String { rawValue }
        }

        func run() throws {
            Words.use(lang.flatMap { Language(tag: $0) } ?? Language.fromEnvironment(ProcessInfo.processInfo.environment))
            let replay = try JournalFile.replay(journal, force: force)
            let input = ReportInput(state: replay.state, events: replay.events, walls: replay.walls,
                                    scenarioDigest: replay.created.scenarioDigest, artifacts: replay.created.artifacts,
                                    journalRows: replay.rows, chainHead: replay.chainHead)
            let report: AfterActionReport
            do {
                report = try AfterActionReport(input, options: ReportOptions(team: team, anonymize: anonymize, redact: redact, language: lang))
            } catch let error as ReportError {
                Console.error("\(journal): \(error)")
                throw ExitCode(1)
            }
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                Console.error(Words.t(.cliReportCannotCreateOut, ["path": out, "error": error.localizedDescription]))
                throw ExitCode(1)
            }
            let variant = ReportVariant(team: team, anonymize: anonymize, label: report.audience.team)
            let exercise = "\(replay.created.scenarioDigest)@\(replay.walls.first ?? 0)"
            var index = ReportIndex(directory: directory)
            let files = Self.unique(format).map { (format: $0, name: variant.fileName(extension: $0.fileExtension)) }
            // Check every file before writing any: a refusal leaves the directory as it was.
            for file in files where !force {
                if let refusal = index.refusal(toWrite: file.name, variant: variant, exercise: exercise) {
                    Console.error("error: " + Words.t(.cliReportRefused, ["path": directory.appendingPathComponent(file.name).path, "refusal": refusal]))
                    throw ExitCode(1)
                }
            }
            for (format, name) in files {
                let file = directory.appendingPathComponent(name)
                let data: Data
                switch format {
                case .md: data = Data(report.markdown().utf8)
                case .html: data = Data(report.html().utf8)
                case .json: data = try report.json()
                case .csv: data = Data(report.csv().utf8)
                }
                do {
                    try data.write(to: file, options: .atomic)
                } catch {
                    Console.error(Words.t(.cliReportCannotWrite, ["path": file.path, "error": error.localizedDescription]))
                    throw ExitCode(1)
                }
                index.record(name, variant: variant, exercise: exercise)
                print(file.path)
            }
            do { try index.save() } catch {
                Console.error("warning: " + Words.t(.cliReportCannotIndex, ["path": index.file.path, "error": error.localizedDescription]))
            }
            let unsure = RedactionReview.unsureWords(in: report, scenario: replay.state.scenario)
            if !unsure.isEmpty {
                Console.error("warning: " + Words.t(.cliReportUnsureWords, ["words": unsure.joined(separator: ", ")]))
            }
        }

        static func unique(_ formats: [ReportFormat]) -> [ReportFormat] {
            var seen = Set<ReportFormat>()
            return formats.filter { seen.insert($0).inserted }
        }

    }
}
