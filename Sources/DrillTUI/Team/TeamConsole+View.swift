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

    /// Draws the console at `size` (at least 80×24; the runner shows `TooSmallView` below that).
    public func render(_ size: Size) -> Screen {
        var screen = Screen(size: size)
        screen.bells = bells
        screen.bidi = bidi.layout(for: texts.language)
        let areas = ConsoleChrome.areas(size)
        drawHeader(in: areas.header, on: &screen)
        ConsoleChrome.drawTabs(tabs, trailing: nextDeadline, in: areas.tabs, on: &screen)
        switch tab {
        case .inbox: drawInbox(in: areas.body, on: &screen)
        case .messages: drawMessages(in: areas.body, on: &screen)
        case .score: drawScore(in: areas.body, on: &screen)
        }
        if hotWash.isOpen { drawHotWash(in: areas.body, on: &screen) }
        ConsoleChrome.drawBottom(keys: keys, status: status, in: areas.bottom, on: &screen)
        if let overlay { drawOverlay(overlay, in: screen.bounds, on: &screen) }
        screen.finishLayout()
        return screen
    }

    // MARK: - Header

    private func drawHeader(in area: Rect, on screen: inout Screen) {
        let t = texts
        var right = ConsoleChrome.connection(model.connection, texts: t)
        if !model.queued.isEmpty { right.append(Segment(" \(t(.teamHeaderQueued, ["n": model.queued.count])) ", Style(foreground: .yellow, attributes: .bold))) }
        right.append(Segment(" \(DurationText.clock(model.exerciseTime)) "))
        right.append(Segment(" \(t.phase(model.phase)) ", Theme.phaseStyle(model.phase)))
        if let score = model.score, score.showsPoints, let points = score.points {
            var text = " " + t(.teamPoints, ["p": t.points(points)])
            if let percent = score.percentOfAvailable { text += " · \(t.percent(percent))" }
            if let rank = score.rank { text += " · " + t(.teamHeaderRank, ["rank": rank]) }
            right.append(Segment(text + " "))
        }
        ConsoleChrome.drawHeader(left: [Segment(" \(model.team.name) ", .bold), Segment(" " + model.scenarioTitle)],
                                 right: right, elastic: model.connection == .local ? nil : 0, in: area, on: &screen)
    }

    var tabs: [TabItem] {
        Tab.allCases.map { t in
            var badge = ""
            switch t {
            case .inbox where model.unreadCount > 0: badge = texts(.teamBadgeNew, ["n": model.unreadCount])
            case .messages where !model.messages.isEmpty: badge = texts.integer(model.messages.count)
            default: break
            }
            return TabItem(key: "", label: t.label(texts), badge: badge, selected: t == tab)
        }
    }

    private var nextDeadline: [Segment] {
        let now = model.exerciseTime
        let open = model.inbox.flatMap(\.tasks).compactMap { task -> (TaskRef, Millis)? in
            guard task.score?.isFinal != true, let due = task.score?.dueAt ?? task.dueAt, due >= now else { return nil }
            if task.answers.isEmpty || task.score?.outcome == .pending { return (task.ref, due) }
            return nil
        }.min { $0.1 < $1.1 }
        guard let open else { return [] }
        return [Segment(texts(.teamDue) + " ", Theme.dimmed), Segment("\(open.0)", .bold),
                Segment(" " + texts(.teamDueIn, ["t": texts.countdown(open.1 - now)]) + " ", Theme.notice)]
    }

    /// Whether the key bar names letter keys: on Latin layouts (en, fr, es); on Arabic, Russian and
    /// Chinese ones it names the function keys that do the same (docs/tui.md, "Keys for every keyboard").
    var latinKeys: Bool { [.en, .fr, .es].contains(texts.language) }

    var keys: [KeyBar.Item] {
        let t = texts
        let latin = latinKeys
        var items: [KeyBar.Item] = []
        if hotWash.isOpen, model.hotWash != nil { return hotWashKeys + [.init("F1", t(.keyHelp), kept: true)] }
        if mode == .browse, model.hotWash != nil { items.append(.init(latin ? "f" : "F3", t(.teamHotWashKey))) }
        switch (tab, mode) {
        case (_, .answering):
            switch currentTask?.input {
            case .indicators?, .report?: items.append(.init(latin ? "^S" : "F9", t(.keySend)))
            case .choice(_, true)?: items += [.init(t(.keySpace), t(.keyTick)), .init("⏎", t(.keySend))]
            case .coordination?: items += [.init("⏎", t(.keySend)), .init("↑↓", t(.keyTeam))]
            default: items.append(.init("⏎", t(.keySend)))
            }
            items += [.init("Esc", t(.keyBack)), .init(latin ? "^N/^P" : "F8/F7", t(.keyTask)), .init("F4", t(.keyHint))]
        case (_, .composing):
            items += [.init("⏎", t(.keySend)), .init("↑↓", t(.keyToWhom)), .init("Esc", t(.keyBack))]
        case (.inbox, .browse):
            items += [.init("↑↓", t(.keyInject)), .init("⏎", t(.keyAnswer)), .init("←→", t(.keyTask)), .init(latin ? "h" : "F4", t(.keyHint)),
                      .init(latin ? "o" : "F5", t(.keyArtifact)), .init("PgDn", t(.keyRead)), .init(latin ? "c" : "F6", t(.keyMessage))]
        case (.messages, .browse):
            items += [.init("⏎", t(.keyWrite)), .init("↑↓", t(.keyScroll))]
        case (.score, .browse):
            items += [.init("↑↓", t(.keyTask)), .init("⏎", t(.keyOpen))]
        }
        if mode == .browse { items.append(.init("Tab", t(.keyTabs))) }
        if switchesConsoles { items.append(.init("F2", t(.keyNextConsole), kept: true)) }
        items.append(.init(mode == .browse && latin ? "?" : "F1", t(.keyHelp), kept: true))
        if mode == .browse { items.append(.init(latin ? "q" : "F10", t(.keyQuit), kept: true)) }
        return items
    }

    // MARK: - Inbox

    private func drawInbox(in body: Rect, on screen: inout Screen) {
        let areas = inboxAreas(body)
        drawList(in: areas.list, on: &screen)
        drawReader(in: areas.reader, on: &screen)
        drawTask(in: areas.tasks, on: &screen)
    }

    private func drawList(in area: Rect, on screen: inout Screen) {
        let items = listed
        let inner = Pane(title: texts(.teamPaneInbox, ["n": model.inbox.count]), focused: mode == .browse).render(in: area, on: &screen)
        guard !items.isEmpty else {
            let text = model.phase == .notStarted ? texts(.teamWaitingStart) : texts(.teamNothingYet)
            for (row, line) in TextLayout.wrap(text, width: max(1, inner.width)).enumerated() where row < inner.height {
                screen.put(line, x: inner.x, y: inner.y + row, style: Theme.dimmed, clip: inner)
            }
            return
        }
        let position = items.firstIndex { $0.id == selected }
        let top = ListState(selected: position).visibleOffset(height: inner.height, count: items.count)
        let idWidth = min(6, items.reduce(2) { max($0, DisplayWidth.of($1.id)) })
        let timeWidth = items.reduce(4) { max($0, Self.shortClock($1.releasedAt).count) }
        for row in 0..<inner.height {
            let index = top + row
            guard index < items.count else { break }
            let item = items[index]
            let y = inner.y + row
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let isSelected = index == position
            var base: Style = item.isRead ? .plain : Theme.unread
            if isSelected {
                base = base.patched(with: mode == .browse ? .reverse : .bold)
                screen.fill(line, style: base)
            }
            var x = screen.put(item.isRead ? " " : "●", x: inner.x, y: y, style: base, clip: line) + 1
            x = screen.put(TextLayout.pad(Self.shortClock(item.releasedAt), width: timeWidth, alignment: .right), x: x, y: y, style: base, clip: line) + 1
            let tlp = Self.tlpLetter(item.tlp)
            x = screen.put(tlp, x: x, y: y, style: base.patched(with: Theme.tlpStyle(item.tlp)), clip: line) + 1
            let mark = Theme.Mark(combining: item.tasks.map { $0.score?.outcome ?? .pending })
            x = screen.put(mark.symbol, x: x, y: y, style: base.patched(with: mark.style), clip: line) + 1
            x = screen.put(TextLayout.pad(item.id, width: idWidth), x: x, y: y, style: base, clip: line) + 1
            screen.put(TextLayout.truncate(item.title, width: max(0, line.maxX - x)), x: x, y: y, style: base, clip: line)
        }
    }

    static func shortClock(_ ms: Millis) -> String {
        let minutes = ms / 60_000
        let m = minutes % 60
        return "\(minutes / 60):\(m < 10 ? "0" : "")\(m)"
    }

    /// One letter per TLP level, so the marking reads without colour.
    static func tlpLetter(_ tlp: TLP?) -> String {
        switch tlp {
        case .clear: "C"
        case .green: "G"
        case .amber: "A"
        case .amberStrict: "S"
        case .red: "R"
        case nil: " "
        }
    }

    private func drawReader(in area: Rect, on screen: inout Screen) {
        guard let item = current else {
            Pane(title: texts(.teamPaneReader)).render(in: area, on: &screen)
            return
        }
        let inner = Pane(title: "\(item.id) · \(item.channel.rawValue)").render(in: area, on: &screen)
        guard inner.height > 0 else { return }
        var y = inner.y
        for line in TextLayout.wrap(item.title, width: max(1, inner.width)).prefix(2) where y < inner.maxY {
            screen.put(line, x: inner.x, y: y, style: .bold, clip: inner)
            y += 1
        }
        if y < inner.maxY {
            var x = inner.x
            if item.tlp != nil {
                x = screen.put(" \(Theme.tlpLabel(item.tlp)) ", x: x, y: y, style: Theme.tlpStyle(item.tlp).adding(.reverse), clip: inner) + 1
            }
            let from = item.from.isEmpty ? "" : texts(.teamReaderFrom, ["from": item.from])
            screen.put(TextLayout.truncate(from + texts(.teamReaderReceived, ["time": DurationText.clock(item.releasedAt)]), width: max(0, inner.maxX - x)),
                       x: x, y: y, style: Theme.dimmed, clip: inner)
            y += 1
        }
        var text = TextLayout.reflow(item.body.trimmingTrailingNewlines)
        if item.untranslated { text = "[" + texts(.teamUntranslated) + "]\n\n" + text }
        if !item.artifacts.isEmpty {
            text += "\n\n" + texts(latinKeys ? .teamReaderArtifacts : .teamReaderArtifactsF5)
            for artifact in item.artifacts { text += "\n  • \(artifact.name)" + (artifact.description.isEmpty ? "" : " — \(artifact.description)") }
        }
        let bodyArea = Rect(x: inner.x, y: y + 1, width: inner.width, height: max(0, inner.maxY - y - 1))
        var viewer = TextViewer(text: text, offset: readerOffset)
        viewer.offset = viewer.visibleOffset(rowCount: viewer.layout(bodyArea.size).rows.count, height: bodyArea.height)
        viewer.render(in: bodyArea, on: &screen)
    }

    private func drawTask(in area: Rect, on screen: inout Screen) {
        guard let item = current else { return }
        guard let task = currentTask else {
            let inner = Pane(title: texts(.teamPaneTasks)).render(in: area, on: &screen)
            screen.put(texts(.teamNoTask), x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
            return
        }
        let n = currentTaskIndex
        let arrows = item.tasks.count > 1 ? " ←→" : ""
        let title = texts(.teamPaneTask, ["n": n + 1, "count": item.tasks.count]) + "\(arrows) · \(task.ref.task) · \(inputLabel(task.input)) · "
            + texts(.teamPoints, ["p": texts.points(task.points)])
        let inner = Pane(title: title, focused: mode == .answering).render(in: area, on: &screen)
        guard inner.height > 1 else { return }
        let parts = taskParts(task, in: inner)
        for (row, (line, style)) in parts.lines.enumerated() {
            screen.put(line, x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
        drawForm(task, in: parts.form, on: &screen)
        drawResult(task, in: parts.result, on: &screen)
    }

    private func drawForm(_ task: TeamConsoleModel.TaskItem, in area: Rect, on screen: inout Screen) {
        guard !area.isEmpty else { return }
        let form = forms[task.ref] ?? AnswerForm()
        let editing = mode == .answering && !task.isClosed
        let fieldStyle: Style = editing ? .underline : .dim
        switch task.input {
        case .text, .number, .coordination:
            screen.put("›", x: area.x, y: area.y, style: editing ? Theme.notice : Theme.dimmed, clip: area)
            var editor = form.line
            if editor.text.isEmpty && !editing {
                editor.placeholder = task.isClosed ? "" : texts(.teamPlaceholderAnswer)
            } else if case .number(let unit) = task.input, editor.text.isEmpty {
                editor.placeholder = unit.isEmpty ? texts(.teamPlaceholderNumber) : texts(.teamPlaceholderNumberUnit, ["unit": unit])
            } else if case .coordination = task.input, editor.text.isEmpty {
                editor.placeholder = texts(.teamPlaceholderCoordination)
            }
            editor.render(in: Rect(x: area.x + 2, y: area.y, width: area.width - 2, height: 1), on: &screen, style: fieldStyle, focused: editing)
        case .choice(let options, let multiple):
            let rows = optionRows(options, width: area.width)
            let last = Set(task.answers.last ?? [])
            let top = choiceTop(rows, selected: form.option.selected, stored: form.option.offset, height: area.height)
            for line in 0..<area.height where top + line < rows.count {
                let (i, text) = rows[top + line]
                let y = area.y + line
                let firstRow = top + line == 0 || rows[top + line - 1].option != i
                let box = multiple ? (form.chosen.contains(i) ? "[x]" : "[ ]") : (i == form.option.selected && editing ? "(•)" : "( )")
                var style: Style = .plain
                if editing && i == form.option.selected { style = .reverse }
                if last.contains(options[i]) { style = style.adding(.bold) }
                let box1 = Rect(x: area.x, y: y, width: area.width, height: 1)
                if editing && i == form.option.selected { screen.fill(box1, style: style) }
                let prefix = firstRow ? "\(i + 1) \(box) " : "      "
                let x = screen.put(prefix + text, x: area.x, y: y, style: style, clip: box1)
                if firstRow && last.contains(options[i]) {
                    let sent = "  " + texts(.teamChoiceSent)
                    screen.put(sent, x: min(x, area.maxX - DisplayWidth.of(sent)), y: y, style: style.patched(with: Theme.notice), clip: box1)
                }
            }
        case .indicators, .report:
            var editor = form.area
            if editor.text.isEmpty && !editing {
                screen.fill(area, style: fieldStyle)
                let hint = task.isClosed ? "" : texts(task.input == .indicators ? .teamPlaceholderIndicators : .teamPlaceholderReport)
                screen.put(TextLayout.truncate(hint, width: area.width), x: area.x, y: area.y, style: Theme.dimmed, clip: area)
            } else {
                editor.wrapWidth = area.width
                editor.render(in: area, on: &screen, style: editing ? .plain : .dim, focused: editing)
                if editing { screen.restyle(Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)) { $0.attributes.insert(.underline) } }
            }
        }
    }

    /// The line under a form: what became of the answers so far, or what waits to be sent.
    func resultText(_ task: TeamConsoleModel.TaskItem) -> (text: String, style: Style) {
        if let queued = model.queued.last(where: { $0.task == task.ref }) {
            return (texts(.teamQueued, ["values": queued.values.joined(separator: ", "), "reason": queued.reason]), Style(foreground: .yellow, attributes: .bold))
        }
        guard let score = task.score, !(task.answers.isEmpty && score.outcome == .pending) else {
            return (texts(.teamNotAnswered), Theme.dimmed)
        }
        let mark = Theme.Mark(score.outcome)
        var text = "\(mark.symbol) \(texts.reason(score.why, fallback: score.reason))"
        if let points = score.points { text += " · " + texts(.teamPointsOf, ["p": texts.points(points), "max": texts.points(score.maxPoints)]) }
        if let last = task.answers.last, task.input != .report {
            text += " · " + texts(.teamLastAnswer, ["values": last.joined(separator: ", ")])
        }
        return (text, mark.style)
    }

    private func drawResult(_ task: TeamConsoleModel.TaskItem, in area: Rect, on screen: inout Screen) {
        screen.fill(area)
        let (text, style) = resultText(task)
        let lines = TextLayout.wrap(text, width: max(1, area.width))
        for row in 0..<area.height where row < lines.count {
            let line = row == area.height - 1 && lines.count > area.height ? TextLayout.truncate(lines[row] + " " + lines[(row + 1)...].joined(separator: " "), width: area.width) : lines[row]
            screen.put(line, x: area.x, y: area.y + row, style: style, clip: area)
        }
    }

    // MARK: - Messages

    private func drawMessages(in body: Rect, on screen: inout Screen) {
        let (logArea, composeArea) = body.splitTop(body.height - 4)
        let inner = Pane(title: texts(.teamPaneMessages, ["n": model.messages.count])).render(in: logArea, on: &screen)
        var lines: [(String, Style)] = []
        let width = max(1, inner.width - 2)
        for m in model.messages {
            let kind = m.kind == .rfi ? texts(.teamRfi) + " " : ""
            let header = "\(DurationText.clock(m.time))  \(kind)\(name(of: m.from)) → \(name(of: m.to))"
            let fromMe = m.from == .team(model.team.id)
            lines.append((header, fromMe ? Theme.dimmed.adding(.bold) : Style(attributes: .bold)))
            for line in TextLayout.wrap(m.text, width: width) { lines.append(("  " + line, .plain)) }
            if m.kind == .rfi, fromMe {
                if let answer = m.answer {
                    for (n, line) in TextLayout.wrap(texts(.teamRfiAnswer, ["answer": answer]), width: width).enumerated() {
                        lines.append(((n == 0 ? "  " : "    ") + line, Style(foreground: .cyan)))
                    }
                } else {
                    lines.append(("  " + texts(.teamRfiWaiting), Theme.dimmed))
                }
            }
        }
        if lines.isEmpty {
            lines.append((texts(.teamNoMessage), Theme.dimmed))
        }
        let back = min(messagesBack, max(0, lines.count - inner.height))
        let top = max(0, lines.count - inner.height - back)
        for row in 0..<inner.height where top + row < lines.count {
            let (text, style) = lines[top + row]
            screen.put(text, x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
        let composing = mode == .composing
        let composeInner = Pane(title: texts(composing ? .teamPaneWrite : .teamPaneWriteEnter), focused: composing).render(in: composeArea, on: &screen)
        let choices = recipients
        let to = label(choices[min(recipient, choices.count - 1)])
        var x = screen.put(texts(.teamToLabel), x: composeInner.x, y: composeInner.y, style: Theme.dimmed, clip: composeInner)
        x = screen.put(to, x: x, y: composeInner.y, style: .bold, clip: composeInner)
        if composing { screen.put("  " + texts(.teamToChange), x: x, y: composeInner.y, style: Theme.dimmed, clip: composeInner) }
        let field = Rect(x: composeInner.x + 2, y: composeInner.y + 1, width: composeInner.width - 2, height: 1)
        screen.put("›", x: composeInner.x, y: field.y, style: composing ? Theme.notice : Theme.dimmed, clip: composeInner)
        composer.render(in: field, on: &screen, style: composing ? .underline : .dim, focused: composing)
    }

    // MARK: - Score

    private func drawScore(in body: Rect, on screen: inout Screen) {
        guard let score = model.score else {
            let inner = Pane(title: texts(.teamPaneScore)).render(in: body, on: &screen)
            screen.put(texts(.teamNoScore), x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
            return
        }
        var tasksArea = body
        if let standings = score.standings, body.width >= 100 {
            let (left, right) = body.splitLeft(body.width - 36)
            tasksArea = left
            let inner = Pane(title: texts(.teamPaneScoreboard)).render(in: right, on: &screen)
            let rows = standings.map { s -> [TableCell] in
                let style: Style = s.team == model.team.id ? .bold : .plain
                return [TableCell("\(s.rank)", style: style), TableCell(s.name, style: style), TableCell(texts.points(s.points), style: style)]
            }
            Table(columns: [TableColumn(texts(.colRank), width: .fixed(3), alignment: .right), TableColumn(texts(.colTeam)),
                            TableColumn(texts(.colPoints), width: .fixed(7), alignment: .right)],
                  rows: rows, state: ListState(selected: nil), focused: false).render(in: inner, on: &screen)
        }
        let summary: String
        if score.showsPoints, let points = score.points {
            var text = texts(.teamSummary, ["p": texts.points(points), "avail": texts.points(score.availablePoints ?? 0),
                                             "pct": texts.percent(score.percentOfAvailable)])
            if let rank = score.rank, let standings = score.standings { text += " · " + texts(.teamSummaryRank, ["rank": rank, "n": standings.count]) }
            summary = text
        } else {
            summary = texts(.teamSummaryHidden)
        }
        let inner = Pane(title: texts(.teamPaneYourTasks)).render(in: tasksArea, on: &screen)
        guard inner.height > 2 else { return }
        let o = score.outcomes
        screen.put(TextLayout.truncate(summary, width: inner.width), x: inner.x, y: inner.y, style: .bold, clip: inner)
        let counts = "✓ \(o.correct)  ◐ \(o.partial)  ✗ \(o.wrong)  – \(o.missed)  · \(o.pending)"
        screen.put(counts, x: inner.x, y: inner.y + 1, style: Theme.dimmed, clip: inner)
        let rows = score.tasks.map { t -> [TableCell] in
            let mark = Theme.Mark(t.outcome)
            let points = t.points.map { "\(texts.points($0))/\(texts.points(t.maxPoints))" } ?? "—/\(texts.points(t.maxPoints))"
            return [TableCell(t.task.description), TableCell("\(mark.symbol) \(markLabel(mark))", style: mark.style),
                    TableCell(points), TableCell(texts.reason(t.why, fallback: t.reason))]
        }
        let table = Table(columns: [TableColumn(texts(.colTask), width: .flexible(min: 10, weight: 1)), TableColumn(texts(.colResult), width: .fixed(10)),
                                    TableColumn(texts(.colPoints), width: .fixed(7), alignment: .right), TableColumn(texts(.colWhy), width: .flexible(min: 16, weight: 3))],
                          rows: rows, state: scoreRows, focused: true)
        let detailRows = min(3, max(0, inner.height - 6))
        table.render(in: Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3 - detailRows), on: &screen)
        if let s = scoreRows.selected, score.tasks.indices.contains(s), detailRows > 0 {
            let t = score.tasks[s]
            let points = t.points.map { " · " + texts(.teamPointsOf, ["p": texts.points($0), "max": texts.points(t.maxPoints)]) } ?? ""
            let lines = TextLayout.wrap("\(t.task): \(texts.reason(t.why, fallback: t.reason))\(points)", width: max(1, inner.width))
            for (row, line) in lines.prefix(detailRows).enumerated() {
                screen.put(line, x: inner.x, y: inner.maxY - detailRows + row, style: Theme.Mark(t.outcome).style, clip: inner)
            }
        }
        if rows.isEmpty {
            screen.put(texts(.teamNoTaskYet), x: inner.x, y: inner.y + 4, style: Theme.dimmed, clip: inner)
        }
    }

    // MARK: - Overlays

    private func drawOverlay(_ overlay: Overlay, in area: Rect, on screen: inout Screen) {
        switch overlay {
        case .help(let help): help.render(in: area, on: &screen)
        case .confirm(let dialog, _): dialog.render(in: area, on: &screen)
        case .notice(let dialog): dialog.render(in: area, on: &screen)
        case .artifact(let inject, let index, let viewer):
            guard let item = model.inject(inject), item.artifacts.indices.contains(index) else { return }
            screen.restyle(area) { $0.attributes.insert(.dim) }
            let frame = Self.artifactFrame(in: area)
            let artifact = item.artifacts[index]
            let count = item.artifacts.count > 1 ? " " + texts(.teamArtifactCount, ["i": index + 1, "n": item.artifacts.count]) : ""
            let inner = Pane(title: "\(artifact.name)\(count)", focused: true).render(in: frame, on: &screen)
            var shown = viewer
            let body = Self.artifactText(in: area)
            shown.offset = shown.visibleOffset(rowCount: shown.layout(body.size).rows.count, height: body.height)
            shown.render(in: body, on: &screen)
            let footer = texts(.teamArtifactFooter)
            screen.put(footer, x: inner.maxX - DisplayWidth.of(footer), y: inner.maxY - 1, style: Theme.dimmed, clip: inner)
        }
    }
}

extension TeamConsole {
    /// A kind of answer in the console's language ("choose one", "texte"…).
    func inputLabel(_ input: TeamConsoleModel.TaskInput) -> String {
        switch input {
        case .text: texts(.teamInputText)
        case .number: texts(.teamInputNumber)
        case .choice(_, let multiple): texts(multiple ? .teamInputChoices : .teamInputChoice)
        case .indicators: texts(.teamInputIndicators)
        case .report: texts(.teamInputReport)
        case .coordination: texts(.teamInputCoordination)
        }
    }

    /// An outcome mark's word in the console's language.
    func markLabel(_ mark: Theme.Mark) -> String { mark.label(texts) }
}

extension TeamConsole {
    /// The box of the artifact viewer over `area`, and the text area inside it.
    static func artifactFrame(in area: Rect) -> Rect {
        area.centered(Size(width: min(area.width - 4, 110), height: area.height - 2))
    }

    static func artifactText(in area: Rect) -> Rect {
        let inner = Pane.inner(artifactFrame(in: area))
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1))
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = self
        while let last = s.last, last.isNewline { s.removeLast() }
        return s
    }
}
