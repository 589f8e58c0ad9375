import DrillCore
import DrillText

/// live17: a live inject composed by the white cell, as a form: title, channel, from, the teams it
/// goes to (all or one), the body, an optional task (a choice between options, or a text answer)
/// with its answer and points, and when to release it (now or in a few minutes).
///
/// Keys as in the note form: Tab / Down and Shift-Tab / Up move between fields; Left / Right (or
/// Space) change a choice; Enter goes to the next field and, on the last one, releases; Ctrl-S
/// releases from any field; Esc closes the form and keeps it as a draft.
struct LiveInjectForm: ConsoleForm {
    enum Field: Int, Sendable, CaseIterable {
        case title, channel, from, to, body, task, prompt, options, answer, points, release

        func label(_ t: Texts) -> String {
            switch self {
            case .title: t(.liveFieldTitle)
            case .channel: t(.liveFieldChannel)
            case .from: t(.liveFieldFrom)
            case .to: t(.liveFieldTo)
            case .body: t(.liveFieldBody)
            case .task: t(.liveFieldTask)
            case .prompt: t(.liveFieldPrompt)
            case .options: t(.liveFieldOptions)
            case .answer: t(.liveFieldAnswer)
            case .points: t(.liveFieldPoints)
            case .release: t(.liveFieldRelease)
            }
        }
    }

    enum TaskKind: Int, Sendable, CaseIterable { case none, choice, text }

    typealias Outcome = FormOutcome

    /// Release delays offered, in minutes of exercise time (0: now).
    static let delays: [Millis] = [0, 5, 15, 30, 60]

    var texts: Texts
    var title = LineEditor()
    var channel = Channel.phone
    var from = LineEditor()
    /// Team ids with their names; nil: all teams.
    var teams: [(id: String?, name: String)]
    var team = 0
    var body = LineEditor()
    var task = TaskKind.choice
    var prompt = LineEditor()
    var options = LineEditor()
    var answer = LineEditor()
    var points = LineEditor(text: "10")
    var delay = 0
    var field: Field = .title

    init(teams: [(id: String, name: String)], team: String? = nil, texts t: Texts = .english) {
        texts = t
        options = LineEditor(placeholder: t(.livePlaceholderOptions))
        self.teams = [(nil, t(.partyAllTeams))] + teams.map { (Optional($0.id), $0.name) }
        self.team = teams.firstIndex { $0.id == team }.map { $0 + 1 } ?? 0
    }

    /// The fields shown: the task's only with a task, options only for a choice.
    var fields: [Field] {
        switch task {
        case .none: [.title, .channel, .from, .to, .body, .task, .release]
        case .choice: Field.allCases
        case .text: Field.allCases.filter { $0 != .options }
        }
    }

    private static func trim(_ text: some StringProtocol) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func trimmed(_ editor: LineEditor) -> String { trim(editor.text) }

    /// Why the form cannot be sent yet, in the console's words.
    struct Problem: Error { var text: String }

    /// The live inject to send at exercise time `now`, or why not (a sentence for the status line).
    func inject(now: Millis) -> Result<LiveInject, Problem> {
        let title = Self.trimmed(self.title)
        guard !title.isEmpty else { return .failure(Problem(text: texts(.liveErrTitle))) }
        var tasks: [DrillTask] = []
        if task != .none {
            let prompt = Self.trimmed(self.prompt), answer = Self.trimmed(self.answer)
            guard !prompt.isEmpty, !answer.isEmpty, let points = Double(Self.trimmed(self.points)), points >= 0 else {
                return .failure(Problem(text: texts(.liveErrTask)))
            }
            let kind: DrillCore.TaskKind
            if task == .choice {
                let list = options.text.split(separator: ",").map { Self.trim($0) }.filter { !$0.isEmpty }
                kind = .choice(options: list, answers: [answer], multiple: false, partial: false)
            } else {
                kind = .text(accept: [answer], match: .caseless)
            }
            tasks.append(DrillTask(id: "", prompt: prompt, kind: kind, points: points))
        }
        let delay = Self.delays.indices.contains(self.delay) ? Self.delays[self.delay] : 0
        return .success(LiveInject(at: delay == 0 ? 0 : now + delay * 60_000, title: title, channel: channel, from: Self.trimmed(from),
                                   teams: teams.indices.contains(team) ? teams[team].id.map { [$0] } : nil, body: Self.trimmed(body), tasks: tasks))
    }

    func fieldLabel(_ f: Field) -> String { f.label(texts) }

    mutating func stepChoice(_ f: Field, by step: Int) {
        func next(_ i: Int, _ n: Int) -> Int { (i + step + n) % n }
        switch f {
        case .channel:
            let all = Channel.allCases
            channel = all[next(all.firstIndex(of: channel) ?? 0, all.count)]
        case .to: team = next(team, teams.count)
        case .task: task = TaskKind(rawValue: next(task.rawValue, TaskKind.allCases.count)) ?? .none
        default: delay = next(delay, Self.delays.count)
        }
    }

    func choiceText(_ f: Field) -> String {
        switch f {
        case .channel: return channel.rawValue
        case .to: return teams.indices.contains(team) ? teams[team].name : ""
        case .task:
            switch task {
            case .none: return texts(.liveTaskNone)
            case .choice: return texts(.liveTaskChoice)
            case .text: return texts(.liveTaskText)
            }
        default:
            let minutes = Self.delays.indices.contains(delay) ? Self.delays[delay] : 0
            return minutes == 0 ? texts(.liveReleaseNow) : texts(.liveReleaseIn, ["t": DurationText.format(minutes * 60_000)])
        }
    }

    func editorPath(_ f: Field) -> WritableKeyPath<LiveInjectForm, LineEditor>? {
        switch f {
        case .channel, .to, .task, .release: nil
        case .title: \.title
        case .from: \.from
        case .body: \.body
        case .prompt: \.prompt
        case .options: \.options
        case .answer: \.answer
        case .points: \.points
        }
    }

    func render(in area: Rect, on screen: inout Screen) {
        screen.restyle(area) { $0.attributes.insert(.dim) }
        let shown = fields
        let width = min(area.width - 4, 84)
        let box = area.centered(Size(width: width, height: min(area.height, shown.count + 4)))
        let content = Pane(title: texts(.liveTitle), focused: true).render(in: box, on: &screen).inset(left: 1, right: 1)
        renderFields(width: width, in: content, from: content.y, above: content.maxY - 1, on: &screen)
        screen.put(TextLayout.truncate(texts(.liveFooter), width: content.width), x: content.x, y: content.maxY - 1, style: Theme.dimmed, clip: content)
    }
}
