import DrillCore
import DrillText

extension HTMLReport {
    /// grade17: the hot wash, one block per question: the distribution, or the free answers quoted.
    mutating func feedback() {
        for q in r.feedback {
            m.raw("<h3 dir=\"auto\">")
            m.text(q.prompt)
            m.raw("</h3>\n")
            m.element("p", "", q.summaryText(t))
            if q.type == .text {
                for quote in q.quotes { m.element("blockquote", "dir=\"auto\"", quote) }
                m.raw("\n")
                continue
            }
            m.raw("<table>\n<thead><tr><th>\(col("Answer"))</th><th class=\"num\">\(col("Count"))</th></tr></thead>\n<tbody>\n")
            for c in q.distribution {
                m.raw("<tr>")
                m.element("td", "dir=\"auto\"", c.answer)
                num("\(c.count)")
                m.raw("</tr>\n")
            }
            m.raw("</tbody>\n</table>\n")
        }
    }
}

extension FeedbackResult {
    /// "5 answers, mean 3.8" (scale), "5 answers" (choice, text).
    func summaryText(_ t: Texts) -> String {
        let answered = t(.reportFeedbackResponses, ["n": responses])
        guard let mean else { return answered }
        return answered + t(.listSeparator) + t(.reportFeedbackMean, ["m": t.numbers.number(mean, maxFraction: 1)])
    }
}
