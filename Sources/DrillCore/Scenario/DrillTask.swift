/// Something a team must do in answer to an inject; scored from the events.
public struct DrillTask: Sendable, Hashable {
    public var id: String
    public var prompt: String
    public var points: Double
    public var due: Millis
    public var late: Millis
    public var floor: Double
    /// Wrong attempts allowed; `nil` is unlimited.
    public var attempts: Int?
    public var penalty: Double
    public var hints: [Hint]
    /// Objectives this task gives evidence for (the inject's unless the task names its own).
    public var objectives: [String]
    public var kind: TaskKind
    /// The grading guide (what to look for, model answers): for the white cell only, never sent
    /// to a team.
    public var guide: String

    public init(
        id: String, prompt: String, kind: TaskKind, points: Double = 10, due: Millis = 15 * 60_000,
        late: Millis = 15 * 60_000, floor: Double = 0.5, attempts: Int? = nil, penalty: Double = 0,
        hints: [Hint] = [], objectives: [String] = [], guide: String = ""
    ) {
        self.id = id
        self.prompt = prompt
        self.kind = kind
        self.points = points
        self.due = due
        self.late = late
        self.floor = floor
        self.attempts = attempts
        self.penalty = penalty
        self.hints = hints
        self.objectives = objectives
        self.guide = guide
    }

    public var type: TaskType { kind.type }
}

/// A hint a team may take, for a cost in points.
public struct Hint: Sendable, Hashable, Codable {
    public var text: String
    public var cost: Double

    public init(text: String, cost: Double = 0) {
        self.text = text
        self.cost = cost
    }
}

/// The six kinds of task, as named in scenarios.
public enum TaskType: String, Sendable, Hashable, CaseIterable, Codable {
    case text, choice, number, indicators, report, coordination
}

/// How a `text` answer is compared with the accepted ones.
public enum MatchMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Trimmed, whitespace folded, Unicode case and width folded.
    case caseless
    /// Byte for byte after trimming surrounding whitespace.
    case exact
    /// An anchored regular expression.
    case regex
}

/// A level of the rubric a facilitator grades a `report` task against.
public struct RubricLevel: Sendable, Hashable, Codable {
    /// Fraction of the points, 0…1.
    public var score: Double
    public var text: String

    public init(score: Double, text: String) {
        self.score = score
        self.text = text
    }
}

/// What a task asks for and how an answer is judged.
public enum TaskKind: Sendable, Hashable {
    case text(accept: [String], match: MatchMode)
    /// `answers` holds one option unless `multiple`; `partial` gives credit per correct option.
    case choice(options: [String], answers: [String], multiple: Bool, partial: Bool)
    case number(answer: Double, tolerance: Double, unit: String)
    /// A set answer; the task's `penalty` is lost per false item.
    case indicators(accept: [String])
    case report(rubric: [RubricLevel])
    /// Met when the team messages every listed team before the window closes.
    case coordination(with: [String])

    public var type: TaskType {
        switch self {
        case .text: .text
        case .choice: .choice
        case .number: .number
        case .indicators: .indicators
        case .report: .report
        case .coordination: .coordination
        }
    }
}

/// Where a team stands on a task.
public enum Outcome: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case pending, correct, partial, wrong, missed

    public static func < (a: Outcome, b: Outcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
