import Testing
@testable import DrillTUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test("ASCII letters are one column, controls none")
    func ascii() {
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("\u{7}")) == 0)
        #expect(DisplayWidth.of(Character("\r\n")) == 0)
        #expect(DisplayWidth.of(Character("\u{7F}")) == 0)
    }

    @Test("é is one column composed and decomposed")
    func accentedLetter() {
        let composed = "\u{E9}"
        let decomposed = "e\u{301}"
        #expect(DisplayWidth.of(composed) == 1)
        #expect(DisplayWidth.of(decomposed) == 1)
        #expect(DisplayWidth.of(scalar: "\u{301}") == 0)
        #expect(DisplayWidth.of("Привет") == 6)
    }

    @Test("CJK ideographs, kana, Hangul and fullwidth forms take two columns")
    func eastAsianWide() {
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("かな") == 4)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("\u{3000}") == 2)  // ideographic space
        // A Hangul syllable spelled with conjoining jamo is one grapheme of two columns.
        #expect(DisplayWidth.of(Character("\u{1100}\u{1161}\u{11A8}")) == 2)
    }

    @Test("Arabic letters are one column and harakat none")
    func arabic() {
        #expect(DisplayWidth.of("مرحبا") == 5)
        let withHarakat = "مَرْحَبًا"  // fatha, sukun, fatha, fathatan on the letters
        #expect(withHarakat.count == 5)
        #expect(DisplayWidth.of(withHarakat) == 5)
        #expect(DisplayWidth.of(scalar: "\u{64E}") == 0)
        #expect(DisplayWidth.of(scalar: "\u{670}") == 0)  // superscript alef
    }

    @Test("emoji take two columns, with modifiers, variation selectors and flags")
    func emoji() {
        #expect(DisplayWidth.of(Character("😀")) == 2)
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)
        #expect(DisplayWidth.of(Character("❤\u{FE0F}")) == 2)
        #expect(DisplayWidth.of(Character("❤")) == 1)  // text presentation by default
        #expect(DisplayWidth.of(Character("🇫🇷")) == 2)
        #expect(DisplayWidth.of(Character("1\u{FE0F}\u{20E3}")) == 2)  // keycap
        #expect(DisplayWidth.of(scalar: "\u{FE0F}") == 0)
    }

    @Test("a ZWJ sequence is one grapheme of two columns")
    func zwjSequence() {
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(family.count == 1)
        #expect(DisplayWidth.of(family) == 2)
        #expect(DisplayWidth.of(scalar: "\u{200D}") == 0)
        #expect(DisplayWidth.of(scalar: "\u{200B}") == 0)  // zero width space
    }

    @Test("the range tables are sorted and disjoint, so binary search is valid")
    func tablesAreSorted() {
        for table in [DisplayWidth.zeroWidthRanges, DisplayWidth.wideRanges] {
            #expect(table.count % 2 == 0)
            var previousHigh: UInt32? = nil
            for pair in stride(from: 0, to: table.count, by: 2) {
                #expect(table[pair] <= table[pair + 1])
                if let previousHigh { #expect(table[pair] > previousHigh) }
                previousHigh = table[pair + 1]
            }
        }
    }
}
