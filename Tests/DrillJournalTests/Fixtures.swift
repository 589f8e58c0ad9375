import DrillTestSupport
import Foundation
import GRDB
@testable import DrillJournal

enum Fixtures {
    static let scenario = """
        format: cyberdrill/1
        id: telco-ransomware
        title: "Dark Tide: ransomware at a national telecom operator — «Ωmega» 黑潮"
        """

    static func answer(team: String = "cirt-a", _ index: Int) -> JournalEntry {
        JournalEntry(
            exerciseTime: Int64(index) * 1_000, actor: "team:\(team)", type: "answerSubmitted",
            payload: Data(#"{"inject":"I01","task":"c2","answer":"203.0.113.\#(index)","submission":"s-\#(index)"}"#.utf8))
    }

    /// A closed journal of `rows` rows (the first one included).
    static func journal(in folder: TemporaryFolder, rows: Int, name: String = "drill.journal") async throws -> String {
        let path = folder.file(name)
        let journal = try Journal.create(at: path, scenarioSource: scenario, wall: 1_700_000_000_000)
        var written = 1
        while written < rows {
            let count = min(500, rows - written)
            try await journal.append((0 ..< count).map { answer(written + $0) }, wall: 1_700_000_000_000 + Int64(written))
            written += count
        }
        try journal.close()
        return path
    }

    /// Opens the journal file with plain SQLite, as someone tampering with it would.
    static func tamper(_ path: String, dropTriggers: Bool = true, _ edit: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            if dropTriggers {
                try db.execute(sql: """
                    DROP TRIGGER events_no_update;
                    DROP TRIGGER events_no_delete;
                    DROP TRIGGER events_gapless;
                    """)
            }
            try edit(db)
        }
        try queue.close()
    }

    /// Polls until `condition` holds, for at most 10 s.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0 ..< 10_000 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(1))
        }
        return condition()
    }
}

extension JournalError {
    /// The case name, to match errors regardless of their detail text.
    var caseName: String {
        switch self {
        case .fileNotFound: "fileNotFound"
        case .alreadyExists: "alreadyExists"
        case .notAJournal: "notAJournal"
        case .truncated: "truncated"
        case .corrupt: "corrupt"
        case .newerFormat: "newerFormat"
        case .olderFormat: "olderFormat"
        case .cannotCreate: "cannotCreate"
        case .invalidEntry: "invalidEntry"
        case .writeFailed: "writeFailed"
        case .readFailed: "readFailed"
        case .diskFull: "diskFull"
        case .closed: "closed"
        }
    }
}
