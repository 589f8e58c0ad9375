import DrillText
import ArgumentParser
import DrillCore
import DrillHost
import DrillJournal
import Foundation

extension CyberDrill {
    /// `cyberdrill run`: a local exercise in one terminal, white cell and hot-seat teams.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run an exercise in this terminal: the white cell's console and a console per team, taken in turn.",
            discussion: """
            For tabletop rooms with one shared screen. F2 cycles white cell → team 1 → team 2 …; \
            ? shows the keys of each console. Everything is journaled: with --journal naming an \
            existing journal, the exercise resumes (paused) where it stopped. A roster file (CSV or \
            YAML with id, name, country, contact) replaces the scenario's teams.

            Example:
              cyberdrill run scenarios/tutorial.yaml
              cyberdrill run scenarios/telco-ransomware.yaml --journal drill.journal --roster teams.yaml
              cyberdrill run scenarios/telco-ransomware.yaml --journal drill.journal      (resumes it)
            """
        )

        @Argument(help: "A scenario file.")
        var scenario: String

        @Option(help: "The journal: created if missing, resumed if it exists. Default: <scenario id>-<date-time>.journal here.")
        var journal: String?

        @OptionGroup var participants: RosterOption

        @OptionGroup var display: ConsoleOptions

        @OptionGroup var words: LanguageOptions

        func run() async throws {
            Words.use(words.language)
            let (scenario, source) = try LocalSession.loadScenario(self.scenario)
            let path = journal ?? LocalSession.defaultJournalPath(for: scenario)
            // One writer per journal: not while `serve` (or another `run`) has it.
            let lock: JournalLock
            do { lock = try JournalLock.acquire(journal: path) } catch let held as JournalLock.Held {
                Console.error(Texts(words.language)(.serveJournalInUse, ["journal": path, "holder": held.holder.isEmpty ? held.path : held.holder]))
                throw ExitCode(1)
            }
            defer { lock.release() }
            lock.announce("pid \(getpid()), cyberdrill run")
            let wall = SystemClock()
            let host: ExerciseHost
            var resumed = false
            if FileManager.default.fileExists(atPath: path) {
                if participants.roster != nil { Console.error("warning: " + Words.t(.cliRunRosterIgnored, ["path": path])) }
                do { host = try await ExerciseHost.open(journalPath: path, wall: wall) } catch { throw JournalFile.fail(path, error) }
                let journaled = await host.scenario
                guard journaled.id == scenario.id else {
                    try? await host.close()
                    Console.error("error: " + Words.t(.cliRunOtherScenario, ["path": path, "journaled": journaled.id, "file": self.scenario, "id": scenario.id]))
                    throw ExitCode(1)
                }
                if journaled != scenario {
                    Console.error("warning: " + Words.t(.cliRunScenarioChanged, ["file": self.scenario, "path": path]))
                }
                do { _ = try ArtifactFiles.scanForRestart(journaled, scenarioPath: self.scenario, journal: host.journal) } catch {
                    try? await host.close()
                    throw error
                }
                resumed = true
            } else {
                let teams = try RosterFile.teams(of: scenario, scenarioPath: self.scenario,
                                                 roster: try participants.roster.map { (roster: try RosterFile.load($0), path: $0) })
                let artifacts = try ArtifactFiles.scan(scenario, scenarioPath: self.scenario)
                do {
                    host = try await ExerciseHost.create(journalPath: path, scenario: scenario, source: source, scenarioPath: self.scenario,
                                                         teams: teams, wall: wall, artifacts: artifacts.records)
                } catch {
                    throw JournalFile.fail(path, error)
                }
            }
            let t = Texts(words.language)
            let resume = t(.quitRunResume, ["path": path, "command": "cyberdrill run \(self.scenario) --journal \(path)"])
            // An ended exercise has nothing to resume: what is left is its report.
            let ended = t(.quitRunEnded, ["path": path, "command": "cyberdrill report \(path) --out reports"])
            let directory = (self.scenario as NSString).deletingLastPathComponent
            let phase = try await LocalSession.run(host, LocalSession.Options(
                hotSeat: true, plain: display.plain, quitMessage: resume, quitMessageWhenEnded: ended, whiteCell: .facilitator("white-cell"),
                scenarioDirectory: directory.isEmpty ? "." : directory, language: words.language, bidi: words.bidiMode))
            print(t(resumed ? .cliRunResumed : .cliRunRan, ["title": scenario.title]))
            print(phase == .ended ? ended : resume)
            print(ChainHead.line(host.journal))
        }
    }
}
