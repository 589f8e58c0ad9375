import DrillCore
import DrillText

extension WhiteCellConsole {
    // MARK: - Grading

    func drawGrading(in body: Rect, on screen: inout Screen) {
        let items = snapshot.grading
        let listArea: Rect, detail: Rect
        if body.width >= 120 {
            (listArea, detail) = body.splitLeft(max(36, body.width * 30 / 100))
        } else {
            (listArea, detail) = body.splitTop(min(body.height / 3, max(3, items.count + 2)))
        }
        let waiting = snapshot.ungradedCount
        let inner = Pane(title: texts(.wcPaneReports, ["n": waiting])).render(in: listArea, on: &screen)
        if items.isEmpty {
            screen.put(texts(.wcNoReports), x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
        } else {
            let list = ListView(items: items.map { item in
                let state = item.grade.map { texts.percent($0 * 100) } ?? texts(.wcNew)
                return ListItem("\(DurationText.clock(item.answeredAt))  \(item.task)  \(item.teamName)  · \(state)",
                                marker: item.grade == nil ? "●" : "✓",
                                style: item.grade == nil ? .bold : .plain)
            }, state: grading, focused: true)
            list.render(in: inner, on: &screen)
        }
        guard let s = grading.selected, items.indices.contains(s) else {
            Pane(title: texts(.wcPaneAnswer)).render(in: detail, on: &screen)
            return
        }
        let item = items[s]
        // The rubric beside the answer; the prompt heads the answer.
        let (rubricArea, answerArea) = detail.splitLeft(detail.width * 9 / 20)
        let rubricInner = Pane(title: texts(.wcPaneRubric)).render(in: rubricArea, on: &screen)
        var y = rubricInner.y
        let state = item.grade.map { texts(.wcGraded, ["p": texts.percent($0 * 100), "pts": texts.points(item.points)]) } ?? texts(.wcNotGraded)
        screen.put(state, x: rubricInner.x, y: y, style: item.grade == nil ? Style(foreground: .yellow, attributes: .bold) : Theme.notice, clip: rubricInner)
        y += 1
        for (n, level) in item.rubric.enumerated() {
            guard y < rubricInner.maxY else { break }
            let current = item.grade.map { abs($0 - level.score) < 1e-9 } ?? false
            let head = "[\(n + 1)] \(Int((level.score * 100).rounded())) %"
            let lines = TextLayout.wrap(level.text, width: max(1, rubricInner.width - 4))
            screen.put(head + (current ? "  " + texts(.wcThisGrade) : ""), x: rubricInner.x, y: y, style: current ? Theme.notice : .bold, clip: rubricInner)
            y += 1
            for line in lines {
                guard y < rubricInner.maxY else { break }
                screen.put(line, x: rubricInner.x + 4, y: y, clip: rubricInner)
                y += 1
            }
        }
        // live17: the grading guide, for the white cell only.
        if !item.guide.isEmpty, y + 1 < rubricInner.maxY {
            y += 1
            screen.put(texts(.wcGuide), x: rubricInner.x, y: y, style: Style(foreground: .cyan, attributes: .bold), clip: rubricInner)
            y += 1
            for line in TextLayout.wrap(item.guide, width: max(1, rubricInner.width - 2)) {
                guard y < rubricInner.maxY else { break }
                screen.put(line, x: rubricInner.x + 2, y: y, clip: rubricInner)
                y += 1
            }
        }
        let answerInner = Pane(title: "\(item.task) · \(item.teamName) · answered \(DurationText.clock(item.answeredAt))", focused: true)
            .render(in: answerArea, on: &screen)
        let prompt = TextLayout.wrap(item.prompt, width: max(1, answerInner.width))
        for (row, line) in prompt.prefix(3).enumerated() {
            screen.put(line, x: answerInner.x, y: answerInner.y + row, style: Theme.dimmed, clip: answerInner)
        }
        let top = min(prompt.count, 3) + 1
        let text = Rect(x: answerInner.x, y: answerInner.y + top, width: answerInner.width, height: max(0, answerInner.height - top))
        TextViewer(text: item.answer, offset: gradingAnswerOffset).render(in: text, on: &screen)
    }

    // MARK: - Messages

    func drawMessages(in body: Rect, on screen: inout Screen) {
        let rows = snapshot.messages
        let (listArea, detail) = body.splitTop(max(5, body.height * 3 / 5))
        let inner = Pane(title: texts(.wcPaneMessagesRfis, ["n": snapshot.openRFICount])).render(in: listArea, on: &screen)
        if rows.isEmpty {
            screen.put(texts(.wcNoMessage), x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
        }
        var state = messages
        if state.selected == nil, !rows.isEmpty { state.selected = rows.count - 1 }
        let list = ListView(items: rows.map { m in
            let marker = m.needsAnswer ? "?" : m.kind == .rfi ? "✓" : "·"
            let kind = m.kind == .rfi ? texts(.wcRfi) + " " : ""
            return ListItem("\(DurationText.clock(m.time))  \(kind)\(m.from) → \(m.to): \(m.text)", marker: marker,
                            style: m.needsAnswer ? Style(foreground: .yellow, attributes: .bold) : .plain)
        }, state: state, focused: true)
        list.render(in: inner, on: &screen)
        guard let s = state.selected, rows.indices.contains(s) else {
            Pane(title: texts(.wcMessage)).render(in: detail, on: &screen)
            return
        }
        let m = rows[s]
        let detailInner = Pane(title: "\(texts(m.kind == .rfi ? .wcRfi : .wcMessage)) \(m.id) · \(m.from) → \(m.to) · \(DurationText.clock(m.time))").render(in: detail, on: &screen)
        var text = m.text
        if m.kind == .rfi {
            text += "\n\n" + (m.answer.map { texts(.wcAnswered, ["answer": $0]) } ?? texts(.wcNotAnswered))
        }
        TextViewer(text: text).render(in: detailInner, on: &screen)
    }

    // MARK: - Notes

    func drawNotes(in body: Rect, on screen: inout Screen) {
        let inner = Pane(title: texts(.wcPaneNotes, ["n": snapshot.notes.count])).render(in: body, on: &screen)
        guard !snapshot.notes.isEmpty else {
            screen.put(texts(.wcNoNote),
                       x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
            return
        }
        let names = Dictionary(snapshot.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines: [(String, Style)] = []
        for timed in snapshot.notes {
            let note = timed.note
            let about = [note.team.map { names[$0] ?? $0 }, note.inject, note.objective, note.capability].compactMap { $0 }.joined(separator: " · ")
            let kind = note.kind.map { "  " + NoteForm.label($0, texts) } ?? ""
            lines.append(("\(DurationText.clock(timed.time))  \(WhiteCellSnapshot.person(timed.by))\(kind)\(about.isEmpty ? "" : "  [\(about)]")", .bold))
            for line in TextLayout.wrap(note.text, width: max(1, inner.width - 2)) { lines.append(("  " + line, .plain)) }
            let plan = [note.action.map { texts(.notePlanAction, ["action": $0]) }, note.owner.map { texts(.notePlanOwner, ["owner": $0]) },
                        note.due.map { texts(.notePlanDue, ["due": $0]) }].compactMap { $0 }
            if !plan.isEmpty {
                for line in TextLayout.wrap(plan.joined(separator: " · "), width: max(1, inner.width - 4)) { lines.append(("    " + line, Theme.dimmed)) }
            }
        }
        // Newest at the bottom, like a log; the selection scrolls back.
        let top = max(0, lines.count - inner.height - (notes.selected.map { snapshot.notes.count - 1 - $0 } ?? 0))
        for row in 0..<inner.height where top + row < lines.count {
            let (text, style) = lines[top + row]
            screen.put(text, x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
    }

    // MARK: - Overlays

    func drawOverlay(_ overlay: Overlay, in area: Rect, on screen: inout Screen) {
        switch overlay {
        case .help(let help): help.render(in: area, on: &screen)
        case .confirm(let dialog, _): dialog.render(in: area, on: &screen)
        case .prompt(let purpose): prompt(for: purpose).render(in: area, on: &screen)
        case .noteForm: noteDraft?.render(in: area, on: &screen)
        // live17
        case .liveForm: liveDraft?.render(in: area, on: &screen)
        // grade17
        case .gradeForm: gradeDraft?.render(in: area, on: &screen)
        case .cell(let team, let inject, let offset): drawCell(team: team, inject: inject, offset: offset, in: area, on: &screen)
        case .inject(let inject, let offset): drawInject(inject, offset: offset, in: area, on: &screen)
        }
    }

    /// The widest the cell and inject boxes grow.
    static let boxWidth = 100

    private func box(_ title: String, lines: [(String, Style)], offset: Int, footer: String, in area: Rect, on screen: inout Screen) {
        ScrollBox(title: title, lines: lines, offset: offset, footer: footer, more: texts(.chromeHelpMore), maxWidth: Self.boxWidth)
            .render(in: area, on: &screen)
    }

    private func drawCell(team t: Int, inject i: Int, offset: Int, in area: Rect, on screen: inout Screen) {
        guard snapshot.teams.indices.contains(t), snapshot.injects.indices.contains(i) else { return }
        let team = snapshot.teams[t], inject = snapshot.injects[i]
        let width = ScrollBox.textWidth(in: area, maxWidth: Self.boxWidth)
        var lines: [(String, Style)] = [(inject.title, .bold)]
        let cell = t * snapshot.injects.count + i
        if let released = snapshot.releasedAt[cell] {
            let read = snapshot.readAt[cell].map { texts(.wcReadAt, ["t": DurationText.clock($0)]) } ?? texts(.wcNotRead)
            lines.append((texts(.wcReleasedAt, ["t": DurationText.clock(released), "read": read]), Theme.dimmed))
        } else {
            lines.append((texts(.wcNotReleased), Theme.dimmed))
        }
        let scores = snapshot.taskScores[team.id]?.filter { $0.task.inject == inject.id } ?? []
        if snapshot.releasedAt[cell] != nil && scores.isEmpty { lines.append((texts(.wcNoTask), Theme.dimmed)) }
        for score in scores {
            let mark = Theme.Mark(score.outcome)
            lines.append(("", .plain))
            lines.append(("\(mark.symbol) \(score.task.task)  \(mark.label(texts))  " + texts(.teamPointsOf, ["p": texts.points(score.points), "max": texts.points(score.maxPoints)]), mark.style))
            for line in TextLayout.wrap(texts.reason(score.why, fallback: score.reason), width: max(1, width - 8)) { lines.append(("    " + line, .plain)) }
            var timing: [String] = []
            if let due = score.dueAt { timing.append(texts(.wcDue, ["t": DurationText.clock(due)])) }
            if let closes = score.closesAt { timing.append(texts(.wcCloses, ["t": DurationText.clock(closes)])) }
            if let answered = score.answeredAt { timing.append(texts(.wcAnsweredAt, ["t": DurationText.clock(answered)])) }
            if !timing.isEmpty { lines.append(("    " + timing.joined(separator: " · "), Theme.dimmed)) }
        }
        box("\(team.name) · \(inject.id)", lines: lines, offset: offset, footer: texts(.wcCellFooter), in: area, on: &screen)
    }

    private func drawInject(_ i: Int, offset: Int, in area: Rect, on screen: inout Screen) {
        guard snapshot.injects.indices.contains(i), let inject = snapshot.inject(snapshot.injects[i].id, in: readingLanguage) else { return }
        let width = max(1, ScrollBox.textWidth(in: area, maxWidth: Self.boxWidth))
        var lines: [(String, Style)] = [(inject.title, .bold)]
        var facts = [inject.channel.rawValue]
        if !inject.from.isEmpty { facts.append(texts(.wcFrom, ["from": inject.from])) }
        if case .teams(let ids) = inject.to { facts.append(texts(.wcTo, ["to": ids.joined(separator: ", ")])) } else { facts.append(texts(.wcToAll)) }
        if let tlp = inject.tlp { facts.append(Theme.tlpLabel(tlp)) }
        for line in TextLayout.wrap(facts.joined(separator: " · "), width: width) { lines.append((line, Theme.dimmed)) }
        if let row = snapshot.msel.first(where: { $0.inject == inject.id }) {
            lines.append((texts(.wcReleasedTo, ["n": row.teamsReleased, "count": row.teamsReachable]) + (row.isBranch ? " " + texts(.wcABranch) : ""), Theme.dimmed))
        }
        if !inject.facilitator.isEmpty {
            lines.append(("", .plain))
            lines.append((texts(.wcFacilitatorNotes), Style(foreground: .cyan, attributes: .bold)))
            for line in TextLayout.wrap(TextLayout.reflow(inject.facilitator.trimmingTrailingNewlines), width: width) { lines.append((line, .plain)) }
        }
        lines.append(("", .plain))
        for line in TextLayout.wrap(TextLayout.reflow(inject.body.trimmingTrailingNewlines), width: width) { lines.append((line, .plain)) }
        for task in inject.tasks {
            lines.append(("", .plain))
            lines.append((texts(.wcTask, ["id": task.id, "type": task.type.rawValue, "p": texts.points(task.points)]), .bold))
            for line in TextLayout.wrap(task.prompt, width: width) { lines.append((line, .plain)) }
            if let answer = Self.expected(task, texts) {
                for line in TextLayout.wrap(texts(.wcExpected, ["answer": answer]), width: width) { lines.append((line, Style(foreground: .green))) }
            }
            // live17: the grading guide, for the white cell only.
            if !task.guide.isEmpty {
                lines.append((texts(.wcGuide), Style(foreground: .cyan, attributes: .bold)))
                for line in TextLayout.wrap(TextLayout.reflow(task.guide.trimmingTrailingNewlines), width: width) { lines.append((line, .plain)) }
            }
        }
        let languages = snapshot.languages
        let reading = languages.count > 1 ? " · \(readingLanguage ?? languages[0])" : ""
        let footer = languages.count > 1 ? texts(.wcInjectFooterLanguages, ["languages": languages.joined(separator: "/")]) : texts(.wcInjectFooter)
        box("\(inject.id)\(reading)", lines: lines, offset: offset, footer: footer, in: area, on: &screen)
    }

    /// What a task accepts, for the white cell's eyes only.
    static func expected(_ task: DrillTask, _ texts: Texts = .english) -> String? {
        switch task.kind {
        case .text(let accept, let match): accept.joined(separator: " | ") + (match == .caseless ? "" : " (\(match.rawValue))")
        case .choice(_, let answers, _, _): answers.joined(separator: " + ")
        case .number(let answer, let tolerance, let unit): "\(answer.clean)\(unit.isEmpty ? "" : " \(unit)")" + (tolerance > 0 ? " ± \(tolerance.clean)" : "")
        case .indicators(let accept): accept.joined(separator: ", ")
        case .report: nil
        case .coordination(let with): texts(.wcExpectedCoordination, ["teams": texts.list(with)])
        }
    }
}
