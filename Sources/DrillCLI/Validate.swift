import ArgumentParser
import DrillCore
import DrillText
import Foundation

extension CyberDrill {
    /// `cyberdrill validate`: every problem of every scenario file, as `path:line:column: severity: message`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario files and report every problem with its line and column.",
            discussion: """
            Exits 0 when no file has errors (warnings are allowed), 1 otherwise.

            Example:
              cyberdrill validate scenarios/*.yaml
              cyberdrill validate --format json my-drill.yaml
            """
        )

        @Argument(help: "Scenario files (YAML, format cyberdrill/1).")
        var files: [String]

        @Option(help: "Output format: table (diagnostics and a summary line per file) or json.")
        var format: ValidateFormat = .table

        @OptionGroup var words: LanguageOptions

        enum ValidateFormat: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        func run() throws {
            Words.use(words.language)
            let results = files.map { ScenarioLoader.fileSystem.load(contentsOf: $0) }
            switch format {
            case .table:
                for (file, load) in zip(files, results) {
                    for d in load.diagnostics { print(Words.t.diagnostic(d)) }
                    print(Self.summary(file, load))
                }
            case .json:
                let report = ValidationReport(files: zip(files, results).map { ValidationReport.File(path: $0, load: $1) })
                print(try JSONOutput.string(report))
            }
            if results.contains(where: \.hasErrors) { throw ExitCode(1) }
        }

        static func summary(_ file: String, _ load: ScenarioLoad) -> String {
            let e = load.diagnostics.errorCount, w = load.diagnostics.warningCount
            let warnings = w == 0 ? [] : [Words.count(.cliCountWarnings, w)]
            if let s = load.scenario {
                let tasks = s.injects.reduce(0) { $0 + $1.tasks.count }
                // live17: the inject library apart from the timeline.
                let library = s.injects.count { $0.trigger == .demand }
                let injects = Words.count(.cliCountInjects, s.injects.count)
                let line = Words.t(.cliValidateOk, ["file": file, "injects": library > 0 ? Words.t(.cliValidateOnDemand, ["injects": injects, "n": library]) : injects,
                                                    "tasks": Words.count(.cliCountTasks, tasks), "teams": Words.count(.cliCountTeams, s.teams.count)])
                return Words.t.list([line] + warnings)
            }
            return Words.t.list([Words.t(.cliValidateFailed, ["file": file, "errors": Words.count(.cliCountErrors, e)])] + warnings)
        }
    }
}

/// The JSON shape of `validate --format json` (documented in docs/cli.md).
struct ValidationReport: Encodable {
    struct File: Encodable {
        var path: String
        var valid: Bool
        var errors: Int
        var warnings: Int
        var diagnostics: [Entry]
        /// How much of the scenario each declared language covers (a loaded scenario only).
        var languages: [Coverage]?

        init(path: String, load: ScenarioLoad) {
            self.path = path
            valid = !load.hasErrors
            errors = load.diagnostics.errorCount
            warnings = load.diagnostics.warningCount
            diagnostics = load.diagnostics.map { Entry(line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message) }
            languages = load.scenario.map { s in
                let total = s.translatableFieldCount
                return s.languages.map { tag in
                    let missing = s.missingTranslations(tag)
                    return Coverage(language: tag, original: tag == s.language, fields: total, translated: total - missing.count, missing: missing)
                }
            }
        }
    }

    /// One language's share of the scenario's texts; the scenario's own language covers them all.
    struct Coverage: Encodable {
        var language: String
        var original: Bool
        var fields: Int
        var translated: Int
        var missing: [String]
    }

    struct Entry: Encodable {
        var line: Int
        var column: Int
        var severity: String
        var message: String
    }

    var files: [File]
}

/// Stable JSON for machine output: sorted keys, pretty printed, no escaped slashes.
enum JSONOutput {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
