import Foundation
import DrillCore
import DrillText

/// The white cell grades a team on a task without a submission — an answer given by phone, in a
/// video call or in person — or reopens the task for the team (grade17). Opened with `g` on a
/// team × inject cell of the overview.
///
/// Keys as in the note form: Tab / Down and Shift-Tab / Up move between fields; Left / Right (or
/// Space) change a choice; text fields edit as a line editor; Enter goes to the next field and,
/// on the last one, saves; Ctrl-S saves; Esc closes the form.
struct GradeForm: ConsoleForm {
    enum Field: Int, Sendable, CaseIterable {
        case action, task, level, points, via, note, window, reason

        func label(_ t: Texts, max: Double) -> String {
            switch self {
            case .action: t(.gradeFieldAction)
            case .task: t(.gradeFieldTask)
            case .level: t(.gradeFieldLevel)
            case .points: t(.gradeFieldPoints, ["max": max.clean])
            case .via: t(.gradeFieldVia)
            case .note: t(.gradeFieldNote)
            case .window: t(.gradeFieldWindow)
            case .reason: t(.gradeFieldReason)
            }
        }
    }

    enum Action: Sendable, Hashable { case grade, reopen }

    typealias Outcome = FormOutcome

    var texts: Texts
    let team: String
    let teamName: String
    let inject: String
    let tasks: [DrillTask]
    /// The team's current score on each task, to show beside it.
    let reasons: [TaskRef: String]
    var action: Action = .grade
    var task = 0
    /// 0: no level (points typed); k: the task's rubric level k − 1.
    var level = 0
    var points: LineEditor
    var via: GradeChannel = .phone
    var note: LineEditor
    var window: LineEditor
    var reason: LineEditor
    var field: Field = .task
    /// Why the last save was refused (shown in the form).
    var error: String?

    init(team: String, teamName: String, inject: Inject, scores: [TaskScore], texts t: Texts = .english) {
        texts = t
        self.team = team
        self.teamName = teamName
        self.inject = inject.id
        tasks = inject.tasks
        var reasons: [TaskRef: String] = [:]
        for s in scores where s.task.inject == inject.id { reasons[s.task] = t.reason(s.why, fallback: s.reason) }
        self.reasons = reasons
        points = LineEditor(placeholder: "0")
        note = LineEditor(placeholder: "")
        window = LineEditor(text: "10m")
        reason = LineEditor(placeholder: "")
    }

    var selectedTask: DrillTask? { tasks.indices.contains(task) ? tasks[task] : nil }

    var rubric: [RubricLevel] {
        if case .report(let levels)? = selectedTask?.kind { return levels }
        return []
    }

    var fields: [Field] {
        switch action {
        case .grade: rubric.isEmpty ? [.action, .task, .points, .via, .note] : [.action, .task, .level, .points, .via, .note]
        case .reopen: [.action, .task, .window, .reason]
        }
    }

    /// The command to send, or why the form cannot be saved yet.
    func command() -> Result<Command, FormError> {
        guard let selected = selectedTask else { return .failure(FormError(texts(.gradeErrorNoTask, ["inject": inject]))) }
        let ref = TaskRef(inject: inject, task: selected.id)
        switch action {
        case .grade:
            let typed = points.text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard let value = Double(typed), value.isFinite, value >= 0, value <= selected.points, selected.points > 0 else {
                return .failure(FormError(texts(.gradeErrorPoints, ["max": selected.points.clean])))
            }
            return .success(.recordOutcome(team: team, task: ref, score: value / selected.points, via: via,
                                           comment: note.text.trimmingCharacters(in: .whitespaces)))
        case .reopen:
            guard let ms = DurationText.parse(window.text.trimmingCharacters(in: .whitespaces)), ms > 0 else {
                return .failure(FormError(texts(.gradeErrorWindow)))
            }
            let why = reason.text.trimmingCharacters(in: .whitespaces)
            guard !why.isEmpty else { return .failure(FormError(texts(.gradeErrorReason))) }
            return .success(.reopen(team: team, task: ref, window: ms, reason: why))
        }
    }

    struct FormError: Error, Sendable { var message: String; init(_ m: String) { message = m } }

    func fieldLabel(_ f: Field) -> String { f.label(texts, max: selectedTask?.points ?? 0) }

    func editorPath(_ f: Field) -> WritableKeyPath<GradeForm, LineEditor>? {
        switch f {
        case .action, .task, .level, .via: nil
        case .points: \.points
        case .note: \.note
        case .window: \.window
        case .reason: \.reason
        }
    }

    func choiceText(_ f: Field) -> String {
        switch f {
        case .action: texts(action == .grade ? .gradeActionGrade : .gradeActionReopen)
        case .task: selectedTask.map { "\(inject).\($0.id) · \($0.type.rawValue)" } ?? ""
        case .level: level == 0 ? texts(.gradeLevelNone) : "\(rubric[level - 1].score.clean) · \(rubric[level - 1].text)"
        default: texts.gradeChannel(via)
        }
    }

    mutating func stepChoice(_ f: Field, by step: Int) {
        switch f {
        case .action: action = action == .grade ? .reopen : .grade
        case .task:
            guard !tasks.isEmpty else { break }
            task = (task + step + tasks.count) % tasks.count
            level = 0
        case .level:
            let count = rubric.count + 1
            level = (level + step + count) % count
            if level > 0, let max = selectedTask?.points { points = LineEditor(text: (rubric[level - 1].score * max).clean) }
        default:
            let all = GradeChannel.allCases
            let i = all.firstIndex(of: via) ?? 0
            via = all[(i + step + all.count) % all.count]
        }
    }

    /// Typed points leave the rubric level.
    mutating func edited(_ f: Field) {
        if f == .points { level = 0 }
    }

    func render(in area: Rect, on screen: inout Screen) {
        screen.restyle(area) { $0.attributes.insert(.dim) }
        let shown = fields
        let width = min(area.width - 4, 84)
        let height = shown.count + 7
        let box = area.centered(Size(width: width, height: min(area.height, height)))
        let title = texts(.gradeTitle, ["team": teamName, "inject": inject])
        let content = Pane(title: title, focused: true).render(in: box, on: &screen).inset(left: 1, right: 1)
        var y = content.y
        if let selected = selectedTask {
            let ref = TaskRef(inject: inject, task: selected.id)
            let now = texts(.gradeCurrent, ["reason": reasons[ref] ?? texts(.reasonNotReleased)])
            screen.put(TextLayout.truncate(selected.prompt, width: content.width), x: content.x, y: y, style: Theme.dimmed, clip: content)
            screen.put(TextLayout.truncate(now, width: content.width), x: content.x, y: y + 1, style: Theme.dimmed, clip: content)
            y += 2
        }
        renderFields(width: width, in: content, from: y, above: content.maxY - 2, on: &screen)
        if let error {
            screen.put(TextLayout.truncate(error, width: content.width), x: content.x, y: content.maxY - 2, style: Theme.error, clip: content)
        }
        screen.put(TextLayout.truncate(texts(.gradeFooter), width: content.width), x: content.x, y: content.maxY - 1, style: Theme.dimmed, clip: content)
    }
}
