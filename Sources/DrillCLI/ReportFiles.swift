import Foundation

/// Which report a file holds: the facilitators' regional one, the anonymised regional one, or one
/// team's private one (by id, or by pseudonym when anonymised). Each has its own file name, so
/// that writing several into one folder replaces none of the others (docs/report.md, "Files").
struct ReportVariant: Hashable {
    var team: String?
    var anonymize: Bool
    /// The team's label in the report (its pseudonym when anonymised).
    var label: String?

    /// `report.md`, `report-anonymized.md`, `report-team-<id>.md`, `report-anonymized-team-<letter>.md`
    /// (a file name must not give an anonymised team away either).
    func fileName(extension ext: String) -> String {
        var name = "report"
        if anonymize { name += "-anonymized" }
        if let team {
            let shown = anonymize ? String((label ?? "team").split(separator: " ").last ?? "team") : team
            name += "-team-" + Self.safe(shown)
        }
        return name + "." + ext
    }

    /// What the index records: "regional", "anonymized", "team:<id>", "anonymized-team:<pseudonym>"
    /// (the index sits next to published files: it names no anonymised team either).
    var key: String {
        switch (team, anonymize) {
        case (nil, false): return "regional"
        case (nil, true): return "anonymized"
        case (let id?, false): return "team:" + id
        case (_?, true): return "anonymized-team:" + (label ?? "team")
        }
    }

    static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
    }
}

/// `.cyberdrill-reports` in a report folder: which exercise and which variant wrote each file, so
/// that `report` replaces a file only with the same report of the same exercise (writing it again
/// after more notes, say) and refuses anything else without `--force`.
///
/// One line per file: `name<TAB>variant<TAB>exercise`, where the exercise is the scenario's digest
/// and the wall time of the journal's first event.
struct ReportIndex {
    let file: URL
    private var entries: [String: (variant: String, exercise: String)] = [:]
    private var order: [String] = []

    static let fileName = ".cyberdrill-reports"

    init(directory: URL) {
        file = directory.appendingPathComponent(Self.fileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            if entries[fields[0]] == nil { order.append(fields[0]) }
            entries[fields[0]] = (fields[1], fields[2])
        }
    }

    /// Why `name` may not be written by this variant of this exercise's report; nil when it may
    /// (no such file yet, or the same report of the same exercise wrote it).
    func refusal(toWrite name: String, variant: ReportVariant, exercise: String) -> String? {
        let path = file.deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let entry = entries[name] else { return "the file exists and cyberdrill report did not write it" }
        if entry.variant != variant.key { return "the file holds another report (\(entry.variant)), not this one (\(variant.key))" }
        if entry.exercise != exercise { return "the file holds the report of another exercise (another journal)" }
        return nil
    }

    mutating func record(_ name: String, variant: ReportVariant, exercise: String) {
        if entries[name] == nil { order.append(name) }
        entries[name] = (variant.key, exercise)
    }

    func save() throws {
        let text = order.compactMap { name in entries[name].map { "\(name)\t\($0.variant)\t\($0.exercise)\n" } }.joined()
        try Data(text.utf8).write(to: file, options: .atomic)
    }
}
