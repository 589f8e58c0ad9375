import DrillCore

/// A message from a client, with the `ref` the client may attach to get it back in the reply.
public struct ClientFrame: Sendable, Hashable {
    /// Echoed in the `ok` or `error` that answers this message (at most 128 bytes).
    public var ref: String?
    public var message: ClientMessage

    public init(_ message: ClientMessage, ref: String? = nil) {
        self.ref = ref
        self.message = message
    }
}

/// Everything a client may ask. Which ones a connection may send depends on its role: teams the
/// team messages, facilitators the white-cell ones, observers only `ping` and `scores`.
public enum ClientMessage: Sendable, Hashable {
    /// The first message on every connection.
    case hello(Hello)
    /// Answered by `pong`; keeps idle links open through proxies.
    case ping
    /// Asks for the scores this identity may see now (`scoreboard`, `standings` or `scorecard`).
    case scores
    /// White cell and observers: where every inject stands for every team (`status`).
    case status
    /// White cell: the scenario's source text (`scenario`), to show the MSEL with its notes.
    case scenario
    /// A piece of an artifact file (`artifact`): teams once its inject reached them, the white
    /// cell any; observers none.
    case artifact(ArtifactRequest)

    // Team.
    case read(inject: String)
    case submit(Submission)
    /// `hint` is the 0-based index into the task's hints.
    case hint(task: TaskRef, hint: Int)
    /// To `team:<id>` or `whitecell`; an RFI (`kind: rfi`) goes to the white cell.
    case send(to: Party, kind: Message.Kind, text: String)

    // White cell.
    case start
    case pause
    case resume
    case end
    case speed(Double)
    /// To the given teams, or (nil) to every team still waiting for it.
    case release(inject: String, teams: [String]?)
    case hold(inject: String)
    /// For one team or (nil) all; `by` in milliseconds of exercise time.
    case extend(task: TaskRef, team: String?, by: Millis)
    case grade(team: String, task: TaskRef, score: Double, comment: String)
    case note(Note)
    case answerRFI(rfi: String, text: String)
    /// To one team or (nil) all.
    case broadcast(text: String, team: String?)
    // live17
    /// A live inject (`inject`: title, channel, from, teams, tlp, body, tasks, at), released now or
    /// at its `at`.
    case compose(LiveInject)
    // grade17
    /// A team's outcome on any task from an answer given by phone, video call or in person.
    case outcome(team: String, task: TaskRef, score: Double, via: GradeChannel, comment: String)
    /// Open a task again for one team; `window` in milliseconds of exercise time until due.
    case reopen(team: String, task: TaskRef, window: Millis, reason: String)
    /// White cell: open the hot wash before the end.
    case openFeedback
    /// Team: one member's hot-wash answers, by question id.
    case feedback(member: String, answers: [String: String])

    /// `hello`: who is connecting and where its feed left off.
    public struct Hello: Sendable, Hashable, Codable {
        public var token: String
        /// The last `seq` this client received on its feed; 0 for a first connection.
        public var lastSeq: Int
        /// Free text naming the client program, for the server's log.
        public var client: String?
        /// With a white cell's token: view this team's feed read-only, exactly as the team gets it.
        public var asTeam: String?

        public init(token: String, lastSeq: Int = 0, client: String? = nil, asTeam: String? = nil) {
            self.token = token
            self.lastSeq = lastSeq
            self.client = client
            self.asTeam = asTeam
        }
    }

    /// `submit`: an answer to a task, under an id the client chose once for it.
    public struct Submission: Sendable, Hashable, Codable {
        /// 1 to 128 bytes, unique per answer; sending it again is recorded once.
        public var submission: String
        public var task: TaskRef
        /// One value for text, number, single choice and report; several for multiple choice and
        /// indicator lists (an indicator value may also hold several items separated by commas).
        public var values: [String]

        public init(submission: String, task: TaskRef, values: [String]) {
            self.submission = submission
            self.task = task
            self.values = values
        }
    }

    /// `artifact`: up to `length` bytes of an inject's artifact from `offset`.
    public struct ArtifactRequest: Sendable, Hashable, Codable {
        public var inject: String
        /// The artifact's name, as the inject lists it.
        public var name: String
        /// The first byte wanted (0: from the start).
        public var offset: Int64
        /// How many bytes; nil: as many as one reply carries (`Wire.maxArtifactChunkBytes`).
        public var length: Int?

        public init(inject: String, name: String, offset: Int64 = 0, length: Int? = nil) {
            self.inject = inject
            self.name = name
            self.offset = offset
            self.length = length
        }
    }

    /// The `type` of the message on the wire.
    public var type: String {
        switch self {
        case .hello: "hello"
        case .ping: "ping"
        case .scores: "scores"
        case .status: "status"
        case .scenario: "scenario"
        case .artifact: "artifact"
        case .read: "read"
        case .submit: "submit"
        case .hint: "hint"
        case .send: "send"
        case .start: "start"
        case .pause: "pause"
        case .resume: "resume"
        case .end: "end"
        case .speed: "speed"
        case .release: "release"
        case .hold: "hold"
        case .extend: "extend"
        case .grade: "grade"
        case .note: "note"
        case .answerRFI: "answerRFI"
        case .broadcast: "broadcast"
        // live17
        case .compose: "compose"
        // grade17
        case .outcome: "outcome"
        case .reopen: "reopen"
        case .openFeedback: "openFeedback"
        case .feedback: "feedback"
        }
    }

    /// Every type a client may send.
    public static let types: Set<String> = [
        "hello", "ping", "scores", "status", "scenario", "artifact", "read", "submit", "hint", "send", "start", "pause", "resume", "end", "speed",
        "release", "hold", "extend", "grade", "note", "answerRFI", "broadcast",
        // live17
        "compose",
        // grade17
        "outcome", "reopen", "openFeedback", "feedback",
    ]

    /// The engine command this message asks for; nil for messages the server answers itself.
    public var command: Command? {
        switch self {
        case .hello, .ping, .scores, .status, .scenario, .artifact: nil
        case .read(let inject): .markRead(inject: inject)
        case .submit(let s): .submit(task: s.task, submission: s.submission, values: s.values)
        case .hint(let task, let hint): .takeHint(task: task, hint: hint)
        case .send(let to, let kind, let text): .sendMessage(to: to, kind: kind, text: text)
        case .start: .start
        case .pause: .pause
        case .resume: .resume
        case .end: .end
        case .speed(let speed): .setSpeed(speed)
        case .release(let inject, let teams): .releaseNow(inject: inject, teams: teams)
        case .hold(let inject): .hold(inject: inject)
        case .extend(let task, let team, let by): .extendDeadline(task: task, team: team, by: by)
        case .grade(let team, let task, let score, let comment): .grade(team: team, task: task, score: score, comment: comment)
        case .note(let note): .addNote(note)
        case .answerRFI(let rfi, let text): .answerRFI(rfi: rfi, text: text)
        case .broadcast(let text, let team): .broadcast(text: text, team: team)
        // live17
        case .compose(let live): .compose(live)
        // grade17
        case .outcome(let team, let task, let score, let via, let comment): .recordOutcome(team: team, task: task, score: score, via: via, comment: comment)
        case .reopen(let team, let task, let window, let reason): .reopen(team: team, task: task, window: window, reason: reason)
        case .openFeedback: .openFeedback
        case .feedback(let member, let answers): .answerFeedback(member: member, answers: answers)
        }
    }
}
