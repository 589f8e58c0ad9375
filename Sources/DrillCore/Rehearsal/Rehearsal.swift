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
        /// How many injects the machine looked at to decide releases (`ExerciseMachine.inspections`).
        var inspections = 0
    }

    public func run() -> Result {
        var simulation = SimulatedTeams(index: index, teams: teams, seed: seed)
        let whiteCell = simulation.whiteCell
        var machine = ExerciseMachine(index: index)
        var events: [ExerciseEvent] = []

        func take(_ step: Step) {
            events += step.events
            simulation.observe(step.actions, at: step.events.last?.exerciseTime ?? 0)
        }

        func handle(_ command: Command, _ actor: Actor, _ t: Millis) {
            switch machine.handle(command, by: actor, at: t) {
            case .success(let step): take(step)
            case .failure: take(machine.takePendingReleases())
            }
        }

        for team in teams { handle(.registerTeam(team), whiteCell, 0) }
        handle(.start, whiteCell, 0)
        let end = index.scenario.duration
        var now: Millis = 0
        while true {
            let wake = machine.nextWake(after: now)
            let next = simulation.nextTime
            guard let t = wake.map({ min($0, next ?? $0) }) ?? next, t <= end else { break }
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
            guard let item = simulation.next() else { break }
            handle(item.command, item.actor, now)
        }
        handle(.end, whiteCell, end)
        return Result(events: events, state: machine.state, profiles: simulation.profiles, inspections: machine.inspections)
    }
}
