import DrillJournal
import Foundation

/// The chain head as people keep it: printed at the end of `serve`, `run` and `rehearse`, named
/// in every report, and checked by `verify --head` / `verify --report`.
enum ChainHead {
    /// `chain head <hex> (<n> rows)`: the words every stop line uses.
    static func line(_ journal: Journal) -> String {
        "journal \(journal.path): \(journal.lastSeq) rows, chain head \(hex(journal.headHash)); keep this line to check later that no row was removed from the end (cyberdrill verify --head)"
    }

    static func hex(_ bytes: Data) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// 64 hex digits (either case) as 32 bytes.
    static func parse(_ text: String) -> Data? {
        let digits = Array(text.trimmingCharacters(in: .whitespaces).lowercased().utf8)
        guard digits.count == 64 else { return nil }
        var out = Data(capacity: 32)
        var k = 0
        while k < 64 {
            guard let high = nibble(digits[k]), let low = nibble(digits[k + 1]) else { return nil }
            out.append(high << 4 | low)
            k += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// What `verify` says of the journal's end.
    static func endLine(_ path: String, _ result: JournalVerification) -> String {
        guard let ended = result.endedAt else {
            return "\(path): not ended: nothing in the journal says how long it should be, so rows removed from its end are found only against a chain head kept elsewhere (--head or --report)"
        }
        guard let anchor = result.anchor else {
            return "\(path): ended at seq \(ended) without an anchor (written by an older cyberdrill): rows removed from its end are found only against a chain head kept elsewhere (--head or --report)"
        }
        let after = result.intactThrough - ended
        return "\(path): ended at seq \(ended); the anchor it carries matches the \(anchor.rows) rows before it"
            + (after > 0 ? ", and \(after) rows follow it (nothing is written after an exercise ends)" : "")
    }

    struct ReportProblem: Error { let message: String }

    /// The largest report file read for its head.
    static let maximumReportBytes = 256 << 20

    /// The chain head a report names: the one 64-hex-digit word in it that is not the scenario's
    /// digest. Reports of every format carry it (docs/report.md), in any language.
    static func named(inReport path: String, scenarioDigest: String) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReportProblem(message: "cannot be read")
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maximumReportBytes), !data.isEmpty else {
            throw ReportProblem(message: "is empty or cannot be read")
        }
        var found = Set<String>()
        var run: [UInt8] = []
        func flush() {
            if run.count == 64 { found.insert(String(decoding: run, as: UTF8.self)) }
            run.removeAll(keepingCapacity: true)
        }
        for byte in data {
            if nibble(byte) != nil { run.append(byte) } else { flush() }
        }
        flush()
        found.remove(scenarioDigest.lowercased())
        guard found.count == 1, let head = found.first.flatMap(parse) else {
            throw ReportProblem(message: found.isEmpty
                ? "names no chain head (reports written before chain heads were printed have none); give the head with --head"
                : "names \(found.count) different 64-digit hashes, so its chain head is ambiguous; give the head with --head")
        }
        return head
    }
}
