import Testing
@testable import DrillTUI

@Suite("Widgets")
struct WidgetTests {
    @Test("a pane draws a light border with its title and returns the inner area")
    func pane() {
        var screen = Screen(width: 12, height: 4)
        let inner = Pane(title: "Inbox").render(in: screen.bounds, on: &screen)
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(screen.lines == [
            "┌ Inbox ───┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
    }

    @Test("the focused pane has a heavy, highlighted border; long and wide titles are cut")
    func focusedPane() {
        var screen = Screen(width: 10, height: 3)
        Pane(title: "事件", focused: true).render(in: screen.bounds, on: &screen)
        #expect(screen.lines[0] == "┏ 事件 ━━┓")
        #expect(screen[0, 0].style.attributes.contains(.bold))
        #expect(screen[0, 0].style.foreground == .cyan)
        var narrow = Screen(width: 8, height: 2)
        Pane(title: "Inbox").render(in: narrow.bounds, on: &narrow)
        #expect(narrow.lines == ["┌ In… ─┐", "└──────┘"])
    }

    private let injects: [ListItem] = [
        ListItem("I01 Alert"), ListItem("I02 Phishing wave"), ListItem("I03 Ransom note", marker: "●"),
        ListItem("I04 Press call"), ListItem("I05 Route hijack", marker: "●"), ListItem("I06 Data leak"),
    ]

    @Test("a list scrolls to keep the selection visible, with markers and ellipses")
    func listScrollsToSelection() {
        var screen = Screen(width: 10, height: 3)
        let list = ListView(items: injects, state: ListState(selected: 4))
        list.render(in: screen.bounds, on: &screen)
        #expect(screen.lines == [
            "● I03 Ran…",
            "  I04 Pre…",
            "● I05 Rou…",
        ])
        #expect(screen[0, 2].style.attributes.contains(.reverse))
        #expect(!screen[0, 1].style.attributes.contains(.reverse))
    }

