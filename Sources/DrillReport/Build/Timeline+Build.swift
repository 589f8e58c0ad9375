import DrillCore

extension TimelineEntry {
    /// Every inject in planned order (the file's order breaks ties), with what happened to it
    /// over every team: anonymous figures, so the same in every report.
    static func all(_ c: ReportContext) -> [TimelineEntry] {
        let injects = c.scenario.injects
        var held = [[Millis]](repeating: [], count: injects.count)
        var manual = [Int](repeating: 0, count: injects.count)
        for e in c.input.events {
            switch e.body {
            case .injectHeld(let h): if let i = c.state.index.injectPosition[h.inject] { held[i].append(e.exerciseTime) }
            case .injectReleased(let r) where r.manual: if let i = c.state.index.injectPosition[r.inject] { manual[i] += 1 }
            default: break
            }
        }
        let teams = c.state.teamOrder.compactMap { c.state.teams[$0] }
        let scores = Dictionary(c.scorecard.injects.map { ($0.inject, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = injects.enumerated().map { i, inject -> TimelineEntry in
            let planned = inject.unplanned ? nil : c.schedule.scheduled[inject.id]
            var releases: [Millis] = []
            for team in teams { if let r = team.released[i] { releases.append(r) } }
            releases.sort()
            var trigger: String
            var after: (String, Millis)?
            switch inject.trigger {
            case .demand: trigger = "demand"
            case .at: trigger = inject.unplanned ? "unplanned" : "at"
            case .after(let dep, let delay):
                trigger = "after \(dep) + \(DurationText.format(delay))"
                after = ("\(dep)", delay)
            }
            if let condition = inject.condition { trigger += ", when \(condition.task) is \(condition.outcomeText)" }
            let score = scores[inject.id]
            var entry = TimelineEntry(
                inject: inject.id, title: c.text(inject.title), channel: inject.channel.rawValue, plannedAt: planned, trigger: trigger,
                isBranch: inject.condition != nil, heldAt: held[i], manualReleases: manual[i],
                teamsAddressed: teams.count { inject.isAddressed(to: $0.team.id) }, teamsReached: releases.count,
                firstReleasedAt: releases.first, lastReleasedAt: releases.last,
                medianDelay: planned.flatMap { p in Statistics.times(releases.map { $0 - p }).median },
                averagePercent: score?.averagePercent, outcomes: score?.outcomes ?? OutcomeCounts(),
                afterInject: after?.0, afterDelay: after?.1, conditionTask: inject.condition.map { "\($0.task)" },
                conditionOutcomes: inject.condition.map { $0.outcomes.sorted() })
            if inject.unplanned { entry.unplanned = true }
            if case .demand = inject.trigger { entry.onDemand = true }
            return entry
        }
        // Planned order; live injects, which had no plan, where they were released.
        func key(_ e: TimelineEntry) -> Millis { e.plannedAt ?? (e.unplanned == true ? e.firstReleasedAt : nil) ?? .max }
        return entries.enumerated().sorted { a, b in
            (key(a.element), a.offset) < (key(b.element), b.offset)
        }.map(\.element)
    }
}
