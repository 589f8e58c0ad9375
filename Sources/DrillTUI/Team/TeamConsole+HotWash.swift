import DrillCore
import DrillText

/// The hot wash's form in the team console (issue 17): one scrolling list of the scenario's
/// feedback questions and a "Send" line. F3 (or `f` on Latin layouts) opens it once the form is
/// open to the team; ↑/↓ move between questions; a scale takes 1–5 or ←/→; a choice takes its
/// number or ←/→; a text question is typed in a line editor; Enter on "Send" or F9 anywhere sends
/// every answer given; Esc closes the form and keeps the drafts.
struct HotWashForm: Sendable {
    var isOpen = false
    /// The focused row: a question's index, or `questions.count` for the "Send" line.
    var focus = 0
    var scale: [String: Int] = [:]
    var choice: [String: Int] = [:]
    var text: [String: LineEditor] = [:]
    /// Whether the drafts were filled from the answers recorded earlier (done once).
    var seeded = false
    /// Answers sent and not yet seen recorded.
    var awaiting: [String: String]?
    var top = 0
}

extension TeamConsole {
    /// The id this console answers the hot wash under: one per console and session, so that
    /// sending again replaces this member's answers.
    var feedbackMember: String { submissionPrefix }

    /// This member's answers as the exercise recorded them.
    var recordedFeedback: [String: String]? { model.hotWash?.recorded[feedbackMember] }

    /// Called by `update(_:)`: tells the member when the form opens and when answers are recorded.
    mutating func noticeHotWash(from old: TeamConsoleModel) {
        guard let wash = model.hotWash else { hotWash.isOpen = false; return }
        if old.hotWash == nil {
            status = StatusMessage(texts(.teamHotWashOpen, ["key": latinKeys ? "f" : "F3"]))
            bells += 1
        }
        if let sent = hotWash.awaiting, wash.recorded[feedbackMember] == sent {
            hotWash.awaiting = nil
            status = StatusMessage(texts(.teamHotWashRecorded))
        }
    }

    mutating func openHotWash() {
        guard let wash = model.hotWash else { status = .error(texts(.teamHotWashNotOpen)); return }
        if !hotWash.seeded, let mine = recordedFeedback {
            for q in wash.questions {
                guard let value = mine[q.id] else { continue }
                switch q.type {
                case .scale: hotWash.scale[q.id] = Int(value)
                case .choice: hotWash.choice[q.id] = q.options.firstIndex(of: value)
                case .text: hotWash.text[q.id] = LineEditor(text: value)
                }
            }
        }
        hotWash.seeded = true
        hotWash.isOpen = true
        hotWash.focus = min(hotWash.focus, wash.questions.count)
    }

    /// The answers the drafts give, by question id (questions left unanswered are left out).
    var hotWashAnswers: [String: String] {
        var answers: [String: String] = [:]
        for q in model.hotWash?.questions ?? [] {
            switch q.type {
            case .scale: if let n = hotWash.scale[q.id] { answers[q.id] = String(n) }
            case .choice: if let i = hotWash.choice[q.id], q.options.indices.contains(i) { answers[q.id] = q.options[i] }
            case .text:
                let text = (hotWash.text[q.id]?.text ?? "").trimmedSpaces
                if !text.isEmpty { answers[q.id] = text }
            }
        }
        return answers
    }

    mutating func handleHotWash(_ key: Key) -> [ConsoleRequest] {
        guard let wash = model.hotWash else { hotWash.isOpen = false; return [] }
        let questions = wash.questions
        let count = questions.count + 1
        switch key {
        case .escape: hotWash.isOpen = false; return []
        case .function(9): return sendHotWash()
        case .up, .backTab: hotWash.focus = max(0, hotWash.focus - 1); return []
        case .down, .tab: hotWash.focus = min(count - 1, hotWash.focus + 1); return []
        case .home where !questions.indices.contains(hotWash.focus) || questions[hotWash.focus].type != .text:
            hotWash.focus = 0; return []
        case .end where !questions.indices.contains(hotWash.focus) || questions[hotWash.focus].type != .text:
            hotWash.focus = count - 1; return []
        default: break
        }
        guard questions.indices.contains(hotWash.focus) else {
            return key == .enter ? sendHotWash() : []
        }
        let q = questions[hotWash.focus]
        // ← and → follow the screen: the scale's digits read left to right in every language; a
        // right-to-left console lays the options of a choice out from the right.
        let rtl = bidi.layout(for: texts.language) == .mirrored
        let step: Int? = key == .right ? 1 : key == .left ? -1 : nil
        switch q.type {
        case .scale:
            if case .char(let c) = key, let n = c.wholeNumberValue, FeedbackQuestion.scale.contains(n) {
                hotWash.scale[q.id] = n
            } else if let step {
                hotWash.scale[q.id] = min(5, max(1, (hotWash.scale[q.id] ?? 3 - step) + step))
            } else if key == .enter {
                hotWash.focus += 1
            } else if key == .backspace || key == .delete {
                hotWash.scale[q.id] = nil
            }
        case .choice:
            let n = q.options.count
            if case .char(let c) = key, let d = c.wholeNumberValue, d >= 1, d <= n {
                hotWash.choice[q.id] = d - 1
            } else if var step, n > 0 {
                if rtl { step = -step }
                hotWash.choice[q.id] = ((hotWash.choice[q.id] ?? (step > 0 ? -1 : n)) + step + n) % n
            } else if key == .enter {
                if hotWash.choice[q.id] == nil, n > 0 { hotWash.choice[q.id] = 0 }
                hotWash.focus += 1
            } else if key == .backspace || key == .delete {
                hotWash.choice[q.id] = nil
            }
        case .text:
            var editor = hotWash.text[q.id] ?? LineEditor()
            if case .submit(let text) = editor.handle(key) {
                editor.text = text   // Enter keeps the text and moves on
                hotWash.focus += 1
            }
            hotWash.text[q.id] = editor
        }
        return []
    }

