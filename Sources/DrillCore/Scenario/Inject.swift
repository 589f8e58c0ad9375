/// One scripted event of the MSEL: an email, an alert, a call… released to teams at its time.
public struct Inject: Sendable, Hashable {
    public var id: String
    public var trigger: Trigger
    /// Per-team branch: released only to teams whose outcome on a task matches.
    public var condition: Condition?
    public var title: String
    public var channel: Channel
    public var from: String
    public var to: Audience
    public var tlp: TLP?
    /// MITRE ATT&CK technique ids.
    public var attack: [String]
    public var objectives: [String]
    public var body: String
    public var artifacts: [Artifact]
    public var tasks: [DrillTask]
    /// White-cell notes and expected actions; never sent to teams.
    public var facilitator: String
    /// Composed by the white cell while the exercise ran (a live inject), not in the scenario file.
    public var unplanned = false

    public init(
        id: String, trigger: Trigger, condition: Condition? = nil, title: String, channel: Channel,
        from: String = "", to: Audience = .all, tlp: TLP? = nil, attack: [String] = [],
        objectives: [String] = [], body: String = "", artifacts: [Artifact] = [], tasks: [DrillTask] = [],
        facilitator: String = ""
    ) {
        self.id = id
        self.trigger = trigger
        self.condition = condition
        self.title = title
        self.channel = channel
        self.from = from
        self.to = to
        self.tlp = tlp
        self.attack = attack
        self.objectives = objectives
        self.body = body
        self.artifacts = artifacts
        self.tasks = tasks
        self.facilitator = facilitator
    }

    /// Whether this inject is meant for the team at all (before any branch condition).
    public func isAddressed(to team: String) -> Bool {
        switch to {
        case .all: true
        case .teams(let ids): ids.contains(team)
        }
    }

    /// The sum of the points of its tasks.
    public var points: Double { tasks.reduce(0) { $0 + $1.points } }
}

/// When an inject is released.
public enum Trigger: Sendable, Hashable {
    /// At a fixed exercise-time offset.
    case at(Millis)
    /// A delay after the release of another inject to the same team.
    case after(inject: String, delay: Millis)
    // live17
    /// `at: demand`: kept in the inject library, released only when the white cell decides.
    case demand
}

/// A branch on a team's outcome of an earlier task.
public struct Condition: Sendable, Hashable {
    public var task: TaskRef
    public var outcomes: Set<Outcome>

    public init(task: TaskRef, outcomes: Set<Outcome>) {
        self.task = task
        self.outcomes = outcomes
    }
}

/// `INJECT.TASK`, the way scenarios name a task from elsewhere.
public struct TaskRef: Sendable, Hashable, TextCodable, Comparable {
    public var inject: String
    public var task: String

    public init(inject: String, task: String) {
        self.inject = inject
        self.task = task
    }

    /// Parses `I01.c2`; nil unless there is exactly one dot with text on both sides.
    public init?(parsing text: String) {
        guard let dot = text.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let inject = text[..<dot], task = text[text.utf8.index(after: dot)...]
        guard !inject.isEmpty, !task.isEmpty, !task.utf8.contains(UInt8(ascii: ".")) else { return nil }
        self.init(inject: String(inject), task: String(task))
    }

    public var description: String { "\(inject).\(task)" }

    public static func < (a: TaskRef, b: TaskRef) -> Bool { (a.inject, a.task) < (b.inject, b.task) }

}

/// How an inject reaches the team, in the team's own terms.
public enum Channel: String, Sendable, Hashable, CaseIterable, Codable {
    case email, phone, ticket, siem, news, social, chat, briefing, other
}

/// Traffic Light Protocol 2.0 marking.
public enum TLP: String, Sendable, Hashable, CaseIterable, Codable {
    case clear, green, amber
    case amberStrict = "amber+strict"
    case red
}

/// Who receives an inject.
public enum Audience: Sendable, Hashable {
    case all
    case teams([String])
}

/// A file shipped with the scenario, handed to teams with the inject.
public struct Artifact: Sendable, Hashable, Codable {
    public var name: String
    /// Relative to the scenario file.
    public var path: String
    public var description: String

    public init(name: String, path: String, description: String = "") {
        self.name = name
        self.path = path
        self.description = description
    }
}
