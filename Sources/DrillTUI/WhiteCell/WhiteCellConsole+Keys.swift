import DrillCore
import DrillText

extension WhiteCellConsole {
    /// Reacts to one key; returns what the runner must do.
    public mutating func handle(_ key: Key) -> [ConsoleRequest] {
        status = nil
        clampCursor()
        if key == .ctrl("c") { return [.quit] }
        if case .alt(let c) = key, !(isPrompting && (c == "b" || c == "f")) {
            // Esc typed just before a key arrives as Alt+key: it means both.
            return handle(.escape) + handle(.char(c))
        }
        // A command letter typed on a Russian or Arabic layout: the Latin letter of the same key.
        if !isPrompting, case .char(let c) = key, let latin = KeyboardLayout.latin(for: c) { return handle(.char(latin)) }
        if let overlay { return handle(key, in: overlay) }
        // Function keys stand for the letter keys, for Arabic, Russian and Chinese layouts.
        if case .function(let n) = key, let letter = functionLetter(n) { return handle(.char(letter)) }
        switch key {
        case .function(2), .ctrl("o"): return switchesConsoles ? [.nextConsole] : []
        case .function(1), .char("?"): overlay = .help(help); return []
        case .tab: tab = Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count) ?? .overview; return []
        case .backTab: tab = Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count) ?? .overview; return []
        case .char("q"): confirm(.quit); return []
        case .char("s"):
            if snapshot.phase == .notStarted { confirm(.start) } else { status = .error(texts(.wcErrStarted)) }
            return []
        case .char("p"):
            // Shown at once; the next snapshot confirms it (keys pressed in a row build on it).
            switch snapshot.phase {
            case .running: snapshot.phase = .paused; return [.command(.pause)]
            case .paused: snapshot.phase = .running; return [.command(.resume)]
            case .notStarted: status = .error(texts(.wcErrNotStarted)); return []
            case .ended: status = .error(texts(.wcErrEnded)); return []
            }
        case .char("+"), .char("="): return changeSpeed(up: true)
        case .char("-"), .char("_"): return changeSpeed(up: false)
        case .char("e"):
            if snapshot.phase == .running || snapshot.phase == .paused { confirm(.end) } else { status = .error(texts(.wcErrNotRunning)) }
            return []
        case .char("b"): openPrompt(.broadcast); return []
        case .char("n"): openNoteForm(team: nil, inject: nil); return []
        // live17
        case .char("c"): openLiveForm(team: nil); return []
        case .char("C"): openLiveForm(team: selectedTeam?.id); return []
        // grade17
        case .char("W"):
            guard snapshot.hasFeedback else { status = .error(texts(.wcErrNoFeedback)); return [] }
            return snapshot.feedbackOpen ? [] : [.command(.openFeedback)]
        // viewas
        case .char("v"): return viewAsSelectedTeam()
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

    /// F3 start or pause/resume, F4 release, F5 hold, F6 extend, F7 answer an RFI, F8 message,
    /// F9 broadcast, F10 quit, F11 note, F12 end (F1 help and F2 next console as before).
    func functionLetter(_ n: Int) -> Character? {
        switch n {
        case 3: snapshot.phase == .notStarted ? "s" : "p"
        case 4: "r"
        case 5: "h"
        case 6: "x"
        case 7: "a"
        case 8: "m"
        case 9: "b"
        case 10: "q"
        case 11: "n"
        case 12: "e"
        default: nil
        }
    }

    private mutating func changeSpeed(up: Bool) -> [ConsoleRequest] {
        let speeds = Self.speeds
        let current = snapshot.speed
        let next = up ? speeds.first { $0 > current + 1e-9 } : speeds.last { $0 < current - 1e-9 }
        guard let next else {
            status = .error(texts(up ? .wcErrFastest : .wcErrSlowest, ["s": Theme.speedLabel(current)]))
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
            guard inject.taskCount > 0 else { status = .error(texts(.wcErrorNoTaskToExtend, ["inject": inject.id])); break }
            confirm(.extend(inject: inject.id, team: nil), alternative: selectedTeam.map { .extend(inject: inject.id, team: $0.id) })
        case .char("m"):
            if let team = selectedTeam { openPrompt(.message(team: team.id)) }
        case .char("N"):
            openNoteForm(team: selectedTeam?.id, inject: selectedInject?.id)
        // grade17
        case .char("g"):
            openGradeForm()
        default: break
        }
        return []
    }

    // MARK: - Grading

