import DrillCore
import DrillText

/// Figures as the machine-readable formats write them (CSV, SVG coordinates): the same in every
/// language. The words and figures people read come from `Texts` (see the extension below).
enum ReportText {
    /// The exercise clock, `H:MM:SS`: the same digits and colons in every language.
    static func clock(_ ms: Millis?) -> String { ms.map(DurationText.clock) ?? "" }

    /// A number with at most 2 decimals, trailing zeros dropped (`12`, `12.5`), `.` as separator.
    static func points(_ p: Double) -> String { decimal(p, places: 2, trim: true) }

    static func decimal(_ value: Double, places: Int, trim: Bool = false) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let n = Int64(scaled)
        let unit = Int64(scale)
        var whole = String(n / unit)
        if value < 0 && n != 0 { whole = "-" + whole }
        guard places > 0 else { return whole }
        var fraction = String(n % unit)
        while fraction.count < places { fraction = "0" + fraction }
        if trim {
            while fraction.hasSuffix("0") { fraction.removeLast() }
            if fraction.isEmpty { return whole }
        }
        return whole + "." + fraction
    }
}

/// The report's figures and facts in the report's language: every renderer words a fact here, so
/// the Markdown and the HTML say the same thing.
extension Texts {
    /// A length of time, `45 s`, `6 min`, `1 h 05 min` in the language's units; `−` before an early one.
    func span(_ ms: Millis) -> String { ms < 0 ? "−" + duration(-ms) : duration(ms) }

    /// A signed delay against plan: `+6 min`, `−2 min`.
    func delay(_ ms: Millis) -> String { ms > 0 ? "+" + duration(ms) : span(ms) }

    /// A share with one decimal, `78.9 %` (en), `78,9 %` (fr), `78.9%` (zh, ar); `—` for nothing to take a share of.
    func share(_ p: Double?) -> String {
        guard let p else { return "—" }
        let gap = numbers.percentGap == " " ? "\u{00A0}" : numbers.percentGap
        return fixed(p, places: 1) + gap + "%"
    }

    /// A whole percentage without its sign, for small print (`78`).
    func whole(_ p: Double) -> String { fixed(p, places: 0) }

    /// Points without needless decimals, in the language's digits: `12`, `12.5`, `12,5`.
    func pts(_ p: Double) -> String { numbers.number(p) }

    /// A number with exactly `places` decimals, the language's separator.
    func fixed(_ value: Double, places: Int) -> String {
        let plain = ReportText.decimal(value, places: places)
        guard places > 0 else { return plain }
        return plain.replacingAll(".", with: numbers.decimal)
    }

    /// A number with at most `places` decimals, the language's separator.
    func trimmed(_ value: Double, places: Int) -> String { numbers.number(value, maxFraction: places) }

    /// The HSEEP rating's wording: `Performed without challenges`, `Réalisé sans difficulté`…
    func rating(_ r: HSEEPRating) -> String {
        switch r {
        case .p: self(.repRatingP)
        case .s: self(.repRatingS)
        case .m: self(.repRatingM)
        case .u: self(.repRatingU)
        }
    }

    /// `P — performed without challenges`, or `not assessed`.
    func ratingLine(_ r: HSEEPRating?) -> String {
        r.map { self(.repRatingLine, ["letter": $0.rawValue, "title": rating($0).lowercased()]) } ?? self(.repNotAssessed)
    }

    /// The exercise phase as the report words it (`running`, `ended`…), from its identifier.
    func reportPhase(_ raw: String) -> String {
        switch ExerciseState.Phase(rawValue: raw) {
        case .notStarted: self(.repPhaseNotStarted)
        case .running: self(.repPhaseRunning)
        case .paused: self(.repPhasePaused)
        case .ended: self(.repPhaseEnded)
        case nil: raw
        }
    }

    /// What was skipped for teams the scenario names that did not take part.
    func absence(_ a: Absence) -> String {
        var parts = [self(.repAbsentTeams, ["n": a.teams])]
        if !a.injects.isEmpty { parts.append(self(.repAbsentInjects, ["n": a.teams, "list": list(a.injects)])) }
        if !a.coordinationTasks.isEmpty { parts.append(self(.repAbsentCoordination, ["n": a.teams, "list": list(a.coordinationTasks)])) }
        var s = parts.joined(separator: self(.repClauseSeparator))
        if !a.unscoredTasks.isEmpty { s += self(.repAbsentUnscored, ["list": list(a.unscoredTasks)]) }
        return s
    }

    /// Which scores are final: "final: every task is decided" once ended, else which wait for a grade.
    func finality(_ o: Overview) -> String {
        let ended = o.phase == ExerciseState.Phase.ended.rawValue
        if o.awaitingGrade > 0 {
            return self(ended ? .repFinalityAwaiting : .repProvisionalAwaiting, ["n": o.awaitingGrade])
        }
        return self(ended ? .repFinal : .repProvisional)
    }

