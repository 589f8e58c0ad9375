import ArgumentParser
import DrillCore
import DrillText
import Foundation

extension CyberDrill {
    /// `cyberdrill timeline`: the MSEL as a facilitator reads it.
    struct Timeline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a scenario's master scenario events list (MSEL) in planned order.",
            discussion: """
            Relative times (after another inject) are resolved from the schedule; branches (when) are \
            shown with their condition and happen only for the teams whose outcome matches.

            Example:
              cyberdrill timeline scenarios/telco-ransomware.yaml
              cyberdrill timeline scenarios/tutorial.yaml --format csv > msel.csv
              cyberdrill timeline scenarios/sahel-defacement-fr.yaml --lang en
            """
        )

        @Argument(help: "A scenario file.")
        var file: String

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Option(help: "Show the texts in this language, one of the scenario's 'languages' (default: the scenario's own).")
        var lang: String?

        func run() throws {
            // The headings follow --lang when it is one of cyberdrill's languages, else the locale.
            Words.use(lang.flatMap(Language.init(tag:)) ?? Language.fromEnvironment(ProcessInfo.processInfo.environment))
            var scenario = try ScenarioFile.load(file)
            if let lang {
                let tag = scenario.contentLanguage(for: lang)
                guard LanguageTag.primary(tag) == LanguageTag.primary(lang) else {
                    throw ValidationError("\(file) is not translated into '\(lang)'; its languages are \(scenario.languages.joined(separator: ", "))")
                }
                scenario = scenario.localized(to: tag)
            }
            let entries = MSELEntry.entries(of: scenario)
            switch format {
            case .table:
                let t = Words.t
                print(t(.cliTimelineHeadline, ["title": scenario.title, "injects": Words.count(.cliCountInjects, scenario.injects.count),
                                               "duration": DurationText.format(scenario.duration), "teams": Words.count(.cliCountTeams, scenario.teams.count)]))
                print()
                var table = TextTable(headers: [t(.cliColTime), t(.cliColTrigger), t(.cliColId), t(.cliColChannel), t(.cliColRoute), t(.cliColTitle),
                                                t(.cliColTasks), t(.cliColPoints)])
                table.maxWidths = [1: 34, 4: 36, 5: 56]
                table.rightAligned = [6, 7]
                table.rows = entries.map { e in
                    [e.plannedText, e.triggerText, e.id, e.channel, e.route, e.title, String(e.tasks), e.points.clean]
                }
                print(table.render())
                let total = entries.reduce(0) { $0 + $1.points }
                print()
                print(t(.cliTimelineTotal, ["tasks": Words.count(.cliCountTasks, entries.reduce(0) { $0 + $1.tasks }), "points": total.clean]))
            case .csv:
                print(CSV.line(["planned", "planned_ms", "trigger", "id", "channel", "from", "to", "title", "tasks", "points"]))
                for e in entries {
                    print(CSV.line([e.plannedText, e.plannedAt.map { String($0) } ?? "", e.triggerText, e.id, e.channel, e.from,
                                    e.toText, e.title, String(e.tasks), e.points.clean]))
                }
            case .json:
                print(try JSONOutput.string(entries))
            }
        }
    }
}

/// One line of the MSEL.
struct MSELEntry: Encodable {
    var id: String
    /// Planned release in ms (as if every branch condition were decided); nil when unresolvable.
    var plannedAt: Millis?
    var plannedText: String
    /// The latest a branch may wait for its condition.
    var latestAt: Millis?
    var triggerText: String
    var after: String?
    var delay: Millis?
    var when: String?
    var whenOutcomes: [String]?
    var channel: String
    var from: String
    var to: [String]?
    var toText: String
    var title: String
    var tlp: String?
    var tasks: Int
    var points: Double
    // live17
    /// In the inject library (`at: demand`); absent otherwise.
    var onDemand: Bool?

    var route: String { (from.isEmpty ? "—" : from) + " → " + toText }

    enum CodingKeys: String, CodingKey {
        case id, plannedAt, latestAt, after, delay, when, whenOutcomes, channel, from, to, title, tlp, tasks, points, onDemand
    }

