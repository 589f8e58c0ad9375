import DrillCore
import DrillText

/// The white cell's note for the after-action report, as a form: its kind (observation,
/// strength, area for improvement), the objective or capability it is about, the team (or all),
/// the text and, for an area for improvement, the corrective action, its owner and due date.
///
/// Keys: Tab / Down and Shift-Tab / Up move between fields; Left / Right (or Space) change a
/// choice; text fields edit as a line editor; Enter goes to the next field and, on the last one,
/// saves; Ctrl-S saves from any field; Esc closes the form and keeps it as a draft.
struct NoteForm: ConsoleForm {
    enum Field: Int, Sendable, CaseIterable {
        case kind, about, team, text, action, owner, due

        func label(_ t: Texts) -> String {
            switch self {
            case .kind: t(.noteFieldKind)
            case .about: t(.noteFieldAbout)
            case .team: t(.noteFieldTeam)
            case .text: t(.noteFieldText)
            case .action: t(.noteFieldAction)
            case .owner: t(.noteFieldOwner)
            case .due: t(.noteFieldDue)
            }
        }
    }

    /// An objective or a capability the note can be about.
    struct Subject: Sendable, Hashable {
        var objective: String?
        var capability: String?
        var label: String
    }

    typealias Outcome = FormOutcome

    static let kinds: [Note.Kind] = [.observation, .strength, .improvement]

    static func label(_ kind: Note.Kind, _ t: Texts = .english) -> String {
        switch kind {
        case .observation: t(.noteKindObservation)
        case .strength: t(.noteKindStrength)
        case .improvement: t(.noteKindImprovement)
        }
    }

    /// The console's words (labels, placeholders, hints).
    var texts: Texts

    var kind: Note.Kind = .observation
    var subjects: [Subject]
    var subject = 0
    /// Team ids with their names; nil: all teams.
    var teams: [(id: String?, name: String)]
    var team = 0
    /// The inject it is about (`N` on the overview), shown and journaled as is.
    var inject: String?
    var text: LineEditor
    var action: LineEditor
    var owner: LineEditor
    var due: LineEditor
    var field: Field = .text

    init(objectives: [Objective], teams: [(id: String, name: String)], team: String? = nil, inject: String? = nil,
         texts t: Texts = .english) {
        texts = t
        text = LineEditor(placeholder: t(.notePlaceholderText))
        action = LineEditor(placeholder: t(.notePlaceholderAction))
        owner = LineEditor(placeholder: t(.notePlaceholderOwner))
        due = LineEditor(placeholder: t(.notePlaceholderDue))
        var subjects = [Subject(objective: nil, capability: nil, label: t(inject == nil ? .noteSubjectNone : .noteSubjectInject))]
        for o in objectives { subjects.append(Subject(objective: o.id, capability: nil, label: "\(o.id) · \(o.capability) · \(o.title)")) }
        var seen = Set<String>()
        for o in objectives where seen.insert(o.capability).inserted {
            subjects.append(Subject(objective: nil, capability: o.capability, label: t(.noteSubjectCapability, ["capability": o.capability])))
        }
        self.subjects = subjects
        self.teams = [(nil, t(.partyAllTeams))] + teams.map { (Optional($0.id), $0.name) }
        self.team = teams.firstIndex { $0.id == team }.map { $0 + 1 } ?? 0
        self.inject = inject
    }

    /// The fields shown: action, owner and due only for an area for improvement.
    var fields: [Field] {
        kind == .improvement ? Field.allCases : [.kind, .about, .team, .text]
    }

    var isEmpty: Bool { text.text.allSatisfy(\.isWhitespace) }

    /// The note to journal (nil when its text is empty).
    var note: Note? {
        func value(_ editor: LineEditor) -> String? {
            let t = String(editor.text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            return t.isEmpty ? nil : t
        }
        guard let body = value(text) else { return nil }
        let about = subjects.indices.contains(subject) ? subjects[subject] : nil
        let improvement = kind == .improvement
        return Note(text: body, inject: inject, team: teams.indices.contains(team) ? teams[team].id : nil, kind: kind,
                    objective: about?.objective, capability: about?.capability,
                    action: improvement ? value(action) : nil, owner: improvement ? value(owner) : nil, due: improvement ? value(due) : nil)
    }

    func fieldLabel(_ f: Field) -> String { f.label(texts) }

    func editorPath(_ f: Field) -> WritableKeyPath<NoteForm, LineEditor>? {
        switch f {
        case .kind, .about, .team: nil
        case .text: \.text
        case .action: \.action
        case .owner: \.owner
        case .due: \.due
        }
    }

    func choiceText(_ f: Field) -> String {
        switch f {
        case .kind: Self.label(kind, texts)
        case .about: subjects.indices.contains(subject) ? subjects[subject].label : ""
        default: teams.indices.contains(team) ? teams[team].name : ""
        }
    }

    mutating func stepChoice(_ f: Field, by step: Int) {
        switch f {
        case .kind:
            let i = Self.kinds.firstIndex(of: kind) ?? 0
            kind = Self.kinds[(i + step + Self.kinds.count) % Self.kinds.count]
        case .about: subject = (subject + step + subjects.count) % subjects.count
        default: team = (team + step + teams.count) % teams.count
        }
    }

    func render(in area: Rect, on screen: inout Screen) {
        screen.restyle(area) { $0.attributes.insert(.dim) }
        let shown = fields
        let width = min(area.width - 4, 84)
        let height = shown.count + (inject == nil ? 0 : 1) + 4
        let box = area.centered(Size(width: width, height: min(area.height, height)))
        let content = Pane(title: texts(.noteTitle), focused: true).render(in: box, on: &screen).inset(left: 1, right: 1)
        var y = content.y
        if let inject {
            screen.put(texts(.noteAboutInject, ["inject": inject]), x: content.x, y: y, style: Theme.dimmed, clip: content)
            y += 1
        }
        renderFields(width: width, in: content, from: y, above: content.maxY - 1, on: &screen)
        let footer = texts(.noteFooter)
        screen.put(TextLayout.truncate(footer, width: content.width), x: content.x, y: content.maxY - 1, style: Theme.dimmed, clip: content)
    }
}
