import DrillCore
import DrillText

/// The facilitator notes an audience may read: all in a regional report; in a team report, the
/// notes about that team and those about no team in particular.
struct NoteSection {
    var entries: [NoteEntry] = []
    /// The capabilities of each entry before redaction, to match the scorecard's; parallel to `entries`.
    var rawCapabilities: [[String]] = []

    init(_ c: ReportContext) {
        let notes = c.state.notes.filter { n in n.note.team.map(c.labels.isVisible) ?? true }
            .enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        for n in notes {
            let tags = NoteTags(n.note, scenario: c.scenario)
            let by = Actor(parsing: n.by).map { actor -> String in
                if case .facilitator(let name) = actor { return name }
                return actor.description
            } ?? n.by
            entries.append(NoteEntry(
                at: n.time, by: c.text(by), kind: tags.kind, text: c.text(tags.text), inject: n.note.inject,
                team: n.note.team.map(c.labels.label), capabilities: tags.capabilities.map(c.text), objectives: tags.objectives,
                tags: n.note.tags.filter { NoteTags.field(Substring($0)) == nil }.map(c.text),
                action: tags.action.map(c.text), owner: tags.owner.map(c.text), due: tags.due.map(c.text)))
            rawCapabilities.append(tags.capabilities)
        }
    }
}

/// Strengths and areas for improvement per capability, and the improvement plan.
struct Analysis {
    var capabilities: [CapabilityAnalysis] = []
    var improvementPlan: [ImprovementItem] = []

    /// At most this many findings of each kind from the scores, per capability.
    static let perKind = 5

