import Testing
@testable import DrillTUI

@Suite("The scrolling box (help, a cell, an inject)")
struct ScrollBoxTests {
    private let six: [(String, Style)] = [("one", .bold), ("two", .plain), ("three", .plain), ("four", .plain), ("five", .plain), ("six", .plain)]

    private func box(_ lines: [(String, Style)], offset: Int = 0, footer: String = "Esc") -> ScrollBox {
        ScrollBox(title: "Box", lines: lines, offset: offset, footer: footer, more: "more · ", maxWidth: 20)
    }

    @Test("centred over the dimmed screen; the first page with the lines' styles and 'more' before the footer")
    func firstPage() {
        var screen = Screen(width: 24, height: 8)
        screen.put("behind", x: 0, y: 0)
        box(six).render(in: screen.bounds, on: &screen)
        #expect(screen.lines == [
            "behind                  ",
            "  ┏ Box ━━━━━━━━━━━━━┓  ",
            "  ┃ one              ┃  ",
            "  ┃ two              ┃  ",
            "  ┃ three            ┃  ",
            "  ┃       more · Esc ┃  ",
            "  ┗━━━━━━━━━━━━━━━━━━┛  ",
            "                        ",
        ])
        #expect(screen[0, 0].style.attributes.contains(.dim), "what is behind the box is dimmed")
        #expect(!screen[4, 2].style.attributes.contains(.dim), "the box is not")
        #expect(screen[4, 2].style == .bold, "a line keeps its style")
        #expect(screen[4, 3].style == .plain)
        #expect(screen[11, 5].style == Theme.dimmed, "the footer is dimmed")
        #expect(box(six).visibleRows(in: screen.bounds) == 3)
    }

    @Test("an offset past the end shows the last full page, without 'more'")
    func lastPage() {
        var screen = Screen(width: 24, height: 8)
        box(six, offset: 99).render(in: screen.bounds, on: &screen)
        #expect(Array(screen.lines[2...5]) == [
            "  ┃ four             ┃  ",
            "  ┃ five             ┃  ",
            "  ┃ six              ┃  ",
            "  ┃              Esc ┃  ",
        ])
        #expect(box(six, offset: 99).top(in: screen.bounds) == 3)
        #expect(box(six, offset: -4).top(in: screen.bounds) == 0)
    }

    @Test("the box is as tall as its lines, as wide as its limit, and cuts a footer that does not fit")
    func sizes() {
        var screen = Screen(width: 40, height: 12)
        let short = box([("only", .plain)], footer: "a footer far too long for the box")
        #expect(short.frame(in: screen.bounds) == Rect(x: 10, y: 4, width: 20, height: 4))
        #expect(ScrollBox.textWidth(in: screen.bounds, maxWidth: 20) == 16)
        #expect(ScrollBox.textWidth(in: Rect(x: 0, y: 0, width: 16, height: 8), maxWidth: 20) == 8)
        short.render(in: screen.bounds, on: &screen)
        #expect(Array(screen.lines[4...7]) == [
            "          ┏ Box ━━━━━━━━━━━━━┓          ",
            "          ┃ only             ┃          ",
            "          ┃ a footer far to… ┃          ",
            "          ┗━━━━━━━━━━━━━━━━━━┛          ",
        ])
    }
}
