import Foundation

/// Simulated teams, and a simulated white cell, reacting to what an exercise does: each inject
/// a team receives is read, answered (right or wrong, as its profile's accuracy says), hinted and
/// questioned after seeded delays; report answers are graded and RFIs answered by the white cell,
/// always before the planned end (`whiteCellDeadline`), so that a rehearsal or a demo ends with
/// every report graded and every RFI answered.
///
/// It only plans: `observe` the actions of each step as they happen, and take the commands that
/// fall due with `next()`. `Rehearsal` runs it as fast as the CPU allows; `cyberdrill demo` runs
/// the same plan against a live exercise over wall time. Same teams, seed and actions → the same
/// commands at the same exercise times.
public struct SimulatedTeams: Sendable {
    /// A command to carry out at an exercise time, on behalf of `actor`.
    public struct Scheduled: Sendable, Hashable {
        public var time: Millis
        public var actor: Actor
        public var command: Command
    }

    public let index: ScenarioIndex
    public let teams: [Team]
    /// Who grades reports and answers RFIs.
    public let whiteCell: Actor
    /// Each team's behaviour, mixed across the teams by the seed.
    public private(set) var profiles: [String: TeamProfile] = [:]
    private var rng: SeededGenerator
    private var queue = ActionQueue()
    /// Each team's language, and who takes part: looked up for every inject a team receives,
    /// so by key rather than by a walk of the roster (which made rehearsals grow with the
    /// square of the teams).
    private let languages: [String: String]
    private let taking: Set<String>

    public init(index: ScenarioIndex, teams: [Team], seed: UInt64, whiteCell: Actor = .facilitator("rehearsal")) {
        self.index = index
        self.teams = teams
        self.whiteCell = whiteCell
        rng = SeededGenerator(seed: seed)
        var languages: [String: String] = [:]
        for team in teams where languages[team.id] == nil { languages[team.id] = team.language ?? "" }
        self.languages = languages
        taking = Set(teams.map(\.id))
        let shuffled = teams.indices.shuffled(using: &rng)
        for (k, i) in shuffled.enumerated() { profiles[teams[i].id] = TeamProfile.all[k % TeamProfile.all.count] }
    }

    /// Plans what the simulated people do about the actions of a step that happened at `time`.
    public mutating func observe(_ actions: [Action], at time: Millis) {
        for action in actions {
            if case .deliverInject(let inject, let team) = action, let profile = profiles[team] {
                plan(inject: inject, team: team, profile: profile, at: time)
            }
            if case .deliverMessage(let m, _, _) = action, m.kind == .rfi, case .team = m.from {
                let delay = Millis(Double.random(in: 1...6, using: &rng) * 60_000)
                queue.push(at: whiteCellTime(time + delay, after: time), whiteCell, .answerRFI(rfi: m.id, text: "Confirmed by the white cell: proceed as your procedures say."))
            }
        }
    }

    /// The white cell grades and answers by this exercise time: a minute before the planned end
    /// (the end itself for a scenario shorter than two minutes).
    public var whiteCellDeadline: Millis {
        let end = index.scenario.duration
        return end >= 120_000 ? end - 60_000 : end
    }

    /// When the white cell does something it planned for `time` about what happened at `event`:
    /// no later than `whiteCellDeadline`, and never before the event.
    private func whiteCellTime(_ time: Millis, after event: Millis) -> Millis {
        max(event, min(time, whiteCellDeadline))
    }

    /// Takes every command the white cell still has planned, whatever its time (in time order),
    /// leaving the teams' own: what the demo carries out before it ends the exercise.
    public mutating func takeWhiteCellCommands() -> [Scheduled] {
        var mine: [Scheduled] = [], others: [Scheduled] = []
        while let item = next() {
            if item.actor == whiteCell { mine.append(item) } else { others.append(item) }
        }
        for item in others { queue.push(at: item.time, item.actor, item.command) }
        return mine
    }

    /// The exercise time of the next planned command, if any.
    public var nextTime: Millis? { queue.peekTime }

    /// The next planned command (earliest first; equal times in the order they were planned).
    public mutating func next() -> Scheduled? {
        queue.pop().map { Scheduled(time: $0.time, actor: $0.actor, command: $0.command) }
    }

