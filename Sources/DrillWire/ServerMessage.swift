import Foundation
import DrillCore

/// A message from the server. Durable messages (the feed) carry `seq`; live ones (replies, clock,
/// scores) carry none and are never replayed.
public struct ServerFrame: Sendable, Hashable {
    /// The position of a durable message in this identity's feed (1, 2, 3, …); nil for live messages.
    public var seq: Int?
    /// The `ref` of the client message this answers, if it had one.
    public var ref: String?
    public var message: ServerMessage

    public init(_ message: ServerMessage, seq: Int? = nil, ref: String? = nil) {
        self.seq = seq
        self.ref = ref
        self.message = message
    }
}

/// Everything a server sends.
public enum ServerMessage: Sendable, Hashable {
    // Live: replies and status, no seq.
    /// The answer to `hello`; the missed part of the feed follows.
    case welcome(Welcome)
    /// A client message was carried out (after its events were journaled).
    case ok(Done)
    case error(WireError)
    case pong
    /// The exercise clock, every few seconds and on every change.
    case clock(ClockStatus)
    /// A team's own scores, as the scenario's scoreboard setting allows.
    case scoreboard(TeamView)
    /// Every team's rank and points, for the white cell and observers.
    case standings(Standings)
    /// Every score of the exercise, for the white cell on request.
    case scorecard(Scorecard)
    /// Where every inject stands for every team, for the white cell and observers on request.
    case status(ExerciseStatus)
    /// The scenario's source text, for the white cell on request.
    case scenario(ScenarioSource)
    /// Which teams are connected, for the white cell (on connect, and on every change).
    case presence(Presence)
    /// A piece of an artifact file, in answer to `artifact`.
    case artifact(ArtifactChunk)

    // Durable: the feed, with seq.
    case phase(PhaseChange)
    /// An inject reached this team (team feeds).
    case inject(InjectDelivery)
    /// An inject was released to teams (white cell and observers).
    case released(ReleaseNotice)
    case held(HoldNotice)
    /// A team was registered (white cell and observers).
    case team(TeamInfo)
    case read(ReadNotice)
    /// This team's answer is journaled, with the score the team may see (team feeds).
    case ack(AnswerNotice)
    /// A team's answer is journaled (white cell with the values, observers without).
    case answer(AnswerNotice)
    case hint(HintNotice)
    case graded(GradeNotice)
    case deadline(DeadlineNotice)
    case message(MessageNotice)
    case rfiAnswer(RFIAnswerNotice)
    case note(NoteNotice)
    // live17
    /// White cell: a live inject was composed (all of it, answers and guides included).
    case composed(ComposedNotice)
    // grade17
    /// The white cell reopened a task for a team (that team, the white cell, observers).
    case reopened(ReopenNotice)
    /// The hot wash is open: its questions (teams, white cell).
    case feedbackForm(FeedbackForm)
    /// A member's hot-wash answers (its own team; the white cell).
    case feedbackAnswer(FeedbackNotice)

    /// A message of a type this client does not know (sent by a newer server); safe to ignore.
    case unknown(type: String)

    public var type: String {
        switch self {
        case .welcome: "welcome"
        case .ok: "ok"
        case .error: "error"
        case .pong: "pong"
        case .clock: "clock"
        case .scoreboard: "scoreboard"
        case .standings: "standings"
        case .scorecard: "scorecard"
        case .status: "status"
        case .scenario: "scenario"
        case .presence: "presence"
        case .artifact: "artifact"
        case .phase: "phase"
        case .inject: "inject"
        case .released: "released"
        case .held: "held"
        case .team: "team"
        case .read: "read"
        case .ack: "ack"
        case .answer: "answer"
        case .hint: "hint"
        case .graded: "graded"
        case .deadline: "deadline"
        case .message: "message"
        case .rfiAnswer: "rfiAnswer"
        case .note: "note"
        // live17
        case .composed: "composed"
        // grade17
        case .reopened: "reopened"
        case .feedbackForm: "feedbackForm"
        case .feedbackAnswer: "feedbackAnswer"
        case .unknown(let type): type
        }
    }
}

// MARK: Live payloads

public struct Welcome: Sendable, Hashable, Codable {
    public var role: Role
    /// `team:<id>`, `facilitator:<name>` or `observer:<name>`.
    public var identity: String
    /// The team's display name, or the facilitator's or observer's name.
    public var name: String
    /// For a team connection: the team itself.
    public var team: TeamInfo?
    /// The feed this connection receives.
    public var feed: Feed
    /// The feed's last seq now; the replay that follows ends with it.
    public var feedSeq: Int
    /// The replay starts after this seq: the client's `lastSeq`, or 0 when that was beyond the feed.
    public var resumeFrom: Int
    public var scenario: ScenarioInfo
    public var clock: ClockStatus
    /// Every registered team (ids and names, to address messages).
    public var teams: [TeamInfo]
    /// The server program and version.
    public var server: String
    public var maxMessageBytes: Int

