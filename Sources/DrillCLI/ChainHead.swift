import DrillJournal
import DrillText
import Foundation

/// The chain head as people keep it: printed at the end of `serve`, `run` and `rehearse`, named
/// in every report, and checked by `verify --head` / `verify --report`.
enum ChainHead {
    /// `chain head <hex> (<n> rows)`: the words every stop line uses.
    static func line(_ journal: Journal) -> String {
        Words.t(.cliChainHeadLine, ["path": journal.path, "rows": Words.count(.cliCountRows, Int(journal.lastSeq)), "head": hex(journal.headHash)])
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
            return Words.t(.cliVerifyNotEnded, ["path": path])
        }
        guard let anchor = result.anchor else {
            return Words.t(.cliVerifyNoAnchor, ["path": path, "seq": String(ended)])
        }
        let after = result.intactThrough - ended
        let args: [String: any TextArgument] = ["path": path, "seq": String(ended), "rows": Words.count(.cliCountRows, Int(anchor.rows)), "n": Words.Plain(Int(after))]
        return Words.t(after > 0 ? .cliVerifyRowsAfterEnd : .cliVerifyEnded, args)
    }

    struct ReportProblem: Error { let message: String }

    /// The largest report file read for its head.
    static let maximumReportBytes = 256 << 20

    /// The chain head a report names: the one 64-hex-digit word in it that is not the scenario's
    /// digest. Reports of every format carry it (docs/report.md), in any language.
    static func named(inReport path: String, scenarioDigest: String) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReportProblem(message: Words.t(.cliHeadUnreadable))
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maximumReportBytes), !data.isEmpty else {
            throw ReportProblem(message: Words.t(.cliHeadEmpty))
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
            throw ReportProblem(message: found.isEmpty ? Words.t(.cliHeadNone) : Words.t(.cliHeadAmbiguous, ["n": Words.Plain(found.count)]))
        }
        return head
    }
}
