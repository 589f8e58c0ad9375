/// The words a team reads beside a task score: the outcome first, then what changed the points,
/// in the order they were applied ("correct, 6 min late (×0.8), 2 wrong attempts (−4), hint 1 (−3)").
struct ScoreReason {
    var outcome: Outcome
    var isFinal: Bool
    var credit: Double
    var wrong: Int
    var falseItems: Int
    var answeredAt: Millis?
    var dueAt: Millis?
    var hintCount: Int
    /// Known only to the scorer; the plain text does without them.
    var attempts: Int?
    var penalty: Double = 0
    var factor: Double = 1
    /// Hint indexes taken, and the cost of each hint of the task.
    var hints: [Int] = []
    var hintCosts: [Double] = []
    /// Coordination tasks: teams told, of teams to tell.
    var teamsTold: (told: Int, of: Int)?

    init(score: TaskScore) {
        outcome = score.outcome
        isFinal = score.isFinal
        credit = score.credit
        wrong = score.wrongAttempts
        falseItems = score.falseItems
        answeredAt = score.answeredAt
        dueAt = score.dueAt
        hintCount = score.hintsTaken
    }

    /// With `figures`, the points each rule took; without, only what the team did (`hidden` scoreboards).
    func text(figures: Bool) -> String {
        // Appended piece by piece into one buffer: every task of every team has a reason, and
        // the scorecard must stay fast.
        var out = headline
        // Deductions are shown only where points were earned for them to come off.
        let scored = credit > 0 && outcome != .wrong && outcome != .missed
        let late = scored ? answeredAt.flatMap { a in dueAt.map { a - $0 } }.flatMap { $0 > 0 ? $0 : nil } : nil
        let listsWrong = wrong > 0 && (outcome != .wrong || answeredAt != nil)
        guard late != nil || falseItems > 0 || listsWrong || hintCount > 0 else { return out }
        out.reserveCapacity(out.utf8.count + 48)
        if let late {
            out += ", "
            Self.appendLateness(late, to: &out)
            if figures && factor < 1 { out += " (×"; out += Self.factorText(factor); out += ")" }
        }
        if falseItems > 0 {
            out += ", "
            Self.appendCount(falseItems, "false item", to: &out)
            if figures && scored && penalty > 0 { Self.appendCost(penalty, to: &out) }
        }
        if listsWrong {
            out += ", "
            Self.appendCount(wrong, "wrong attempt", to: &out)
            if falseItems == 0 && figures && scored && penalty > 0 { Self.appendCost(penalty, to: &out) }
        }
        if figures, !hintCosts.isEmpty {
            for h in hints where hintCosts.indices.contains(h) {
                out += ", hint "
                out += String(h + 1)
                if hintCosts[h] > 0 && outcome != .wrong && outcome != .missed { Self.appendCost(hintCosts[h], to: &out) }
            }
        } else if hintCount > 0 {
            out += ", "
            Self.appendCount(hintCount, "hint", to: &out)
            out += " taken"
        }
        return out
    }

    static func appendCount(_ n: Int, _ noun: String, to out: inout String) {
        out += String(n)
        out += " "
        out += noun
        if n != 1 { out += "s" }
    }

    static func appendCost(_ cost: Double, to out: inout String) {
        out += " (−"
        out += cost.clean
        out += ")"
    }

    /// `45 s late` under a minute, else whole minutes rounded up (`6 min late`).
    static func appendLateness(_ ms: Millis, to out: inout String) {
        if ms < 60_000 {
            out += String((ms + 999) / 1000)
            out += " s late"
        } else {
            out += String((ms + 59_999) / 60_000)
            out += " min late"
        }
    }

    private var headline: String {
        switch outcome {
        case .pending:
            return answeredAt != nil ? "answered, waiting for grading" : "pending"
        case .correct:
            return "correct"
        case .partial:
            let share = teamsTold.map { "\($0.told) of \($0.of) teams told" } ?? "\(Self.percentText(credit)) %"
            return isFinal ? "partial (\(share))" : "partial so far (\(share))"
        case .wrong:
            if answeredAt != nil { return "wrong (graded 0 %)" }
            return attempts.map { "wrong: all \($0) attempts used" } ?? "wrong: no attempts left"
        case .missed:
            return "missed"
        }
    }

    /// Two decimals at most, rounded down so that a late answer never reads ×1.
    static func factorText(_ factor: Double) -> String {
        let hundredths = ((factor * 10_000).rounded() / 100).rounded(.down)
        return (min(hundredths, 99) / 100).clean
    }

    /// A share as a whole percentage for reading; 0.999 reads 99, not 100.
    static func percentText(_ credit: Double) -> String {
        let p = (credit * 100).rounded()
        return String(Int(p >= 100 && credit < 1 ? 99 : p))
    }
}

extension TaskScore {
    /// The reason without any figure of points, for teams whose scoreboard is `hidden`:
    /// "correct, 6 min late, 2 wrong attempts, 1 hint taken".
    public var plainReason: String { ScoreReason(score: self).text(figures: false) }
}