    public init(role: Role, identity: String, name: String, team: TeamInfo?, feed: Feed, feedSeq: Int, resumeFrom: Int,
                scenario: ScenarioInfo, clock: ClockStatus, teams: [TeamInfo], server: String, maxMessageBytes: Int = Wire.maxMessageBytes) {
        self.role = role
        self.identity = identity
        self.name = name
        self.team = team
        self.feed = feed
        self.feedSeq = feedSeq
        self.resumeFrom = resumeFrom
        self.scenario = scenario
        self.clock = clock
        self.teams = teams
        self.server = server
        self.maxMessageBytes = maxMessageBytes
    }
}

/// What teams are told of the scenario (nothing a team should not read).
public struct ScenarioInfo: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var summary: String
    public var language: String
    /// Planned exercise time, ms.
    public var duration: Millis
    public var scoreboard: ScoreboardVisibility

    public init(_ scenario: Scenario) {
        id = scenario.id
        title = scenario.title
        summary = scenario.summary
        language = scenario.language
        duration = scenario.duration
        scoreboard = scenario.scoreboard
    }

    /// The scenario as a team reading `reader` knows it: title and summary in its language, and
    /// `language` the one its injects come in.
    public init(_ scenario: Scenario, reader: String?) {
        self.init(scenario)
        let tag = scenario.contentLanguage(for: reader)
        guard let t = scenario.translations[tag] else { return }
        title = t.title ?? title
        summary = t.summary ?? summary
        language = tag
    }
}

public struct TeamInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var country: String
    /// For the white cell only.
    public var contact: String?
    /// The language the team reads scenario content in (BCP 47); nil: the scenario's own.
    public var language: String?

    public init(_ team: Team, withContact: Bool) {
        id = team.id
        name = team.name
        country = team.country
        contact = withContact && !team.contact.isEmpty ? team.contact : nil
        language = team.language
    }
}

/// Where the exercise clock stands. Between two of these a client may run the clock itself:
/// while `running`, exercise time advances `speed` ms per wall ms.
public struct ClockStatus: Sendable, Hashable, Codable {
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    public var speed: Double
    /// The server's wall clock (UTC ms) when it read the exercise time.
    public var wall: Millis

    public init(phase: ExerciseState.Phase, exerciseTime: Millis, speed: Double, wall: Millis) {
        self.phase = phase
        self.exerciseTime = exerciseTime
        self.speed = speed
        self.wall = wall
    }
}

/// The reply to a client message that was carried out.
public struct Done: Sendable, Hashable, Codable {
    /// For `submit`: the submission id.
    public var submission: String?
    /// For `submit`: true when that submission id was already recorded (the retry changed nothing).
    public var duplicate: Bool?

    public init(submission: String? = nil, duplicate: Bool? = nil) {
        self.submission = submission
        self.duplicate = duplicate
    }
}

public struct Standings: Sendable, Hashable, Codable {
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    /// In rank order.
    public var teams: [Row]

    public struct Row: Sendable, Hashable, Codable {
        public var rank: Int
        public var team: String
        public var name: String
        public var points: Double
        public var availablePoints: Double
        public var percentOfAvailable: Double?
        public var outcomes: OutcomeCounts

        public init(_ score: TeamScore) {
            rank = score.rank
            team = score.team
            name = score.name
            points = score.points
            availablePoints = score.availablePoints
            percentOfAvailable = score.percentOfAvailable
            outcomes = score.outcomes
        }
    }

    public init(_ scorecard: Scorecard) {
        phase = scorecard.phase
        exerciseTime = scorecard.exerciseTime
        teams = scorecard.teams.map(Row.init)
    }
}

/// The MSEL as it stands: every inject's status for every team it concerns.
public struct ExerciseStatus: Sendable, Hashable, Codable {
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    public var speed: Double
    public var injects: [InjectProgress]

    public struct InjectProgress: Sendable, Hashable, Codable {
        public var inject: String
        public var title: String
        public var held: Bool
        public var teams: [TeamInjectStatus]

        public init(inject: String, title: String, held: Bool, teams: [TeamInjectStatus]) {
            self.inject = inject
            self.title = title
            self.held = held
            self.teams = teams
        }
    }

    public struct TeamInjectStatus: Sendable, Hashable, Codable {
        public var team: String
        /// `released`, `scheduled`, `waiting`, `held`, `skipped` or `notAddressed`.
        public var status: String
        /// Released or scheduled at this exercise time.
        public var at: Millis?
        /// What it waits for, or why it is skipped.
        public var reason: String?
        /// When the team marked it read.
        public var readAt: Millis?

        public init(team: String, status: String, at: Millis?, reason: String?, readAt: Millis?) {
            self.team = team
            self.status = status
            self.at = at
            self.reason = reason
            self.readAt = readAt
        }
    }

    public init(phase: ExerciseState.Phase, exerciseTime: Millis, speed: Double, injects: [InjectProgress]) {
        self.phase = phase
        self.exerciseTime = exerciseTime
        self.speed = speed
        self.injects = injects
    }
}