    mutating func sendHotWash() -> [ConsoleRequest] {
        let answers = hotWashAnswers
        guard !answers.isEmpty else { status = .error(texts(.teamHotWashEmpty)); return [] }
        hotWash.awaiting = answers
        return [.command(.answerFeedback(member: feedbackMember, answers: answers))]
    }

    /// What `finished(_:_:)` says once the exercise took the answers (the echo confirms them).
    mutating func hotWashSent() {
        if let sent = hotWash.awaiting, recordedFeedback == sent { hotWash.awaiting = nil }
        status = StatusMessage(texts(.teamHotWashRecorded))
    }

    /// The help's section on the form, once the hot wash is open (none before: the help stays as it was).
    var hotWashHelp: [HelpOverlay.Section] {
        guard model.hotWash != nil else { return [] }
        let t = texts
        return [.init(t(.teamHelpHotWash), [
            (t(.keyOr, ["a": "f", "b": "F3"]), t(.teamHelpHotWashOpen)),
            ("↑ / ↓", t(.teamHelpHotWashMove)),
            ("1–5, ← / →", t(.teamHelpHotWashAnswer)),
            (t(.keyOr, ["a": "F9", "b": t(.keyEnter)]), t(.teamHelpHotWashSend)),
            ("Esc", t(.teamHelpBack)),
        ])]
    }

    // MARK: - View

    var hotWashKeys: [KeyBar.Item] {
        let t = texts
        return [.init("↑↓", t(.teamHotWashKeyQuestion)), .init("1–5 ←→", t(.teamHotWashKeyAnswer)),
                .init("F9", t(.keySend)), .init("Esc", t(.keyBack))]
    }

    /// The rows of the form: each question's lines then its answer row, then the "Send" line.
    func hotWashRows(width: Int) -> [(text: String, style: Style, focus: Int, field: Bool)] {
        guard let wash = model.hotWash else { return [] }
        var rows: [(String, Style, Int, Bool)] = []
        let mine = recordedFeedback
        for (i, q) in wash.questions.enumerated() {
            let focused = hotWash.isOpen && hotWash.focus == i
            let mark = mine?[q.id] != nil ? " ✓" : ""
            for (n, line) in TextLayout.wrap("\(i + 1). \(q.prompt)\(mark)", width: max(1, width)).prefix(4).enumerated() {
                rows.append((n == 0 ? line : line, focused ? .bold : .plain, i, false))
            }
            switch q.type {
            case .scale:
                let value = hotWash.scale[q.id]
                let cells = FeedbackQuestion.scale.map { $0 == value ? "[\($0)]" : " \($0) " }.joined(separator: " ")
                rows.append(("   " + cells, focused ? Theme.notice : .plain, i, true))
            case .choice:
                let chosen = hotWash.choice[q.id]
                let text = q.options.enumerated().map { k, o in (k == chosen ? "(•) " : "( ) ") + "\(k + 1) " + o }.joined(separator: "   ")
                for line in TextLayout.wrap(text, width: max(1, width - 3)).prefix(3) { rows.append(("   " + line, focused ? Theme.notice : .plain, i, true)) }
            case .text:
                rows.append(("", .plain, i, true))   // the line editor is drawn over it
            }
            rows.append(("", .plain, i, false))
        }
        let send = "[ " + texts(.keySend) + " ]  F9"
        rows.append((send, hotWash.isOpen && hotWash.focus == wash.questions.count ? .reverse : .bold, wash.questions.count, false))
        return rows
    }

    func drawHotWash(in body: Rect, on screen: inout Screen) {
        guard let wash = model.hotWash else { return }
        screen.fill(body)
        let inner = Pane(title: texts(.teamHotWashTitle), focused: true).render(in: body, on: &screen)
        guard inner.height > 2 else { return }
        let note = recordedFeedback != nil ? texts(.teamHotWashRecordedNote) : texts(.teamHotWashIntro)
        screen.put(TextLayout.truncate(note, width: inner.width), x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        let rows = hotWashRows(width: list.width)
        // Scroll so that the focused question's rows (or at least its answer row) are on screen.
        let focusedRows = rows.indices.filter { rows[$0].focus == hotWash.focus }
        var top = 0
        if let last = focusedRows.last, last >= list.height {
            top = max(0, min((focusedRows.first ?? last), last - list.height + 1))
        }
        for line in 0..<list.height where top + line < rows.count {
            let row = rows[top + line]
            let y = list.y + line
            let clip = Rect(x: list.x, y: y, width: list.width, height: 1)
            if row.style == .reverse { screen.fill(clip, style: .reverse) }
            screen.put(row.text, x: list.x, y: y, style: row.style, clip: clip)
            if row.field, wash.questions.indices.contains(row.focus), wash.questions[row.focus].type == .text {
                let q = wash.questions[row.focus]
                let editing = hotWash.isOpen && hotWash.focus == row.focus
                screen.put("›", x: list.x + 1, y: y, style: editing ? Theme.notice : Theme.dimmed, clip: clip)
                var editor = hotWash.text[q.id] ?? LineEditor()
                if editor.text.isEmpty { editor.placeholder = texts(.teamPlaceholderAnswer) }
                editor.render(in: Rect(x: list.x + 3, y: y, width: max(1, list.width - 3), height: 1), on: &screen,
                              style: editing ? .underline : .dim, focused: editing)
            }
        }
    }
}
