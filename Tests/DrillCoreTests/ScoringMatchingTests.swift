@testable import DrillCore
import Testing

/// Per-type answer credit: what counts as the same answer.
@Suite("Scoring: answer matching")
struct ScoringMatchingTests {
    static func credit(_ kind: TaskKind, _ values: [String]) -> Double {
        AnswerMatcher(kind).evaluate(values).credit
    }

    @Test("caseless text folds Unicode case, width and spaces, not accents", arguments: [
        ("203.0.113.66", "２０３．０．１１３．６６", 1.0),
        ("203.0.113.66", "  203.0.113.66 ", 1),
        ("203.0.113.66", "203.0.113.6", 0),
        ("école", "ÉCOLE", 1),
        ("école", "E\u{301}COLE", 1),           // decomposed É
        ("école", "ecole", 0),
        ("москва", "МОСКВА", 1),
        ("αθήνα", "ΑΘΉΝΑ", 1),
        ("Lazarus Group", "lazarus \t  GROUP", 1),
        ("Lazarus Group", "LazarusGroup", 0),
        ("ＡＰＴ２８", "apt28", 1),
    ])
    func caseless(accepted: String, given: String, expected: Double) {
        #expect(Self.credit(.text(accept: [accepted], match: .caseless), [given]) == expected)
    }

    @Test("exact text only trims", arguments: [
        ("Lazarus", "Lazarus", 1.0), ("Lazarus", " Lazarus\n", 1), ("Lazarus", "lazarus", 0), ("Lazarus", "Lazarus Group", 0),
    ])
    func exact(accepted: String, given: String, expected: Double) {
        #expect(Self.credit(.text(accept: [accepted], match: .exact), [given]) == expected)
    }

    @Test("regex matches the whole answer, case-sensitively", arguments: [
        ("[0-9a-f]{32}", "d41d8cd98f00b204e9800998ecf8427e", 1.0),
        ("[0-9a-f]{32}", "xd41d8cd98f00b204e9800998ecf8427e", 0),
        ("[0-9a-f]{32}", "d41d8cd98f00b204e9800998ecf8427e0", 0),
        ("[0-9a-f]{32}", "D41D8CD98F00B204E9800998ECF8427E", 0),
        ("[0-9a-f]{32}", "d41d8cd98f00b204e9800998ecf8427e\nmore", 0),
        ("(?i)[0-9a-f]{32}", "D41D8CD98F00B204E9800998ECF8427E", 1),
        ("cat|dog", "dog", 1),
        ("cat|dog", "cats", 0),
        ("cat|dog", "hotdog", 0),
        ("T1566(\\.00[12])?", "T1566.001", 1),
    ])
    func regex(pattern: String, given: String, expected: Double) {
        #expect(Self.credit(.text(accept: [pattern], match: .regex), [given]) == expected)
    }

    @Test func anInvalidRegexNeverMatchesAndNeverCrashes() {
        let kind = TaskKind.text(accept: ["(unclosed", "[z-a]", "ok"], match: .regex)
        #expect(Self.credit(kind, ["ok"]) == 1)
        #expect(Self.credit(kind, ["(unclosed"]) == 0)
        #expect(Self.credit(kind, ["[z-a]"]) == 0)
        #expect(Self.credit(.text(accept: ["(("], match: .regex), ["(("]) == 0)
    }

    @Test("single choice", arguments: [
        (["high"], 1.0), (["High"], 1), ([" high "], 1), (["low"], 0), (["high", "low"], 0), ([], 0),
    ] as [([String], Double)])
    func singleChoice(given: [String], expected: Double) {
        #expect(Self.credit(.choice(options: ["low", "high"], answers: ["high"], multiple: false, partial: false), given) == expected)
    }

    @Test("multiple choice is all or nothing", arguments: [
        (["a", "c"], 1.0), (["c", "a"], 1), (["A", "c"], 1), (["a"], 0), (["a", "b", "c"], 0), (["b"], 0),
    ] as [([String], Double)])
    func multipleChoice(given: [String], expected: Double) {
        #expect(Self.credit(.choice(options: ["a", "b", "c", "d"], answers: ["a", "c"], multiple: true, partial: false), given) == expected)
    }

    @Test("partial multiple choice: right options less wrong ones, never below 0", arguments: [
        (["a", "b", "c"], 1.0), (["a", "b"], 2.0 / 3), (["a", "b", "d"], 1.0 / 3), (["d"], 0), (["a", "d", "e"], 0),
    ] as [([String], Double)])
    func partialChoice(given: [String], expected: Double) {
        let kind = TaskKind.choice(options: ["a", "b", "c", "d", "e"], answers: ["a", "b", "c"], multiple: true, partial: true)
        #expect(abs(Self.credit(kind, given) - expected) < 1e-12)
    }

