import Foundation

/// The teams of an exercise from a roster file (`--roster`), replacing the scenario's own list.
///
/// YAML: a list of teams, or a mapping with a `teams:` list; each team has `id` and `name`, and
/// optionally `country`, `contact` and `language` (a BCP 47 tag: the language the team reads the
/// scenario in). CSV: a header row naming the columns (`id,name,country,contact,language` in any
/// order; `id` and `name` required), then one team per row, RFC 4180 quoting.
public struct Roster: Sendable {
    public var teams: [Team]
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// The most teams an exercise takes, from a roster, a scenario's own `teams:` or
    /// `rehearse --teams`: what the consoles, the server and the report are sized and tested for.
    public static let maximumTeams = 10_000

    /// Reads a roster; `.csv` files as CSV, anything else as YAML.
    public static func load(text: String, path: String) -> Roster {
        var roster = path.lowercased().hasSuffix(".csv") ? csv(text, path) : yaml(text, path)
        roster.checkIds(path)
        return roster
    }

    public static func load(contentsOf path: String) -> Roster {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Roster(teams: [], diagnostics: [Diagnostic(file: path, line: 0, column: 0, severity: .error, message: "the roster file does not exist or cannot be read", fact: DiagnosticFact(.rosterUnreadable))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Roster(teams: [], diagnostics: [Diagnostic(file: path, line: 0, column: 0, severity: .error, message: "the roster is not UTF-8 text", fact: DiagnosticFact(.rosterNotUTF8))])
        }
        return load(text: text, path: path)
    }

    /// Problems of using this roster with `scenario`: teams the scenario names (`to:`, `with:`) that
    /// the roster lacks.
    public func check(against scenario: Scenario, scenarioPath: String, rosterPath: String) -> [Diagnostic] {
        let ids = Set(teams.map(\.id))
        var out: [Diagnostic] = []
        func error(_ message: String, _ fact: DiagnosticFact) {
            out.append(Diagnostic(file: rosterPath, line: 0, column: 0, severity: .error, message: message, fact: fact))
        }
        // A country that drops out: what the scenario addresses to a team the roster lacks is
        // skipped for it (docs/scenario-format.md, "Rosters"), with a warning at start.
        func warning(_ message: String, _ fact: DiagnosticFact) {
            out.append(Diagnostic(file: rosterPath, line: 0, column: 0, severity: .warning, message: message, fact: fact))
        }
        for inject in scenario.injects {
            if case .teams(let to) = inject.to {
                for id in to where !ids.contains(id) {
                    let none = to.allSatisfy { !ids.contains($0) }
                    warning("\(scenarioPath): inject \(inject.id) is addressed ('to:') to team '\(id)', which this roster lacks: it is skipped for that team"
                            + (none ? " (and so released to no team)" : ""),
                            DiagnosticFact(none ? .rosterLacksAllTeamsTo : .rosterLacksTeamTo, ["scenario": scenarioPath, "inject": inject.id, "id": id]))
                }
            }
            for task in inject.tasks {
                if case .coordination(let with) = task.kind {
                    for id in with where !ids.contains(id) {
                        let none = with.allSatisfy { !ids.contains($0) }
                        warning("\(scenarioPath): task \(inject.id).\(task.id) asks to coordinate ('with:') with team '\(id)', which this roster lacks: "
                                + (none ? "no team is left to tell, so the task is not scored" : "the task asks only for the teams present"),
                                DiagnosticFact(none ? .rosterLacksAllWith : .rosterLacksWith, ["scenario": scenarioPath, "task": "\(inject.id).\(task.id)", "id": id]))
                    }
                }
            }
        }
        if teams.isEmpty { error("the roster has no teams", DiagnosticFact(.rosterNoTeams)) }
        for team in teams {
            if let warning = scenario.languageWarning(for: team) {
                out.append(Diagnostic(file: rosterPath, line: 0, column: 0, severity: .warning, message: warning,
                                      fact: DiagnosticFact(.teamLanguageUndeclared, scenario.languageWarningFacts(for: team))))
            }
        }
        return out
    }

    private mutating func checkIds(_ path: String) {
        var seen = Set<String>()
        var kept: [Team] = []
        for team in teams {
            if team.id.isEmpty || !team.id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }) {
                diagnostics.append(Diagnostic(file: path, line: 0, column: 0, severity: .error,
                                              message: "team id '\(team.id)' may hold only letters, digits, '-' and '_', and not be empty",
                                              fact: DiagnosticFact(.rosterTeamId, ["id": team.id])))
            } else if !seen.insert(team.id).inserted {
                diagnostics.append(Diagnostic(file: path, line: 0, column: 0, severity: .error, message: "duplicate team id '\(team.id)'", fact: DiagnosticFact(.duplicateTeam, ["id": team.id])))
            } else {
                kept.append(team)
            }
        }
        teams = kept
        if teams.count > Self.maximumTeams {
            diagnostics.append(Diagnostic(file: path, line: 0, column: 0, severity: .error,
                                          message: "the roster has \(teams.count) teams; an exercise takes at most \(Self.maximumTeams)",
                                          fact: DiagnosticFact(.rosterTooManyTeams, ["n": String(teams.count), "max": String(Self.maximumTeams)])))
        }
    }

    // MARK: YAML

    private static func yaml(_ text: String, _ path: String) -> Roster {
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ node: YAMLNode?, _ fact: DiagnosticFact) {
            diagnostics.append(Diagnostic(file: path, line: node?.mark.line ?? 1, column: node?.mark.column ?? 1, severity: .error, message: message, fact: fact))
        }
        let document: YAMLDocument
        switch YAMLDocument.compose(text) {
        case .failure(let problems):
            return Roster(teams: [], diagnostics: problems.diagnostics(file: path))
        case .success(let composed):
            document = composed
        }
        guard let root = document.root else {
            return Roster(teams: [], diagnostics: [Diagnostic(file: path, line: 1, column: 1, severity: .error, message: "the roster is empty", fact: DiagnosticFact(.rosterEmpty))])
        }
        var list = root
        if root.isMapping {
            guard let teams = root["teams"] else {
                error("a roster is a list of teams, or a mapping with a 'teams:' list", root, DiagnosticFact(.rosterShape))
                return Roster(teams: [], diagnostics: diagnostics)
            }
            list = teams
        }
        guard list.isSequence else {
            error("'teams' must be a list of teams, each with id and name", list, DiagnosticFact(.rosterTeamsNotList))
            return Roster(teams: [], diagnostics: diagnostics)
        }
        var teams: [Team] = []
        for item in list.items {
            guard item.isMapping else {
                error("a team is a mapping with id and name (and optionally country and contact)", item, DiagnosticFact(.rosterTeamNotMapping))
                continue
            }
            var fields: [String: String] = [:]
            for (key, value) in item.pairs {
                guard let name = key.scalar else { error("a field name must be text", key, DiagnosticFact(.rosterFieldName)); continue }
                guard ["id", "name", "country", "contact", "language"].contains(name) else {
                    error("unknown field '\(name)' in a team; a team has id, name, country, contact and language", key, DiagnosticFact(.rosterUnknownField, ["name": name]))
                    continue
                }
                guard let text = value.scalar else { error("'\(name)' must be text", value, DiagnosticFact(.rosterNotText, ["name": name])); continue }
                if name == "language", !LanguageTag.isWellFormed(text) {
                    error("team language '\(text)' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419", value, DiagnosticFact(.teamLanguageTag, ["tag": text]))
                    continue
                }
                fields[name] = text
            }
            guard let id = fields["id"] else { error("a team is missing its 'id'", item, DiagnosticFact(.rosterMissingId)); continue }
            guard let name = fields["name"], !name.isEmpty else { error("team '\(id)' is missing its 'name'", item, DiagnosticFact(.rosterMissingName, ["id": id])); continue }
            teams.append(Team(id: id, name: name, country: fields["country"] ?? "", contact: fields["contact"] ?? "",
                              language: fields["language"]))
        }
        return Roster(teams: teams, diagnostics: diagnostics)
    }

    // MARK: CSV

    private static func csv(_ text: String, _ path: String) -> Roster {
        var diagnostics: [Diagnostic] = []
        let rows = CSVRows.parse(text)
        guard let header = rows.first(where: { !$0.fields.allSatisfy(\.isEmpty) }) else {
            return Roster(teams: [], diagnostics: [Diagnostic(file: path, line: 1, column: 1, severity: .error, message: "the roster is empty; the first row names the columns: id,name,country,contact,language",
                                                                 fact: DiagnosticFact(.rosterEmptyCSV))])
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for (k, name) in names.enumerated() where !["id", "name", "country", "contact", "language"].contains(name) {
            diagnostics.append(Diagnostic(file: path, line: header.line, column: k + 1, severity: .error,
                                          message: "unknown column '\(name)'; a roster's columns are id, name, country, contact and language",
                                          fact: DiagnosticFact(.rosterUnknownColumn, ["name": name])))
        }
        guard let idColumn = names.firstIndex(of: "id"), let nameColumn = names.firstIndex(of: "name") else {
            diagnostics.append(Diagnostic(file: path, line: header.line, column: 1, severity: .error,
                                          message: "the header row must name at least the columns 'id' and 'name'", fact: DiagnosticFact(.rosterHeader)))
            return Roster(teams: [], diagnostics: diagnostics)
        }
        let country = names.firstIndex(of: "country"), contact = names.firstIndex(of: "contact"), language = names.firstIndex(of: "language")
        var teams: [Team] = []
        for row in rows where row.line > header.line && !row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func field(_ k: Int?) -> String { k.flatMap { $0 < row.fields.count ? row.fields[$0].trimmingCharacters(in: .whitespaces) : nil } ?? "" }
            if row.fields.count > names.count {
                diagnostics.append(Diagnostic(file: path, line: row.line, column: 1, severity: .error,
                                              message: "this row has \(row.fields.count) fields; the header names \(names.count)",
                                              fact: DiagnosticFact(.rosterRowWidth, ["n": String(row.fields.count), "header": String(names.count)])))
                continue
            }
            let id = field(idColumn), name = field(nameColumn)
            guard !name.isEmpty else {
                diagnostics.append(Diagnostic(file: path, line: row.line, column: nameColumn + 1, severity: .error, message: "team '\(id)' has no name", fact: DiagnosticFact(.rosterNoName, ["id": id])))
                continue
            }
            let tag = field(language)
            if !tag.isEmpty, !LanguageTag.isWellFormed(tag) {
                diagnostics.append(Diagnostic(file: path, line: row.line, column: (language ?? 0) + 1, severity: .error,
                                              message: "team language '\(tag)' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419",
                                              fact: DiagnosticFact(.teamLanguageTag, ["tag": tag])))
                continue
            }
            teams.append(Team(id: id, name: name, country: field(country), contact: field(contact), language: tag.isEmpty ? nil : tag))
        }
        return Roster(teams: teams, diagnostics: diagnostics)
    }
}

/// RFC 4180 rows with the line each starts on.
enum CSVRows {
    struct Row {
        var line: Int
        var fields: [String]
    }

    static func parse(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1, rowLine = 1
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\n" {
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