    /// "12 received, 11 read; every release on plan", or the injects released off plan with by how much.
    func injectSummary(_ team: TeamReport) -> String {
        let read = team.injects.count { $0.readAt != nil }
        let off = team.injects.compactMap { i in i.delay.flatMap { $0 != 0 ? (i.inject, $0) : nil } }
        let counts = self(.repInjectsReceived, ["n": team.injects.count, "read": read])
        if off.isEmpty { return counts + self(.repClauseSeparator) + self(.repInjectsOnPlan) }
        var shown = off.prefix(8).map { "\($0.0) \(delay($0.1))" }
        if off.count > 8 { shown.append(self(.repAndMore, ["n": off.count - 8])) }
        return counts + self(.repClauseSeparator) + self(.repInjectsOffPlan, ["list": list(shown)])
    }

    /// `3 décembre 2026` from an ISO 8601 wall date; the date as written when it is not one.
    func wallDate(_ wall: String) -> String {
        let parts = wall.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return String(wall.prefix(10)) }
        return date(year: parts[0], month: parts[1], day: parts[2])
    }

    /// A wall date and time, `3 December 2026 09:00 UTC`: the date in words, the time in digits.
    func wallDateTime(_ wall: String) -> String {
        let readable = WallDate.readable(wall)
        guard let space = readable.firstIndex(of: " ") else { return readable }
        return wallDate(wall) + readable[space...]
    }
}

/// The timeline's cells, worded the same in Markdown and HTML.
extension Texts {
    /// `at`, `after I03 + 10 min`, `unplanned`, `on demand`, with `, when I02.c2 is wrong or missed`
    /// for a branch.
    func trigger(_ e: TimelineEntry) -> String {
        var s: String
        if e.unplanned == true {
            s = self(.reportValueUnplanned)
        } else if e.onDemand == true {
            s = self(.reportValueOnDemand)
        } else {
            s = e.afterInject.map { self(.repTriggerAfter, ["inject": $0, "delay": span(e.afterDelay ?? 0)]) } ?? self(.repTriggerAt)
        }
        if let task = e.conditionTask {
            let outcomes = (e.conditionOutcomes ?? []).map(outcome)
            s += self(.repTriggerWhen, ["task": task, "outcomes": outcomes.joined(separator: self(.repOr))])
        }
        return s
    }

    /// `0:10:00`, `0:10:00 – 0:12:30`, or `not released`.
    func releases(_ e: TimelineEntry) -> String {
        guard let first = e.firstReleasedAt else { return self(.outcomeNotReleased) }
        guard let last = e.lastReleasedAt, last != first else { return DurationText.clock(first) }
        return "\(DurationText.clock(first)) – \(DurationText.clock(last))"
    }

    /// `on time`, `+6 min`, `−2 min`, `—`.
    func medianDelay(_ e: TimelineEntry) -> String {
        e.medianDelay.map { $0 == 0 ? self(.repOnTime) : delay($0) } ?? "—"
    }

    /// `held at 0:10:00, 0:20:00; released by hand`.
    func holds(_ e: TimelineEntry) -> String {
        var parts: [String] = []
        if !e.heldAt.isEmpty { parts.append(self(.repHeldAt, ["times": list(e.heldAt.map(DurationText.clock))])) }
        if e.manualReleases > 0 { parts.append(self(.repReleasedByHand)) }
        return parts.joined(separator: self(.repClauseSeparator))
    }

    /// `3 of 4`.
    func of(_ k: Int, _ n: Int) -> String { self(.repOf, ["k": k, "n": n]) }

    /// A task's score reason in the report's language.
    func reason(of task: TeamTask) -> String { reason(task.why, fallback: task.reason) }
}

/// Notes and tasks, worded the same in Markdown and HTML.
extension Texts {
    /// `strength`, `area for improvement`, `observation` in the report's language.
    func noteKind(_ k: NoteEntry.Kind) -> String {
        switch k {
        case .strength: self(.noteKindStrength)
        case .improvement: self(.noteKindImprovement)
        case .observation: self(.noteKindObservation)
        }
    }

    /// The note with its corrective action, owner and due date after it.
    func noteText(_ n: NoteEntry) -> String {
        var text = n.text
        for (key, value) in [(Msg.repNoteAction, n.action), (.repNoteOwner, n.owner), (.repNoteDue, n.due)] {
            if let value { text += " — " + self(key, ["value": value]) }
        }
        return text
    }

    /// A task type (`indicators`, `report`…) as a word; an unknown one as it is.
    func taskType(_ raw: String) -> String {
        switch TaskType(rawValue: raw) {
        case .text: self(.repTypeText)
        case .choice: self(.repTypeChoice)
        case .number: self(.repTypeNumber)
        case .indicators: self(.repTypeIndicators)
        case .report: self(.repTypeReport)
        case .coordination: self(.repTypeCoordination)
        case nil: raw
        }
    }
}
