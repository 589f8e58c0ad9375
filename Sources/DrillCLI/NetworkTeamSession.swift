import DrillClient
import DrillText
import DrillCore
import DrillHost
import DrillTUI
import DrillWire
import Foundation

/// `join` on a terminal with a team's token: the team console over the network.
///
/// Every `ClientEvent` is folded into a `FeedView` and, through `TeamConsoleFeed`, becomes the
/// console's model (also once a second, for the clock). The console's requests go to the client:
/// answers are queued there under the console's submission ids (sent once connected and running),
/// the rest are requests whose replies come back to the console as `run` reports them locally.
enum NetworkTeamSession {
    /// Runs the console until the team quits (or the client stops for good). `early` are the
    /// events received before the team's welcome, that one included; `rest` the ones still to come.
    /// `shownURL` is the server's address as the team knows it, for the download commands, when
    /// the client itself connects elsewhere (an SSH session joins over loopback).
    static func run(_ client: ExerciseClient, early: [ClientEvent], rest: inout AsyncStream<ClientEvent>.Iterator,
                    terminal: ConsoleTerminal, shownURL: String? = nil,
                    language: Language = .en, bidi: BidiMode = .program, readOnly: Bool = false) async throws -> String? {
        let runner: TerminalRunner<NetworkTeam.Message> = terminal.runner()
        let wall = SystemClock()
        var program = NetworkTeam(client: client, wall: wall, runner: runner, remote: terminal.isRemote)
        if let shownURL { program.adapter.server = ArtifactNotice.Server(webSocket: shownURL) }
        program.language = language
        program.adapter.texts = Texts(language)
        program.bidi = bidi
        program.readOnly = readOnly
        for event in early { program.apply(event, pending: []) }
        program.apply(pending: await client.pendingAnswers)
        return try await NetworkConsole.run(program, on: runner, client: client, rest: &rest, terminal: terminal, end: .stopped) { event in
            runner.post(.event(event, pending: await client.pendingAnswers))
        }
    }
}

/// The team console as a terminal program fed by a network client.
struct NetworkTeam: TerminalProgram {
    /// "Terminal too small" in the team console's language (`--lang`).
    var tooSmallLanguage: Language { language }
    enum Message: Sendable {
        case event(ClientEvent, pending: [ClientMessage.Submission])
        case pending([ClientMessage.Submission])
        case finished(Command, CommandResult)
        /// An artifact fetched for the viewer: its text, or nil when it cannot be shown as text.
        case artifact(TeamConsoleFeed.ArtifactKey, text: String?)
        /// The client stopped for good: the program ends.
        case stopped
    }

    let client: ExerciseClient
    let wall: any WallClock
    let runner: TerminalRunner<Message>
    var feed = FeedView()
    var adapter = TeamConsoleFeed()
    var pending: [ClientMessage.Submission] = []
    var console: TeamConsole?
    /// A white cell's read-only view of the team (`join --as-team`): shown instead of `console`.
    var readOnly = false
    var viewer: TeamConsoleViewer?
    /// The console's language and right-to-left handling (`--lang`, `--bidi`).
    var language: Language = .en
    var bidi: BidiMode = .program
    /// Answers sent, by submission id, to report their refusal.
    var submitted: [String: Command] = [:]
    private var shownSecond: Millis = -1
    /// Run by `serve --ssh` for someone far away, rather than by `join`.
    let remote: Bool

    init(client: ExerciseClient, wall: any WallClock, runner: TerminalRunner<Message>, remote: Bool = false) {
        self.client = client
        self.wall = wall
        self.runner = runner
        adapter.server = ArtifactNotice.Server(webSocket: client.url)
        self.remote = remote
    }

    mutating func apply(_ event: ClientEvent, pending: [ClientMessage.Submission]?) {
        feed.apply(event)
        adapter.observe(event)
        if let pending { self.pending = pending }
        refresh()
        guard case .message(let frame) = event else { return }
        switch frame.message {
        case .inject(let inject):
            fetchTexts(adapter.artifactsToFetch(inject))
            refresh()
        case .ack(let ack):
            if let command = submitted.removeValue(forKey: ack.submission) { console?.finished(command, .done) }
        case .error(let error):
            if let id = error.submission, let command = submitted[id] {
                if error.code != CommandError.Code.notRunning.rawValue && error.code != CommandError.Code.notStarted.rawValue {
                    submitted[id] = nil
                }
                console?.finished(command, CommandResult(error))
            }
        default:
            break
        }
    }

