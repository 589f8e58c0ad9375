import Foundation

/// Runs a whole exercise headless, as fast as the CPU allows, with simulated teams whose accuracy
/// and delays come from a seeded generator. Same scenario, teams and seed → the same events.
public struct Rehearsal: Sendable {
    public let index: ScenarioIndex
    public let teams: [Team]
    public let seed: UInt64

    public init(index: ScenarioIndex, teams: [Team], seed: UInt64) {
        self.index = index
        self.teams = teams
        self.seed = seed
    }

    /// What a rehearsal produced: every event in order, the final state and each team's profile.
    public struct Result: Sendable {
        public var events: [ExerciseEvent]
        public var state: ExerciseState
        public var profiles: [String: TeamProfile]
    }

    private static let whiteCell = Actor.facilitator("rehearsal")

    public func run() -> Result {
        var rng = SeededGenerator(seed: seed)
        var machine = ExerciseMachine(index: index)
        var events: [ExerciseEvent] = []
        var queue = ActionQueue()
        var profiles: [String: TeamProfile] = [:]
        let shuffled = teams.indices.shuffled(using: &rng)
        for (k, i) in shuffled.enumerated() { profiles[teams[i].id] = TeamProfile.all[k % TeamProfile.all.count] }

        func take(_ step: Step) {
            events += step.events
            for action in step.actions {
                if case .deliverInject(let inject, let team) = action, let profile = profiles[team] {
                    plan(inject: inject, team: team, profile: profile, at: step.events.last?.exerciseTime ?? 0, &queue, &rng)
                }
                if case .deliverMessage(let m, _, _) = action, m.kind == .rfi, case .team = m.from {
                    let delay = Millis(Double.random(in: 1...6, using: &rng) * 60_000)
                    queue.push(at: (step.events.last?.exerciseTime ?? 0) + delay, Self.whiteCell, .answerRFI(rfi: m.id, text: "Confirmed by the white cell: proceed as your procedures say."))
                }
            }
        }

        func handle(_ command: Command, _ actor: Actor, _ t: Millis) {
            switch machine.handle(command, by: actor, at: t) {
            case .success(let step): take(step)
            case .failure: take(machine.takePendingReleases())
            }
        }

        for team in teams { handle(.registerTeam(team), Self.whiteCell, 0) }
        handle(.start, Self.whiteCell, 0)
        let end = index.scenario.duration
        var now: Millis = 0
        while true {
            let wake = machine.nextWake(after: now)
            let next = queue.peekTime
            guard let t = [wake, next].compactMap({ $0 }).min(), t <= end else { break }
            now = max(now, t)
            if let wake, wake <= (next ?? .max) {
                let step = machine.advance(to: now)
                take(step)
                if step.events.isEmpty, wake <= now, (next ?? .max) > now {
                    // Nothing was due after all; step past this instant to guarantee progress.
                    now += 1
                }
                continue
            }
            guard let item = queue.pop() else { break }
            handle(item.command, item.actor, now)
        }
        handle(.end, Self.whiteCell, end)
        return Result(events: events, state: machine.state, profiles: profiles)
    }

    /// Schedules what a simulated team does with an inject it just received.
    private func plan(inject id: String, team: String, profile: TeamProfile, at released: Millis,
                      _ queue: inout ActionQueue, _ rng: inout SeededGenerator) {
        guard let inject = index.inject(id) else { return }
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
                for other in with where other != team && teams.contains(where: { $0.id == other }) {
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
                    queue.push(at: answerAt + Millis(Double.random(in: 2...10, using: &rng) * 60_000), Self.whiteCell,
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

/// Simulated actions in exercise-time order; equal times keep their insertion order.
struct ActionQueue {
    struct Item {
        var time: Millis
        var order: Int
        var actor: Actor
        var command: Command
    }

    private var heap: [Item] = []
    private var counter = 0

    var peekTime: Millis? { heap.first?.time }

    mutating func push(at time: Millis, _ actor: Actor, _ command: Command) {
        counter += 1
        heap.append(Item(time: time, order: counter, actor: actor, command: command))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Item? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, less(heap[l], heap[m]) { m = l }
            if r < heap.count, less(heap[r], heap[m]) { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
        return top
    }

    private func less(_ a: Item, _ b: Item) -> Bool { (a.time, a.order) < (b.time, b.order) }
}
