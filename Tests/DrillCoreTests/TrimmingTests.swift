@testable import DrillCore
import Testing

/// Numbers and durations are trimmed before they are read. The fast path (an ASCII character
/// that is not white space at each end: nothing to trim) and the Unicode one (tabs, line breaks,
/// no-break and em spaces, NEL) must give the same answers.
@Suite("Trimming white space")
struct TrimmingTests {
    @Test(arguments: [
        ("45", "45"), (" 45", "45"), ("45\t", "45"), ("\n 1.5 \r\n", "1.5"), ("\u{A0}12\u{A0}", "12"),
        ("\u{2003}x", "x"), ("x\u{85}", "x"), ("", ""), (" \t ", ""), ("é", "é"), (" é ", "é"), ("a b", "a b"),
        ("\u{0B}7\u{0C}", "7"),
    ] as [(String, String)])
    func trims(text: String, trimmed: String) {
        #expect(text.trimmingSpaces == trimmed)
        #expect(text[...].trimmingSpaces == trimmed)
    }

    @Test func durationsAndNumbersAreTrimmedEitherWay() {
        #expect(DurationText.parse("\u{A0}45s\t") == 45_000)
        #expect(DurationText.parse("45s") == 45_000)
        #expect(DurationText.parse("\u{2003}") == nil)
    }

    @Test func digitsAreASCIIOnly() {
        #expect(Character("7").isASCIIDigit)
        #expect(!Character("٣").isASCIIDigit)
        #expect(!Character("x").isASCIIDigit)
        #expect(!Character("\r\n").isASCIIDigit)
    }
}
