import DrillCore

/// How a report names teams, and the redaction of free text that goes with it.
///
/// - Regional: teams by name, nothing redacted.
/// - Anonymised: each team is "Team A", "Team B", … ("AA", "AB", … past 26), everywhere; names,
///   ids, parts of names, each identifying word of a name (`identifyingWords`), contacts, country
///   codes and country names (`CountryNames`) in free text become "[redacted]" (not the pseudonym,
///   which the text around it would tie to a country).
/// - Team report: the team by name (its pseudonym when also anonymised); every other team's
///   identifiers in free text become "[another team]".
struct TeamLabels: Sendable {
    let subject: String?
    let anonymize: Bool
    private let labels: [String: String]
    let redact: Redactor

    static let otherTeam = "[another team]"
    static let shared = "[redacted]"

    /// `absent`: teams the scenario names that did not take part; they get no label, but their
    /// identifiers in free text go like any other team's.
    init(teams: [Team], absent: [Team] = [], subject: String?, anonymize: Bool, salt: String, redactWords: [String] = []) {
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
            for team in teams + absent {
                let identifiers = Self.identifiers(of: team)
                for text in identifiers {
                    owners[text.lowercased(), default: []].insert(team.id)
                    parts.append((team, text, false, text != team.id && text != team.contact))
                }
                for word in Self.identifyingWords(of: team) where !identifiers.contains(word) {
                    owners[word.lowercased(), default: []].insert(team.id)
                    // A short all-capitals word ("GH") is a code: only in capitals, like a country code.
                    parts.append((team, word, word.count <= 3 && word == word.uppercased(), true))
                }
                for country in Self.countryNames(of: team) {
                    owners[country.lowercased(), default: []].insert(team.id)
                    // The code and acronyms ("UK", "DRC") only in capitals; names in any case, with their demonyms.
                    let code = country.count <= 4 && country == country.uppercased()
                    parts.append((team, country, code, !code))
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

    /// The words of a team's name that identify it: every word (split at spaces and punctuation,
    /// and the parts of a hyphenated word) of at least two letters that is not a generic word of
    /// team names (`genericWords`: "CIRT", "National", "Team", "of", …). "CIRT Alpha" → "Alpha";
    /// "Ghana National CIRT" → "Ghana"; "KE-CIRT" → "KE-CIRT", "KE".
    static func identifyingWords(of team: Team) -> [String] {
        var out: [String] = []
        func add(_ w: Substring) {
            let word = String(w)
            guard word.filter(\.isLetter).count >= 2, !genericWords.contains(word.lowercased()), !out.contains(word) else { return }
            out.append(word)
        }
        for word in team.name.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") }) {
            let trimmed = word.trimmingPrefix(while: { $0 == "-" || $0 == "'" || $0 == "’" })
            add(trimmed)
            if trimmed.contains("-") {
                for part in trimmed.split(separator: "-") { add(part) }
            }
        }
        return out
    }

    /// A team's country as the roster gives it (an ISO 3166-1 alpha-2 code, or a name) and every
    /// English name of that country (`CountryNames`).
    static func countryNames(of team: Team) -> [String] {
        let country = team.country.trimmingCharacters()
        guard !country.isEmpty else { return [] }
        var out = [country]
        let code = country.count == 2 ? country.uppercased() : CountryNames.code(named: country)
        if let code {
            if !out.contains(code) { out.append(code) }
            for name in CountryNames.names(of: code) where !out.contains(name) { out.append(name) }
        }
        return out
    }

    /// Words that name no one: what national teams' names are commonly made of (lowercased).
    /// Every other word of a team's name is redacted on its own under `--anonymize`.
    static let genericWords: Set<String> = [
        // English
        "cirt", "cert", "csirt", "cirts", "certs", "csirts", "soc", "isac", "ncsc", "team", "teams", "national", "computer",
        "emergency", "response", "readiness", "incident", "incidents", "security", "cyber", "cybersecurity", "information",
        "coordination", "center", "centre", "agency", "authority", "office", "ministry", "government", "governmental",
        "network", "networks", "operations", "unit", "division", "department", "directorate", "service", "services",
        "republic", "kingdom", "state", "federal", "regional", "sector", "public", "digital", "infrastructure",
        "protection", "critical", "ict", "telecommunications", "communications", "defence", "defense", "technology",
        "group", "council", "commission", "bureau", "institute", "organisation", "organization", "cyberspace",
        "of", "the", "and", "for", "on", "in", "at", "to", "an",
        // French, Spanish, Portuguese, Italian, German
        "équipe", "equipe", "nationale", "nacional", "nazionale", "réponse", "respuesta", "resposta", "urgence",
        "informatique", "sécurité", "securite", "seguridad", "segurança", "sicurezza", "cybersécurité", "centro",
        "agence", "agencia", "agência", "veille", "alerte", "de", "du", "des", "la", "le", "les", "el", "del", "y",
        "et", "und", "für", "da", "do", "dos", "das", "di", "pour", "en", "por", "para",
        // Arabic
        "فريق", "الفريق", "الوطني", "الوطنية", "وطني", "للاستجابة", "الاستجابة", "لطوارئ", "طوارئ", "الحاسب", "الحاسوب",
        "الحاسب الآلي", "مركز", "المركز", "للأمن", "الأمن", "السيبراني", "السيبرانية", "الهيئة", "هيئة", "الوكالة", "وكالة",
    ]

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