public struct ScenarioSource: Sendable, Hashable, Codable {
    public var id: String
    /// SHA-256 of `source`, lowercase hex, as in the journal.
    public var digest: String
    /// The YAML text the exercise was created from.
    public var source: String

    public init(id: String, digest: String, source: String) {
        self.id = id
        self.digest = digest
        self.source = source
    }
}

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

/// An inject as its team reads it: no accepted answers, no white-cell notes.
public struct InjectDelivery: Sendable, Hashable, Codable {
    public var inject: String
    public var title: String
    public var channel: Channel
    public var from: String
    public var tlp: TLP?
    public var attack: [String]
    public var objectives: [String]
    public var body: String
    public var artifacts: [ArtifactInfo]
    /// Exercise time the inject reached the team.
    public var releasedAt: Millis
    public var tasks: [TaskBrief]
    /// The language of the texts (BCP 47); nil on a scenario with one language.
    public var language: String?
    /// The fields sent in the scenario's own language for want of a translation (`body`,
    /// `tasks.c1.prompt`…); nil when none.
    public var untranslated: [String]?

    public init(inject: String, title: String, channel: Channel, from: String, tlp: TLP?, attack: [String], objectives: [String],
                body: String, artifacts: [ArtifactInfo], releasedAt: Millis, tasks: [TaskBrief],
                language: String? = nil, untranslated: [String]? = nil) {
        self.language = language
        self.untranslated = untranslated
        self.inject = inject
        self.title = title
        self.channel = channel
        self.from = from
        self.tlp = tlp
        self.attack = attack
        self.objectives = objectives
        self.body = body
        self.artifacts = artifacts
        self.releasedAt = releasedAt
        self.tasks = tasks
    }
}

public struct ArtifactInfo: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    /// Bytes, SHA-256 (lowercase hex) and media type of the file, as recorded when the exercise
    /// was created (absent for exercises created before artifacts were recorded).
    public var size: Int64?
    public var sha256: String?
    public var mediaType: String?

    public init(name: String, description: String, size: Int64? = nil, sha256: String? = nil, mediaType: String? = nil) {
        self.name = name
        self.description = description
        self.size = size
        self.sha256 = sha256
        self.mediaType = mediaType
    }
}

/// A piece of an artifact file: `length` bytes from `offset`, base64 in `data`. `size` and
/// `sha256` are the whole file's, so a client knows when it has everything and can check it.
public struct ArtifactChunk: Sendable, Hashable, Codable {
    public var inject: String
    public var name: String
    public var mediaType: String
    /// The whole file's size in bytes.
    public var size: Int64
    /// The whole file's SHA-256, lowercase hex.
    public var sha256: String
    public var offset: Int64
    /// Bytes in this piece (0 at the end of the file).
    public var length: Int
    /// The bytes, base64 (RFC 4648, with padding).
    public var data: String

    public init(inject: String, name: String, mediaType: String, size: Int64, sha256: String, offset: Int64, bytes: some Sequence<UInt8>) {
        self.inject = inject
        self.name = name
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.offset = offset
        let raw = Data(bytes)
        length = raw.count
        data = raw.base64EncodedString()
    }

    /// The decoded bytes; nil when `data` is not base64 or does not hold `length` bytes.
    public var bytes: Data? {
        guard let raw = Data(base64Encoded: data), raw.count == length else { return nil }
        return raw
    }
}

/// A task as a team sees it: what to answer and how it is scored, never the answer.
public struct TaskBrief: Sendable, Hashable, Codable {
    public var task: TaskRef
    public var type: TaskType
    public var prompt: String
    public var points: Double
    /// Choice tasks: the options, and whether several may be chosen.
    public var options: [String]?
    public var multiple: Bool?
    /// Number tasks: the unit, if any.
    public var unit: String?
    /// Report tasks: the rubric the white cell grades against.
    public var rubric: [RubricLevel]?
    /// Coordination tasks: the teams to message.
    public var with: [String]?
    /// Hint costs in points, in order; a hint's text comes when it is taken.
    public var hintCosts: [Double]
    /// Wrong attempts allowed; nil for unlimited.
    public var attempts: Int?
    public var penalty: Double
    /// Full points until `dueAt`, decaying to `floor` × points at `closesAt`, nothing after.
    public var dueAt: Millis
    public var closesAt: Millis
    public var floor: Double

    public init(task: TaskRef, type: TaskType, prompt: String, points: Double, options: [String]?, multiple: Bool?, unit: String?,
                rubric: [RubricLevel]?, with: [String]?, hintCosts: [Double], attempts: Int?, penalty: Double, dueAt: Millis,
                closesAt: Millis, floor: Double) {
        self.task = task
        self.type = type
        self.prompt = prompt
        self.points = points
        self.options = options
        self.multiple = multiple
        self.unit = unit
        self.rubric = rubric
        self.with = with
        self.hintCosts = hintCosts
        self.attempts = attempts
        self.penalty = penalty
        self.dueAt = dueAt
        self.closesAt = closesAt
        self.floor = floor
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
