import DrillCore

/// How a report names teams, and the redaction of free text that goes with it.
///
/// - Regional: teams by name, nothing redacted.
/// - Anonymised: each team is "Team A", "Team B", … ("AA", "AB", … past 26), everywhere; names,
///   ids, parts of names, contacts and country codes in free text become "[redacted]" (not the
///   pseudonym, which the text around it would tie to a country).
/// - Team report: the team by name (its pseudonym when also anonymised); every other team's
///   identifiers in free text become "[another team]".
struct TeamLabels: Sendable {
    let subject: String?
    let anonymize: Bool
    private let labels: [String: String]
    let redact: Redactor

    static let otherTeam = "[another team]"
    static let shared = "[redacted]"

    init(teams: [Team], subject: String?, anonymize: Bool, salt: String, redactWords: [String] = []) {
        self.subject = subject
        self.anonymize = anonymize
        var labels: [String: String] = [:]
        if anonymize {
            // Letters follow a salted hash of the id: they say nothing of the roster order, the
            // country or the rank, and the same journal always gives the same letters.
            let order = teams.map(\.id).sorted { (Self.hash(salt + "\u{0}" + $0), $0) < (Self.hash(salt + "\u{0}" + $1), $1) }
            for (k, id) in order.enumerated() { labels[id] = "Team " + Self.letters(k) }
        } else {
            for team in teams { labels[team.id] = team.name.isEmpty ? team.id : team.name }
        }
        self.labels = labels

        // Which teams' identifiers must go, and what replaces them.
        var needles: [Redactor.Needle] = []
        if anonymize || subject != nil {
            var owners: [String: Set<String>] = [:]
            var parts: [(team: Team, text: String, caseSensitive: Bool, wholeWord: Bool)] = []
            for team in teams {
                for text in Self.identifiers(of: team) {
                    owners[text.lowercased(), default: []].insert(team.id)
                    parts.append((team, text, false, text != team.id && text != team.contact))
                }
                let country = team.country.trimmingCharacters()
                if !country.isEmpty {
                    owners[country.lowercased(), default: []].insert(team.id)
                    parts.append((team, country, true, false))
                }
            }
            for (team, text, caseSensitive, wholeWord) in parts {
                let owning = owners[text.lowercased()] ?? []
                // A team report keeps the team's own identifiers (unless anonymised), even where another team shares them.
                if let subject, owning.contains(subject), !anonymize { continue }
                // Free text never gets a pseudonym: "the Republic of Team B" would tie the letter to a country.
                let other = subject != nil && team.id != subject && !owning.contains(subject ?? "")
                needles.append(.init(text: text, replacement: other ? Self.otherTeam : Self.shared, caseSensitive: caseSensitive, wholeWord: wholeWord))
            }
        }
        // Words the facilitator asked to hide (country names in other scripts, places, people).
        for word in redactWords where !word.trimmingCharacters().isEmpty {
            needles.append(.init(text: word.trimmingCharacters(), replacement: Self.shared, caseSensitive: false, wholeWord: true))
        }
        redact = Redactor(needles)
    }

    /// The label of a team (its name, or its pseudonym).
    func label(_ id: String) -> String { labels[id] ?? (anonymize ? Self.shared : id) }

    /// Whether the audience may see this team individually.
    func isVisible(_ id: String) -> Bool { subject == nil || subject == id }

    /// Ids, names, the parts of a name ("AL-CIRT (Aldonia)" → "AL-CIRT", "Aldonia") and contacts.
    static func identifiers(of team: Team) -> [String] {
        var out: [String] = []
        func add(_ s: String) {
            let t = s.trimmingCharacters()
            if t.utf8.count >= 2, !out.contains(t) { out.append(t) }
        }
        add(team.id)
        add(team.name)
        add(team.contact)
        let separators: Set<Character> = ["(", ")", "[", "]", "{", "}", ",", ";", "/", "|", "—", "–", "·", "、", "，", "（", "）"]
        for part in team.name.split(whereSeparator: { separators.contains($0) }) {
            let p = part.trimmingCharacters()
            // A single short word ("de", "CERT") is too common to redact on its own.
            if p.count >= 5 || (p.count >= 3 && p.contains(where: \.isUppercase) && p.contains(where: \.isLowercase)) { add(p) }
        }
        return out
    }

    /// "A" … "Z", "AA", "AB", …
    static func letters(_ k: Int) -> String {
        var n = k, out = ""
        repeat {
            out = String(UnicodeScalar(UInt8(65 + n % 26))) + out
            n = n / 26 - 1
        } while n >= 0
        return out
    }

    /// FNV-1a, 64 bits: stable across runs and platforms (unlike `Hasher`).
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension String {
    /// Without surrounding whitespace.
    func trimmingCharacters() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
