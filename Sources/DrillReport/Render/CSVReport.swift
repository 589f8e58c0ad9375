import DrillCore

extension AfterActionReport {
    /// Column names of `csv()`, in order (docs/report-schema.md).
    public static let csvColumns = [
        "team", "team_name", "country", "rank", "inject", "task", "type", "objectives", "capabilities", "outcome", "points", "max_points",
        "released_ms", "read_ms", "answered_ms", "due_ms", "read_after_s", "answer_after_s", "late", "wrong_attempts", "hints", "reason",
        "chain_head",
    ]

    /// One row per team × task released to it (RFC 4180, a header line first, CRLF line ends).
    /// Anonymised reports give the pseudonym in `team` and `team_name` and leave `country` and `rank` empty.
    public func csv() -> String {
        var out = ""
        out.reserveCapacity(256 + teams.reduce(0) { $0 + $1.tasks.count } * 160)
        out += Self.csvColumns.joined(separator: ",") + "\r\n"
        let info = Dictionary(tasks.map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a })
        for team in teams {
            let prefix = [team.id ?? team.team, team.team, team.country ?? "", team.rank.map(String.init) ?? ""].map(Self.csvField).joined(separator: ",")
            for t in team.tasks {
                let summary = info[t.task]
                let objectives: String = summary?.objectives.joined(separator: " ") ?? ""
                let capabilities: String = summary?.capabilities.joined(separator: "; ") ?? ""
                let times: [String] = [t.releasedAt, t.readAt, t.answeredAt, t.dueAt].map { $0.map { String($0) } ?? "" }
                let after: [String] = [t.timeToRead, t.timeToAnswer].map { $0.map { ReportText.decimal(Double($0) / 1000, places: 1, trim: true) } ?? "" }
                var fields: [String] = [t.inject, t.task, t.type, objectives, capabilities, t.outcome.rawValue,
                                        ReportText.points(t.points), ReportText.points(t.maxPoints)]
                fields += times
                fields += after
                fields += [t.late ? "yes" : "no", String(t.wrongAttempts), String(t.hintsTaken), t.reason]
                fields.append(overview.chainHead ?? "")
                out += prefix
                for f in fields {
                    out += ","
                    out += Self.csvField(f)
                }
                out += "\r\n"
            }
        }
        return out
    }

    /// Quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-`, `@` or tab
    /// is prefixed with `'` so that spreadsheets do not run it as a formula; control characters
    /// are dropped (`SafeText.csvField`).
    static func csvField(_ f: String) -> String {
        SafeText.csvField(f)
    }
}
