import DrillCore
import DrillText

/// A team's console: inbox, inject reader, answer forms, messages and score.
///
/// A value: `model` is what the exercise shows the team (replace it with `update(_:)` whenever
/// it changes); the rest is what the team is doing on screen, drafts included, so nothing typed is
/// lost when the model changes, the terminal is resized or the connection comes back. `handle(_:)`
/// turns a key into requests for whoever runs the console; `finished(_:_:)` reports how they ended.
public struct TeamConsole: Sendable {
    public enum Tab: Int, Sendable, CaseIterable {
        case inbox, messages, score

        func label(_ t: Texts) -> String {
            switch self {
            case .inbox: t(.teamTabInbox)
            case .messages: t(.teamTabMessages)
            case .score: t(.teamTabScore)
            }
        }
    }

    enum Mode: Sendable, Hashable {
        case browse
        /// Typing into the form of the selected task.
        case answering
        /// Typing a message on the messages tab.
        case composing
    }

    enum Pending: Sendable, Hashable {
        case hint(TaskRef, Int)
        case quit
    }

    enum Overlay: Sendable {
        case help(HelpOverlay)
        case confirm(Dialog, Pending)
        case artifact(inject: String, index: Int, viewer: TextViewer)
        /// What the white cell sent (a broadcast, an answer to the team's RFI), over the view.
        case notice(Dialog)
    }

    /// The drafts of one task's form; every kind of input keeps its own.
    struct AnswerForm: Sendable {
        var line = LineEditor()
        var area = AreaEditor()
        var option = ListState(selected: 0)
        var chosen: Set<Int> = []
        var recipient = 0
    }

    /// Who a message from the messages tab goes to.
    enum Recipient: Sendable, Hashable {
        case whiteCell
        case rfi
        case team(String)
    }

    public internal(set) var model: TeamConsoleModel
    public internal(set) var tab: Tab = .inbox
    var mode: Mode = .browse
    /// The inject shown in the reader, by id, so that new arrivals do not move it.
    var selected: String?
    var readerOffset = 0
    var taskIndex: [String: Int] = [:]
    var forms: [TaskRef: AnswerForm] = [:]
    var recipient = 0
    var composer = LineEditor(placeholder: Texts.english(.teamComposerPlaceholder))
    /// Rows scrolled back from the newest message (0: the newest are shown).
    var messagesBack = 0
    var scoreRows = ListState()
    var overlay: Overlay?
    /// The size of the last frame, for keys that scroll by pages.
    var viewport = Size(width: 80, height: 24)
    public internal(set) var status: StatusMessage?
    /// Whether F2 shows other consoles (hot-seat `run`).
    public var switchesConsoles: Bool
    /// Said in the quit dialog.
    public var quitMessage: String
    /// Said instead once the exercise has ended; nil: `quitMessage`.
    public var quitMessageWhenEnded: String?
    /// Submission ids are `prefix-n`: the prefix must be unique to this console and session.
    let submissionPrefix: String
    var submissionCounter = 0
    /// Answers sent whose outcome is announced once the model shows them: answers and wrong
    /// attempts the task had when each was sent.
    var awaiting: [TaskRef: (answers: Int, wrong: Int)] = [:]
    /// The hot wash's form: open or not, and its drafts (TeamConsole+HotWash.swift).
    var hotWash = HotWashForm()
    /// Bells rung so far (a notice from the white cell rings one), for `Screen.bells`.
    public internal(set) var bells = 0

    /// The console's words (`--lang`); scenario content is shown as written.
    public internal(set) var texts: Texts = .english
    /// How right-to-left text reaches the terminal (docs/tui.md, "Arabic in a terminal").
    public var bidi: BidiMode = .program

    /// The console's language; Arabic lays the console out right to left (unless `bidi` is `.terminal`).
    public var language: Language {
        get { texts.language }
        set {
            texts = Texts(newValue)
            composer.placeholder = texts(.teamComposerPlaceholder)
        }
    }

