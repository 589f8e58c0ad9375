import DrillCore

/// Figures as a report writes them, the same in every format.
enum ReportText {
    /// What was skipped for teams the scenario names that did not take part.
    static func absence(_ a: Absence) -> String {
        var s = "\(count(a.teams, "team")) the scenario names did not take part"
        if !a.injects.isEmpty { s += "; injects addressed to \(a.teams == 1 ? "it" : "them") were skipped for \(a.teams == 1 ? "it" : "them"): " + a.injects.joined(separator: ", ") }
        if !a.coordinationTasks.isEmpty {
            s += "; coordination with \(a.teams == 1 ? "it" : "them") was dropped from " + a.coordinationTasks.joined(separator: ", ")
        }
        if !a.unscoredTasks.isEmpty { s += " (not scored, no team left to tell: " + a.unscoredTasks.joined(separator: ", ") + ")" }
        return s
    }

    /// Which scores are final: "final: every task is decided" once ended, else which wait for a grade.
    static func finality(_ o: Overview) -> String {
        let ended = o.phase == ExerciseState.Phase.ended.rawValue
        if o.awaitingGrade > 0 {
            let waiting = "\(count(o.awaitingGrade, "report answer")) submitted but not graded \(o.awaitingGrade == 1 ? "is" : "are") still pending"
            return ended ? "\(waiting) (a report task stays pending until the white cell grades it); every other score is final"
                         : "provisional: the exercise has not ended; \(waiting)"
        }
        return ended ? "final: every task is decided" : "provisional: the exercise has not ended"
    }

    /// `45 s`, `6 min`, `1 h 05 min`.
    static func duration(_ ms: Millis) -> String {
        let negative = ms < 0
        let a = abs(ms)
        let text: String
        if a < 60_000 {
            text = "\((a + 500) / 1000) s"
        } else if a < 3_600_000 {
            let tenths = (a + 3_000) / 6_000
            text = tenths % 10 == 0 || tenths >= 100 ? "\((a + 30_000) / 60_000) min" : "\(tenths / 10).\(tenths % 10) min"
        } else {
            let minutes = (a + 30_000) / 60_000
            let m = minutes % 60
            text = "\(minutes / 60) h " + (m < 10 ? "0\(m)" : "\(m)") + " min"
        }
        return negative ? "−" + text : text
    }

    /// The exercise clock, `H:MM:SS`.
    static func clock(_ ms: Millis?) -> String { ms.map(DurationText.clock) ?? "" }

    /// One decimal: `78.9 %`; an em dash when there is nothing to take a share of.
    static func percent(_ p: Double?) -> String {
        guard let p else { return "—" }
        return decimal(p, places: 1) + "\u{00A0}%"
    }

    /// A number with at most `places` decimals, trailing zeros dropped (`12`, `12.5`).
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

    static func count(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}

extension TeamReport {
    /// "12 received, 11 read; every release on plan", or the injects released off plan with by how much.
    var injectSummary: String {
        let read = injects.count { $0.readAt != nil }
        let off = injects.compactMap { i in i.delay.flatMap { $0 != 0 ? (i.inject, $0) : nil } }
        var s = "\(injects.count) received, \(read) read; "
        if off.isEmpty {
            s += "every release on plan"
        } else {
            s += "released against plan: " + off.prefix(8).map { "\($0.0) \($0.1 > 0 ? "+" : "")\(ReportText.duration($0.1))" }.joined(separator: ", ")
            if off.count > 8 { s += ", and \(off.count - 8) more" }
        }
        return s
    }
}