    /// Schedules what a simulated team does with an inject it just received.
    private mutating func plan(inject id: String, team: String, profile: TeamProfile, at released: Millis) {
        guard let position = index.injectPosition[id] else { return }
        // A team answers in the words it reads (a translated option, a translated accepted answer):
        // the scores must not depend on it, and rehearsals show that they do not.
        let language = languages[team].flatMap { $0.isEmpty ? nil : $0 }
        let inject = index.scenario.localizedInject(at: position, to: language)
        let actor = Actor.team(team)
        queue.push(at: released + Millis(Double.random(in: 0.3...3, using: &rng) * 60_000), actor, .markRead(inject: id))
        if Double.random(in: 0..<1, using: &rng) < profile.rfiChance {
            queue.push(at: released + Millis(Double.random(in: 1...8, using: &rng) * 60_000), actor,
                       .sendMessage(to: .whiteCell, kind: .rfi, text: "RFI on \(id): can you confirm the scope of the affected systems?"))
        }
        for task in inject.tasks {
            let ref = TaskRef(inject: id, task: task.id)
            let answerAt = released + max(30_000, Millis(Double(task.due) * Double.random(in: profile.pace, using: &rng)))
            if !task.hints.isEmpty, Double.random(in: 0..<1, using: &rng) < profile.hintChance {
                queue.push(at: answerAt - 20_000, actor, .takeHint(task: ref, hint: 0))
            }
            let right = Double.random(in: 0..<1, using: &rng) < profile.accuracy
            switch task.kind {
            case .coordination(let with):
                for other in with where other != team && taking.contains(other) {
                    guard right || Double.random(in: 0..<1, using: &rng) < 0.3 else { continue }
                    queue.push(at: answerAt, actor, .sendMessage(to: .team(other), kind: .message,
                                                                text: "[\(id)] Heads-up from \(team): indicators and actions attached, TLP:AMBER."))
                }
            case .report(let rubric):
                queue.push(at: answerAt, actor, .submit(task: ref, submission: "\(team)/\(ref)/1",
                                                        values: ["Draft for \(ref): summary, indicators, TLP, actions taken, contact point."]))
                let levels = rubric.map(\.score).sorted(by: >)
                if !levels.isEmpty {
                    let pick = right ? levels[0] : levels[min(levels.count - 1, Int.random(in: 1...max(1, levels.count - 1), using: &rng))]
                    queue.push(at: whiteCellTime(answerAt + Millis(Double.random(in: 2...10, using: &rng) * 60_000), after: answerAt), whiteCell,
                               .grade(team: team, task: ref, score: pick, comment: right ? "Meets the rubric." : "Incomplete."))
                }
            default:
                let tries = right ? 1 : Int.random(in: 1...2, using: &rng)
                for k in 0..<tries {
                    let last = k == tries - 1
                    let values = right && last ? Self.rightAnswer(task) : Self.wrongAnswer(task, &rng)
                    queue.push(at: answerAt + Millis(k) * 120_000, actor, .submit(task: ref, submission: "\(team)/\(ref)/\(k + 1)", values: values))
                }
            }
        }
    }

    /// An answer the task accepts (best effort for regular expressions).
    static func rightAnswer(_ task: DrillTask) -> [String] {
        switch task.kind {
        case .text(let accept, .regex):
            let guess = (accept.first ?? "").replacingOccurrences(of: "\\", with: "").filter { !"^$()?*+[]{}|".contains($0) }
            return [guess]
        case .text(let accept, _): return [accept.first ?? ""]
        case .choice(_, let answers, _, _): return answers
        case .number(let answer, _, _): return [answer.clean]
        case .indicators(let accept): return accept
        case .report, .coordination: return []
        }
    }

    static func wrongAnswer(_ task: DrillTask, _ rng: inout SeededGenerator) -> [String] {
        switch task.kind {
        case .text: return ["unknown-\(Int.random(in: 100...999, using: &rng))"]
        case .choice(let options, let answers, _, _): return [options.first { !answers.contains($0) } ?? "none"]
        case .number(let answer, let tolerance, _): return [(answer + tolerance + Double(Int.random(in: 1...20, using: &rng))).clean]
        case .indicators(let accept):
            return Array(accept.prefix(max(0, accept.count / 2))) + ["benign-\(Int.random(in: 1...99, using: &rng)).example"]
        case .report, .coordination: return []
        }
    }
}