    /// Fetches text artifacts for the viewer, one after another, each to a message.
    private func fetchTexts(_ keys: [TeamConsoleFeed.ArtifactKey]) {
        guard !keys.isEmpty else { return }
        let client = self.client, runner = self.runner
        Task {
            for key in keys {
                var text: String?
                for attempt in 1...5 {
                    do {
                        text = try await client.fetchArtifact(inject: key.inject, name: key.name, limit: TeamConsoleFeed.textLimit).text
                        break
                    } catch ClientError.notConnected, ClientError.disconnected, ClientError.timedOut {
                        // Reconnecting: try again shortly.
                        try? await Task.sleep(for: .seconds(attempt))
                    } catch {
                        break
                    }
                }
                runner.post(.artifact(key, text: text))
            }
        }
    }

    mutating func apply(pending: [ClientMessage.Submission]) {
        self.pending = pending
        refresh()
    }

    /// Rebuilds the console's model from the feed.
    private mutating func refresh() {
        shownSecond = wall.now() / 1000
        guard let model = adapter.model(feed, wall: wall.now(), pending: pending) else { return }
        if readOnly {
            if viewer == nil { viewer = TeamConsoleViewer(model: model, language: language, bidi: bidi) } else { viewer?.update(model) }
            return
        }
        if console == nil {
            let session = String(wall.now(), radix: 36)
            console = TeamConsole(model: model, submissionPrefix: "\(model.team.id)/\(session)",
                                  quitMessage: Texts(language)(remote ? .quitTeamRemote : .quitTeamJoin),
                                  language: language)
            console?.bidi = bidi
        } else {
            console?.update(model)
        }
    }

    // MARK: - TerminalProgram

    mutating func update(_ event: TerminalEvent<Message>) -> Bool {
        switch event {
        case .key(let key) where readOnly:
            if viewer?.handle(key) == false || (viewer == nil && key == .ctrl("c")) { return false }
        case .key(let key):
            guard console != nil else { return key != .ctrl("c") }
            for request in console!.handle(key) {
                switch request {
                case .quit: return false
                case .nextConsole, .viewAsTeam: break
                case .command(let command): send(command)
                }
            }
        case .message(.event(let event, let pending)):
            apply(event, pending: pending)
        case .message(.pending(let pending)):
            apply(pending: pending)
        case .message(.finished(let command, let result)):
            console?.finished(command, result)
        case .message(.artifact(let key, let text)):
            adapter.fetched(key, text: text, feed)
            refresh()
        case .message(.stopped):
            return false
        case .tick:
            if wall.now() / 1000 != shownSecond { refresh() }
        case .resized:
            break
        case .inputEnded:
            return false
        }
        return true
    }

    mutating func layout(_ size: Size) {
        if readOnly { viewer?.layout(size) } else { console?.layout(size) }
    }

    func render(_ size: Size) -> Screen {
        if let viewer { return viewer.render(size) }
        if let console { return console.render(size) }
        var screen = Screen(size: size)
        _ = screen.put("connecting…", x: 1, y: 1)
        return screen
    }

    /// Carries a console's command to the client; the outcome comes back as a message.
    private mutating func send(_ command: Command) {
        let client = self.client, runner = self.runner
        switch command {
        case .submit(let task, let submission, let values):
            submitted[submission] = command
            Task {
                await client.submit(ClientMessage.Submission(submission: submission, task: task, values: values))
                runner.post(.pending(await client.pendingAnswers))
            }
            return
        default:
            break
        }
        guard command.isTeamCommand else {
            console?.finished(command, .refused(.forbidden, "not a team's command"))
            return
        }
        Task { runner.post(.finished(command, await client.carryOut(command))) }
    }
}
