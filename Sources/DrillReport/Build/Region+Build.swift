import DrillCore

extension RegionalDistribution {
    /// Every team, as figures without names.
    init(_ c: ReportContext) {
        let teams = c.scorecard.teams
        var reads: [Millis] = [], answers: [Millis] = []
        var curves: [[(Millis, Double)]] = []
        for team in teams {
            guard let state = c.state.teams[team.team] else { continue }
            for i in state.releaseOrder {
                if let r = state.released[i], let read = state.read[i] { reads.append(max(0, read - r)) }
            }
            var earned: [(Millis, Double)] = []
            for s in team.tasks {
                if let t = s.timeToAnswer(state.progress[s.task]) { answers.append(t) }
                if s.points > 0, let at = s.answeredAt ?? s.decidedAt { earned.append((at, s.points)) }
            }
            earned.sort { $0.0 < $1.0 }
            var sum = 0.0
            curves.append(earned.map { sum += $0.1; return ($0.0, sum) })
        }
        // Quartiles of cumulative points at 48 even steps of the exercise.
        let end = max(c.state.endedAt ?? c.state.exerciseTime, 1)
        var band: [BandPoint] = []
        if !curves.isEmpty {
            let steps = 48
            for k in 0...steps {
                let t = end * Millis(k) / Millis(steps)
                let values = curves.map { curve -> Double in
                    // The last point at or before t (binary search).
                    var lo = 0, hi = curve.count
                    while lo < hi { let mid = (lo + hi) / 2; if curve[mid].0 <= t { lo = mid + 1 } else { hi = mid } }
                    return lo == 0 ? 0 : curve[lo - 1].1
                }.sorted()
                band.append(BandPoint(at: t, q1: Statistics.quantile(sorted: values, 0.25) ?? 0,
                                      median: Statistics.quantile(sorted: values, 0.5) ?? 0, q3: Statistics.quantile(sorted: values, 0.75) ?? 0))
            }
        }
        self.init(teams: teams.count, percent: Statistics.spread(teams.compactMap(\.percentOfAvailable)),
                  points: Statistics.spread(teams.map(\.points)), readTime: Statistics.times(reads),
                  answerTime: Statistics.times(answers), scoreOverTime: band)
    }
}

extension ResponseTimes {
    /// Candidate bin widths, so that a histogram has at most 16 bins.
    static let widths: [Millis] = [15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000]

    /// Pooled over the teams the report shows.
    init(teams: [TeamReport]) {
        var reads: [Millis] = [], answers: [Millis] = []
        for team in teams {
            for i in team.injects { if let r = i.readAt { reads.append(max(0, r - i.releasedAt)) } }
            for t in team.tasks { if let a = t.timeToAnswer { answers.append(a) } }
        }
        let readStats = Statistics.times(reads), answerStats = Statistics.times(answers)
        // The bins cover the 90th percentile of the slower of the two; the last bin holds the rest.
        let span = max(readStats.p90 ?? 0, answerStats.p90 ?? 0, 1)
        let width = Self.widths.first { (span + $0 - 1) / $0 <= 15 } ?? Self.widths[Self.widths.count - 1]
        let count = Int(min(16, span / width + 1))
        var bins = (0..<count).map { HistogramBin(from: Millis($0) * width, to: Millis($0 + 1) * width, read: 0, answer: 0) }
        if !reads.isEmpty || !answers.isEmpty {
            for r in reads { bins[min(count - 1, Int(r / width))].read += 1 }
            for a in answers { bins[min(count - 1, Int(a / width))].answer += 1 }
        } else {
            bins = []
        }
        self.init(read: readStats, answer: answerStats, binWidth: width, bins: bins)
    }
}
