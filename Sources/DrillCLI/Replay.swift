import ArgumentParser
import DrillCore
import DrillJournal
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

        func run() throws {
            let replay = try JournalFile.replay(journal, force: force)
            let state = replay.state
            let summary = ExerciseSummary(state)
            switch format {
            case .table:
                print("\(replay.scenario.title) (\(replay.scenario.id))")
                print("\(state.eventCount) events, \(state.phase.rawValue) at \(DurationText.clock(state.exerciseTime)), \(state.teamOrder.count) teams, \(state.pauses.count) pauses")
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

        func validate() throws {
            if let head, ChainHead.parse(head) == nil {
                throw ValidationError("--head takes a chain head: 64 hex digits, not '\(head)'")
            }
        }

        func run() throws {
            let file = try JournalFile.open(journal)
            defer { try? file.close() }
            let result: JournalVerification
            do { result = try file.verify() } catch { throw JournalFile.fail(journal, error) }
            if let problem = result.firstProblem {
                print("\(journal): TAMPERED: first bad row at seq \(problem.seq): \(problem.kind.rawValue): \(problem.detail)")
                throw ExitCode(1)
            }
            print("\(journal): ok: \(result.intactThrough) rows, seq 1…\(result.intactThrough) gapless, chain head \(result.headHashHex ?? "-")")
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
                    print("\(journal): head \(hex) (\(source)) is the last row, seq \(seq): no row is missing at the end")
                case .some(let seq):
                    print("\(journal): head \(hex) (\(source)) is row \(seq); \(result.intactThrough - seq) rows were appended after it")
                case .none:
                    missing = true
                    print("\(journal): TAMPERED: head \(hex) (\(source)) is not in this journal: rows were removed from its end, or its chain was rewritten (its last row is seq \(result.intactThrough), head \(result.headHashHex ?? "-"))")
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
                Console.error("""
                    error: \(path) does not verify: seq \(problem.seq): \(problem.kind.rawValue): \(problem.detail). \
                    Nothing computed from it could be trusted, so nothing was; `cyberdrill verify \(path)` \
                    shows the same, and --force reads the journal anyway
                    """)
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
        "warning: \(path) DOES NOT VERIFY (seq \(problem.seq): \(problem.kind.rawValue): \(problem.detail)); read anyway because of --force: these figures come from a tampered or damaged journal"
    }

    static func fail(_ path: String, _ error: Error) -> ExitCode {
        Console.error("error: \(error)")
        return ExitCode(1)
    }
}
