import DrillCore

extension FacilitatorConsole {
    /// Reacts to one key; returns what the runner must do.
    public mutating func handle(_ key: Key) -> [ConsoleRequest] {
        status = nil
        clampCursor()
        if key == .ctrl("c") { return [.quit] }
        if case .alt(let c) = key, !(isPrompting && (c == "b" || c == "f")) {
            // Esc typed just before a key arrives as Alt+key: it means both.
            return handle(.escape) + handle(.char(c))
        }
        if let overlay { return handle(key, in: overlay) }
        switch key {
        case .function(2), .ctrl("o"): return switchesConsoles ? [.nextConsole] : []
        case .function(1), .char("?"): overlay = .help(help); return []
        case .tab: tab = Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count) ?? .overview; return []
        case .backTab: tab = Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count) ?? .overview; return []
        case .char("q"): confirm(.quit); return []
        case .char("s"):
            if snapshot.phase == .notStarted { confirm(.start) } else { status = .error("the exercise has already started") }
            return []
        case .char("p"):
            // Shown at once; the next snapshot confirms it (keys pressed in a row build on it).
            switch snapshot.phase {
            case .running: snapshot.phase = .paused; return [.command(.pause)]
            case .paused: snapshot.phase = .running; return [.command(.resume)]
            case .notStarted: status = .error("not started yet: press s to start"); return []
            case .ended: status = .error("the exercise has ended"); return []
            }
        case .char("+"), .char("="): return changeSpeed(up: true)
        case .char("-"), .char("_"): return changeSpeed(up: false)
        case .char("e"):
            if snapshot.phase == .running || snapshot.phase == .paused { confirm(.end) } else { status = .error("the exercise is not running") }
            return []
        case .char("b"): openPrompt(.broadcast); return []
        case .char("n"): openNoteForm(team: nil, inject: nil); return []
        default: break
        }
        switch tab {
        case .overview: return handleOverview(key)
        case .grading: return handleGrading(key)
        case .messages: return handleMessages(key)
        case .notes:
            _ = notes.handle(key, count: snapshot.notes.count, pageRows: 10)
            return []
        }
    }

    private mutating func changeSpeed(up: Bool) -> [ConsoleRequest] {
        let speeds = Self.speeds
        let current = snapshot.speed
        let next = up ? speeds.first { $0 > current + 1e-9 } : speeds.last { $0 < current - 1e-9 }
        guard let next else {
            status = .error(up ? "already at the fastest speed (\(Theme.speedLabel(current)))" : "already at the slowest speed (\(Theme.speedLabel(current)))")
            return []
        }
        snapshot.speed = next
        return [.command(.setSpeed(next))]
    }

    // MARK: - Overview

    private mutating func handleOverview(_ key: Key) -> [ConsoleRequest] {
        let teams = snapshot.teams.count, injects = snapshot.injects.count
        switch key {
        case .up, .char("k"): row = max(0, row - 1)
        case .down, .char("j"): row = min(max(0, teams - 1), row + 1)
        case .left: column = max(0, column - 1)
        case .right, .char("l"): column = min(max(0, injects - 1), column + 1)
        case .pageUp: row = max(0, row - 10)
        case .pageDown: row = min(max(0, teams - 1), row + 10)
        case .home: column = 0
        case .end: column = max(0, injects - 1)
        case .enter:
            if teams > 0 && injects > 0 { overlay = .cell(team: row, inject: column, offset: 0) }
        case .char("i"):
            if injects > 0 { overlay = .inject(column, offset: 0) }
        case .char("r"):
            guard let inject = selectedInject else { break }
            confirm(.release(inject: inject.id, team: nil), alternative: selectedTeam.map { .release(inject: inject.id, team: $0.id) })
        case .char("h"):
            guard let inject = selectedInject else { break }
            confirm(.hold(inject: inject.id))
        case .char("x"):
            guard let inject = selectedInject else { break }
            guard inject.taskCount > 0 else { status = .error("\(inject.id) has no task to extend"); break }
            confirm(.extend(inject: inject.id, team: nil), alternative: selectedTeam.map { .extend(inject: inject.id, team: $0.id) })
        case .char("m"):
            if let team = selectedTeam { openPrompt(.message(team: team.id)) }
        case .char("N"):
            openNoteForm(team: selectedTeam?.id, inject: selectedInject?.id)
        default: break
        }
        return []
    }

    // MARK: - Grading

    private mutating func handleGrading(_ key: Key) -> [ConsoleRequest] {
        let items = snapshot.grading
        if case .char(let c) = key, let digit = c.wholeNumberValue, digit >= 1 {
            guard let selected = grading.selected, items.indices.contains(selected) else {
                status = .error("no answer to grade"); return []
            }
            let item = items[selected]
            guard digit <= item.rubric.count else {
                status = .error("the rubric of \(item.task) has \(item.rubric.count) levels"); return []
            }
            let level = item.rubric[digit - 1]
            if item.grade != nil {
                // Already graded: a second grade replaces the first, so it is said and asked.
                confirm(.regrade(team: item.team, task: item.task, score: level.score, comment: level.text))
                return []
            }
            return grade(item, level)
        }
        switch key {
        case .pageUp: gradingAnswerOffset = max(0, gradingAnswerOffset - 5)
        case .pageDown: gradingAnswerOffset += 5
        default:
            let before = grading.selected
            _ = grading.handle(key, count: items.count, pageRows: 5)
            if grading.selected != before { gradingAnswerOffset = 0 }
            if let s = grading.selected, items.indices.contains(s) { gradingFocus = GradingKey(team: items[s].team, task: items[s].task) }
        }
        return []
    }

    /// Grades `item` and moves the cursor on to the next answer waiting for a grade (after it in
    /// the list, else before it), so that the next key grades that one and not this one again.
    private mutating func grade(_ item: FacilitatorSnapshot.GradingItem, _ level: RubricLevel) -> [ConsoleRequest] {
        moveGradingCursorPast(GradingKey(team: item.team, task: item.task))
        return [.command(.grade(team: item.team, task: item.task, score: level.score, comment: level.text))]
    }

    mutating func moveGradingCursorPast(_ graded: GradingKey) {
        let items = snapshot.grading
        guard let here = items.firstIndex(where: { $0.team == graded.team && $0.task == graded.task }) else { return }
        let order = Array(items.indices[(here + 1)...]) + Array(items.indices[..<here])
        guard let next = order.first(where: { items[$0].grade == nil }) else { return }
        gradingFocus = GradingKey(team: items[next].team, task: items[next].task)
        grading.selected = next
        gradingAnswerOffset = 0
    }

    // MARK: - Messages

    private mutating func handleMessages(_ key: Key) -> [ConsoleRequest] {
        let rows = snapshot.messages
        switch key {
        case .char("a"), .enter:
            guard let i = messages.selected ?? (rows.isEmpty ? nil : rows.count - 1), rows.indices.contains(i) else { break }
            let message = rows[i]
            guard message.kind == .rfi, message.from != "white cell" else {
                status = .error("only requests for information (RFI) are answered; m writes to a team")
                break
            }
            openPrompt(.answerRFI(id: message.id))
        case .char("m"):
            guard let i = messages.selected, rows.indices.contains(i),
                  let team = snapshot.teams.first(where: { $0.name == rows[i].from }) else {
                status = .error("select a message from a team to reply to it")
                break
            }
            openPrompt(.message(team: team.id))
        default:
            if messages.selected == nil, !rows.isEmpty { messages.selected = rows.count - 1 }
            _ = messages.handle(key, count: rows.count, pageRows: 5)
        }
        return []
    }

    // MARK: - Overlays

    private mutating func handle(_ key: Key, in overlay: Overlay) -> [ConsoleRequest] {
        switch overlay {
        case .help(var help):
            self.overlay = help.handle(key) ? .help(help) : nil
            return []
        case .confirm(var dialog, let choices):
            guard let outcome = dialog.handle(key) else { self.overlay = .confirm(dialog, choices); return [] }
            self.overlay = nil
            guard case .chosen(let index) = outcome, index < choices.count else { return [] }
            return carryOut(choices[index])
        case .prompt(let purpose):
            return handlePrompt(key, purpose)
        case .noteForm:
            return handleNoteForm(key)
        case .cell(let team, let inject, let offset):
            switch key {
            case .up: self.overlay = .cell(team: team, inject: inject, offset: max(0, offset - 1))
            case .down: self.overlay = .cell(team: team, inject: inject, offset: offset + 1)
            case .char("x"), .char("m"), .char("N"), .char("r"):
                self.overlay = nil
                return handleOverview(key)
            default: self.overlay = nil
            }
            return []
        case .inject(let inject, let offset):
            switch key {
            case .up: self.overlay = .inject(inject, offset: max(0, offset - 1))
            case .down: self.overlay = .inject(inject, offset: offset + 1)
            case .pageUp: self.overlay = .inject(inject, offset: max(0, offset - 10))
            case .pageDown, .char(" "): self.overlay = .inject(inject, offset: offset + 10)
            case .char("L") where snapshot.languages.count > 1:
                // The white cell reads each team's version: the next of the scenario's languages.
                let languages = snapshot.languages
                let current = languages.firstIndex(of: readingLanguage ?? languages[0]) ?? 0
                readingLanguage = languages[(current + 1) % languages.count]
                self.overlay = .inject(inject, offset: 0)
            default: self.overlay = nil
            }
            return []
        }
    }

    private mutating func handlePrompt(_ key: Key, _ purpose: PromptPurpose) -> [ConsoleRequest] {
        var editor = drafts[purpose] ?? LineEditor()
        if key == .escape {
            overlay = nil
            return []
        }
        let event = editor.handle(key)
        guard case .submit = event else {
            drafts[purpose] = editor
            return []
        }
        // `submit` cleared the field; the draft stays until the exercise took it.
        let text = editor.history.last ?? ""
        var kept = LineEditor(text: text)
        kept.placeholder = editor.placeholder
        drafts[purpose] = kept
        guard !text.allSatisfy(\.isWhitespace) else {
            status = .error("type something first, or Esc to cancel")
            return []
        }
        overlay = nil
        switch purpose {
        case .broadcast:
            confirm(.broadcast(text: text, team: nil))
            return []
        case .message(let team):
            return [.command(.broadcast(text: text, team: team))]
        case .answerRFI(let id):
            return [.command(.answerRFI(rfi: id, text: text))]
        }
    }

    // MARK: - Note form

    /// Opens the note form: the draft if one is kept (about the team and inject given, if any),
    /// else a new one.
    mutating func openNoteForm(team: String?, inject: String?) {
        let teams = snapshot.teams.map { (id: $0.id, name: $0.name) }
        if var draft = noteDraft {
            if let team, let i = draft.teams.firstIndex(where: { $0.id == team }) { draft.team = i }
            if let inject { draft.inject = inject }
            noteDraft = draft
        } else {
            noteDraft = NoteForm(objectives: snapshot.objectives, teams: teams, team: team, inject: inject)
        }
        overlay = .noteForm
    }

    private mutating func handleNoteForm(_ key: Key) -> [ConsoleRequest] {
        guard var form = noteDraft else { overlay = nil; return [] }
        let outcome = form.handle(key)
        noteDraft = form
        switch outcome {
        case .editing: return []
        case .cancel:
            overlay = nil
            return []
        case .save:
            guard let note = form.note else {
                form.field = .text
                noteDraft = form
                status = .error("write the note first, or Esc to keep it as a draft")
                return []
            }
            // The draft stays until the exercise took the note.
            overlay = nil
            return [.command(.addNote(note))]
        }
    }

    var isPrompting: Bool {
        switch overlay {
        case .prompt?, .noteForm?: true
        default: false
        }
    }

    mutating func openPrompt(_ purpose: PromptPurpose) {
        if drafts[purpose] == nil { drafts[purpose] = LineEditor() }
        overlay = .prompt(purpose)
    }

    func prompt(for purpose: PromptPurpose) -> TextPrompt {
        let editor = drafts[purpose] ?? LineEditor()
        let names = Dictionary(snapshot.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        switch purpose {
        case .broadcast:
            return TextPrompt(title: "Broadcast to every team", context: "", editor: editor)
        case .message(let team):
            return TextPrompt(title: "Message to \(names[team] ?? team)", context: "", editor: editor)
        case .answerRFI(let id):
            let question = snapshot.messages.first { $0.id == id }
            return TextPrompt(title: "Answer \(id) from \(question?.from ?? "?")", context: question?.text ?? "", editor: editor)
        }
    }

    // MARK: - Confirmation

    mutating func confirm(_ pending: Pending, alternative: Pending? = nil) {
        let names = Dictionary(snapshot.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let dialog: Dialog
        var choices = [pending]
        switch pending {
        case .start:
            var message = "The exercise clock starts at \(Theme.speedLabel(snapshot.speed)) and the first injects go out to \(snapshot.teams.count) teams."
            var title = "Start the exercise"
            if let presence {
                let away = snapshot.teams.filter { !(presence[$0.id]?.isOnline ?? false) }
                if away.isEmpty {
                    message += " Every team is connected."
                } else {
                    title = "Start the exercise · \(away.count) of \(snapshot.teams.count) teams not connected"
                    message = "Not connected: \(away.map(\.name).joined(separator: ", ")). Their injects wait on the server and reach them when they join, but their answer windows run from now. "
                        + message
                }
            }
            dialog = .confirm(title: title, message: message, yes: "Start", no: "Cancel")
        case .end:
            dialog = .confirm(title: "End the exercise", message: Self.endMessage(ungraded: snapshot.ungradedCount), yes: "End", no: "Cancel")
        case .quit:
            let message = snapshot.phase == .ended ? (quitMessageWhenEnded ?? quitMessage) : quitMessage
            let detail = message.isEmpty ? "" : " " + message
            dialog = .confirm(title: "Quit", message: "Leave the console?\(detail)", yes: "Quit", no: "Stay")
        case .release(let inject, _):
            var buttons = ["All waiting teams"]
            if case .release(_, let team?) = alternative {
                buttons.append("Only \(names[team] ?? team)")
                choices.append(alternative ?? pending)
            }
            buttons.append("Cancel")
            dialog = Dialog(title: "Release \(inject) now", message: "Send \(inject) now, ahead of its schedule. This cannot be undone.",
                            buttons: buttons, selected: buttons.count - 1)
        case .hold(let inject):
            dialog = .confirm(title: "Hold \(inject)", message: "\(inject) will not go out on its schedule; release it by hand with r when you want it.", yes: "Hold", no: "Cancel")
        case .extend(let inject, _):
            var buttons = ["All teams"]
            if case .extend(_, let team?) = alternative {
                buttons.append("Only \(names[team] ?? team)")
                choices.append(alternative ?? pending)
            }
            buttons.append("Cancel")
            dialog = Dialog(title: "Extend \(inject)", message: "Give \(DurationText.format(self.extensionStep)) more to answer the tasks of \(inject). This cannot be undone.",
                            buttons: buttons, selected: buttons.count - 1)
        case .regrade(let team, let task, let score, _):
            let item = snapshot.grading.first { $0.team == team && $0.task == task }
            let before = item?.grade.map { "\(Int(($0 * 100).rounded())) %" } ?? "a grade"
            dialog = .confirm(title: "Regrade \(names[team] ?? team) \(task)",
                              message: "\(names[team] ?? team)'s answer to \(task) is graded \(before) already. Replace that grade with \(Int((score * 100).rounded())) %?",
                              yes: "Regrade", no: "Cancel")
        case .broadcast(let text, _):
            dialog = .confirm(title: "Broadcast", message: "Send to all \(snapshot.teams.count) teams: “\(TextLayout.truncate(text, width: 120))”", yes: "Send", no: "Cancel")
        }
        overlay = .confirm(dialog, choices)
    }

    /// What ending does, exactly: answer windows close and are scored; report answers wait for
    /// their grade (graded after the end too).
    static func endMessage(ungraded: Int) -> String {
        let waiting = switch ungraded {
        case 0: "No report answer waits for a grade now."
        case 1: "1 report answer waits for a grade now."
        default: "\(ungraded) report answers wait for a grade now."
        }
        return "Every open answer window closes and its tasks are scored as they stand; no team can answer any more. "
            + "A report task that was submitted but not graded stays pending until you grade it (grading goes on after the end). "
            + waiting + " This cannot be undone."
    }

    private mutating func carryOut(_ pending: Pending) -> [ConsoleRequest] {
        switch pending {
        case .start: return [.command(.start)]
        case .end: return [.command(.end)]
        case .quit: return [.quit]
        case .release(let inject, let team): return [.command(.releaseNow(inject: inject, teams: team.map { [$0] }))]
        case .hold(let inject): return [.command(.hold(inject: inject))]
        case .extend(let inject, let team):
            guard let detail = snapshot.injectDetails[inject] else { return [] }
            return detail.tasks.map { .command(.extendDeadline(task: TaskRef(inject: inject, task: $0.id), team: team, by: self.extensionStep)) }
        case .broadcast(let text, let team): return [.command(.broadcast(text: text, team: team))]
        case .regrade(let team, let task, let score, let comment):
            moveGradingCursorPast(GradingKey(team: team, task: task))
            return [.command(.grade(team: team, task: task, score: score, comment: comment))]
        }
    }

    // MARK: - Help

    var help: HelpOverlay {
        var general: [(String, String)] = [
            ("Tab / Shift-Tab", "next / previous tab: Overview, Grading, Messages, Notes"),
            ("? or F1", "this help"),
        ]
        if switchesConsoles { general.append(("F2 or Ctrl-O", "next console: white cell → each team in turn")) }
        general += [("q", "quit (asks first); Ctrl-C quits at once"), ("Esc", "close a box or cancel a prompt")]
        let session: [HelpOverlay.Section] = self.session.isEmpty ? [] : [.init("This session", self.session)]
        return HelpOverlay(title: "White cell console: keys", sections: session + [
            .init("Exercise", [
                ("s", "start the exercise (asks first)"),
                ("p", "pause / resume"),
                ("+ / -", "speed up / slow down (0.5× to 60×)"),
                ("e", "end the exercise (asks first)"),
                ("b", "broadcast a message to every team"),
                ("n", "a note for the after-action report: kind (observation, strength, area for improvement), objective or capability, team, text; for an area for improvement the corrective action, owner and due date"),
            ]),
            .init("Overview: the cursor is a team (row) and an inject (column)", [
                ("arrows, PgUp/PgDn", "move the cursor; Home/End first/last inject"),
                ("Enter", "that team's tasks on that inject, with reasons"),
                ("i", "the inject's text and facilitator notes"),
                ("r", "release the inject now (all waiting teams or only this one)"),
                ("h", "hold the inject back from its schedule"),
                ("x", "extend its answer windows by \(DurationText.format(self.extensionStep))"),
                ("m", "message the team"),
                ("N", "note about this team and inject"),
            ]),
            .init("Grading", [("↑ / ↓", "choose an answer"), ("1 … 9", "grade it with that rubric level; the cursor moves on to the next answer to grade (a regrade asks first)"), ("PgUp / PgDn", "scroll the answer")]),
            .init("Messages", [("↑ / ↓", "choose a message"), ("a or Enter", "answer the RFI"), ("m", "reply to the team")]),
            .init("General", general),
        ])
    }
}
