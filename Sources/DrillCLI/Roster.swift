import DrillCore
import Foundation
import Yams

/// A roster file for `run` (and `serve`): the teams that take part, replacing the scenario's own.
///
/// YAML (or JSON), either a list of teams or a mapping with a `teams:` list; each team has the
/// fields of a scenario's teams: `id` and `name` required, `country` and `contact` optional.
///
/// ```yaml
/// teams:
///   - { id: cirt-a, name: "CIRT Alpha", country: XA }
///   - { id: cirt-b, name: "CIRT Bravo", country: XB, contact: "soc@cirt-b.example" }
/// ```
enum Roster {
    struct Entry: Decodable {
        var id: String
        var name: String
        var country: String?
        var contact: String?
    }

    struct File: Decodable {
        var teams: [Entry]
    }

    /// The teams of a roster file, or an error that names the file and what is wrong.
    static func load(_ path: String) throws -> [Team] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw RosterError("\(path): the roster file cannot be read; check the path")
        }
        let entries: [Entry]
        do {
            if let list = try? YAMLDecoder().decode([Entry].self, from: text) {
                entries = list
            } else {
                entries = try YAMLDecoder().decode(File.self, from: text).teams
            }
        } catch {
            throw RosterError("\(path): not a roster: write a list of teams, each with an id and a name (see docs/tui.md) (\(error))")
        }
        var seen = Set<String>()
        var teams: [Team] = []
        for (n, entry) in entries.enumerated() {
            let id = entry.id.trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, !entry.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RosterError("\(path): team \(n + 1) needs a non-empty id and name")
            }
            guard seen.insert(id).inserted else { throw RosterError("\(path): team id '\(id)' appears twice") }
            teams.append(Team(id: id, name: entry.name, country: entry.country ?? "", contact: entry.contact ?? ""))
        }
        guard !teams.isEmpty else { throw RosterError("\(path): the roster lists no team") }
        return teams
    }

    /// Team ids the scenario names (in `to:` and coordination `with:`) that the roster lacks.
    static func missingIds(_ scenario: Scenario, _ teams: [Team]) -> [String] {
        let ids = Set(teams.map(\.id))
        var named: [String] = []
        for inject in scenario.injects {
            if case .teams(let to) = inject.to { named += to }
            for task in inject.tasks { if case .coordination(let with) = task.kind { named += with } }
        }
        var seen = Set<String>()
        return named.filter { !ids.contains($0) && seen.insert($0).inserted }
    }
}

struct RosterError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