    init(_ c: ReportContext, tasks: [TaskSummary], teams: [TeamReport], notes: NoteSection) {
        let summaries = Dictionary(tasks.map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a })
        let subject = c.isTeamReport ? teams.first : nil
        let subjectTasks = Dictionary((subject?.tasks ?? []).map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a })
        // Observations with an action, by inject: they fill the plan rows of that inject.
        var actions: [String: Int] = [:]
        var actionUsed = Set<Int>()
        // A note tied to two capabilities is analysed under both but planned once.
        var notesPlanned = Set<Int>()
        for (k, note) in notes.entries.enumerated() where note.kind == .observation && (note.action ?? note.owner ?? note.due) != nil {
            if let inject = note.inject, actions[inject] == nil { actions[inject] = k }
        }

        let w = c.texts
        for score in c.scorecard.capabilities {
            let name = score.capability
            var strengths: [(Double, Finding)] = [], missed: [(Double, Finding)] = [], late: [(Double, Finding)] = [], hints: [(Double, Finding)] = []
            for meta in c.tasks.joined() where meta.capabilities.contains(name) {
                let key = meta.ref.description
                guard let s = summaries[key], s.teamsReached > 0 else { continue }
                let n = s.teamsReached, wrongOrMissed = s.outcomes.missed + s.outcomes.wrong
                let label = w(.repTaskLabel, ["task": key, "prompt": Self.short(s.prompt)])
                if subject != nil {
                    guard let t = subjectTasks[key] else { continue }
                    let share = Double(s.outcomes.correct) / Double(n)
                    switch t.outcome {
                    case .correct where !t.late:
                        strengths.append((-share, Finding(kind: .answeredWell, text: w(.repFindCorrectOnTime, ["label": label, "k": s.outcomes.correct, "n": n]), task: key, inject: s.inject, teams: 1, of: 1)))
                    case .missed, .wrong:
                        let what: Msg = t.outcome == .missed ? .repFindMissedTeam : .repFindWrongTeam
                        missed.append((Double(wrongOrMissed) / Double(n), Finding(kind: .missed, text: w(what, ["label": label, "k": wrongOrMissed, "n": n]), task: key, inject: s.inject, teams: 1, of: 1)))
                    default:
                        break
                    }
                    if t.late, let a = t.answeredAt, let d = t.dueAt {
                        late.append((Double(a - d), Finding(kind: .late, text: w(.repFindLateTeam, ["label": label, "late": w.span(a - d)]), task: key, inject: s.inject, teams: 1, of: 1)))
                    }
                    if t.hintsTaken > 0 {
                        hints.append((Double(t.hintsTaken), Finding(kind: .hints, text: w(.repFindHintsTeam, ["label": label, "n": t.hintsTaken]), task: key, inject: s.inject, teams: 1, of: 1)))
                    }
                } else {
                    if s.outcomes.correct * 4 >= 3 * n, s.answeredLate * 4 < n {
                        strengths.append((Double(s.outcomes.correct) / Double(n), Finding(kind: .answeredWell, text: w(.repFindCorrectBy, ["label": label, "k": s.outcomes.correct, "n": n]), task: key, inject: s.inject, teams: s.outcomes.correct, of: n)))
                    }
                    if wrongOrMissed * 2 >= n, wrongOrMissed > 0 {
                        let what: Msg = s.outcomes.wrong == 0 ? .repFindMissedBy : s.outcomes.missed == 0 ? .repFindWrongBy : .repFindMissedOrWrongBy
                        missed.append((Double(wrongOrMissed) / Double(n), Finding(kind: .missed, text: w(what, ["label": label, "k": wrongOrMissed, "n": n]), task: key, inject: s.inject, teams: wrongOrMissed, of: n)))
                    } else if s.answeredLate * 3 >= n, s.answeredLate > 0 {
                        late.append((Double(s.answeredLate) / Double(n), Finding(kind: .late, text: w(.repFindLateBy, ["label": label, "k": s.answeredLate, "n": n]), task: key, inject: s.inject, teams: s.answeredLate, of: n)))
                    }
                    if s.tookHints * 3 >= n, s.tookHints > 0 {
                        hints.append((Double(s.tookHints) / Double(n), Finding(kind: .hints, text: w(.repFindHintBy, ["label": label, "k": s.tookHints, "n": n]), task: key, inject: s.inject, teams: s.tookHints, of: n)))
                    }
                }
            }
            func top(_ list: [(Double, Finding)]) -> [Finding] {
                // Highest first; scenario order breaks ties (the sort is stable).
                Array(list.enumerated().sorted { ($1.element.0, $0.offset) < ($0.element.0, $1.offset) }.prefix(Self.perKind).map(\.element.1))
            }
            var strong = top(strengths)
            var weak = top(missed) + top(late) + top(hints)
            for (k, note) in notes.entries.enumerated() where notes.rawCapabilities[k].contains(name) {
                let finding = Finding(kind: .note, text: note.text, task: nil, inject: note.inject, teams: nil, of: nil, note: k)
                if note.kind == .strength { strong.append(finding) }
                if note.kind == .improvement { weak.append(finding) }
            }
            let capability = c.text(name)
            capabilities.append(CapabilityAnalysis(
                capability: capability, objectives: score.objectives, points: Self.subject(c, score.teams)?.points ?? score.points,
                possiblePoints: Self.subject(c, score.teams)?.possiblePoints ?? score.possiblePoints,
                percent: Self.subject(c, score.teams).map(\.percent) ?? score.percent,
                rating: Self.subject(c, score.teams).map(\.rating) ?? score.rating,
                spread: Statistics.spread(score.teams.filter { $0.possiblePoints > 0 }.compactMap(\.percent)),
                strengths: strong, improvements: weak))

            for f in weak {
                if let k = f.note, !notesPlanned.insert(k).inserted { continue }
                let objectives: [String]
                if let k = f.note {
                    objectives = notes.entries[k].objectives
                } else {
                    objectives = c.tasks.joined().first { $0.ref.description == f.task }?.objectives.filter { score.objectives.contains($0) } ?? []
                }
                let filling = f.note == nil ? f.inject.flatMap { actions[$0] } : nil
                if let filling { actionUsed.insert(filling) }
                let source = (f.note ?? filling).map { notes.entries[$0] }
                improvementPlan.append(ImprovementItem(
                    area: f.text, capability: capability, objectives: objectives, task: f.task, inject: f.inject,
                    source: f.note == nil ? "scores" : "note", action: source?.action, owner: source?.owner, due: source?.due))
            }
        }
        // Notes for the plan that no capability took: improvements without one, and actions whose inject had no row.
        for (k, note) in notes.entries.enumerated() {
            let unplaced = note.kind == .improvement && notes.rawCapabilities[k].allSatisfy { name in !c.scorecard.capabilities.contains { $0.capability == name } }
            let orphanAction = note.kind == .observation && (note.action ?? note.owner ?? note.due) != nil && !actionUsed.contains(k)
            guard unplaced || orphanAction else { continue }
            improvementPlan.append(ImprovementItem(
                area: note.text, capability: note.capabilities.first ?? "", objectives: note.objectives, task: nil, inject: note.inject,
                source: "note", action: note.action, owner: note.owner, due: note.due))
        }
    }

    private static func subject(_ c: ReportContext, _ teams: [EvidenceScore]) -> EvidenceScore? {
        c.options.team.flatMap { id in teams.first { $0.team == id } }
    }

    /// A prompt cut to a readable length for a finding.
    static func short(_ text: String, limit: Int = 90) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count <= limit ? line : String(line.prefix(limit - 1)).trimmingCharacters() + "…"
    }
}
