import DrillCore
import DrillText

extension TeamConsole {
    // MARK: - Inbox

    func drawInbox(in body: Rect, on screen: inout Screen) {
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
}
