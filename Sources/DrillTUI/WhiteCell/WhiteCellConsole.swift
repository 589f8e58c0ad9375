import DrillCore
import DrillText

/// The white cell's console: the exercise at a glance, with the controls to run it.
///
/// A value: `snapshot` is what the exercise looks like (set it again whenever the exercise
/// changes or time passes), the rest is what the facilitator is doing on screen. `handle(_:)` turns
/// a key into requests (commands for the exercise, console switches, quitting) that whoever runs
/// the console carries out, reporting back with `finished(_:_:)`. `render(_:)` draws it.
public struct WhiteCellConsole: Sendable {
    public enum Tab: Int, Sendable, CaseIterable {
        case overview, grading, messages, notes

        func label(_ t: Texts) -> String {
            switch self {
            case .overview: t(.wcTabOverview)
            case .grading: t(.wcTabGrading)
            case .messages: t(.wcTabMessages)
            case .notes: t(.wcTabNotes)
            }
        }
    }

    /// A change to the exercise waiting for the facilitator's confirmation.
    enum Pending: Sendable, Hashable {
        case start
        case end
        case quit
        case release(inject: String, team: String?)
        case hold(inject: String)
        case extend(inject: String, team: String?)
        case broadcast(text: String, team: String?)
        /// A new grade for an answer that has one already.
        case regrade(team: String, task: TaskRef, score: Double, comment: String)
    }

    /// An answer in the grading list, by identity: the list re-sorts when a grade lands.
    struct GradingKey: Sendable, Hashable {
        var team: String
        var task: TaskRef
    }

    /// What a text prompt is for; drafts are kept per purpose until sent.
    enum PromptPurpose: Sendable, Hashable {
        case broadcast
        case message(team: String)
        case answerRFI(id: String)
    }

    enum Overlay: Sendable {
        case help(HelpOverlay)
        case confirm(Dialog, [Pending])
        case prompt(PromptPurpose)
        case noteForm
        case cell(team: Int, inject: Int, offset: Int)
        case inject(Int, offset: Int)
        // live17
        case liveForm
        // grade17
        case gradeForm
    }

    /// What the console shows; its words are put into the console's language when they differ.
    public var snapshot: WhiteCellSnapshot {
        didSet { if snapshot.wordsLanguage != texts.language { snapshot.localize(texts) } }
    }
    public internal(set) var tab: Tab = .overview
    /// Whether F2 shows other consoles (hot-seat `run`), for the key bar and help.
    public var switchesConsoles: Bool
    /// Said in the quit dialog (e.g. how to resume from the journal).
    public var quitMessage: String
    /// Said instead once the exercise has ended (nothing is left to resume); nil: `quitMessage`.
    public var quitMessageWhenEnded: String?
    /// The link to the server of a console fed over the network (`join`); `.local` otherwise.
    public var connection: TeamConsoleModel.Connection = .local
    /// Which teams are connected, by team id, for a served exercise (`serve`, `join`); nil when
    /// the teams are not on a network (`run`, `demo`).
    public var presence: [String: TeamPresence]?
    /// What the facilitator may need again about this session (`serve`: its address, the token
    /// and log files), shown first in the help.
    public var session: [(String, String)] = []
    /// How much the `x` key extends an answer window.
    public var extensionStep: Millis = 5 * 60_000
    /// The console's words (`--lang`), and how right-to-left text reaches the terminal.
    public var texts: Texts = .english {
        didSet { snapshot.localize(texts) }
    }
    public var bidi: BidiMode = .program
    /// The console's language; Arabic lays the console out right to left (unless `bidi` is `.terminal`).
    public var language: Language {
        get { texts.language }
        set { texts = Texts(newValue) }
    }
    /// Whether the key bar names letter keys (Latin layouts) or the function keys that do the same.
    var latinKeys: Bool { [.en, .fr, .es].contains(texts.language) }

    // The matrix cursor: a team (row) and an inject (column), shared with the MSEL and scoreboard.
    var row = 0
    var column = 0
    var matrixTop = 0
    var matrixLeft = 0
    var msel = ListState(selected: nil)
    var grading = ListState()
    /// The answer the grading cursor is on: the list re-sorts after a grade, the cursor follows
    /// this answer rather than a position.
    var gradingFocus: GradingKey?
    var gradingAnswerOffset = 0
    var messages = ListState(selected: nil)
    var notes = ListState(selected: nil)
    var overlay: Overlay?
    var drafts: [PromptPurpose: LineEditor] = [:]
    /// The note being written (kept as a draft when the form is closed, until it is saved).
    var noteDraft: NoteForm?
    // live17
    /// The live inject being composed (kept as a draft when the form is closed, until it is sent).
    var liveDraft: LiveInjectForm?
    /// The grade or reopening being written for a team × inject (grade17).
    var gradeDraft: GradeForm?
    public internal(set) var status: StatusMessage?
    /// The language the white cell reads an inject in (L in the inject view cycles through the
    /// scenario's `languages`); nil: the scenario's own.
    public internal(set) var readingLanguage: String?

    public static let speeds: [Double] = [0.5, 1, 2, 5, 10, 20, 30, 60]

