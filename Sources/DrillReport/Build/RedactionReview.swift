import DrillCore

/// What the redaction of a report could not be sure about: words in the free text written during
/// the exercise (facilitator notes, RFIs and their answers) that might name a team, a country, a
/// place or a person although no team field carries them.
///
/// The rule (docs/report.md, "Redaction"): a word of at least three letters is listed when it is
/// written with a capital first letter, or in a script without capitals (Arabic, …), and it is not
/// in the scenario's own text (title, summary, objectives, injects, tasks), not a generic word of
/// team names ("CIRT", "National", …), not a common English word that starts a sentence ("The",
/// "Several", …) and not what the report put in place of a team ("Team A", "[redacted]").
/// Words already redacted are not listed. The CLI prints the list as a warning; `--redact WORD`
/// hides any of them.
public enum RedactionReview {
    /// The words to check in a report built for an audience that must not see some teams
    /// (anonymised or one team's); empty for the facilitators' own regional report. Sorted.
    public static func unsureWords(in report: AfterActionReport, scenario: Scenario) -> [String] {
        guard report.audience.anonymized || report.audience.kind == .team else { return [] }
        var texts: [String] = []
        for n in report.notes {
            texts.append(n.text)
            texts.append(contentsOf: [n.action, n.owner, n.due].compactMap { $0 })
            texts.append(contentsOf: n.tags)
        }
        for t in report.teams {
            for r in t.rfis { texts.append(r.question); if let a = r.answer { texts.append(a) } }
        }
        for item in report.improvementPlan { texts.append(contentsOf: [item.action, item.owner].compactMap { $0 }) }

        let known = vocabulary(of: scenario)
        var found = Set<String>()
        for text in texts {
            for word in words(text) where isUnsure(word, known: known) { found.insert(word) }
        }
        return found.sorted()
    }

    static func isUnsure(_ word: String, known: Set<String>) -> Bool {
        let letters = word.filter(\.isLetter)
        guard letters.count >= 3, let first = word.first, first.isLetter else { return false }
        let cased = letters.contains { $0.isUppercase || $0.isLowercase }
        guard first.isUppercase || !cased else { return false }
        let lower = word.lowercased()
        return !known.contains(lower) && !TeamLabels.genericWords.contains(lower) && !commonWords.contains(lower)
            && lower != "redacted" && lower != "another"
    }

    /// The words of a text: runs of letters, digits, hyphens and apostrophes inside a word.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") })
            .map { String($0.trimmingPrefix(while: { !$0.isLetter && !$0.isNumber })) }
            .map { w in String(w.reversed().drop(while: { !$0.isLetter && !$0.isNumber }).reversed()) }
            .filter { !$0.isEmpty }
    }

    /// Every word (lowercased) of the scenario's own text, which the facilitators wrote and
    /// published to the teams already.
    static func vocabulary(of scenario: Scenario) -> Set<String> {
        var texts = [scenario.id, scenario.title, scenario.summary]
        for o in scenario.objectives { texts += [o.id, o.title, o.description, o.capability] }
        for inject in scenario.injects {
            texts += [inject.id, inject.title, inject.body, inject.from]
            for task in inject.tasks { texts += [task.id, task.prompt] }
        }
        var out = Set<String>()
        for text in texts { for w in words(text) { out.insert(w.lowercased()) } }
        return out
    }

    /// Common English words that may start a sentence of a note (lowercased); a capital there
    /// says nothing.
    static let commonWords: Set<String> = [
        "the", "this", "that", "these", "those", "they", "them", "their", "there", "then", "than", "what", "when", "where",
        "which", "who", "why", "how", "all", "any", "each", "every", "some", "several", "many", "most", "few", "both",
        "one", "two", "three", "four", "five", "six", "first", "second", "third", "next", "last", "after", "before",
        "during", "while", "until", "since", "but", "and", "not", "yes", "has", "have", "had", "was", "were", "are",
        "did", "does", "can", "could", "should", "would", "will", "must", "may", "might", "please", "thanks", "thank",
        "good", "great", "well", "very", "too", "also", "only", "still", "again", "late", "early", "slow", "fast",
        "quick", "quickly", "agree", "agreed", "brief", "check", "confirm", "confirmed", "share", "shared", "send",
        "sent", "warn", "warned", "review", "update", "updated", "train", "training", "write", "written", "use", "used",
        "our", "your", "its", "his", "her", "she", "you", "not", "none", "nothing", "everyone", "nobody", "here",
        "white", "cell", "action", "owner", "due", "strength", "improvement", "observation", "note", "notes", "inject",
        "injects", "task", "tasks", "rfi", "rfis", "answer", "answers", "question", "report", "reports", "indicators",
        "iocs", "ioc", "regional", "coordinator", "duty", "officer", "officers", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "has", "is", "it", "no", "we", "he", "i",
    ]
}