    @Test("moving the selection up past the top scrolls the list back")
    func listMovesUp() {
        var state = ListState(selected: 4)
        state.keepSelectionVisible(height: 3, count: injects.count)
        #expect(state.offset == 2)
        let result1 = state.handle(.up, count: injects.count, pageRows: 3)
        #expect(result1)
        let result2 = state.handle(.up, count: injects.count, pageRows: 3)
        #expect(result2)
        let result3 = state.handle(.up, count: injects.count, pageRows: 3)
        #expect(result3)
        state.keepSelectionVisible(height: 3, count: injects.count)
        #expect(state.selected == 1)
        #expect(state.offset == 1)
        let result4 = state.handle(.end, count: injects.count, pageRows: 3)
        #expect(result4)
        #expect(state.selected == 5)
        let result5 = state.handle(.char("x"), count: injects.count, pageRows: 3)
        #expect(!result5)
        var screen = Screen(width: 10, height: 3)
        ListView(items: injects, state: state, focused: false).render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["  I04 Pre…", "● I05 Rou…", "  I06 Dat…"])
        #expect(screen[2, 2].style == .bold)  // an unfocused list shows its selection in bold
    }

    @Test("table columns are sized by display width with a header and a selected row")
    func table() {
        let table = Table(
            columns: [TableColumn("Team"), TableColumn("Score", width: .fixed(5), alignment: .right),
                      TableColumn("Status", width: .fixed(6))],
            rows: [["CIRT Alpha", "42", "done"], ["中国 CERT", "7", "late"],
                   ["Very long team name", "100", TableCell("pending", style: Style(foreground: .yellow))],
                   ["D", "0", "-"]],
            state: ListState(selected: 2))
        var screen = Screen(width: 24, height: 4)
        table.render(in: screen.bounds, on: &screen)
        #expect(screen.lines == [
            "Team        Score Status",
            "CIRT Alpha     42 done  ",
            "中国 CERT       7 late  ",
            "Very long…    100 pendi…",
        ])
        #expect(screen[0, 0].style.attributes == [.bold, .underline])
        #expect(screen[0, 3].style.attributes.contains(.reverse))
        #expect(screen[18, 3].style.foreground == .yellow)
    }

    @Test("flexible columns share the rest by weight above their minimum")
    func columnWidths() {
        let columns = [TableColumn("a", width: .flexible(min: 4, weight: 1)),
                       TableColumn("b", width: .flexible(min: 4, weight: 3))]
        #expect(Table.columnWidths(columns, total: 21) == [7, 13])
        #expect(Table.columnWidths(columns, total: 5) == [4, 4])
        #expect(Table.columnWidths([TableColumn("x", width: .fixed(3)), TableColumn("y")], total: 10) == [3, 6])
    }

    @Test("a text viewer wraps, scrolls by pages and shows a scroll bar")
    func textViewer() {
        var viewer = TextViewer(text: "Line one is long enough to wrap\nSecond")
        var screen = Screen(width: 10, height: 3)
        viewer.render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["Line one █", "is long  │", "enough to│"])
        let result6 = viewer.handle(.pageDown, in: screen.size)
        #expect(result6)
        screen.clear()
        viewer.render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["enough to│", "wrap     │", "Second   █"])
        let result7 = viewer.handle(.end, in: screen.size)
        #expect(result7)
        #expect(viewer.offset == 2)
        let result8 = viewer.handle(.home, in: screen.size)
        #expect(result8)
        #expect(viewer.offset == 0)
    }

    @Test("a text viewer with short text has no scroll bar")
    func shortText() {
        var screen = Screen(width: 8, height: 2)
        TextViewer(text: "مرحبا").render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["مرحبا   ", "        "])
    }

    @Test("a dialog is centred, dims what is behind it and highlights its button")
    func dialog() {
        var screen = Screen(width: 40, height: 9)
        screen.fill(screen.bounds, with: ".")
        let dialog = Dialog.confirm(title: "End exercise", message: "End the drill for all teams now?")
        dialog.render(in: screen.bounds, on: &screen)
        let dots = String(repeating: ".", count: 40)
        #expect(screen.lines == [
            dots,
            dots,
            "..┏ End exercise ━━━━━━━━━━━━━━━━━━━━┓..",
            "..┃ End the drill for all teams now? ┃..",
            "..┃                                  ┃..",
            "..┃         [ Yes ]  [ No ]          ┃..",
            "..┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛..",
            dots,
            dots,
        ])
        #expect(screen[0, 0].style.attributes.contains(.dim))
        #expect(screen[21, 5].style.attributes.contains(.reverse))
        #expect(!screen[12, 5].style.attributes.contains(.reverse))
    }

    @Test("dialog keys move between buttons, choose and cancel")
    func dialogKeys() {
        var dialog = Dialog.confirm(title: "End", message: "Sure?")
        let result9 = dialog.handle(.right)
        #expect(result9 == nil)
        #expect(dialog.selected == 0)
        let result10 = dialog.handle(.enter)
        #expect(result10 == .chosen(0))
        let result11 = dialog.handle(.char("N"))
        #expect(result11 == .chosen(1))
        let result12 = dialog.handle(.escape)
        #expect(result12 == .cancelled)
    }

    @Test("a key bar shows key and label pairs and cuts the last one that does not fit")
    func keyBar() {
        let bar = KeyBar([.init("F1", "Help"), .init("q", "Quit"), .init("Tab", "Next pane"), .init("?", "Keys")])
        var wide = Screen(width: 30, height: 1)
        bar.render(in: wide.bounds, on: &wide)
        #expect(wide.lines == ["F1 Help  q Quit  Tab Next pane"])
        var narrow = Screen(width: 24, height: 1)
        bar.render(in: narrow.bounds, on: &narrow)
        #expect(narrow.lines == ["F1 Help  q Quit  Tab Ne…"])
        #expect(narrow[0, 0].style == .reverse)
        #expect(narrow[3, 0].style == .plain)
    }
}
