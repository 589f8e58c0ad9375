/// What facilitators and teams ask the exercise to do. Commands go in; events and actions come out.
public enum Command: Sendable, Hashable {
    // White cell.
    case registerTeam(Team)
    case start
    case pause
    case resume
    case setSpeed(Double)
    /// Release now, to the given teams or to every team still waiting for it.
    case releaseNow(inject: String, teams: [String]?)
    /// Keep an inject from its schedule until it is released by hand.
    case hold(inject: String)
    /// Move a task's answer window, for one team or (nil) all.
    case extendDeadline(task: TaskRef, team: String?, by: Millis)
    case end
    case grade(team: String, task: TaskRef, score: Double, comment: String)
    case addNote(Note)
    case answerRFI(rfi: String, text: String)
    /// White cell → one team, or all when `team` is nil.
    case broadcast(text: String, team: String?)

    // Teams (the acting team is the command's actor).
    case markRead(inject: String)
    case submit(task: TaskRef, submission: String, values: [String])
    case takeHint(task: TaskRef, hint: Int)
    case sendMessage(to: Party, kind: Message.Kind, text: String)

    // live17
    /// White cell: a live inject, released now (its `at` not after the command's time) or at `at`.
    case compose(LiveInject)
    // grade17 (white cell)
    /// Record a team's outcome on any task from an answer given outside the exercise.
    case recordOutcome(team: String, task: TaskRef, score: Double, via: GradeChannel, comment: String)
    /// Open a task again for one team: a new window from now, attempts reset.
    case reopen(team: String, task: TaskRef, window: Millis, reason: String)
    /// Open the hot wash before the end.
    case openFeedback
    // grade17 (teams)
    /// A team member's hot-wash answers, by question id.
    case answerFeedback(member: String, answers: [String: String])

    /// Whether a team may issue it (for itself).
    public var isTeamCommand: Bool {
        switch self {
        case .markRead, .submit, .takeHint, .sendMessage, .answerFeedback: true
        default: false
        }
    }
}

/// Why a command was refused, as a code for programs and a sentence for people.
public struct CommandError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case forbidden, notStarted, notRunning, ended, unknownTeam, unknownInject, unknownTask, notReleased
        case closed, invalid, duplicate, nothingToDo
        /// A second `start`; `pause` while paused; `resume` while not paused.
        case alreadyStarted, alreadyPaused, notPaused
        /// A team's RFI to another team (RFIs go to the white cell); a team's message to itself.
        case rfiToTeam, selfMessage
        /// No request for information with that id; no hint with that index (0-based, as sent).
        case unknownRFI, unknownHint
        /// A submission id the team already used for a different answer (another task or other values).
        case conflict
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// What hosts carry out after the events of a step are durable.
public enum Action: Sendable, Hashable {
    /// Send the inject to the team.
    case deliverInject(inject: String, team: String)
    /// Tell the team its answer is recorded, with the score it may see.
    case acknowledge(team: String, submission: String, score: TaskScore)
    /// Deliver a message to its recipients (team ids; the white cell when `toWhiteCell`).
    case deliverMessage(Message, teams: [String], toWhiteCell: Bool)
    /// A team's outcome on a task became final.
    case outcomeDecided(team: String, score: TaskScore)
}

/// The result of a command or of the passing of time.
public struct Step: Sendable, Hashable {
    public var events: [ExerciseEvent] = []
    public var actions: [Action] = []

    public init(events: [ExerciseEvent] = [], actions: [Action] = []) {
        self.events = events
        self.actions = actions
    }

    mutating func append(_ other: Step) {
        events += other.events
        actions += other.actions
    }
}
