import DrillCore
import DrillHost
import DrillJournal
import DrillText
import DrillTUI

/// An exercise on one terminal: the white cell's console and, in hot seat (`run`), one team
/// console per team. F2 cycles white cell → team 1 → …
///
/// The program keeps copies of the exercise's state and clock, posted after every change, and
/// rebuilds the visible console's view from them (and once per second of exercise time for the
/// clocks). Commands go out through `CommandOutbox`, in order. The state comes from the
/// `ExerciseHost` in this process (`run`, `demo`, `serve`) or is folded from the white cell's
/// feed (`join` with a facilitator's token, see `NetworkWhiteCellSession`).
struct LocalExercise: TerminalProgram {
    /// "Terminal too small" in the white cell's language (`--lang`).
    var tooSmallLanguage: Language { facilitator.language }
    enum Message: Sendable {
        /// The exercise changed (or the program just started).
        case changed(ExerciseState, ExerciseClock)
        /// A command a console asked for ended.
        case finished(console: Int, Command, CommandResult)
        /// Something to tell the white cell (the demo ended, the journal failed).
        case notice(StatusMessage)
        /// The link to the server changed (`join`).
        case connection(TeamConsoleModel.Connection)
        /// Who is connected to the server (`serve`, `join`), by team id.
        case presence([String: TeamPresence])
        /// The program ends (the client stopped for good).
        case stop
    }

    let outbox: CommandOutbox
    let wall: any WallClock
    let artifacts: ArtifactTexts
    let whiteCell: Actor
    var state: ExerciseState
    var clock: ExerciseClock
    var facilitator: WhiteCellConsole
    var teams: [TeamConsole]
    /// 0: the white cell; k: team k.
    var active = 0
    /// A team's console the white cell opened read-only (`v`), shown over the white cell's.
    var viewing: TeamConsoleViewer?
    private var shownSecond: Millis = -1
    /// The exercise changed since the view was last rebuilt; views are rebuilt at most ten times
    /// a second (a big exercise's snapshot takes tens of milliseconds).
    private var dirty = false
    private var lastRefresh: Millis = 0
    /// Per team: answers refused because the exercise was paused, sent again when it runs.
    private(set) var queued: [String: [TeamConsoleModel.QueuedAnswer]] = [:]

    init(state: ExerciseState, clock: ExerciseClock, outbox: CommandOutbox, wall: any WallClock, artifacts: ArtifactTexts,
         whiteCell: Actor, hotSeat: Bool, quitMessage: String, session: [(String, String)] = [],
         language: Language = .en, bidi: BidiMode = .program) {
        self.state = state
        self.clock = clock
        self.outbox = outbox
        self.wall = wall
        self.artifacts = artifacts
        self.whiteCell = whiteCell
        let now = Self.now(state, clock, wall)
        facilitator = WhiteCellConsole(snapshot: WhiteCellSnapshot(state: state, now: now, texts: Texts(language)), switchesConsoles: hotSeat,
                                         quitMessage: quitMessage)
        facilitator.session = session
        facilitator.language = language
        facilitator.bidi = bidi
        let session = String(wall.now(), radix: 36)
        teams = hotSeat ? state.teamOrder.compactMap { id in
            TeamConsoleModel(state: state, team: id, now: now).map {
                var console = TeamConsole(model: $0, submissionPrefix: "\(id)/\(session)", switchesConsoles: true, quitMessage: quitMessage,
                                          language: language)
                console.bidi = bidi
                return console
            }
        } : []
    }

    mutating func setQuitMessageWhenEnded(_ message: String?) {
        facilitator.quitMessageWhenEnded = message
        for k in teams.indices { teams[k].quitMessageWhenEnded = message }
    }

    static func now(_ state: ExerciseState, _ clock: ExerciseClock, _ wall: any WallClock) -> Millis {
        max(state.exerciseTime, clock.exerciseTime(atWall: wall.now()))
    }

    // MARK: - Update

