import DrillCore

/// What a facilitator's note says for the report, read from its tags and text (docs/report.md):
///
/// - kind: tag `strength`, or `improvement` (also `afi`, `area`, `weakness`); otherwise an observation;
/// - capability: tag `capability:NAME` or a tag equal to a capability; objective: `objective:ID` or
///   a tag equal to an objective id; else the objectives of the note's inject;
/// - improvement plan: tags `action:…`, `owner:…`, `due:…`, or lines of the text that start with
///   `Action:`, `Owner:`, `Due:` (any case); those lines are taken out of the observation's text.
///
/// The fields of the white cell's note form (`kind`, `objective`, `capability`, `action`,
/// `owner`, `due`) come first; tags and text lines add to them (older journals have only those).
struct NoteTags {
    var kind: NoteEntry.Kind = .observation
    var text: String
    var capabilities: [String] = []
    var objectives: [String] = []
    var action: String?
    var owner: String?
    var due: String?

    static let improvementTags: Set<String> = ["improvement", "afi", "area", "weakness", "area-for-improvement"]

    init(_ note: Note, scenario: Scenario) {
        var lines: [Substring] = []
        var action: String?, owner: String?, due: String?
        for line in note.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let (key, value) = Self.field(line) {
                switch key {
                case "action": action = Self.join(action, value)
                case "owner": owner = Self.join(owner, value)
                default: due = Self.join(due, value)
                }
            } else {
                lines.append(line)
            }
        }
        text = lines.joined(separator: "\n").trimmingCharacters()
        let capabilityNames = Set(scenario.objectives.map(\.capability))
        for tag in note.tags {
            let t = tag.trimmingCharacters()
            let lower = t.lowercased()
            if lower == "strength" || lower == "strengths" {
                kind = .strength
            } else if Self.improvementTags.contains(lower) {
                kind = .improvement
            } else if let (key, value) = Self.field(Substring(t)) {
                switch key {
                case "action": action = Self.join(action, value)
                case "owner": owner = Self.join(owner, value)
                default: due = Self.join(due, value)
                }
            } else if lower.hasPrefix("capability:") {
                let name = String(t.dropFirst("capability:".count)).trimmingCharacters()
                if !capabilities.contains(name) { capabilities.append(name) }
            } else if lower.hasPrefix("objective:") {
                let id = String(t.dropFirst("objective:".count)).trimmingCharacters()
                if !objectives.contains(id) { objectives.append(id) }
            } else if capabilityNames.contains(t) {
                if !capabilities.contains(t) { capabilities.append(t) }
            } else if scenario.objective(t) != nil {
                if !objectives.contains(t) { objectives.append(t) }
            }
        }
        // The form's objective and capability come first.
        if let id = note.objective?.trimmingCharacters(), !id.isEmpty, !objectives.contains(id) { objectives.insert(id, at: 0) }
        if let name = note.capability?.trimmingCharacters(), !name.isEmpty, !capabilities.contains(name) { capabilities.insert(name, at: 0) }
        // Untagged objectives come from the inject the note is about, and from its tasks.
        if objectives.isEmpty, capabilities.isEmpty, let id = note.inject, let inject = scenario.inject(id) {
            for o in inject.objectives + inject.tasks.flatMap(\.objectives) where !objectives.contains(o) { objectives.append(o) }
        }
        for o in objectives {
            if let c = scenario.objective(o)?.capability, !capabilities.contains(c) { capabilities.append(c) }
        }
        // The note form's fields.
        if let k = note.kind {
            switch k {
            case .observation: kind = .observation
            case .strength: kind = .strength
            case .improvement: kind = .improvement
            }
        }
        func given(_ field: String?) -> String? { field.map { $0.trimmingCharacters() }.flatMap { $0.isEmpty ? nil : $0 } }
        if let a = given(note.action) { action = action.map { "\(a); \($0)" } ?? a }
        if let o = given(note.owner) { owner = owner.map { "\(o); \($0)" } ?? o }
        if let d = given(note.due) { due = due.map { "\(d); \($0)" } ?? d }
        if text.isEmpty { text = action ?? "" }
        self.action = action
        self.owner = owner
        self.due = due
    }

    /// `action: …`, `owner: …` or `due: …` (any case; `:` or `=`).
    static func field(_ line: Substring) -> (String, String)? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "*" }
        guard let sep = trimmed.firstIndex(where: { $0 == ":" || $0 == "=" }) else { return nil }
        let key = trimmed[..<sep].trimmingCharacters().lowercased()
        guard key == "action" || key == "owner" || key == "due" else { return nil }
        let value = String(trimmed[trimmed.index(after: sep)...]).trimmingCharacters()
        return value.isEmpty ? nil : (key, value)
    }

    private static func join(_ a: String?, _ b: String) -> String { a.map { "\($0); \(b)" } ?? b }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingCharacters() }
}