    public init(model: TeamConsoleModel, submissionPrefix: String, switchesConsoles: Bool = false, quitMessage: String = "",
                language: Language = .en) {
        self.model = model
        self.submissionPrefix = submissionPrefix
        self.switchesConsoles = switchesConsoles
        self.quitMessage = quitMessage
        selected = model.inbox.last?.id
        self.language = language
    }

    /// Replaces what the exercise shows; drafts, selection and scroll stay. Announces new injects.
    public mutating func update(_ model: TeamConsoleModel) {
        let known = Set(self.model.inbox.map(\.id))
        let arrived = model.inbox.filter { !known.contains($0.id) }
        let hadInbox = !self.model.inbox.isEmpty
        let old = self.model
        self.model = model
        if selected == nil || model.inject(selected ?? "") == nil { selected = model.inbox.last?.id }
        // An artifact open in the viewer follows its text (a remote one arrives after it is opened).
        if case .artifact(let inject, let index, var viewer) = overlay, let item = model.inject(inject), item.artifacts.indices.contains(index) {
            let text = artifactText(item.artifacts[index])
            if text != viewer.text {
                viewer.text = text
                overlay = .artifact(inject: inject, index: index, viewer: viewer)
            }
        }
        if hadInbox, let newest = arrived.last {
            status = StatusMessage(arrived.count > 1 ? texts(.teamStatusNewInjectMore, ["id": newest.id, "title": newest.title, "n": arrived.count - 1])
                                                     : texts(.teamStatusNewInject, ["id": newest.id, "title": newest.title]))
        }
        if let notice = Self.notice(from: old, to: model, texts: texts) {
            overlay = .notice(notice)
            bells += 1
        }
        noticeHotWash(from: old)
        for (ref, before) in awaiting {
            guard let task = task(ref), task.answers.count > before.answers, let score = task.score else { continue }
            awaiting[ref] = nil
            status = Self.announcement(task, score, wrongBefore: before.wrong, texts: texts)
        }
    }