    @Test("numbers as people type them", arguments: [
        "12", "12.0", "12 %", "12%", "１２", "+12", "12 percent", " 12 ",
    ])
    func twelve(given: String) {
        #expect(Self.credit(.number(answer: 12, tolerance: 0, unit: "%"), [given]) == 1)
    }

    @Test("not twelve", arguments: ["13", "twelve", "12.5", "1 2x", "", "%", "--12", "1e1", "12x3", "12/13", "1 2", "12abc4"])
    func notTwelve(given: String) {
        #expect(Self.credit(.number(answer: 12, tolerance: 0, unit: ""), [given]) == 0)
    }

    @Test("decimal commas and thousands separators", arguments: [
        (1.5, "1,5"), (1.5, "1.5"), (1234.5, "1 234,5"), (1234.5, "1,234.5"), (1234.5, "1.234,5"), (-3, "-3"),
        (1234, "1,234"), (1.234, "1,234"), (1234, "1.234"), (1234567, "1,234,567"), (1234567, "1 234 567"),
        (12.5, "١٢٫٥"), (12, "١٢"), (12, "۱۲"), (8.5, "8.5 mg/L"), (5000, "5000 $"), (5000, "$5000"), (5000, "5 000 €"),
        (12, "12 ٪"), (3, "3 hosts"), (40, "٤٠ ألف"),
    ])
    func separators(answer: Double, given: String) {
        #expect(Self.credit(.number(answer: answer, tolerance: 0, unit: ""), [given]) == 1)
    }

    @Test("tolerance is inclusive at both edges", arguments: [
        (12.0, 1.0, "11", 1.0), (12, 1, "13", 1), (12, 1, "13.01", 0), (12, 1, "10.99", 0),
        (0.3, 0.1, "0.4", 1), (0.3, 0.1, "0.2", 1), (0.3, 0.1, "0.41", 0), (12, 0, "12.000001", 0),
    ])
    func tolerance(answer: Double, tolerance: Double, given: String, expected: Double) {
        #expect(Self.credit(.number(answer: answer, tolerance: tolerance, unit: ""), [given]) == expected)
    }

    static let iocs = TaskKind.indicators(accept: ["evil.example", "c2.example", "http://drop.example/login"])

    @Test("indicators are refanged and normalised", arguments: [
        (["evil[.]example"], 1.0 / 3, 0),
        (["EVIL.EXAMPLE."], 1.0 / 3, 0),
        (["ｅｖｉｌ．ｅｘａｍｐｌｅ"], 1.0 / 3, 0),
        (["hxxp://drop[.]example/login"], 1.0 / 3, 0),
        (["HXXP://DROP(.)EXAMPLE/login"], 1.0 / 3, 0),
        (["hxxp[://]drop{.}example/login"], 1.0 / 3, 0),
        (["evil[dot]example", "c2(dot)example"], 2.0 / 3, 0),
        (["\"evil.example\"", "<c2.example>"], 2.0 / 3, 0),
        (["evil.example, c2[.]example\nhxxp://drop[.]example/login"], 1, 0),
        (["evil.example", "c2.example", "http://drop.example/login"], 1, 0),
        (["evil.example；c2.example、good.example"], 2.0 / 3, 1),
        (["evil.example evil[.]example EVIL.example"], 1.0 / 3, 0),
        (["good.example", "other.example"], 0, 2),
    ] as [([String], Double, Int)])
    func indicators(given: [String], credit: Double, falseItems: Int) {
        let e = AnswerMatcher(Self.iocs).evaluate(given)
        #expect(abs(e.credit - credit) < 1e-12)
        #expect(e.falseItems == falseItems)
    }

    @Test func asciiAnswersSplitIntoIndicatorsAsCharactersDo() {
        // The byte separators are exactly the ASCII characters the general path splits on.
        for byte in UInt8(0)..<0x80 {
            let character = Character(Unicode.Scalar(byte))
            #expect(AnswerMatching.isASCIISeparator(byte) == (character.isWhitespace || character == "," || character == ";"), "byte \(byte)")
        }
        // Random ASCII answers split on bytes as they would on characters (CRLF included).
        var g = SeededGenerator(seed: 7)
        let alphabet = Array("ab.-[]()\" ,;\t\r\n\u{0B}\u{0C}\u{1C}x:/@")
        for _ in 0..<500 {
            let answer = String((0..<Int.random(in: 0...24, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
            let expected = answer.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" }).map(String.init)
            #expect(AnswerMatching.indicatorItems([answer]) == expected, "\(answer.debugDescription)")
        }
    }
}