    private mutating func handleGrading(_ key: Key) -> [ConsoleRequest] {
        let items = snapshot.grading
        if case .char(let c) = key, let digit = c.wholeNumberValue, digit >= 1 {
            guard let selected = grading.selected, items.indices.contains(selected) else {
                status = .error(texts(.wcErrNoAnswer)); return []
            }
            let item = items[selected]
            guard digit <= item.rubric.count else {
                status = .error(texts(.wcErrRubricLevels, ["task": item.task.description, "n": item.rubric.count])); return []
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
    private mutating func grade(_ item: WhiteCellSnapshot.GradingItem, _ level: RubricLevel) -> [ConsoleRequest] {
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
            guard message.kind == .rfi, !message.fromWhiteCell else {
                status = .error(texts(.wcErrOnlyRfi))
                break
            }
            openPrompt(.answerRFI(id: message.id))
        case .char("m"):
            guard let i = messages.selected, rows.indices.contains(i),
                  let team = snapshot.teams.first(where: { $0.name == rows[i].from }) else {
                status = .error(texts(.wcErrSelectMessage))
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
        // live17
        case .liveForm:
            return handleLiveForm(key)
        // grade17
        case .gradeForm:
            return handleGradeForm(key)
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
            status = .error(texts(.wcErrTypeFirst))
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
            noteDraft = NoteForm(objectives: snapshot.objectives, teams: teams, team: team, inject: inject, texts: texts)
        }
        overlay = .noteForm
    }

    private mutating func handleNoteForm(_ key: Key) -> [ConsoleRequest] {
        handleForm(\.noteDraft, key) { console, form in
            guard let note = form.note else {
                form.field = .text
                console.status = .error(console.texts(.noteErrorEmpty))
                return nil
            }
            // The draft stays until the exercise took the note.
            return [.command(.addNote(note))]
        }
    }

    var isPrompting: Bool {
        switch overlay {
        case .prompt?, .noteForm?, .liveForm?, .gradeForm?: true
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
            return TextPrompt(title: texts(.wcPromptBroadcast), context: "", editor: editor, texts: texts)
        case .message(let team):
            return TextPrompt(title: texts(.wcPromptMessage, ["team": names[team] ?? team]), context: "", editor: editor, texts: texts)
        case .answerRFI(let id):
            let question = snapshot.messages.first { $0.id == id }
            return TextPrompt(title: texts(.wcPromptAnswer, ["id": id, "from": question?.from ?? "?"]), context: question?.text ?? "", editor: editor, texts: texts)
        }
    }

    // MARK: - Confirmation

    mutating func confirm(_ pending: Pending, alternative: Pending? = nil) {
        let names = Dictionary(snapshot.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let dialog: Dialog
        var choices = [pending]
        switch pending {
        case .start:
            var message = texts(.wcDialogStartMessage, ["speed": Theme.speedLabel(snapshot.speed), "n": snapshot.teams.count])
            var title = texts(.wcDialogStartTitle)
            if let presence {
                let away = snapshot.teams.filter { !(presence[$0.id]?.isOnline ?? false) }
                if away.isEmpty {
                    message += " " + texts(.wcDialogStartAllHere)
                } else {
                    title = texts(.wcDialogStartAwayTitle, ["away": away.count, "n": snapshot.teams.count])
                    message = texts(.wcDialogStartAwayMessage, ["names": texts.list(away.map(\.name))]) + " " + message
                }
            }
            dialog = .confirm(title: title, message: message, yes: texts(.wcDialogStart), no: texts(.wcDialogCancel))
        case .end:
            dialog = .confirm(title: texts(.wcDialogEndTitle), message: Self.endMessage(ungraded: snapshot.ungradedCount, texts: texts),
                              yes: texts(.wcDialogEnd), no: texts(.wcDialogCancel))
        case .quit:
            let message = snapshot.phase == .ended ? (quitMessageWhenEnded ?? quitMessage) : quitMessage
            let detail = message.isEmpty ? "" : " " + message
            dialog = .confirm(title: texts(.teamQuitTitle), message: texts(.teamQuitMessage) + detail, yes: texts(.teamQuitYes), no: texts(.teamQuitNo))
        case .release(let inject, _):
            var buttons = [texts(.wcDialogAllWaiting)]
            if case .release(_, let team?) = alternative {
                buttons.append(texts(.wcDialogOnly, ["team": names[team] ?? team]))
                choices.append(alternative ?? pending)
            }
            buttons.append(texts(.wcDialogCancel))
            dialog = Dialog(title: texts(.wcDialogReleaseTitle, ["inject": inject]), message: texts(.wcDialogReleaseMessage, ["inject": inject]),
                            buttons: buttons, selected: buttons.count - 1)
        case .hold(let inject):
            dialog = .confirm(title: texts(.wcDialogHoldTitle, ["inject": inject]), message: texts(.wcDialogHoldMessage, ["inject": inject]),
                              yes: texts(.wcDialogHold), no: texts(.wcDialogCancel))
        case .extend(let inject, _):
            var buttons = [texts(.wcDialogAllTeams)]
            if case .extend(_, let team?) = alternative {
                buttons.append(texts(.wcDialogOnly, ["team": names[team] ?? team]))
                choices.append(alternative ?? pending)
            }
            buttons.append(texts(.wcDialogCancel))
            dialog = Dialog(title: texts(.wcDialogExtendTitle, ["inject": inject]), message: texts(.wcDialogExtendMessage, ["by": DurationText.format(self.extensionStep), "inject": inject]),
                            buttons: buttons, selected: buttons.count - 1)
        case .regrade(let team, let task, let score, _):
            let item = snapshot.grading.first { $0.team == team && $0.task == task }
            let before = item?.grade.map { texts.percent($0 * 100) } ?? "?"
            dialog = .confirm(title: texts(.wcDialogRegradeTitle, ["team": names[team] ?? team, "task": task.description]),
                              message: texts(.wcDialogRegradeMessage, ["team": names[team] ?? team, "task": task.description,
                                                                        "before": before, "after": texts.percent(score * 100)]),
                              yes: texts(.wcDialogRegrade), no: texts(.wcDialogCancel))
        case .broadcast(let text, _):
            dialog = .confirm(title: texts(.wcDialogBroadcastTitle), message: texts(.wcDialogBroadcastMessage, ["n": snapshot.teams.count, "text": TextLayout.truncate(text, width: 120)]),
                              yes: texts(.wcDialogSend), no: texts(.wcDialogCancel))
        }
        overlay = .confirm(dialog, choices)
    }

    /// What ending does, exactly: answer windows close and are scored; report answers wait for
    /// their grade (graded after the end too).
    static func endMessage(ungraded: Int, texts: Texts = .english) -> String {
        texts(.wcDialogEndMessage) + " " + texts(.wcDialogEndPending, ["n": ungraded])
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
        let t = texts
        func or(_ a: String, _ b: String) -> String { t(.keyOr, ["a": a, "b": b]) }
        var general: [(String, String)] = [
            ("Tab / Shift-Tab", t(.wcHelpTabs)),
            (or("?", "F1"), t(.teamHelpHelp)),
        ]
        if switchesConsoles { general.append((or("F2", "Ctrl-O"), t(.wcHelpNextConsole))) }
        general += [(or("q", "F10"), t(.teamHelpQuit)), ("Esc", t(.wcHelpEsc))]
        let session: [HelpOverlay.Section] = self.session.isEmpty ? [] : [.init(t(.wcHelpSession), self.session)]
        return HelpOverlay(title: t(.wcHelpTitle), sections: session + [
            .init(t(.wcHelpExercise), [
                (or("s", "F3"), t(.wcHelpStart)),
                (or("p", "F3"), t(.wcHelpPause)),
                ("+ / -", t(.wcHelpSpeed)),
                (or("e", "F12"), t(.wcHelpEnd)),
                (or("b", "F9"), t(.wcHelpBroadcast)),
                (or("n", "F11"), t(.wcHelpNote)),
                // live17
                ("c", t(.wcHelpCompose)),
                ("C", t(.wcHelpComposeTeam)),
                ("v", t(.wcHelpViewAs)),
                ("W", t(.wcHelpOpenFeedback)),
            ]),
            .init(t(.wcHelpOverview), [
                ("←→↑↓ PgUp/PgDn", t(.wcHelpMove)),
                (t(.keyEnter), t(.wcHelpCell)),
                ("i", t(.wcHelpInject)),
                (or("r", "F4"), t(.wcHelpRelease)),
                (or("h", "F5"), t(.wcHelpHold)),
                (or("x", "F6"), t(.wcHelpExtend, ["by": DurationText.format(self.extensionStep)])),
                (or("m", "F8"), t(.wcHelpMessage)),
                ("N", t(.wcHelpNoteCell)),
                ("g", t(.wcHelpGradeCell)),
                ("▼ ▲ ✓", t(.wcHelpPace)),
            ]),
            .init(t(.wcHelpGrading), [("↑ / ↓", t(.wcHelpChooseAnswer)), ("1 … 9", t(.wcHelpGradeLevel)), ("PgUp / PgDn", t(.wcHelpScrollAnswer))]),
            .init(t(.wcHelpMessages), [("↑ / ↓", t(.wcHelpChooseMessage)), (or("a", "F7"), t(.wcHelpAnswerRfi)), (or("m", "F8"), t(.wcHelpReply))]),
            .init(t(.teamHelpGeneral), general),
        ], language: t.language)
    }
}