    static func entries(of scenario: Scenario) -> [MSELEntry] {
        let schedule = PlannedSchedule(scenario)
        let entries = scenario.injects.map { inject -> MSELEntry in
            let planned = schedule.scheduled[inject.id]
            var trigger: String
            var after: String?, delay: Millis?
            switch inject.trigger {
            // live17: the inject library, released only by the white cell.
            case .demand: trigger = "on demand"
            case .at: trigger = "at"
            case .after(let dep, let d):
                trigger = "\(dep) + \(DurationText.format(d))"
                after = dep
                delay = d
            }
            if let c = inject.condition { trigger += ", when \(c.task) is \(c.outcomeText)" }
            let to: [String]? = if case .teams(let ids) = inject.to { ids } else { nil }
            return MSELEntry(
                id: inject.id, plannedAt: planned,
                plannedText: planned.map { (inject.condition == nil ? "" : "≥") + DurationText.clock($0) } ?? (inject.trigger == .demand ? "demand" : "?"),
                latestAt: schedule.latest[inject.id], triggerText: trigger, after: after, delay: delay,
                when: inject.condition?.task.description, whenOutcomes: inject.condition?.outcomes.sorted().map(\.rawValue),
                channel: inject.channel.rawValue, from: inject.from, to: to, toText: to?.joined(separator: ", ") ?? "all",
                title: inject.title, tlp: inject.tlp?.rawValue, tasks: inject.tasks.count, points: inject.points,
                onDemand: inject.trigger == .demand ? true : nil)
        }
        // Planned order; the file's order breaks ties (the sort is stable).
        return entries.enumerated().sorted { a, b in
            (a.element.plannedAt ?? .max, a.offset) < (b.element.plannedAt ?? .max, b.offset)
        }.map(\.element)
    }
}

/// Loading a scenario for a command: diagnostics to stderr and exit 1 when it has errors.
enum ScenarioFile {
    static func load(_ path: String) throws -> Scenario {
        let load = ScenarioLoader.fileSystem.load(contentsOf: path)
        guard let scenario = load.scenario else {
            for d in load.diagnostics { Console.error(Words.t.diagnostic(d)) }
            Console.error(Words.t(.cliScenarioHasErrors, ["path": path, "command": "cyberdrill validate \(path)"]))
            throw ExitCode(1)
        }
        return scenario
    }
}

/// Reading a roster for a command (`run`, `serve`): its problems to stderr and exit 1 when it has
/// errors or does not fit the scenario.
enum RosterFile {
    static func load(_ path: String) throws -> Roster {
        let roster = Roster.load(contentsOf: path)
        for d in roster.diagnostics { Console.error(Words.t.diagnostic(d)) }
        if roster.hasErrors {
            Console.error(Words.t(.cliRosterHasErrors, ["path": path]))
            throw ExitCode(1)
        }
        return roster
    }

    /// Checks that the roster fits the scenario (every team an inject names is in it, …).
    static func check(_ roster: Roster, at path: String, against scenario: Scenario, scenarioPath: String) throws {
        let problems = roster.check(against: scenario, scenarioPath: scenarioPath, rosterPath: path)
        for p in problems { Console.error(Words.t.diagnostic(p)) }
        if problems.hasErrors {
            Console.error(Words.t(.cliRosterDoesNotFit, ["path": path, "scenario": scenarioPath]))
            throw ExitCode(1)
        }
    }

    /// The teams of a new exercise: the roster's when one is given, else the scenario's own.
    static func teams(of scenario: Scenario, scenarioPath: String, roster: (roster: Roster, path: String)?) throws -> [Team] {
        var teams = scenario.teams
        if let roster {
            try check(roster.roster, at: roster.path, against: scenario, scenarioPath: scenarioPath)
            teams = roster.roster.teams
        }
        guard !teams.isEmpty else {
            Console.error(Words.t(.cliScenarioNoTeams, ["path": scenarioPath]))
            throw ExitCode(1)
        }
        return teams
    }
}

/// Writing to the terminal's error stream.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
