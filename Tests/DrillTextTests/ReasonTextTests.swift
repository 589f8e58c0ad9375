import Testing
@testable import DrillCore
import DrillText

/// Score reasons worded from facts: English from the catalog is the protocol-v1 text word for
/// word, and the other languages word the same facts.
@Suite struct ReasonTextTests {
    static func reason(_ outcome: Outcome, final: Bool = true, credit: Double = 1, wrong: Int = 0, falseItems: Int = 0,
                       answered: Millis? = 10_000, due: Millis? = 60_000, hints: [Int] = [], hintCosts: [Double] = [],
                       attempts: Int? = nil, penalty: Double = 0, factor: Double = 1, told: (Int, Int)? = nil) -> ScoreReason {
        let score = TaskScore(task: TaskRef(inject: "I1", task: "t1"), outcome: outcome, isFinal: final, decidedAt: nil, points: 0,
                              maxPoints: 10, credit: credit, reason: "", wrongAttempts: wrong, falseItems: falseItems,
                              hintsTaken: hints.count, releasedAt: 0, answeredAt: answered, closesAt: nil, dueAt: due)
        var r = ScoreReason(score: score)
        r.hints = hints
        r.hintCosts = hintCosts
        r.attempts = attempts
        r.penalty = penalty
        r.factor = factor
        r.teamsTold = told?.0
        r.teamsToTell = told?.1
        return r
    }

    static let cases: [ScoreReason] = [
        reason(.correct),
        reason(.correct, answered: 420_000, factor: 0.8),
        reason(.correct, answered: 90_000, due: 60_000, factor: 0.999),
        reason(.correct, wrong: 2, hints: [0], hintCosts: [3], penalty: 4),
        reason(.correct, wrong: 1, hints: [0, 1], hintCosts: [3, 0], penalty: 2),
        reason(.partial, credit: 0.5, falseItems: 2, penalty: 1.5),
        reason(.partial, final: false, credit: 0.999),
        reason(.partial, credit: 0.5, told: (1, 2)),
        reason(.wrong, wrong: 3, answered: nil, attempts: 3),
        reason(.wrong, wrong: 3, answered: nil),
        reason(.wrong, wrong: 1),
        reason(.missed, hints: [0], hintCosts: [2]),
        reason(.pending, answered: nil),
        reason(.pending),
    ]

    @Test func englishCatalogIsTheProtocolV1Text() {
        for r in Self.cases {
            #expect(Texts(.en).reason(r) == r.text(figures: true))
            #expect(Texts(.en).reason(r.withoutFigures) == r.text(figures: false))
        }
    }

    @Test func otherLanguagesWordTheSameFacts() {
        let r = Self.reason(.correct, wrong: 2, answered: 420_000, hints: [0], hintCosts: [3], penalty: 4, factor: 0.8)
        #expect(Texts(.en).reason(r) == "correct, 6 min late (×0.8), 2 wrong attempts (−4), hint 1 (−3)")
        #expect(Texts(.fr).reason(r) == "correct, 6 min de retard (×0,8), 2 tentatives erronées (−4), indice 1 (−3)")
        #expect(Texts(.es).reason(r) == "correcta, 6 min de retraso (×0,8), 2 intentos fallidos (−4), pista 1 (−3)")
        #expect(Texts(.ru).reason(r) == "верно, опоздание 6 мин (×0,8), 2 неверные попытки (−4), подсказка 1 (−3)")
        #expect(Texts(.zh).reason(r) == "正确，迟交 6 分钟 (×0.8)，2 次错误作答 (−4)，提示 1 (−3)")
        #expect(Texts(.ar).reason(r) == "صحيح، تأخر 6 د (×0.8)، محاولتان خاطئتان (−4)، تلميح 1 (−3)")
        #expect(Texts(.fr).reason(r.withoutFigures) == "correct, 6 min de retard, 2 tentatives erronées, 1 indice pris")
    }
}
