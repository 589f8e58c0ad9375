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
