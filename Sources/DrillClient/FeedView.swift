import DrillCore
import DrillWire

/// What a client knows, folded from what it received: the state a team or white-cell console
/// renders. Apply every `ClientEvent` in order; a `welcome` that starts the feed over
/// (`resumeFrom` 0 after earlier messages) resets it.
public struct FeedView: Sendable {
    public private(set) var welcome: Welcome?
    /// The last known clock (from `welcome`, `clock` and `phase`); see `exerciseTime(atWall:)`.
    public private(set) var clock: ClockStatus?
    public private(set) var connected = false
    /// Injects received, in arrival order (team feeds).
    public private(set) var injects: [InjectDelivery] = []
    /// Injects marked read (own for a team, `team:inject` pairs for the white cell).
    public private(set) var read: Set<String> = []
    /// The latest score of each task, from acknowledgements, grades and deadline changes (team feeds).
    public private(set) var scores: [TaskRef: TeamTaskView] = [:]
    /// Hints taken, by task.
    public private(set) var hints: [TaskRef: [HintNotice]] = [:]
    public private(set) var messages: [MessageNotice] = []
    /// RFI answers by RFI id.
    public private(set) var rfiAnswers: [String: RFIAnswerNotice] = [:]
    /// A team's own scoreboard, as last sent.
    public private(set) var scoreboard: TeamView?
    /// The standings, as last sent (white cell and observers).
    public private(set) var standings: Standings?
    /// White cell and observers: answers, releases, holds, notes, grades, as they came.
    public private(set) var answers: [AnswerNotice] = []
    public private(set) var releases: [ReleaseNotice] = []
    public private(set) var held: Set<String> = []
    public private(set) var notes: [NoteNotice] = []
    public private(set) var grades: [GradeNotice] = []
    /// Every registered team (from `welcome`, then `team` messages).
    public private(set) var teams: [TeamInfo] = []
    /// grade17: the hot wash's questions once it is open, and the answers sent (own, or every team's for the white cell).
    public private(set) var feedbackForm: FeedbackForm?
    public private(set) var feedbackAnswers: [FeedbackNotice] = []
    /// The last error the server sent, for a status line.
    public private(set) var lastError: WireError?

    public init() {}

    public var role: Role? { welcome?.role }
    public var phase: ExerciseState.Phase? { clock?.phase }

    /// Exercise time at a wall time (UTC ms), running the clock locally between server updates.
    public func exerciseTime(atWall wall: Millis) -> Millis? {
        guard let clock else { return nil }
        guard clock.phase == .running else { return clock.exerciseTime }
        return clock.exerciseTime + Millis((Double(max(0, wall - clock.wall)) * clock.speed).rounded(.down))
    }

    /// The inject with this id, if it reached the team.
    public func inject(_ id: String) -> InjectDelivery? { injects.first { $0.inject == id } }

    /// Injects not yet marked read.
    public var unread: [InjectDelivery] { injects.filter { !read.contains($0.inject) } }

    public mutating func apply(_ event: ClientEvent) {
        switch event {
        case .connected(let w):
            if w.resumeFrom == 0 { self = FeedView() }
            welcome = w
            clock = w.clock
            teams = w.teams
            connected = true
        case .disconnected, .stopped:
            connected = false
        case .message(let frame):
            apply(frame.message)
        case .connecting, .caughtUp:
            break
        }
    }

    public mutating func apply(_ message: ServerMessage) {
        switch message {
        case .clock(let c):
            clock = c
        case .phase(let p):
            clock = ClockStatus(phase: p.phase, exerciseTime: p.exerciseTime, speed: p.speed, wall: clock?.wall ?? 0)
        case .inject(let i):
            if inject(i.inject) == nil { injects.append(i) }
        case .read(let r):
            read.insert(welcome?.role == .team ? r.inject : "\(r.team):\(r.inject)")
        case .ack(let a):
            scores[a.task] = a.score
        case .answer(let a):
            answers.append(a)
        case .hint(let h):
            hints[h.task, default: []].append(h)
        case .graded(let g):
            if welcome?.role == .team, let score = g.score { scores[g.task] = score } else { grades.append(g) }
        case .deadline(let d):
            if let score = d.score { scores[d.task] = score }
        case .message(let m):
            messages.append(m)
        case .rfiAnswer(let r):
            rfiAnswers[r.rfi] = r
        case .note(let n):
            notes.append(n)
        case .released(let r):
            releases.append(r)
            held.remove(r.inject)
        case .held(let h):
            held.insert(h.inject)
        case .team(let t):
            if !teams.contains(where: { $0.id == t.id }) { teams.append(t) }
        case .scoreboard(let v):
            scoreboard = v
            for task in v.tasks { scores[task.task] = task }
        case .standings(let s):
            standings = s
        case .error(let e):
            lastError = e
        // grade17
        case .reopened(let r):
            if let score = r.score { scores[r.task] = score }
        case .feedbackForm(let f):
            feedbackForm = f
        case .feedbackAnswer(let a):
            feedbackAnswers.append(a)
        case .welcome, .ok, .pong, .scorecard, .status, .scenario, .presence, .artifact, .unknown:
            break
        // live17: the replica folds it (`whiteCellEvent`); nothing to keep here.
        case .composed:
            break
        }
    }
}
