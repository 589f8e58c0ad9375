import DrillCore
import DrillText

extension TeamConsole {
    struct InboxAreas {
        var list: Rect
        var reader: Rect
        var tasks: Rect
    }

    func inboxAreas(_ body: Rect) -> InboxAreas {
        let listWidth = min(max(30, body.width * 36 / 100), 56)
        let (list, right) = body.splitLeft(listWidth)
        let taskHeight: Int
        if let task = currentTask {
            // As tall as the task needs; a text area takes a good share when it is being written.
            let inner = Rect(x: 0, y: 0, width: max(1, right.width - 2), height: 1000)
            let parts = taskParts(task, in: inner, natural: true)
            var needed = parts.lines.count + parts.form.height + parts.result.height + 2
            switch task.input {
            case .indicators, .report: needed = max(needed, mode == .answering ? right.height * 3 / 5 : 9)
            default: break
            }
            taskHeight = min(max(6, needed), max(6, right.height - 6))
        } else {
            taskHeight = 3
        }
        let (reader, tasks) = right.splitTop(right.height - taskHeight)
        return InboxAreas(list: list, reader: reader, tasks: tasks)
    }

    /// The parts of the task pane: the text above the form, the form and the result line.
    struct TaskParts {
        var lines: [(String, Style)]
        var form: Rect
        var result: Rect
    }

    /// With `natural`, the form takes the rows it would like rather than what is left.
    func taskParts(_ task: TeamConsoleModel.TaskItem, in inner: Rect, natural: Bool = false) -> TaskParts {
        var lines: [(String, Style)] = []
        let width = max(1, inner.width)
        for line in TextLayout.wrap(task.prompt, width: width).prefix(4) { lines.append((line, .bold)) }
        for line in TextLayout.wrap(taskFacts(task), width: width).prefix(2) { lines.append((line, taskFactsStyle(task))) }
        for (n, hint) in task.hints.enumerated() {
            guard let text = hint.text else { continue }
            for line in TextLayout.wrap(texts(.teamHintLine, ["n": n + 1, "text": text]), width: width).prefix(3) { lines.append((line, Style(foreground: .cyan))) }
        }
        if case .coordination = task.input {
            let others = coordinationTeams(task)
            let form = forms[task.ref] ?? AnswerForm()
            let to = others.indices.contains(form.recipient) ? name(of: .team(others[form.recipient])) : "?"
            lines.append((texts(.teamTo, ["name": to]) + (others.count > 1 ? "  " + texts(.teamAnotherTeam) : ""), .plain))
        }
        let resultRows = min(2, max(1, TextLayout.wrap(resultText(task).text, width: width).count))
        let available = max(1, inner.height - resultRows - lines.count)
        let formHeight: Int
        switch task.input {
        case .text, .number, .coordination: formHeight = 1
        case .choice(let options, _):
            let rows = optionRows(options, width: width).count
            formHeight = natural ? rows : min(rows, available)
        case .indicators, .report: formHeight = natural ? 3 : available
        }
        // When space is short, the form keeps its rows and the text above gives way.
        if lines.count > inner.height - resultRows - formHeight { lines = Array(lines.prefix(max(0, inner.height - resultRows - formHeight))) }
        let form = Rect(x: inner.x, y: inner.y + lines.count, width: inner.width,
                        height: min(formHeight, max(0, inner.height - resultRows - lines.count)))
        let result = Rect(x: inner.x, y: natural ? form.maxY : inner.maxY - resultRows, width: inner.width, height: resultRows)
        return TaskParts(lines: lines, form: form, result: result)
    }

    func coordinationTeams(_ task: TeamConsoleModel.TaskItem) -> [String] {
        guard case .coordination(let with) = task.input else { return [] }
        return with.isEmpty ? model.teams.map(\.id).filter { $0 != model.team.id } : with
    }

