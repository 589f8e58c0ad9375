import ArgumentParser
import DrillCore
import DrillJournal
import DrillText
import Foundation

extension CyberDrill {
    /// `cyberdrill replay`: state and scores recomputed from a journal alone.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute an exercise's state and scores from its journal alone.",
            discussion: """
            The journal embeds the scenario, so no other file is needed.

            Example:
              cyberdrill replay drill.journal
              cyberdrill replay drill.journal --format json
            """
        )

        @Argument(help: "A journal file written by serve, run, demo or rehearse.")
        var journal: String

        @Option(help: "Output format: table or json.")
        var format: Rehearse.ReportFormat = .table

        @Flag(help: "Replay a journal that does not verify, with a warning, instead of refusing it.")
        var force = false

        @OptionGroup var words: LanguageOptions

        func run() throws {
            Words.use(words.language)
            let replay = try JournalFile.replay(journal, force: force)
            let state = replay.state
            let summary = ExerciseSummary(state)
            switch format {
            case .table:
                print("\(replay.scenario.title) (\(replay.scenario.id))")
                print(Words.t(.cliReplayState, ["events": Words.count(.cliCountEvents, state.eventCount), "phase": Words.phase(state.phase),
                                                "clock": DurationText.clock(state.exerciseTime), "teams": Words.count(.cliCountTeams, state.teamOrder.count),
                                                "pauses": Words.count(.cliCountPauses, state.pauses.count)]))
                print()
                print(summary.table())
            case .json:
                struct Output: Encodable {
                    var scenario: String
                    var digest: String
                    var events: Int
                    var phase: String
                    var exerciseTime: Millis
                    var teams: [ExerciseSummary.TeamLine]
                    var objectives: [ObjectiveScore]
                }
                print(try JSONOutput.string(Output(scenario: replay.scenario.id, digest: replay.created.scenarioDigest, events: state.eventCount,
                                                   phase: state.phase.rawValue, exerciseTime: state.exerciseTime, teams: summary.teams, objectives: summary.objectives)))
            }
        }
    }

    /// `cyberdrill verify`: the hash chain and sequence of a journal, and its end against a head
    /// kept elsewhere.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a journal's hash chain and sequence; exit 1 if a row was altered, removed or inserted.",
            discussion: """
            The journal is opened read-only and not changed. A journal whose exercise ended checks \
            its own end: the ended row records how many rows came before it and their head. Rows \
            removed from the end of a journal are found against a chain head kept elsewhere: give \
            it with --head, or give a report written from the journal with --report.

            Example:
              cyberdrill verify drill.journal
              cyberdrill verify drill.journal --head 0738ec55…
              cyberdrill verify drill.journal --report reports/report.html
            """
        )

        @Argument(help: "A journal file.")
        var journal: String

        @Option(help: "A chain head kept elsewhere (64 hex digits, as serve, run, rehearse and every report print it).")
        var head: String?

        @Option(help: "A report written from this journal (md, html, json or csv): check the chain head it names.")
        var report: String?

        @OptionGroup var words: LanguageOptions

        func validate() throws {
            if let head, ChainHead.parse(head) == nil {
                Words.use(words.language)
                throw ValidationError(Words.t(.cliVerifyBadHead, ["given": head]))
            }
        }

        func run() throws {
            Words.use(words.language)
            let file = try JournalFile.open(journal)
            defer { try? file.close() }
            let result: JournalVerification
            do { result = try file.verify() } catch { throw JournalFile.fail(journal, error) }
            if let problem = result.firstProblem {
                print(Words.t(.cliVerifyTampered, ["path": journal, "seq": String(problem.seq), "kind": problem.kind.rawValue, "detail": problem.detail]))
                throw ExitCode(1)
            }
            print(Words.t(.cliVerifyOk, ["path": journal, "rows": Words.count(.cliCountRows, Int(result.intactThrough)),
                                         "last": String(result.intactThrough), "head": result.headHashHex ?? "-"]))
            print(ChainHead.endLine(journal, result))
            var expected: [(source: String, head: Data)] = []
            if let head, let bytes = ChainHead.parse(head) { expected.append(("--head", bytes)) }
            if let report {
                do {
                    expected.append((report, try ChainHead.named(inReport: report, scenarioDigest: file.scenarioDigest)))
                } catch let error as ChainHead.ReportProblem {
                    Console.error("error: \(report): \(error.message)")
                    throw ExitCode(1)
                }
            }
            var missing = false
            for (source, head) in expected {
                let seq: Int64?
                do { seq = try file.seq(ofRowHash: head) } catch { throw JournalFile.fail(journal, error) }
                let hex = ChainHead.hex(head)
                switch seq {
                case .some(let seq) where seq == result.intactThrough:
                    print(Words.t(.cliVerifyHeadIsLast, ["path": journal, "head": hex, "source": source, "seq": String(seq)]))
                case .some(let seq):
                    print(Words.t(.cliVerifyHeadAppended, ["path": journal, "head": hex, "source": source, "seq": String(seq),
                                                           "n": Words.Plain(Int(result.intactThrough - seq))]))
                case .none:
                    missing = true
                    print(Words.t(.cliVerifyHeadMissing, ["path": journal, "head": hex, "source": source,
                                                          "seq": String(result.intactThrough), "last": result.headHashHex ?? "-"]))
                }
            }
            if missing { throw ExitCode(1) }
        }
    }
}

/// Opening journals for commands, with errors that say what to do.
enum JournalFile {
    /// Opens for reading only: a journal on read-only media reads, and reading writes nothing.
    static func open(_ path: String) throws -> Journal {
        do { return try Journal.openForReading(at: path) } catch { throw fail(path, error) }
    }

    /// The journal's events folded, once its chain verifies. A journal that does not verify is
    /// refused (exit 1): its figures cannot be trusted. With `force` it is read anyway, with a
    /// warning on standard error, so that what survives of a damaged journal can be looked at.
    static func replay(_ path: String, force: Bool) throws -> JournalReplay {
        let journal = try open(path)
        defer { try? journal.close() }
        let check: JournalVerification
        do { check = try journal.verify() } catch { throw fail(path, error) }
        if let problem = check.firstProblem {
            guard force else {
                Console.error("error: " + Words.t(.cliJournalRefused, ["path": path, "seq": String(problem.seq), "kind": problem.kind.rawValue,
                                                                       "detail": problem.detail, "command": "cyberdrill verify \(path)"]))
                throw ExitCode(1)
            }
            Console.error(tamperedWarning(path, problem))
        }
        do {
            return try JournalReplay.load(journal)
        } catch {
            throw fail(path, error)
        }
    }

    static func tamperedWarning(_ path: String, _ problem: JournalProblem) -> String {
        "warning: " + Words.t(.cliJournalForced, ["path": path, "seq": String(problem.seq), "kind": problem.kind.rawValue, "detail": problem.detail])
    }

    static func fail(_ path: String, _ error: Error) -> ExitCode {
        Console.error("error: " + Words.describe(error))
        return ExitCode(1)
    }
}
