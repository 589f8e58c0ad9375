import Foundation
import DrillCore

// MARK: Durable payloads

public struct PhaseChange: Sendable, Hashable, Codable {
    /// `started`, `paused`, `resumed`, `speedChanged` or `ended`.
    public var event: String
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    public var speed: Double

    public init(event: String, phase: ExerciseState.Phase, exerciseTime: Millis, speed: Double) {
        self.event = event
        self.phase = phase
        self.exerciseTime = exerciseTime
        self.speed = speed
    }
}

public struct ReleaseNotice: Sendable, Hashable, Codable {
    public var inject: String
    public var title: String
    public var teams: [String]
    public var manual: Bool
    public var at: Millis

    public init(inject: String, title: String, teams: [String], manual: Bool, at: Millis) {
        self.inject = inject
        self.title = title
        self.teams = teams
        self.manual = manual
        self.at = at
    }
}

public struct HoldNotice: Sendable, Hashable, Codable {
    public var inject: String
    public var at: Millis

    public init(inject: String, at: Millis) {
        self.inject = inject
        self.at = at
    }
}

public struct ReadNotice: Sendable, Hashable, Codable {
    public var team: String
    public var inject: String
    public var at: Millis

    public init(team: String, inject: String, at: Millis) {
        self.team = team
        self.inject = inject
        self.at = at
    }
}

/// A journaled answer and its score as the receiver may see it.
public struct AnswerNotice: Sendable, Hashable, Codable {
    public var team: String
    public var submission: String
    public var task: TaskRef
    /// Absent for observers.
    public var values: [String]?
    public var at: Millis
    public var score: TeamTaskView

    public init(team: String, submission: String, task: TaskRef, values: [String]?, at: Millis, score: TeamTaskView) {
        self.team = team
        self.submission = submission
        self.task = task
        self.values = values
        self.at = at
        self.score = score
    }
}

public struct HintNotice: Sendable, Hashable, Codable {
    public var team: String
    public var task: TaskRef
    /// 0-based.
    public var hint: Int
    /// For the team that took it (and the white cell).
    public var text: String?
    public var cost: Double?
    public var at: Millis

    public init(team: String, task: TaskRef, hint: Int, text: String?, cost: Double?, at: Millis) {
        self.team = team
        self.task = task
        self.hint = hint
        self.text = text
        self.cost = cost
        self.at = at
    }
}

public struct GradeNotice: Sendable, Hashable, Codable {
    public var team: String
    public var task: TaskRef
    /// The fraction given (white cell and observers only; a team reads its score).
    public var grade: Double?
    public var comment: String
    public var at: Millis
    public var score: TeamTaskView?
    /// Who graded, `facilitator:<name>` (white cell only).
    public var by: String?
    /// For an outcome recorded without a submission: how the answer was given (grade17).
    public var via: GradeChannel?

    public init(team: String, task: TaskRef, grade: Double?, comment: String, at: Millis, score: TeamTaskView?, by: String? = nil,
                via: GradeChannel? = nil) {
        self.team = team
        self.task = task
        self.grade = grade
        self.comment = comment
        self.at = at
        self.score = score
        self.by = by
        self.via = via
    }
}

public struct DeadlineNotice: Sendable, Hashable, Codable {
    public var task: TaskRef
    /// nil: every team.
    public var team: String?
    /// Milliseconds of exercise time added.
    public var by: Millis
    public var at: Millis
    /// For a team whose inject is already released: the task's score with its new window.
    public var score: TeamTaskView?

    public init(task: TaskRef, team: String?, by: Millis, at: Millis, score: TeamTaskView?) {
        self.task = task
        self.team = team
        self.by = by
        self.at = at
        self.score = score
    }
}

public struct MessageNotice: Sendable, Hashable, Codable {
    /// `M1`, `M2`, …: an RFI is answered by this id.
    public var id: String
    public var from: Party
    public var to: Party
    public var kind: Message.Kind
    public var text: String
    public var at: Millis

    public init(_ message: Message, at: Millis) {
        id = message.id
        from = message.from
        to = message.to
        kind = message.kind
        text = message.text
        self.at = at
    }
}

public struct RFIAnswerNotice: Sendable, Hashable, Codable {
    /// The id of the RFI message.
    public var rfi: String
    /// Who asked.
    public var to: Party
    public var question: String
    public var text: String
    public var at: Millis

    public init(rfi: String, to: Party, question: String, text: String, at: Millis) {
        self.rfi = rfi
        self.to = to
        self.question = question
        self.text = text
        self.at = at
    }
}

public struct NoteNotice: Sendable, Hashable, Codable {
    public var text: String
    public var inject: String?
    public var team: String?
    public var tags: [String]
    /// The note form's fields; absent when not given (and from older servers).
    public var kind: Note.Kind?
    public var objective: String?
    public var capability: String?
    public var action: String?
    public var owner: String?
    public var due: String?
    /// `facilitator:<name>`.
    public var by: String
    public var at: Millis

    public init(_ note: Note, by: String, at: Millis) {
        text = note.text
        inject = note.inject
        team = note.team
        tags = note.tags
        kind = note.kind
        objective = note.objective
        capability = note.capability
        action = note.action
        owner = note.owner
        due = note.due
        self.by = by
        self.at = at
    }

    /// The note as the white cell wrote it.
    public var note: Note {
        Note(text: text, inject: inject, team: team, tags: tags, kind: kind, objective: objective, capability: capability,
             action: action, owner: owner, due: due)
    }
}

// live17
/// `composed`: a live inject, as journaled, for the white cell's feed (never a team's).
public struct ComposedNotice: Sendable, Hashable, Codable {
    public var inject: LiveInject
    /// Exercise time it was composed (its release time is `inject.at`).
    public var at: Millis
    /// Who composed it.
    public var by: String?

    public init(inject: LiveInject, at: Millis, by: String? = nil) {
        self.inject = inject
        self.at = at
        self.by = by
    }
}
// MARK: grade17

/// A task opened again for one team: a new window from `at`, attempts reset.
public struct ReopenNotice: Sendable, Hashable, Codable {
    public var team: String
    public var task: TaskRef
    /// Milliseconds of exercise time from the reopening until the task is due.
    public var window: Millis
    public var reason: String
    public var at: Millis
    /// The task's score with its new window (for the team, as its scoreboard allows).
    public var score: TeamTaskView?
    /// Who reopened it, `facilitator:<name>` (white cell only).
    public var by: String?

    public init(team: String, task: TaskRef, window: Millis, reason: String, at: Millis, score: TeamTaskView?, by: String? = nil) {
        self.team = team
        self.task = task
        self.window = window
        self.reason = reason
        self.at = at
        self.score = score
        self.by = by
    }
}

/// The hot wash opened: its questions, in the team's language where the scenario has them.
public struct FeedbackForm: Sendable, Hashable, Codable {
    public var questions: [FeedbackQuestion]
    /// True when the white cell opened it before the end; false when the end opened it.
    public var early: Bool
    public var at: Millis

    public init(questions: [FeedbackQuestion], early: Bool, at: Millis) {
        self.questions = questions
        self.early = early
        self.at = at
    }
}

/// One member's hot-wash answers, journaled.
public struct FeedbackNotice: Sendable, Hashable, Codable {
    public var team: String
    public var member: String
    public var answers: [String: String]
    public var at: Millis

    public init(team: String, member: String, answers: [String: String], at: Millis) {
        self.team = team
        self.member = member
        self.answers = answers
        self.at = at
    }
}
