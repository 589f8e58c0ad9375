/// What the white cell still owes the teams: report answers not graded, RFIs not answered.
public struct WhiteCellBacklog: Sendable, Hashable {
    /// Report tasks a team answered that have no grade yet, as (team, task), in team order.
    public var ungradedReports: [(team: String, task: TaskRef)]
    /// Ids of RFIs from teams that have no answer yet, in the order they were sent.
    public var unansweredRFIs: [String]

    public var isEmpty: Bool { ungradedReports.isEmpty && unansweredRFIs.isEmpty }

    public static func == (a: Self, b: Self) -> Bool {
        a.unansweredRFIs == b.unansweredRFIs && a.ungradedReports.map(\.team) == b.ungradedReports.map(\.team)
            && a.ungradedReports.map(\.task) == b.ungradedReports.map(\.task)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(unansweredRFIs)
        for r in ungradedReports { hasher.combine(r.team); hasher.combine(r.task) }
    }
}

extension ExerciseState {
    /// The white cell's backlog as of the last event.
    public var whiteCellBacklog: WhiteCellBacklog {
        var reports: [(team: String, task: TaskRef)] = []
        for id in teamOrder {
            guard let team = teams[id] else { continue }
            for (ref, progress) in team.progress
            where !progress.submissions.isEmpty && progress.grades.isEmpty && index.task(ref)?.type == .report {
                reports.append((id, ref))
            }
        }
        let rfis = messages.filter { m in
            guard m.message.kind == .rfi, case .team = m.message.from else { return false }
            return rfiAnswers[m.message.id] == nil
        }.map(\.message.id)
        return WhiteCellBacklog(ungradedReports: reports, unansweredRFIs: rfis)
    }
}
