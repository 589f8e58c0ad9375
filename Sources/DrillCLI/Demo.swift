import DrillText
import ArgumentParser
import DrillCore
import DrillHost
import DrillJournal
import Foundation

extension CyberDrill {
    /// `cyberdrill demo`: the tutorial with simulated teams, to see a drill unfold in two minutes.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch a 20-minute tutorial drill unfold in about two minutes, with simulated teams.",
            discussion: """
            The bundled scenarios/tutorial.yaml runs at 10× with three simulated teams answering in \
            the background; you see the white cell's console. Try the keys (? lists them): pause, \
            speed, grading, messages. q quits (asks first), Ctrl-C quits at once. The journal goes \
            to a temporary folder and its path is printed at the end.

            Example:
              cyberdrill demo
              cyberdrill demo --speed 30
            """
        )

        @Option(help: "The scenario to run (default: the bundled scenarios/tutorial.yaml).")
        var scenario: String?

        @Option(parsing: .unconditional, help: "Exercise speed (0.5 to 60).")
        var speed: Double = 10

        @Option(parsing: .unconditional, help: "Seed of the simulated teams.")
        var seed: UInt64 = 1

        @OptionGroup var display: ConsoleOptions

        @OptionGroup var words: LanguageOptions

        static func directory(of path: String) -> String {
            let directory = (path as NSString).deletingLastPathComponent
            return directory.isEmpty ? "." : directory
        }

        func validate() throws {
            Words.use(words.language)
            guard ExerciseMachine.speeds.contains(speed) else { throw ValidationError(Words.t(.cliDemoBadSpeed)) }
        }

        func run() async throws {
            Words.use(words.language)
            guard let path = scenario ?? BundledScenario.locate("tutorial.yaml") else {
                Console.error("error: " + Words.t(.cliDemoNoTutorial))
                throw ExitCode(1)
            }
            let (scenario, source) = try LocalSession.loadScenario(path)
            guard !scenario.teams.isEmpty else {
                Console.error("error: " + Words.t(.cliDemoNoTeams, ["path": path]))
                throw ExitCode(1)
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cyberdrill-demo-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let journal = folder.appendingPathComponent("\(scenario.id).journal").path
            let host: ExerciseHost
            do {
                host = try await ExerciseHost.create(journalPath: journal, scenario: scenario, source: source, scenarioPath: path,
                                                     teams: scenario.teams, wall: SystemClock(),
                                                     artifacts: (try? ArtifactCatalog.scan(scenario, directory: Self.directory(of: path)))?.records)
            } catch {
                throw JournalFile.fail(journal, error)
            }
            let whiteCell = Actor.facilitator("demo")
            let simulation = SimulatedTeams(index: ScenarioIndex(scenario), teams: scenario.teams, seed: seed, whiteCell: whiteCell)
            try await LocalSession.run(host, LocalSession.Options(
                hotSeat: false, plain: display.plain, quitMessage: Texts(words.language)(.quitDemo, ["path": journal]),
                whiteCell: whiteCell, scenarioDirectory: Self.directory(of: path),
                simulation: simulation, opening: [.setSpeed(speed), .start], language: words.language, bidi: words.bidiMode))
            print(Words.t(.cliDemoJournal, ["path": journal]))
            print(Words.t(.cliDemoSeeWhatHappened, ["command": "cyberdrill replay \(journal)"]))
        }
    }
}

/// Finding the scenarios shipped with cyberdrill.
enum BundledScenario {
    /// `scenarios/<name>` in the current folder, next to the program, or in a folder above it
    /// (a build inside the repository: .build/debug/cyberdrill), or in ../share/cyberdrill.
    static func locate(_ name: String, executable: String = CommandLine.arguments[0],
                       currentDirectory: String = FileManager.default.currentDirectoryPath) -> String? {
        let fm = FileManager.default
        var candidates = [currentDirectory + "/scenarios/" + name]
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(dir.appendingPathComponent("../share/cyberdrill/scenarios/\(name)").standardized.path)
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("scenarios/\(name)").path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0) }
    }
}