    /// The first row of a choice list to show so that the selected option is wholly visible.
    func choiceTop(_ rows: [(option: Int, text: String)], selected: Int?, stored: Int, height: Int) -> Int {
        var top = min(max(0, stored), max(0, rows.count - height))
        let selectedRows = rows.indices.filter { rows[$0].option == selected }
        if let first = selectedRows.first, let last = selectedRows.last {
            if last >= top + height { top = max(0, last - height + 1) }
            if first < top { top = first }
        }
        return top
    }

    /// The rows of a choice list: each option wrapped under its number, as (option, text).
    func optionRows(_ options: [String], width: Int) -> [(option: Int, text: String)] {
        var rows: [(Int, String)] = []
        for (i, option) in options.enumerated() {
            let wrapped = TextLayout.wrap(option, width: max(1, width - 6))
            for (n, line) in wrapped.prefix(4).enumerated() { rows.append((i, n == 0 ? line : line)) }
        }
        return rows
    }

    /// `due in 2:31 · 2 attempts left · h hint (−3)` or where the task stands.
    func taskFacts(_ task: TeamConsoleModel.TaskItem) -> String {
        var facts: [String] = []
        let now = model.exerciseTime
        let due = task.score?.dueAt ?? task.dueAt, closes = task.score?.closesAt ?? task.closesAt
        let t = texts
        if task.score?.isFinal == true {
            facts.append(t(.teamFactsClosed))
        } else if let due, now <= due {
            facts.append(t(.teamFactsDueIn, ["t": t.countdown(due - now)]))
        } else if let closes, now <= closes {
            facts.append(t(.teamFactsLate, ["t": t.countdown(closes - now)]))
        }
        if let attempts = task.attempts, task.score?.isFinal != true, task.input != .report {
            let left = max(0, attempts - (task.score?.wrongAttempts ?? 0))
            facts.append(t(.teamAttemptsLeft, ["n": left]) + (task.penalty > 0 ? " " + t(.teamFactsPerWrong, ["p": t.points(task.penalty)]) : ""))
        }
        if case .indicators = task.input, task.penalty > 0 { facts.append(t(.teamFactsPerFalse, ["p": t.points(task.penalty)])) }
        if let next = task.hints.firstIndex(where: { $0.text == nil }), task.score?.isFinal != true {
            let cost = task.hints[next].cost
            facts.append(t(.teamFactsHintAvailable, ["n": next + 1, "count": task.hints.count]) + (cost > 0 ? " " + t(.teamFactsHintCost, ["p": t.points(cost)]) : ""))
        }
        if model.queued.contains(where: { $0.task == task.ref }) { facts.append(t(.teamFactsQueued)) }
        return facts.joined(separator: " · ")
    }

    func taskFactsStyle(_ task: TeamConsoleModel.TaskItem) -> Style {
        guard task.score?.isFinal != true else { return Theme.dimmed }
        if let due = task.score?.dueAt ?? task.dueAt, model.exerciseTime > due { return Style(foreground: .yellow) }
        return Theme.dimmed
    }

    /// Stores the scroll of the form on screen so that it stays put between frames.
    public mutating func layout(_ size: Size) {
        viewport = size
        guard tab == .inbox, let task = currentTask else { return }
        let areas = inboxAreas(ConsoleChrome.areas(size).body)
        let parts = taskParts(task, in: Pane.inner(areas.tasks))
        var form = forms[task.ref] ?? AnswerForm()
        switch task.input {
        case .indicators, .report: form.area.layout(width: max(1, parts.form.width), height: max(1, parts.form.height))
        case .choice(let options, _):
            form.option.offset = choiceTop(optionRows(options, width: parts.form.width), selected: form.option.selected,
                                           stored: form.option.offset, height: parts.form.height)
        default: form.line.keepCursorVisible(width: max(1, parts.form.width - 2))
        }
        forms[task.ref] = form
        composer.keepCursorVisible(width: max(1, size.width - 6))
    }
}
