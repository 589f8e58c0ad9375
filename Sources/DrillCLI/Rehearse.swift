import ArgumentParser
import DrillCore
import DrillHost
import DrillJournal
import DrillText
import Foundation

extension CyberDrill {
    /// `cyberdrill rehearse`: the whole exercise headless with simulated teams.
    struct Rehearse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a whole exercise at full speed with simulated teams, to check timing and balance.",
            discussion: """
            Teams are simulated with strong, average and struggling profiles (accuracy, pace, hints), \
            mixed across teams by the seed. The same scenario, team count and seed give the same output \
            and the same journal payloads.

            Example:
              cyberdrill rehearse scenarios/telco-ransomware.yaml --teams 20 --seed 1
              cyberdrill rehearse scenarios/tutorial.yaml --teams 5 --seed 7 --journal /tmp/tutorial.journal
            """
        )

        @Argument(help: "A scenario file.")
        var file: String

        @Option(parsing: .unconditional, help: "How many teams take part: the scenario's own first, then generated ones.")
        var teams: Int = 0

        @Option(parsing: .unconditional, help: "Seed of the simulated teams' behaviour.")
        var seed: UInt64 = 1

        @Option(help: "Write the exercise to this journal file (must not exist yet).")
        var journal: String?

        @OptionGroup var output: TableOrJSONOption

        @OptionGroup var words: LanguageOptions

        func validate() throws {
            guard teams >= 0, teams <= Roster.maximumTeams else {
                Words.use(words.language)
                throw ValidationError(Words.t(.cliRehearseBadTeams, ["max": String(Roster.maximumTeams), "n": String(teams)]))
            }
        }

        func run() async throws {
            Words.use(words.language)
            let scenario = try ScenarioFile.load(file)
            let roster = Self.roster(scenario.teams, count: teams == 0 ? scenario.teams.count : teams)
            guard !roster.isEmpty else {
                Console.error(Words.t(.cliRehearseNoTeams, ["path": file]))
                throw ExitCode(1)
            }
            // `--teams` is checked above and the loader refuses a longer `teams:` list; this holds
            // whatever the roster came from.
            guard roster.count <= Roster.maximumTeams else {
                Console.error("\(file): \(roster.count) teams; an exercise takes at most \(Roster.maximumTeams)")
                throw ExitCode(1)
            }
            let result = Rehearsal(index: ScenarioIndex(scenario), teams: roster, seed: seed).run()
            var head: (rows: Int64, hash: String)?
            if let journal {
                head = try await Self.write(result.events, scenario: scenario, scenarioPath: file, to: journal)
            }
            let summary = ExerciseSummary(result.state, profiles: result.profiles)
            switch output.format {
            case .table:
                print(Words.t(.cliRehearseSummary, ["title": scenario.title, "teams": Words.count(.cliCountTeams, roster.count), "seed": String(seed),
                                                    "events": Words.count(.cliCountEvents, result.events.count), "clock": DurationText.clock(result.state.exerciseTime)]))
                print()
                print(summary.table())
                if let journal, let head {
                    print("\n" + Words.t(.cliRehearseJournal, ["path": journal, "rows": Words.count(.cliCountRows, Int(head.rows)), "head": head.hash]))
                }
            case .json:
                var json = ScorecardJSON(scenario: scenario.id, summary: summary, events: result.events.count)
                json.seed = seed
                json.endedAt = result.state.exerciseTime
                json.journal = journal
                json.journalRows = head?.rows
                json.chainHead = head?.hash
                print(try JSONOutput.string(json))
            }
        }

        /// The scenario's teams first, then generated ones up to `count`.
        static func roster(_ defined: [Team], count: Int) -> [Team] {
            var teams = Array(defined.prefix(count))
            let taken = Set(defined.map(\.id))
            var n = 1
            while teams.count < count {
                let id = "sim-\(String(format: "%03d", n))"
                if !taken.contains(id) {
                    teams.append(Team(id: id, name: "Simulated team \(n)", country: "ZZ"))
                }
                n += 1
            }
            return teams
        }

        /// Writes the journal; returns its row count and chain head.
        static func write(_ events: [ExerciseEvent], scenario: Scenario, scenarioPath: String, to path: String) async throws -> (rows: Int64, hash: String) {
            let source = try String(contentsOfFile: scenarioPath, encoding: .utf8)
            let journal = try Journal.create(at: path, scenario: scenario, source: source, scenarioPath: scenarioPath, wall: SystemClock().now())
            defer { try? journal.close() }
            var start = 0
            while start < events.count {
                let batch = Array(events[start..<min(events.count, start + 2000)])
                try await journal.append(events: batch, wall: SystemClock().now())
                start += batch.count
            }
            return (journal.lastSeq, ChainHead.hex(journal.headHash))
        }
    }
}
