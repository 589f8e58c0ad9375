import DrillText

/// What a key did to a white-cell form.
enum FormOutcome: Sendable, Hashable {
    case editing
    case save
    case cancel
}

/// A white-cell form (note, live inject, grade): fields shown one a line, one of them focused;
/// a field is either a choice (changed with Left / Right or Space) or a line editor.
///
/// Keys shared by every form: Tab / Down and Shift-Tab / Up move between fields; Enter goes to
/// the next field and, on the last one, saves; Ctrl-S saves from any field; Esc closes the form
/// (the console keeps it as a draft).
protocol ConsoleForm: Sendable {
    associatedtype Field: Equatable

    /// The console's words.
    var texts: Texts { get }
    /// The fields shown, in order.
    var fields: [Field] { get }
    /// The focused field.
    var field: Field { get set }

    /// The field's label.
    func fieldLabel(_ field: Field) -> String
    /// The line editor of a text field; nil for a choice.
    func editorPath(_ field: Field) -> WritableKeyPath<Self, LineEditor>?
    /// The value a choice field shows.
    func choiceText(_ field: Field) -> String
    /// Moves a choice field by `step` (+1 or −1).
    mutating func stepChoice(_ field: Field, by step: Int)
    /// Called after a key went to a text field's editor.
    mutating func edited(_ field: Field)
}

extension ConsoleForm {
    mutating func edited(_ field: Field) {}

    /// Handles a key: moves the focus, changes a choice or edits a text field.
    mutating func handle(_ key: Key) -> FormOutcome {
        let shown = fields
        let position = shown.firstIndex(of: field) ?? 0
        switch key {
        case .escape: return .cancel
        case .ctrl("s"): return .save
        case .tab, .down:
            field = shown[(position + 1) % shown.count]
            return .editing
        case .backTab, .up:
            field = shown[(position + shown.count - 1) % shown.count]
            return .editing
        case .enter:
            if position == shown.count - 1 { return .save }
            field = shown[position + 1]
            return .editing
        default: break
        }
        guard let path = editorPath(field) else {
            switch key {
            case .right, .char(" "): stepChoice(field, by: 1)
            case .left: stepChoice(field, by: -1)
            default: break
            }
            return .editing
        }
        _ = self[keyPath: path].handle(key)
        edited(field)
        return .editing
    }

    /// Draws the fields shown, one a line from `y` while above `bottom`, labels in a column
    /// `width` wide at most; returns the line after the last one drawn.
    @discardableResult
    func renderFields(width: Int, in content: Rect, from y: Int, above bottom: Int, on screen: inout Screen) -> Int {
        let shown = fields
        let labelWidth = max(8, (shown.map { TextLayout.fit(fieldLabel($0), width: width).width }.max() ?? 0) + 1)
        var y = y
        for f in shown {
            guard y < bottom else { break }
            let focused = f == field
            screen.put((focused ? "▸ " : "  ") + fieldLabel(f), x: content.x, y: y, style: focused ? Theme.title : .plain, clip: content)
            let x = content.x + labelWidth + 2
            let room = Rect(x: x, y: y, width: max(0, content.maxX - x), height: 1)
            if let path = editorPath(f) {
                var editor = self[keyPath: path]
                editor.keepCursorVisible(width: room.width)
                if focused {
                    editor.render(in: room, on: &screen, style: .underline)
                } else {
                    let value = editor.text.isEmpty ? editor.placeholder : editor.text
                    screen.put(TextLayout.truncate(value, width: room.width), x: x, y: y, style: editor.text.isEmpty ? Theme.dimmed : .plain, clip: room)
                }
            } else {
                let value = choiceText(f)
                screen.put(TextLayout.truncate(focused ? "◂ \(value) ▸" : value, width: room.width), x: x, y: y, style: focused ? .bold : .plain, clip: room)
            }
            y += 1
        }
        return y
    }
}

extension WhiteCellConsole {
    /// Passes a key to the form open in `draft`. Esc closes it (the draft is kept); on save,
    /// `save` turns the form into requests and the form closes, or refuses (nil: it stays open,
    /// with whatever `save` changed in it or in the console).
    mutating func handleForm<Form: ConsoleForm>(_ draft: WritableKeyPath<WhiteCellConsole, Form?>, _ key: Key,
                                                save: (inout WhiteCellConsole, inout Form) -> [ConsoleRequest]?) -> [ConsoleRequest] {
        guard var form = self[keyPath: draft] else { overlay = nil; return [] }
        let outcome = form.handle(key)
        self[keyPath: draft] = form
        switch outcome {
        case .editing: return []
        case .cancel:
            overlay = nil
            return []
        case .save:
            let requests = save(&self, &form)
            self[keyPath: draft] = form
            guard let requests else { return [] }
            overlay = nil
            return requests
        }
    }
}
