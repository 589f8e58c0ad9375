import DrillTestSupport
import DrillCore
import Foundation
@testable import DrillReport

/// Exercises to report on: bundled scenarios rehearsed in memory, with what a rehearsal never does
/// (a pause, a hold, facilitator notes, an RFI naming other teams) spliced in.
enum Fixtures {
    static let packageRoot = TestPackage.root

    static let bundled = ["tutorial", "telco-ransomware", "isp-ddos-bgp", "ministry-phishing", "sahel-defacement-fr", "gulf-water-scada-ar"]

    static func scenario(_ name: String) throws -> Scenario {
        let load = ScenarioLoader.fileSystem.load(contentsOf: packageRoot.appendingPathComponent("scenarios/\(name).yaml").path)
        guard let scenario = load.scenario else { throw FixtureError(description: "\(name) does not load: \(load.diagnostics)") }
        return scenario
    }

    struct FixtureError: Error, CustomStringConvertible { var description: String }

    /// The scenario's teams plus simulated ones up to `teams`.
    static func roster(_ scenario: Scenario, teams: Int) -> [Team] {
        var roster = Array(scenario.teams.prefix(teams))
        var n = 1
        while roster.count < teams {
            roster.append(Team(id: "sim-\(n)", name: "Simulated team \(n)", country: "ZZ"))
            n += 1
        }
        return roster
    }

    /// Wall time of exercise time 0: 2025-12-09T08:00:00Z.
    static let startWall: Int64 = 1_765_267_200_000
    /// The spliced pause lasts this long on the clock.
    static let pauseWall: Int64 = 12 * 60_000

    /// A rehearsed exercise with a pause at 30 min, a hold, notes and an RFI spliced in.
    static func exercise(_ name: String, teams: Int = 6, seed: UInt64 = 7, extras: Bool = true) throws -> ReportInput {
        let scenario = try scenario(name)
        let index = ScenarioIndex(scenario)
        let roster = roster(scenario, teams: teams)
        var events = Rehearsal(index: index, teams: roster, seed: seed).run().events
        if extras { events = splice(events, scenario: scenario, roster: roster) }
        let state = ExerciseState.fold(events, index: index)
        // Wall time follows exercise time, plus the pause once it has begun.
        var walls: [Int64] = []
        var paused = false
        for e in events {
            if case .resumed = e.body { paused = true }
            walls.append(startWall + e.exerciseTime + (paused ? pauseWall : 0))
        }
        return ReportInput(state: state, events: events, walls: walls, scenarioDigest: "digest-\(name)")
    }

    static let pauseAt: Millis = 30 * 60_000

    static func splice(_ events: [ExerciseEvent], scenario: Scenario, roster: [Team]) -> [ExerciseEvent] {
        let white = Actor.facilitator("Amina")
        let first = roster[0], second = roster[min(1, roster.count - 1)]
        let inject = scenario.injects[min(2, scenario.injects.count - 1)]
        let capability = scenario.objectives.first?.capability ?? "general"
        var extra: [ExerciseEvent] = [
            ExerciseEvent(at: pauseAt, by: white, .paused),
            ExerciseEvent(at: pauseAt, by: white, .resumed),
            ExerciseEvent(at: pauseAt, by: white, .injectHeld(InjectHold(inject: inject.id))),
            ExerciseEvent(at: pauseAt + 1, by: white, .noteAdded(Note(
                text: "\(first.name) shared indicators with \(second.name) (\(second.id), \(second.country)) within minutes.",
                inject: inject.id, team: first.id, tags: ["strength", capability]))),
            ExerciseEvent(at: pauseAt + 2, by: white, .noteAdded(Note(
                text: "Several teams waited for the white cell before warning neighbours.\nAction: Agree a regional warning template\nOwner: Regional coordinator\nDue: 2026-03-01",
                tags: ["improvement", "capability:\(capability)"]))),
            ExerciseEvent(at: pauseAt + 3, by: white, .noteAdded(Note(
                text: "Injects were read late across the room.", inject: inject.id, tags: ["action:Brief duty officers on the inbox", "owner:\(first.name)"]))),
            ExerciseEvent(at: pauseAt + 4, by: .team(first.id), .messageSent(Message(
                id: "RFI-extra", from: .team(first.id), to: .whiteCell, kind: .rfi,
                text: "Has \(second.name) (\(second.contact.isEmpty ? second.id : second.contact)) in \(second.country) confirmed the block?"))),
            ExerciseEvent(at: pauseAt + 60_000, by: white, .rfiAnswered(RFIAnswer(rfi: "RFI-extra", text: "\(second.id) confirmed it at 09:40."))),
        ]
        extra.sort { $0.exerciseTime < $1.exerciseTime }
        // Each extra goes after every event of its time or earlier (the order is stable for equal times).
        var out: [ExerciseEvent] = []
        out.reserveCapacity(events.count + extra.count)
        var k = 0
        for e in events {
            if case .ended = e.body {
                while k < extra.count { out.append(extra[k]); k += 1 }
            }
            while k < extra.count, extra[k].exerciseTime < e.exerciseTime { out.append(extra[k]); k += 1 }
            out.append(e)
        }
        while k < extra.count { out.append(extra[k]); k += 1 }
        return out
    }

    /// Every rendering of a report, by format name.
    static func renderings(_ report: AfterActionReport) throws -> [String: String] {
        ["md": report.markdown(), "html": report.html(), "json": String(decoding: try report.json(), as: UTF8.self), "csv": report.csv()]
    }

    /// What must not appear of a team: id, name, parts of its name, contact (any case), and its
    /// country code as a word in capitals.
    static func identifiers(of team: Team) -> (texts: [String], country: String?) {
        (TeamLabels.identifiers(of: team), team.country.isEmpty ? nil : team.country)
    }
}

extension String {
    /// Case-insensitive occurrence in this already lowercased text, also in its XML-escaped form.
    func mentions(lowercased needle: String) -> Bool {
        contains(needle.lowercased()) || contains(Markup.escape(needle).lowercased())
    }

    /// Occurs as a whole word (no ASCII letter or digit either side), case-sensitive.
    func containsWord(_ word: String) -> Bool {
        let bytes = Array(utf8), w = Array(word.utf8)
        guard !w.isEmpty, bytes.count >= w.count else { return false }
        func isWord(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        var i = 0
        while i + w.count <= bytes.count {
            if bytes[i] == w[0], bytes[i..<(i + w.count)].elementsEqual(w),
               i == 0 || !isWord(bytes[i - 1]), i + w.count == bytes.count || !isWord(bytes[i + w.count]) {
                return true
            }
            i += 1
        }
        return false
    }
}