    mutating func update(_ event: TerminalEvent<Message>) -> Bool {
        switch event {
        case .key(let key) where viewing != nil:
            if viewing?.handle(key) == false {
                viewing = nil
                refresh(force: true)
            }
        case .key(let key):
            let requests: [ConsoleRequest]
            if active == 0 { requests = facilitator.handle(key) } else { requests = teams[active - 1].handle(key) }
            for request in requests {
                switch request {
                case .quit: return false
                case .nextConsole:
                    active = (active + 1) % (teams.count + 1)
                    refresh(force: true)
                case .command(let command):
                    send(command, from: active)
                case .viewAsTeam(let id):
                    view(as: id)
                }
            }
        case .message(.changed(let state, let clock)):
            let resumed = state.phase == .running && self.state.phase != .running
            self.state = state
            self.clock = clock
            if wall.now() - lastRefresh >= 100 { refresh(force: true) } else { dirty = true }
            if resumed { resendQueued() }
        case .message(.finished(let console, let command, let result)):
            finished(console, command, result)
        case .message(.notice(let message)):
            facilitator.show(message)
        case .message(.connection(let connection)):
            facilitator.connection = connection
        case .message(.presence(let presence)):
            facilitator.presence = presence
        case .message(.stop):
            return false
        case .tick:
            refresh(force: dirty)
        case .resized:
            break
        case .inputEnded:
            return false
        }
        return true
    }

    mutating func layout(_ size: Size) {
        if viewing != nil { viewing?.layout(size); return }
        if active == 0 { facilitator.layout(size) } else { teams[active - 1].layout(size) }
    }

    func render(_ size: Size) -> Screen {
        var screen = viewing?.render(size) ?? (active == 0 ? facilitator.render(size) : teams[active - 1].render(size))
        // One count for every console, so that switching consoles rings no bell of its own.
        screen.bells = teams.reduce(0) { $0 + $1.bells }
        return screen
    }

    // MARK: - Commands

    private func actor(of console: Int) -> Actor {
        console == 0 ? whiteCell : .team(teams[console - 1].model.team.id)
    }

    private func send(_ command: Command, from console: Int) {
        outbox.send(command, by: actor(of: console), console: console)
    }

    private mutating func finished(_ console: Int, _ command: Command, _ result: CommandResult) {
        if console == 0 {
            facilitator.finished(command, result)
            return
        }
        guard teams.indices.contains(console - 1) else { return }
        let team = teams[console - 1].model.team.id
        if case .submit(let task, let submission, let values) = command {
            switch result {
            case .refused(.notRunning, _):
                if !(queued[team]?.contains { $0.submission == submission } ?? false) {
                    queued[team, default: []].append(TeamConsoleModel.QueuedAnswer(task: task, submission: submission, values: values,
                                                                                   reason: facilitator.texts(.queueWhenResumes)))
                }
            default:
                queued[team]?.removeAll { $0.submission == submission }
            }
        }
        teams[console - 1].finished(command, result)
        if console == active { refresh(force: true) }
    }

    private mutating func resendQueued() {
        for (k, console) in teams.enumerated() {
            for answer in queued[console.model.team.id] ?? [] {
                send(.submit(task: answer.task, submission: answer.submission, values: answer.values), from: k + 1)
            }
        }
    }

    // MARK: - Views

    /// Rebuilds the visible console's view when the exercise changed or a second of its time passed.
    private mutating func refresh(force: Bool) {
        let now = Self.now(state, clock, wall)
        let second = now / 1000
        guard force || second != shownSecond else { return }
        shownSecond = second
        dirty = false
        lastRefresh = wall.now()
        if let team = viewing?.team {
            if let model = teamModel(team, now: now) { viewing?.update(model) }
        } else if active == 0 {
            facilitator.snapshot = WhiteCellSnapshot(state: state, now: now, texts: facilitator.texts)
        } else {
            let k = active - 1
            let id = teams[k].model.team.id
            let artifacts = self.artifacts
            if let model = TeamConsoleModel(state: state, team: id, now: now, queued: queued[id] ?? [],
                                            artifactText: { artifacts.text(inject: $0.id, artifact: $1.name) }) {
                teams[k].update(model)
            }
        }
    }
}
