import Testing
@testable import DrillTUI

@Suite("Screen")
struct ScreenTests {
    @Test("text is written cell by cell and read back as lines")
    func writesText() {
        var screen = Screen(width: 6, height: 2)
        let end = screen.put("abc", x: 1, y: 0)
        #expect(end == 4)
        #expect(screen.lines == [" abc  ", "      "])
    }

    @Test("a wide character takes two cells, the second a continuation")
    func wideCharacter() {
        var screen = Screen(width: 6, height: 1)
        screen.put("中a", x: 0, y: 0)
        #expect(screen[0, 0].width == 2)
        #expect(screen[1, 0].isContinuation)
        #expect(screen[2, 0].grapheme == "a")
        #expect(screen.lines == ["中a   "])
    }

    @Test("a wide character at the right edge becomes a blank, never half a character")
    func wideAtRightEdge() {
        var screen = Screen(width: 5, height: 1)
        screen.put("ab中文", x: 0, y: 0)
        #expect(screen.lines == ["ab中 "])
        #expect(!screen[4, 0].isContinuation)
        #expect(DisplayWidth.of(screen.lines[0]) == 5)
    }

    @Test("a wide character is not split by a clip rectangle on either side")
    func wideAtClipBoundary() {
        var screen = Screen(width: 8, height: 1)
        screen.fill(screen.bounds, with: ".")
        let clip = Rect(x: 2, y: 0, width: 3, height: 1)
        screen.put("中文字", x: 1, y: 0, clip: clip)
        // 中 straddles the left edge (column 1–2), 文 fits (3–4), 字 is outside.
        #expect(screen.lines == [".. 文..."])
        // "a" replaces the left half of 文; 中 would end outside the clip, so a blank is written.
        screen.put("a中", x: 3, y: 0, clip: clip)
        #expect(screen.lines == [".. a ..."])
    }

    @Test("overwriting the right half of a wide character blanks its left half")
    func overwriteRightHalf() {
        var screen = Screen(width: 4, height: 1)
        screen.put("中文", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.lines == [" x文"])
        #expect(!screen[0, 0].isWide)
    }

    @Test("overwriting the left half of a wide character blanks its right half")
    func overwriteLeftHalf() {
        var screen = Screen(width: 4, height: 1)
        screen.put("中文", x: 0, y: 0)
        screen.put("y", x: 2, y: 0)
        #expect(screen.lines == ["中y "])
        #expect(!screen[3, 0].isContinuation)
    }

    @Test("a wide character written across another's halves blanks both neighbours")
    func wideOverWide() {
        var screen = Screen(width: 6, height: 1)
        screen.put("中文字", x: 0, y: 0)
        screen.put("一", x: 1, y: 0)
        #expect(screen.lines == [" 一 字"])
    }

    @Test("combining marks stay with their base in one cell")
    func combiningSequence() {
        var screen = Screen(width: 4, height: 1)
        screen.put("e\u{301}مَ", x: 0, y: 0)
        #expect(screen[0, 0].grapheme == "e\u{301}")
        #expect(screen[1, 0].grapheme == "مَ")
        #expect(screen.lines == ["e\u{301}مَ  "])
    }

    @Test("fill and restyle stay inside the rectangle and the screen")
    func fillAndRestyle() {
        var screen = Screen(width: 4, height: 3)
        screen.fill(Rect(x: 2, y: 1, width: 5, height: 5), with: "#")
        screen.restyle(Rect(x: 0, y: 2, width: 2, height: 1)) { $0.attributes.insert(.bold) }
        #expect(screen.lines == ["    ", "  ##", "  ##"])
        #expect(screen[1, 2].style == .bold)
        #expect(screen[2, 2].style == .plain)
    }
}
