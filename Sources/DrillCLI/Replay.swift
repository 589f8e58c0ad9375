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

        @OptionGroup var source: JournalArgument
        var journal: String { source.journal }

        @OptionGroup var output: TableOrJSONOption

        @Flag(help: "Replay a journal that does not verify, with a warning, instead of refusing it.")
        var force = false

        @OptionGroup var words: LanguageOptions

        func run() throws {
            Words.use(words.language)
            let replay = try JournalFile.replay(journal, force: force)
            let state = replay.state
            let summary = ExerciseSummary(state)
            switch output.format {
            case .table:
                print("\(replay.scenario.title) (\(replay.scenario.id))")
                print(Words.t(.cliReplayState, ["events": Words.count(.cliCountEvents, state.eventCount), "phase": Words.phase(state.phase),
                                                "clock": DurationText.clock(state.exerciseTime), "teams": Words.count(.cliCountTeams, state.teamOrder.count),
                                                "pauses": Words.count(.cliCountPauses, state.pauses.count)]))
                print()
                print(summary.table())
            case .json:
                var json = ScorecardJSON(scenario: replay.scenario.id, summary: summary, events: state.eventCount)
                json.digest = replay.created.scenarioDigest
                json.phase = state.phase.rawValue
                json.exerciseTime = state.exerciseTime
                print(try JSONOutput.string(json))
            }
        }
    }
}
