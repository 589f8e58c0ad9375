/// Why a task scored what it did, as facts: the outcome, then what changed the points in the order
/// they were applied. Clients word it in their own language (DrillText's `Texts.reason`); `text`
/// is the English wording that protocol-v1 clients read in `reason` ("correct, 6 min late (×0.8),
/// 2 wrong attempts (−4), hint 1 (−3)"), kept word for word.
public struct ScoreReason: Sendable, Hashable, Codable {
    public var outcome: Outcome
    public var isFinal: Bool
    /// Share of the task the scoring answer earned (0…1) before timing, penalties and hints.
    public var credit: Double
    /// Answers that were not fully correct, other than the one that scored.
    public var wrong: Int
    public var falseItems: Int
    public var answeredAt: Millis?
    public var dueAt: Millis?
    public var hintCount: Int
    /// Attempts the task allows (nil: unlimited).
    public var attempts: Int?
    /// Points the wrong attempts or false items cost, the timing factor applied, and the cost of
    /// each hint of the task: 0, 1 and empty when the team may not see figures (`figures` false).
    public var penalty: Double = 0
    public var factor: Double = 1
    /// Hint indexes taken, and the cost of each hint of the task.
    public var hints: [Int] = []
    public var hintCosts: [Double] = []
    /// Coordination tasks: teams told, of teams to tell.
    public var teamsTold: Int?
    public var teamsToTell: Int?
    /// Whether the points each rule took are part of the reason (false under a `hidden` scoreboard).
    public var figures: Bool = true
    /// For an outcome the white cell recorded without a submission: how the answer was given (grade17).
    public var via: GradeChannel?

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

    /// The same facts without any figure of points, for teams whose scoreboard is `hidden`.
    public var withoutFigures: ScoreReason {
        var r = self
        r.penalty = 0
        r.factor = 1
        r.hintCosts = []
        r.figures = false
        return r
    }

    /// Whether a deduction is listed: only where points were earned for it to come off.
    public var isScored: Bool { credit > 0 && outcome != .wrong && outcome != .missed }

    /// How late the scoring answer was, when that is part of the reason.
    public var lateBy: Millis? {
        guard isScored, let a = answeredAt, let d = dueAt, a > d else { return nil }
        return a - d
    }

    /// Whether the wrong attempts are listed (a wrong outcome without an answer says it in the headline).
    public var listsWrong: Bool { wrong > 0 && (outcome != .wrong || answeredAt != nil) }

    /// The protocol-v1 English text: with `figures`, the points each rule took; without, only what
    /// the team did (`hidden` scoreboards).
    public func text(figures: Bool) -> String {
        // Appended piece by piece into one buffer: every task of every team has a reason, and
        // the scorecard must stay fast.
        var out = headline
        if let via {
            out += ", "
            out += Self.viaText(via)
            return out
        }
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

    /// grade17: how an answer graded by the white cell was given.
    static func viaText(_ via: GradeChannel) -> String {
        switch via {
        case .phone: "given by phone"
        case .videoCall: "given in a video call"
        case .inPerson: "given in person"
        case .other: "given outside the exercise"
        }
    }

    private var headline: String {
        switch outcome {
        case .pending:
            return answeredAt != nil ? "answered, waiting for grading" : "pending"
        case .correct:
            return "correct"
        case .partial:
            let share = teamsTold.flatMap { told in teamsToTell.map { "\(told) of \($0) teams told" } } ?? "\(Self.percentText(credit)) %"
            return isFinal ? "partial (\(share))" : "partial so far (\(share))"
        case .wrong:
            if answeredAt != nil { return "wrong (graded 0 %)" }
            return attempts.map { "wrong: all \($0) attempts used" } ?? "wrong: no attempts left"
        case .missed:
            return "missed"
        }
    }

    /// Two decimals at most, rounded down so that a late answer never reads ×1.
    static func factorText(_ factor: Double) -> String { shownFactor(factor).clean }

    /// The timing factor as shown: two decimals at most, rounded down, never 1.
    public static func shownFactor(_ factor: Double) -> Double {
        let hundredths = ((factor * 10_000).rounded() / 100).rounded(.down)
        return min(hundredths, 99) / 100
    }

    /// A share as a whole percentage for reading; 0.999 reads 99, not 100.
    static func percentText(_ credit: Double) -> String { String(shownPercent(credit)) }

    public static func shownPercent(_ credit: Double) -> Int {
        let p = (credit * 100).rounded()
        return Int(p >= 100 && credit < 1 ? 99 : p)
    }
}

extension TaskScore {
    /// The reason without any figure of points, for teams whose scoreboard is `hidden`:
    /// "correct, 6 min late, 2 wrong attempts, 1 hint taken".
    public var plainReason: String { ScoreReason(score: self).text(figures: false) }
}
