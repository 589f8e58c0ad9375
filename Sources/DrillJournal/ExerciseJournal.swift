import DrillCore
import Foundation

/// The typed face of a journal: exercise events in, exercise events and state out.
extension Journal {
    /// Creates a journal for an exercise of `scenario`, whose text is `source`; `artifacts` are the
    /// facts of its artifact files (`ArtifactCatalog.records`), kept in the first event.
    public static func create(at path: String, scenario: Scenario, source: String, scenarioPath: String, wall: Int64,
                              artifacts: [ArtifactRecord]? = nil) throws -> Journal {
        struct Fields: Encodable { var scenarioId: String; var title: String; var path: String; var artifacts: [ArtifactRecord]? }
        let fields = try JSONEncoder().encode(Fields(scenarioId: scenario.id, title: scenario.title, path: scenarioPath, artifacts: artifacts))
        return try create(at: path, scenarioSource: source, wall: wall, fields: fields)
    }

    /// Appends events; returns once they are durable.
    @discardableResult
    nonisolated(nonsending) public func append(events: [ExerciseEvent], wall: Int64) async throws -> ClosedRange<Int64>? {
        guard !events.isEmpty else { return nil }
        return try await append(events.map(Self.entry), wall: wall)
    }

    static func entry(_ event: ExerciseEvent) throws -> JournalEntry {
        JournalEntry(exerciseTime: event.exerciseTime, actor: event.actor.description, type: event.type,
                     payload: try EventCoding.payload(of: event.body))
    }
}

/// An exercise read back from its journal alone: the embedded scenario and the fold of every event.
public struct JournalReplay: Sendable {
    public var index: ScenarioIndex
    public var state: ExerciseState
    /// Every event after the first (`exerciseCreated`), in journal order.
    public var events: [ExerciseEvent]
    /// Wall time (UTC ms) of each event, parallel to `events`.
    public var walls: [Int64]
    public var created: ExerciseCreated
    /// Rows in the journal (its last seq) and the hash of its last row, 64 hex digits, when read.
    public var rows: Int64 = 0
    public var chainHead: String = ""

    public var scenario: Scenario { index.scenario }

    /// Reads and folds a journal file, opened for reading only (it is not verified: see
    /// `Journal.verify()`).
    public static func load(path: String) throws -> JournalReplay {
        let journal = try Journal.openForReading(at: path)
        defer { try? journal.close() }
        return try load(journal)
    }

    public static func load(_ journal: Journal) throws -> JournalReplay {
        let source = journal.scenarioSource
        // Artifacts are not needed to replay: the journal holds every fact.
        let load = ScenarioLoader { _ in true }.load(text: source, path: journal.path + "#scenario")
        guard let scenario = load.scenario else {
            throw JournalError.invalidEntry(reason: "the scenario embedded in \(journal.path) does not load: \(load.diagnostics.first?.description ?? "unknown problem")")
        }
        let index = ScenarioIndex(scenario)
        var state = ExerciseState(index: index)
        var events: [ExerciseEvent] = []
        var walls: [Int64] = []
        // Sized once: growing them row by row copied every event again and again. Never from
        // the stored seq alone: a crafted row can claim any seq.
        let rows = journal.capacityHint()
        events.reserveCapacity(rows)
        walls.reserveCapacity(rows)
        state.reserveCapacity(answers: rows)
        var created: ExerciseCreated?
        let decoder = JSONDecoder()
        try journal.forEachBorrowedRow { row in
            guard let actor = Actor(parsing: row.actor) else {
                throw JournalError.invalidEntry(reason: "seq \(row.seq): unknown actor '\(row.actor)'")
            }
            let body: ExerciseEvent.Body
            do {
                body = try EventCoding.body(type: row.type, bytes: row.payload, decoder: decoder)
            } catch {
                throw JournalError.invalidEntry(reason: "seq \(row.seq): cannot read the \(row.type) event: \(error)")
            }
            let event = ExerciseEvent(at: row.exerciseTime, by: actor, body)
            if case .exerciseCreated(let c) = body {
                created = c
                return
            }
            state.apply(event)
            events.append(event)
            walls.append(row.wall)
        }
        guard let created else { throw JournalError.invalidEntry(reason: "\(journal.path) has no exerciseCreated event") }
        return JournalReplay(index: index, state: state, events: events, walls: walls, created: created,
                             rows: journal.lastSeq, chainHead: ChainHash.hex(journal.headHash))
    }
}