    public init(snapshot: WhiteCellSnapshot, switchesConsoles: Bool = false, quitMessage: String = "") {
        self.snapshot = snapshot
        self.switchesConsoles = switchesConsoles
        self.quitMessage = quitMessage
        // Start on the next inject due, where the facilitator's attention goes first.
        if let next = snapshot.msel.first(where: { if case .released = $0.progress { false } else { true } }),
           let position = snapshot.injects.firstIndex(where: { $0.id == next.inject }) {
            column = position
        }
    }

    /// Shows a message in place of the key bar until the next key.
    public mutating func show(_ message: StatusMessage) { status = message }

    // MARK: - Selection

    var selectedTeam: WhiteCellSnapshot.TeamColumn? {
        snapshot.teams.indices.contains(row) ? snapshot.teams[row] : nil
    }

    var selectedInject: WhiteCellSnapshot.InjectColumn? {
        snapshot.injects.indices.contains(column) ? snapshot.injects[column] : nil
    }

    /// Keeps the cursor inside the matrix after the snapshot changed shape.
    mutating func clampCursor() {
        row = min(max(0, row), max(0, snapshot.teams.count - 1))
        column = min(max(0, column), max(0, snapshot.injects.count - 1))
        followGradingFocus()
    }

    /// Puts the grading cursor back on the answer it was on, wherever the list now has it.
    mutating func followGradingFocus() {
        let items = snapshot.grading
        if let focus = gradingFocus, let i = items.firstIndex(where: { $0.team == focus.team && $0.task == focus.task }) {
            if grading.selected != i { grading.selected = i; gradingAnswerOffset = 0 }
            return
        }
        if items.isEmpty { grading.selected = nil; return }
        grading.select(min(grading.selected ?? 0, items.count - 1), count: items.count)
        if let s = grading.selected { gradingFocus = GradingKey(team: items[s].team, task: items[s].task) }
    }

    // MARK: - Results

    /// Reports how a requested command ended: errors are shown, sent drafts are cleared.
    public mutating func finished(_ command: Command, _ result: CommandResult) {
        switch result {
        case .done:
            if let purpose = Self.purpose(of: command) { drafts[purpose] = nil }
            if case .addNote = command { noteDraft = nil }
            if case .compose = command { liveDraft = nil }
            if Self.isGradeFormCommand(command) { gradeDraft = nil }
            if let text = doneText(command) { status = StatusMessage(text) }
        case .refused(_, let message):
            status = .error(Self.verb(command) + ": " + message)
        }
    }

    static func purpose(of command: Command) -> PromptPurpose? {
        switch command {
        case .broadcast(_, nil): .broadcast
        case .broadcast(_, let team?): .message(team: team)
        case .answerRFI(let id, _): .answerRFI(id: id)
        default: nil
        }
    }

    static func verb(_ command: Command) -> String {
        switch command {
        case .start: "start"
        case .pause: "pause"
        case .resume: "resume"
        case .setSpeed: "speed"
        case .releaseNow(let inject, _): "release \(inject)"
        case .hold(let inject): "hold \(inject)"
        case .extendDeadline(let task, _, _): "extend \(task)"
        case .end: "end"
        case .grade(_, let task, _, _): "grade \(task)"
        case .addNote: "note"
        case .answerRFI(let rfi, _): "answer \(rfi)"
        case .broadcast: "message"
        case .compose: "live inject"
        // grade17
        case .recordOutcome(_, let task, _, _, _): "grade \(task)"
        case .reopen(_, let task, _, _): "reopen \(task)"
        case .openFeedback: "feedback"
        default: "command"
        }
    }

    func doneText(_ command: Command) -> String? {
        let names = Dictionary(snapshot.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: String) -> String { names[id] ?? id }
        let t = texts
        return switch command {
        case .releaseNow(let inject, _): t(.wcDoneReleased, ["inject": inject])
        case .hold(let inject): t(.wcDoneHeld, ["inject": inject])
        case .extendDeadline(let task, let team, let by):
            team.map { t(.wcDoneExtended, ["task": task.description, "by": DurationText.format(by), "team": name($0)]) }
                ?? t(.wcDoneExtendedAll, ["task": task.description, "by": DurationText.format(by)])
        case .grade(let team, let task, let score, _): t(.wcDoneGraded, ["team": name(team), "task": task.description, "p": t.percent(score * 100)])
        case .addNote(let note): t(.wcDoneNote, ["kind": NoteForm.label(note.kind ?? .observation, t)])
        case .answerRFI(let rfi, _): t(.wcDoneRfi, ["rfi": rfi])
        case .broadcast(_, nil): t(.wcDoneBroadcast)
        case .broadcast(_, let team?): t(.wcDoneMessage, ["team": name(team)])
        // live17
        case .compose(let live): live.at == 0 ? t(.wcDoneComposed, ["title": live.title]) : t(.wcDoneComposedAt, ["title": live.title, "t": DurationText.clock(live.at)])
        // grade17
        case .recordOutcome(let team, let task, let score, let via, _):
            t(.wcDoneOutcome, ["team": name(team), "task": task.description, "p": t.percent(score * 100), "via": t.gradeChannel(via)])
        case .reopen(let team, let task, let window, _):
            t(.wcDoneReopened, ["team": name(team), "task": task.description, "window": DurationText.format(window)])
        case .openFeedback: t(.wcDoneFeedbackOpened)
        default: nil
        }
    }
}
