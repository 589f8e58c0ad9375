import DrillCore

/// Everything a team console shows, as plain data: what the team has received, the forms of its
/// tasks, its scores as `TeamView` lets it see them, its messages, the clock and the connection.
///
/// The console never looks further than this value, so anything that can fill it can drive a team
/// console: `run` builds it from the local exercise state (`init(state:team:now:)`), and a network
/// client can build it from the messages of the server. It holds nothing a team may not see: no
/// accepted answers, no other team's work, no facilitator notes, hint texts only once taken.
public struct TeamConsoleModel: Sendable, Hashable {
    public var team: TeamInfo
    public var scenarioTitle: String
    public var exerciseTime: Millis
    public var duration: Millis
    public var phase: ExerciseState.Phase
    public var speed: Double
    public var connection: Connection
    /// Released injects, in the order they reached the team.
    public var inbox: [InboxItem]
    /// Messages to or from the team and broadcasts, oldest first.
    public var messages: [MessageItem]
    /// Every team of the exercise (for names and the recipient pickers).
    public var teams: [TeamInfo]
    /// The team's scores as the scenario's `scoreboard:` lets it see them.
    public var score: TeamView?
    /// Answers sent but not yet recorded (offline, or the exercise paused), oldest first.
    public var queued: [QueuedAnswer]
    /// The hot wash once it is open to the team (see `HotWash`); nil while it is not.
    public var hotWash: HotWash? = nil

    public init(team: TeamInfo, scenarioTitle: String, exerciseTime: Millis = 0, duration: Millis = 0,
                phase: ExerciseState.Phase = .notStarted, speed: Double = 1, connection: Connection = .local,
                inbox: [InboxItem] = [], messages: [MessageItem] = [], teams: [TeamInfo] = [], score: TeamView? = nil,
                queued: [QueuedAnswer] = []) {
        self.team = team
        self.scenarioTitle = scenarioTitle
        self.exerciseTime = exerciseTime
        self.duration = duration
        self.phase = phase
        self.speed = speed
        self.connection = connection
        self.inbox = inbox
        self.messages = messages
        self.teams = teams
        self.score = score
        self.queued = queued
    }

    public struct TeamInfo: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// How the console reaches the exercise.
    public enum Connection: Sendable, Hashable {
        /// In the same process (`run`): always there.
        case local
        case connected
        /// Trying to reach the server again; answers are queued meanwhile.
        case reconnecting(attempt: Int)
        case offline(reason: String)
    }

    /// One released inject as the team sees it.
    public struct InboxItem: Sendable, Hashable {
        public var id: String
        public var title: String
        public var channel: Channel
        public var from: String
        public var tlp: TLP?
        public var releasedAt: Millis
        public var readAt: Millis?
        public var body: String
        public var artifacts: [ArtifactItem]
        public var tasks: [TaskItem]
        /// Whether some of its texts are in the scenario's own language, for want of a
        /// translation into the team's.
        public var untranslated: Bool

        public init(id: String, title: String, channel: Channel, from: String, tlp: TLP?, releasedAt: Millis, readAt: Millis?,
                    body: String, artifacts: [ArtifactItem], tasks: [TaskItem], untranslated: Bool = false) {
            self.untranslated = untranslated
            self.id = id
            self.title = title
            self.channel = channel
            self.from = from
            self.tlp = tlp
            self.releasedAt = releasedAt
            self.readAt = readAt
            self.body = body
            self.artifacts = artifacts
            self.tasks = tasks
        }

        public var isRead: Bool { readAt != nil }
    }

    /// A file handed out with an inject; `text` when the console can show it.
    public struct ArtifactItem: Sendable, Hashable {
        public var name: String
        public var description: String
        public var text: String?
        public init(name: String, description: String, text: String?) {
            self.name = name
            self.description = description
            self.text = text
        }
    }

    /// What kind of answer a task takes, without the answer.
    public enum TaskInput: Sendable, Hashable {
        case text
        case number(unit: String)
        case choice(options: [String], multiple: Bool)
        /// One item per line.
        case indicators
        /// Free text graded by the white cell.
        case report
        /// Met by messaging these teams.
        case coordination(with: [String])
    }

    /// A hint: its cost, and its text once taken.
    public struct HintItem: Sendable, Hashable {
        public var cost: Double
        public var text: String?
        public init(cost: Double, text: String?) {
            self.cost = cost
            self.text = text
        }
    }

    public struct TaskItem: Sendable, Hashable {
        public var ref: TaskRef
        public var prompt: String
        public var input: TaskInput
        public var points: Double
        /// Wrong attempts allowed; nil is unlimited.
        public var attempts: Int?
        public var penalty: Double
        public var hints: [HintItem]
        /// The answers the team sent (latest last), as the team typed them.
        public var answers: [[String]]
        /// The score as the team may see it (nil before the team view has it).
        public var score: TeamTaskView?
        /// The answer window as announced with the inject; the score's own times win once known.
        public var dueAt: Millis?
        public var closesAt: Millis?

        public init(ref: TaskRef, prompt: String, input: TaskInput, points: Double, attempts: Int?, penalty: Double,
                    hints: [HintItem], answers: [[String]], score: TeamTaskView?, dueAt: Millis? = nil, closesAt: Millis? = nil) {
            self.ref = ref
            self.prompt = prompt
            self.input = input
            self.points = points
            self.attempts = attempts
            self.penalty = penalty
            self.hints = hints
            self.answers = answers
            self.score = score
            self.dueAt = dueAt
            self.closesAt = closesAt
        }

        public var isClosed: Bool { score?.isFinal == true }
    }

    public struct MessageItem: Sendable, Hashable {
        public var id: String
        public var time: Millis
        public var from: Party
        public var to: Party
        public var kind: Message.Kind
        public var text: String
        /// The white cell's answer to an RFI, once given.
        public var answer: String?
        public init(id: String, time: Millis, from: Party, to: Party, kind: Message.Kind, text: String, answer: String?) {
            self.id = id
            self.time = time
            self.from = from
            self.to = to
            self.kind = kind
            self.text = text
            self.answer = answer
        }
    }

    public struct QueuedAnswer: Sendable, Hashable {
        public var task: TaskRef
        public var submission: String
        public var values: [String]
        /// Why it waits ("offline", "the exercise is paused").
        public var reason: String
        public init(task: TaskRef, submission: String, values: [String], reason: String) {
            self.task = task
            self.submission = submission
            self.values = values
            self.reason = reason
        }
    }

    public var unreadCount: Int { inbox.count { !$0.isRead } }

    public func name(of party: Party) -> String {
        switch party {
        case .team(let id) where id == team.id: "you"
        case .team(let id): teams.first { $0.id == id }?.name ?? id
        case .whiteCell: "white cell"
        case .all: "all teams"
        }
    }

    public func inject(_ id: String) -> InboxItem? { inbox.first { $0.id == id } }
}
