import DrillCore

extension FacilitatorSnapshot {
    /// One line of the activity feed: something that happened, newest first.
    public struct ActivityRow: Sendable, Hashable {
        public var time: Millis
        public var mark: Theme.Mark?
        public var text: String
    }

    /// `white-cell` for `facilitator:white-cell`.
    static func person(_ actor: String) -> String {
        actor.hasPrefix("facilitator:") ? String(actor.dropFirst("facilitator:".count)) : actor
    }

    /// The latest `limit` things that happened: releases, answers (with how they were judged),
    /// grades, messages and notes, newest first.
    static func activity(state: ExerciseState, now: Millis, names: [String: String], limit: Int = 60) -> [ActivityRow] {
        let scenario = state.scenario
        var rows: [ActivityRow] = []
        var releases: [Millis: [Int: Int]] = [:]
        for id in state.teamOrder {
            guard let team = state.teams[id] else { continue }
            let name = names[id] ?? id
            for position in team.releaseOrder {
                if let t = team.released[position], t <= now { releases[t, default: [:]][position, default: 0] += 1 }
            }
            for (ref, progress) in team.progress {
                let isReport = state.index.task(ref)?.type == .report
                for submission in progress.submissions where submission.time <= now {
                    let credit = submission.evaluation.credit
                    let mark: Theme.Mark? = isReport ? nil : credit >= 1 ? .correct : credit > 0 ? .partial : .wrong
                    let what = isReport ? "sent a report for \(ref)" : "answered \(ref): \(submission.values.joined(separator: ", "))"
                    rows.append(ActivityRow(time: submission.time, mark: mark, text: "\(name) \(what)"))
                }
                for grade in progress.grades where grade.time <= now {
                    rows.append(ActivityRow(time: grade.time, mark: grade.score >= 1 ? .correct : grade.score > 0 ? .partial : .wrong,
                                            text: "\(Self.person(grade.by)) graded \(name) \(ref): \(Int((grade.score * 100).rounded())) %"))
                }
            }
        }
        for (time, byInject) in releases {
            for (position, count) in byInject {
                rows.append(ActivityRow(time: time, mark: nil,
                                        text: "\(scenario.injects[position].id) released to \(count) team\(count == 1 ? "" : "s"): \(scenario.injects[position].title)"))
            }
        }
        for timed in state.messages where timed.time <= now {
            let m = timed.message
            let kind = m.kind == .rfi ? "RFI " : ""
            rows.append(ActivityRow(time: timed.time, mark: nil,
                                    text: "\(kind)\(partyName(m.from, names)) → \(partyName(m.to, names)): \(m.text)"))
        }
        for note in state.notes where note.time <= now {
            rows.append(ActivityRow(time: note.time, mark: nil, text: "note by \(Self.person(note.by)): \(note.note.text)"))
        }
        rows.sort { $0.time != $1.time ? $0.time > $1.time : $0.text < $1.text }
        return Array(rows.prefix(limit))
    }
}
