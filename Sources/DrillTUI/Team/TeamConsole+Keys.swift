import DrillCore
import DrillText

extension TeamConsole {
    /// Reacts to one key; returns what the runner must do.
    public mutating func handle(_ key: Key) -> [ConsoleRequest] {
        status = nil
        if key == .ctrl("c") { return [.quit] }
        if let overlay { return handle(key, in: overlay) }
        if hotWash.isOpen, model.hotWash != nil, key != .function(1) { return handleHotWash(key) }
        // Esc typed just before a key arrives as Alt+key; outside word moves it means both.
        if case .alt(let c) = key, !(mode != .browse && (c == "b" || c == "f")) {
            return handle(.escape) + handle(.char(c))
        }
        if key == .function(2) || key == .ctrl("o") { return switchesConsoles ? [.nextConsole] : [] }
        if key == .function(1) { overlay = .help(help); return [] }
        // Function keys reach every action without Latin letters (Arabic, Russian, Chinese layouts).
        if mode == .browse {
            switch key {
            case .function(10): confirm(.quit); return []
            case .function(6): tab = .messages; mode = .composing; return []
            case .function(3): openHotWash(); return []
            case .function(4) where tab == .inbox: askForHint(); return withReadMark([])
            case .function(5) where tab == .inbox: openArtifact(); return withReadMark([])
            default: break
            }
        }
        switch mode {
        case .answering: return withReadMark(handleAnswering(key))
        case .composing: return handleComposing(key)
        case .browse: break
        }
        switch key {
        case .char("?"): overlay = .help(help); return []
        case .char("q"): confirm(.quit); return []
        case .char("f"): openHotWash(); return []
        case .tab: tab = Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count) ?? .inbox; return []
        case .backTab: tab = Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count) ?? .inbox; return []
        case .char("c"):
            if tab == .messages { replyToLastSender() }
            tab = .messages
            mode = .composing
            return []
        default: break
        }
        switch tab {
        case .inbox: return withReadMark(handleInbox(key))
        case .messages:
            switch key {
            case .enter:
                replyToLastSender()
                mode = .composing
            case .up, .char("k"): messagesBack += 1
            case .down, .char("j"): messagesBack = max(0, messagesBack - 1)
            case .pageUp: messagesBack += 10
            case .pageDown, .char(" "): messagesBack = max(0, messagesBack - 10)
            case .end: messagesBack = 0
            default: break
            }
            return []
        case .score:
            let tasks = model.score?.tasks ?? []
            if key == .enter, let s = scoreRows.selected, tasks.indices.contains(s) {
                let ref = tasks[s].task
                selected = ref.inject
                if let i = model.inject(ref.inject)?.tasks.firstIndex(where: { $0.ref == ref }) { taskIndex[ref.inject] = i }
                tab = .inbox
                readerOffset = 0
                return withReadMark([])
            }
            _ = scoreRows.handle(key, count: tasks.count, pageRows: 10)
            return []
        }
    }

    /// Adds a `markRead` for the inject on screen if the team has not read it yet.
    private mutating func withReadMark(_ requests: [ConsoleRequest]) -> [ConsoleRequest] {
        guard tab == .inbox, let id = selected, let i = model.inbox.firstIndex(where: { $0.id == id }),
              model.inbox[i].readAt == nil else { return requests }
        model.inbox[i].readAt = model.exerciseTime   // shown as read at once; the exercise records it
        return [.command(.markRead(inject: id))] + requests
    }

    // MARK: - Inbox

    private mutating func handleInbox(_ key: Key) -> [ConsoleRequest] {
        let items = listed
        let position = items.firstIndex { $0.id == selected }
        func select(_ index: Int) {
            guard !items.isEmpty else { return }
            let clamped = min(max(0, index), items.count - 1)
            if items[clamped].id != selected { readerOffset = 0 }
            selected = items[clamped].id
        }
        switch key {
        case .up, .char("k"): select((position ?? 0) - 1)
        case .down, .char("j"): select((position ?? -1) + 1)
        case .home: select(0)
        case .end: select(items.count - 1)
        case .pageUp: readerOffset = max(0, readerOffset - 10)
        case .pageDown, .char(" "): readerOffset += 10
        case .left: moveTask(by: -1)
        case .right: moveTask(by: 1)
        case .enter:
            guard let task = currentTask else { status = StatusMessage(texts(.teamErrorNothingToAnswer)); break }
            if task.isClosed { status = StatusMessage(texts(.teamErrorClosedBecause, ["task": task.ref.description, "reason": closedReason(task)])) }
            mode = .answering
        case .char("h"): askForHint()
        case .char("o"): openArtifact()
        default: break
        }
        return []
    }

    mutating func moveTask(by delta: Int) {
        guard let item = current, !item.tasks.isEmpty else { return }
        taskIndex[item.id] = min(max(0, currentTaskIndex + delta), item.tasks.count - 1)
    }

    private mutating func askForHint() {
        guard let task = currentTask else { status = .error(texts(.teamErrorNoTask)); return }
        guard let next = task.hints.firstIndex(where: { $0.text == nil }) else {
            status = .error(texts(task.hints.isEmpty ? .teamErrorNoHint : .teamErrorAllHints, ["task": task.ref.description]))
            return
        }
        guard !task.isClosed else { status = .error(texts(.teamErrorClosed, ["task": task.ref.description])); return }
        confirm(.hint(task.ref, next))
    }

    private mutating func openArtifact() {
        guard let item = current, !item.artifacts.isEmpty else { status = .error(texts(.teamErrorNoArtifact)); return }
        overlay = .artifact(inject: item.id, index: 0, viewer: TextViewer(text: artifactText(item.artifacts[0])))
    }

    func artifactText(_ artifact: TeamConsoleModel.ArtifactItem) -> String {
        artifact.text ?? texts(.teamArtifactCannotShow, ["name": artifact.name])
    }

    /// A closed task's reason in the console's language.
    func closedReason(_ task: TeamConsoleModel.TaskItem) -> String {
        task.score.map { texts.reason($0.why, fallback: $0.reason) } ?? ""
    }

    // MARK: - Answering

    private mutating func handleAnswering(_ key: Key) -> [ConsoleRequest] {
        guard let task = currentTask else { mode = .browse; return [] }
        switch key {
        case .escape: mode = .browse; return []
        case .ctrl("n"), .function(8): moveTask(by: 1); return []
        case .ctrl("p"), .function(7): moveTask(by: -1); return []
        case .function(4): askForHint(); return []
        case .tab, .backTab:
            status = StatusMessage(texts(.teamErrorEscThenTab))
            return []
        default: break
        }
        if task.isClosed {
            if case .char = key { status = StatusMessage(texts(.teamErrorClosedBack, ["task": task.ref.description, "reason": closedReason(task)])) }
            switch key {
            case .pageUp: readerOffset = max(0, readerOffset - 10)
            case .pageDown: readerOffset += 10
            default: break
            }
            return []
        }
        var form = forms[task.ref] ?? AnswerForm()
        defer { forms[task.ref] = form }
        switch task.input {
        case .text, .number:
            if key == .pageUp || key == .pageDown { scrollReader(key); return [] }
            guard case .submit(let text) = form.line.handle(key) else { return [] }
            form.line.text = text   // keep what was sent in the field: a typo is fixed in place
            return submit(task, [text])
        case .choice(let options, let multiple):
            switch key {
            case .char(" ") where multiple:
                if let i = form.option.selected { if form.chosen.contains(i) { form.chosen.remove(i) } else { form.chosen.insert(i) } }
            case .enter:
                let picked = multiple ? form.chosen.sorted() : form.option.selected.map { [$0] } ?? []
                guard !picked.isEmpty else { status = .error(texts(.teamErrorSpaceChooses)); return [] }
                return submit(task, picked.map { options[$0] })
            case .char(let c) where c.wholeNumberValue.map { $0 >= 1 && $0 <= options.count } == true:
                form.option.select((c.wholeNumberValue ?? 1) - 1, count: options.count)
            case .pageUp, .pageDown: scrollReader(key)
            default:
                _ = form.option.handle(key, count: options.count, pageRows: 5)
            }
            return []
        case .indicators, .report:
            if key == .ctrl("s") || key == .function(9) {
                let text = form.area.text
                let values: [String]
                if case .indicators = task.input {
                    values = form.area.lines.map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
                } else {
                    values = [text]
                }
                return submit(task, values)
            }
            _ = form.area.handle(key)
            return []
        case .coordination:
            let others = coordinationTeams(task)
            switch key {
            case .up: form.recipient = (form.recipient + others.count - 1) % max(1, others.count); return []
            case .down: form.recipient = (form.recipient + 1) % max(1, others.count); return []
            case .pageUp, .pageDown: scrollReader(key); return []
            default: break
            }
            guard case .submit(let text) = form.line.handle(key) else { return [] }
            form.line.text = text
            guard others.indices.contains(form.recipient) else { return [] }
            guard !text.trimmedSpaces.isEmpty else { status = .error(texts(.teamErrorTypeMessage)); return [] }
            return [.command(.sendMessage(to: .team(others[form.recipient]), kind: .message, text: text))]
        }
    }

    private mutating func scrollReader(_ key: Key) {
        readerOffset = key == .pageUp ? max(0, readerOffset - 10) : readerOffset + 10
    }

    private mutating func submit(_ task: TeamConsoleModel.TaskItem, _ values: [String]) -> [ConsoleRequest] {
        let cleaned = values.map(\.trimmedSpaces).filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { status = .error(texts(.teamErrorEmptyAnswer)); return [] }
        if case .number = task.input, AnswerMatching.number(cleaned[0]) == nil {
            status = .error(texts(.teamErrorNotNumber, ["value": cleaned[0]]))
            return []
        }
        if model.phase == .notStarted { status = .error(texts(.teamErrorNotStarted)); return [] }
        awaiting[task.ref] = (task.answers.count, task.score?.wrongAttempts ?? 0)
        return [.command(.submit(task: task.ref, submission: nextSubmission(), values: values))]
    }

    // MARK: - Messages

    private mutating func handleComposing(_ key: Key) -> [ConsoleRequest] {
        let choices = recipients
        switch key {
        case .escape: mode = .browse; return []
        case .up: recipient = (recipient + choices.count - 1) % choices.count; return []
        case .down, .tab: recipient = (recipient + 1) % choices.count; return []
        case .pageUp: messagesBack += 10; return []
        case .pageDown: messagesBack = max(0, messagesBack - 10); return []
        default: break
        }
        guard case .submit(let text) = composer.handle(key) else { return [] }
        composer.text = text
        guard !text.trimmedSpaces.isEmpty else { status = .error(texts(.teamErrorTypeMessage)); return [] }
        messagesBack = 0
        // Sent: the composer lets go, so that the next keys (an answer) do not become a message.
        // The text stays in it until the exercise took it (a refused message can be sent again).
        mode = .browse
        switch choices[min(recipient, choices.count - 1)] {
        case .whiteCell: return [.command(.sendMessage(to: .whiteCell, kind: .message, text: text))]
        case .rfi: return [.command(.sendMessage(to: .whiteCell, kind: .rfi, text: text))]
        case .team(let id): return [.command(.sendMessage(to: .team(id), kind: .message, text: text))]
        }
    }

    /// A new message replies to whoever sent the newest message the team received: a team, or
    /// the white cell (its RFI answers and broadcasts). Only when nothing is typed yet.
    mutating func replyToLastSender() {
        guard composer.text.isEmpty,
              let last = model.messages.last(where: { $0.from != .team(model.team.id) }) else { return }
        let target: Recipient
        switch last.from {
        case .team(let id): target = .team(id)
        case .whiteCell, .all: target = last.kind == .rfi ? .rfi : .whiteCell
        }
        if let i = recipients.firstIndex(of: target) { recipient = i }
    }

    // MARK: - Overlays

    private mutating func handle(_ key: Key, in overlay: Overlay) -> [ConsoleRequest] {
        switch overlay {
        case .help(var help):
            self.overlay = help.handle(key) ? .help(help) : nil
            return []
        case .notice:
            // Any key closes it; a key meant for the view (typing an answer) still reaches it.
            self.overlay = nil
            if key == .enter || key == .escape || key == .char(" ") { return [] }
            return handle(key)
        case .confirm(var dialog, let pending):
            if key == .function(10), pending == .quit { self.overlay = nil; return [.quit] }
            guard let outcome = dialog.handle(key) else { self.overlay = .confirm(dialog, pending); return [] }
            self.overlay = nil
            guard outcome == .chosen(0) else { return [] }
            switch pending {
            case .quit: return [.quit]
            case .hint(let ref, let n): return [.command(.takeHint(task: ref, hint: n))]
            }
        case .artifact(let inject, let index, var viewer):
            guard let item = model.inject(inject) else { self.overlay = nil; return [] }
            switch key {
            case .tab where item.artifacts.count > 1, .right where item.artifacts.count > 1:
                let next = (index + 1) % item.artifacts.count
                self.overlay = .artifact(inject: inject, index: next, viewer: TextViewer(text: artifactText(item.artifacts[next])))
            case .escape, .char("q"), .enter:
                self.overlay = nil
            default:
                _ = viewer.handle(key, in: Self.artifactText(in: Rect(origin: Point(x: 0, y: 0), size: viewport)).size)
                self.overlay = .artifact(inject: inject, index: index, viewer: viewer)
            }
            return []
        }
    }

    mutating func confirm(_ pending: Pending) {
        switch pending {
        case .quit:
            let message = model.phase == .ended ? (quitMessageWhenEnded ?? quitMessage) : quitMessage
            let detail = message.isEmpty ? "" : " " + message
            overlay = .confirm(.confirm(title: texts(.teamQuitTitle), message: texts(.teamQuitMessage) + detail,
                                        yes: texts(.teamQuitYes), no: texts(.teamQuitNo)), pending)
        case .hint(let ref, let n):
            let cost = task(ref)?.hints[n].cost ?? 0
            let price = cost > 0 ? texts(.teamHintCosts, ["n": cost]) : texts(.teamHintFree)
            overlay = .confirm(.confirm(title: texts(.teamHintTitle, ["n": n + 1, "task": ref.description]),
                                        message: texts(.teamHintMessage, ["price": price]),
                                        yes: texts(.teamHintYes), no: texts(.teamHintNo)), pending)
        }
    }

    var help: HelpOverlay {
        let t = texts
        func or(_ a: String, _ b: String) -> String { t(.keyOr, ["a": a, "b": b]) }
        let enter = t(.keyEnter)
        var general: [(String, String)] = [("Tab / Shift-Tab", t(.teamHelpTabs)), (or("?", "F1"), t(.teamHelpHelp))]
        if switchesConsoles { general.append((or("F2", "Ctrl-O"), t(.teamHelpNextConsole))) }
        general += [(or("q", "F10"), t(.teamHelpQuit))]
        return HelpOverlay(title: t(.teamHelpTitle), sections: [
            .init(t(.teamHelpInbox), [
                ("↑ / ↓", t(.teamHelpChooseInject)),
                ("PgUp / PgDn", t(.teamHelpScrollInject)),
                ("← / →", t(.teamHelpChooseTask)),
                (enter, t(.teamHelpAnswer)),
                (or("h", "F4"), t(.teamHelpHint)),
                (or("o", "F5"), t(.teamHelpArtifacts)),
                (or("c", "F6"), t(.teamHelpWrite)),
            ]),
            .init(t(.teamHelpAnswering), [
                (enter, t(.teamHelpSendLine)),
                (or("Ctrl-S", "F9"), t(.teamHelpSendArea)),
                ("↑ / ↓", t(.teamHelpChooseOption)),
                (t(.keySpace), t(.teamHelpTick)),
                ("Ctrl-N/P, F8/F7", t(.teamHelpNextTask)),
                ("F4", t(.teamHelpTakeHint)),
                ("Esc", t(.teamHelpBack)),
            ]),
            .init(t(.teamHelpMessages), [(or(enter, "c, F6"), t(.teamHelpWriteTo)), ("Esc", t(.teamHelpStopWriting))]),
        ] + hotWashHelp + [
            .init(t(.teamHelpGeneral), general),
        ], language: t.language)
    }
}

extension StringProtocol {
    /// Without surrounding whitespace.
    var trimmedSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