    /// A notice for what the white cell sent since `old`: a broadcast (to every team or to this
    /// one) or the answer to one of the team's RFIs. Messages of a catch-up (older than the clock
    /// `old` showed) and RFIs answered before they were seen are not announced again.
    static func notice(from old: TeamConsoleModel, to new: TeamConsoleModel, texts: Texts = .english) -> Dialog? {
        let before = Dictionary(old.messages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var notices: [(String, String)] = []
        for m in new.messages {
            if let seen = before[m.id] {
                if m.kind == .rfi, seen.answer == nil, let answer = m.answer {
                    notices.append((texts(.teamNoticeRfiAnswered), "“\(TextLayout.truncate(m.text, width: 200))”\n\n\(answer)"))
                }
            } else if m.from == .whiteCell, m.kind == .message, m.time >= old.exerciseTime - 5_000 {
                let title = texts(m.to == .all ? .teamNoticeBroadcast : .teamNoticeMessage)
                notices.append((title, m.text))
            }
        }
        guard let last = notices.last else { return nil }
        let more = notices.count > 1 ? "\n\n(\(notices.count - 1) more in Messages)" : ""
        return Dialog(title: last.0, message: last.1 + more, buttons: ["OK"], maxWidth: 72)
    }

    /// What the team is told once an answer is recorded and scored.
    static func announcement(_ task: TeamConsoleModel.TaskItem, _ score: TeamTaskView, wrongBefore: Int, texts t: Texts = .english) -> StatusMessage {
        let points = score.points.map { " · " + t(.teamPointsOf, ["p": t.points($0), "max": t.points(score.maxPoints)]) } ?? ""
        let reason = t.reason(score.why, fallback: score.reason)
        switch score.outcome {
        case .correct: return StatusMessage("✓ \(task.ref): \(reason)\(points)")
        case .partial: return StatusMessage("◐ \(task.ref): \(reason)\(points)")
        case .wrong, .missed: return .error("✗ \(task.ref): \(reason)")
        case .pending:
            if task.input == .report { return StatusMessage(t(.teamStatusReportSent, ["task": task.ref.description])) }
            if score.wrongAttempts > wrongBefore {
                let left = task.attempts.map { " · " + t(.teamAttemptsLeft, ["n": max(0, $0 - score.wrongAttempts)]) } ?? ""
                return .error("✗ " + t(.teamStatusNotAccepted, ["task": task.ref.description]) + left)
            }
            return StatusMessage("\(task.ref): \(reason)")
        }
    }

    /// Shows a message in place of the key bar until the next key.
    public mutating func show(_ message: StatusMessage) { status = message }

    /// Reports how a requested command ended.
    public mutating func finished(_ command: Command, _ result: CommandResult) {
        switch (command, result) {
        case (.submit(let task, _, _), .done):
            // The model may already have shown (and announced) the outcome; do not hide it.
            if awaiting[task] != nil { status = StatusMessage(texts(.teamStatusAnswerRecorded, ["task": task.description])) }
        case (.sendMessage(let to, let kind, let text), .done):
            status = StatusMessage(kind == .rfi ? texts(.teamStatusRfiSent) : texts(.teamStatusMessageSent, ["name": name(of: to)]))
            // Clear whichever field the text came from; a failed send keeps it.
            if composer.text == text { composer.text = "" }
            for (ref, form) in forms where form.line.text == text { forms[ref]?.line.text = "" }
        case (.answerFeedback, .done):
            hotWashSent()
        case (.takeHint, .done):
            status = StatusMessage(texts(.teamStatusHintTaken))
        case (.markRead, _):
            break
        case (.submit(let task, _, _), .refused(.notRunning, _)):
            status = StatusMessage(texts(.teamStatusAnswerKept, ["task": task.description]))
        case (.submit(let task, _, _), .refused(_, let message)):
            awaiting[task] = nil
            status = .error(message)
        case (_, .refused(_, let message)):
            status = .error(message)
        default:
            break
        }
    }

    // MARK: - Selection

    /// The inbox, newest first, as listed.
    var listed: [TeamConsoleModel.InboxItem] { model.inbox.reversed() }

    var current: TeamConsoleModel.InboxItem? { selected.flatMap { model.inject($0) } }

    var currentTaskIndex: Int {
        guard let item = current, !item.tasks.isEmpty else { return 0 }
        return min(max(0, taskIndex[item.id] ?? 0), item.tasks.count - 1)
    }

    var currentTask: TeamConsoleModel.TaskItem? {
        guard let item = current, !item.tasks.isEmpty else { return nil }
        return item.tasks[currentTaskIndex]
    }

    func task(_ ref: TaskRef) -> TeamConsoleModel.TaskItem? {
        model.inject(ref.inject)?.tasks.first { $0.ref == ref }
    }

    var recipients: [Recipient] {
        [.whiteCell, .rfi] + model.teams.filter { $0.id != model.team.id }.map { .team($0.id) }
    }

    func label(_ recipient: Recipient) -> String {
        switch recipient {
        case .whiteCell: texts(.partyWhiteCell)
        case .rfi: texts(.partyRfi)
        case .team(let id): name(of: .team(id))
        }
    }

    /// A party as this console names it: "you", the white cell and "all teams" in its language.
    func name(of party: Party) -> String {
        switch party {
        case .team(let id) where id == model.team.id: texts(.partyYou)
        case .team: model.name(of: party)
        case .whiteCell: texts(.partyWhiteCell)
        case .all: texts(.partyAllTeams)
        }
    }

    mutating func nextSubmission() -> String {
        submissionCounter += 1
        return "\(submissionPrefix)-\(submissionCounter)"
    }
}
