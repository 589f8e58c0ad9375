import DrillCore

extension FeedbackResult {
    /// Every question of the scenario's hot wash, with the latest answers of the members of the
    /// teams the report shows (a team report: its own team's only).
    static func all(_ c: ReportContext) -> [FeedbackResult] {
        let answers = c.state.feedback.filter { c.labels.isVisible($0.answer.team) }.sorted { $0.time < $1.time }.map(\.answer.answers)
        return c.state.scenario.feedback.map { q in
            let given = answers.compactMap { $0[q.id] }
            var result = FeedbackResult(id: q.id, type: q.type, prompt: c.text(q.prompt), responses: given.count, distribution: [], mean: nil, quotes: [])
            switch q.type {
            case .scale:
                let values = given.compactMap(Int.init)
                result.distribution = FeedbackQuestion.scale.map { n in Count(answer: String(n), count: values.count { $0 == n }) }
                if !values.isEmpty { result.mean = Double(values.reduce(0, +)) / Double(values.count) }
            case .choice:
                result.distribution = q.options.map { o in Count(answer: c.text(o), count: given.count { $0 == o }) }
            case .text:
                result.quotes = given.map(c.text)
            }
            return result
        }
    }
}
