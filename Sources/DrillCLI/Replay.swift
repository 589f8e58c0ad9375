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

        func run() throws {
            let replay = try JournalFile.replay(journal)
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

    /// `cyberdrill verify`: the hash chain and sequence of a journal.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a journal's hash chain and sequence; exit 1 if a row was altered, removed or inserted.",
            discussion: """
            Example:
              cyberdrill verify drill.journal
            """
        )

        @Argument(help: "A journal file.")
        var journal: String

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
        }
    }
}

/// Opening journals for commands, with errors that say what to do.
enum JournalFile {
    static func open(_ path: String) throws -> Journal {
        do { return try Journal.open(at: path) } catch { throw fail(path, error) }
    }

    static func replay(_ path: String) throws -> JournalReplay {
        do { return try JournalReplay.load(path: path) } catch { throw fail(path, error) }
    }

    static func fail(_ path: String, _ error: Error) -> ExitCode {
        Console.error("error: \(error)")
        return ExitCode(1)
    }
}
