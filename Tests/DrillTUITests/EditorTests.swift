import Testing
@testable import DrillTUI

@Suite("Editors")
struct EditorTests {
    @Test("typing CJK inserts whole graphemes and moves by grapheme")
    func insertCJK() {
        var editor = LineEditor()
        let result1 = editor.handle(.char("中"))
        #expect(result1 == .handled)
        _ = editor.handle(.char("文"))
        #expect(editor.text == "中文")
        #expect(editor.cursor == 2)
        #expect(editor.cursorColumn == 4)
        _ = editor.handle(.left)
        _ = editor.handle(.char("a"))
        #expect(editor.text == "中a文")
        _ = editor.handle(.home)
        #expect(editor.cursor == 0)
        _ = editor.handle(.end)
        #expect(editor.cursor == 3)
    }

    @Test("backspace removes a base with its combining marks")
    func backspaceCombining() {
        var latin = LineEditor(text: "cafe\u{301}")
        #expect(latin.graphemes.count == 4)
        _ = latin.handle(.backspace)
        #expect(latin.text == "caf")
        var arabic = LineEditor(text: "مَرْ")
        _ = arabic.handle(.backspace)
        #expect(arabic.text == "مَ")
    }

    @Test("a combining mark typed after its base joins it")
    func typedCombiningMark() {
        var editor = LineEditor(text: "cafe")
        _ = editor.handle(.char("\u{301}"))
        #expect(editor.text == "caf\u{E9}")  // canonically equal to e + U+0301
        #expect(editor.graphemes.count == 4)
        #expect(editor.cursor == 4)
    }

    @Test("delete removes the grapheme under the cursor; Ctrl-W, Ctrl-U and Ctrl-K cut")
    func deletion() {
        var editor = LineEditor(text: "👨‍👩‍👧 team")
        _ = editor.handle(.home)
        _ = editor.handle(.delete)
        #expect(editor.text == " team")
        editor.text = "alpha beta gamma"
        _ = editor.handle(.ctrl("w"))
        #expect(editor.text == "alpha beta ")
        _ = editor.handle(.modified(.left, .ctrl))
        _ = editor.handle(.ctrl("k"))
        #expect(editor.text == "alpha ")
        _ = editor.handle(.ctrl("u"))
        #expect(editor.text == "")
    }

    @Test("word moves jump over runs of non-spaces")
    func wordMoves() {
        var editor = LineEditor(text: "alpha beta gamma")
        _ = editor.handle(.modified(.left, .ctrl))
        #expect(editor.cursor == 11)
        _ = editor.handle(.alt("b"))
        #expect(editor.cursor == 6)
        _ = editor.handle(.alt("f"))
        #expect(editor.cursor == 10)
    }

    @Test("a multi-line paste goes into a line editor as one line")
    func pasteIntoLine() {
        var editor = LineEditor(text: "IoCs: ")
        _ = editor.handle(.paste("evil.example\nc2.example\tdrop.example"))
        #expect(editor.text == "IoCs: evil.example c2.example drop.example")
    }

    @Test("Up and Down walk the history and come back to the draft")
    func history() {
        var editor = LineEditor()
        editor.text = "first"
        let result2 = editor.handle(.enter)
        #expect(result2 == .submit("first"))
        editor.text = "second"
        let result3 = editor.handle(.enter)
        #expect(result3 == .submit("second"))
        #expect(editor.history == ["first", "second"])
        editor.text = "dra"
        let result4 = editor.handle(.up)
        #expect(result4 == .handled)
        #expect(editor.text == "second")
        _ = editor.handle(.up)
        #expect(editor.text == "first")
        let result5 = editor.handle(.up)
        #expect(result5 == .ignored)
        _ = editor.handle(.down)
        #expect(editor.text == "second")
        _ = editor.handle(.down)
        #expect(editor.text == "dra")
        let result6 = editor.handle(.down)
        #expect(result6 == .ignored)
    }

    @Test("a long line scrolls so the cursor stays visible, wide characters clipped whole")
    func lineScrolls() {
        var screen = Screen(width: 5, height: 1)
        LineEditor(text: "abcdefghij").render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["ghij "])
        #expect(screen.cursor == Point(x: 4, y: 0))
        screen.clear()
        LineEditor(text: "中文字符").render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["字符 "])
        #expect(screen.cursor == Point(x: 4, y: 0))
        var secret = LineEditor(text: "s3cr3t")
        secret.mask = "•"
        screen.clear()
        secret.render(in: screen.bounds, on: &screen, focused: false)
        #expect(screen.lines == ["•••• "])  // the end of the text keeps a cell for the cursor
        #expect(screen.cursor == nil)
    }

    @Test("a multi-line paste keeps its lines in the area editor")
    func pasteIntoArea() {
        var area = AreaEditor(text: "Hello world")
        for _ in 0..<5 { _ = area.handle(.left) }
        _ = area.handle(.paste("big\r\nnew "))
        #expect(area.text == "Hello big\nnew world")
        #expect(area.cursor == AreaEditor.Position(line: 1, index: 4))
        _ = area.handle(.home)
        _ = area.handle(.backspace)
        #expect(area.text == "Hello bignew world")
        #expect(area.cursor == AreaEditor.Position(line: 0, index: 9))
    }

    @Test("Enter splits a line and Delete at its end joins the next")
    func splitAndJoin() {
        var area = AreaEditor(text: "abcd")
        _ = area.handle(.left)
        _ = area.handle(.left)
        _ = area.handle(.enter)
        #expect(area.lines.map { String($0) } == ["ab", "cd"])
        #expect(area.cursor == AreaEditor.Position(line: 1, index: 0))
        _ = area.handle(.up)
        _ = area.handle(.end)
        _ = area.handle(.delete)
        #expect(area.text == "abcd")
        let result7 = area.handle(.tab)
        #expect(result7 == .ignored)
    }

    @Test("Up and Down keep the column across short lines and wide characters")
    func verticalMoves() {
        var area = AreaEditor(text: "abcdef\nxy\n123456")
        _ = area.handle(.up)
        #expect(area.cursor == AreaEditor.Position(line: 1, index: 2))
        _ = area.handle(.up)
        #expect(area.cursor == AreaEditor.Position(line: 0, index: 6))
        _ = area.handle(.down)
        _ = area.handle(.down)
        #expect(area.cursor == AreaEditor.Position(line: 2, index: 6))
        var cjk = AreaEditor(text: "中文字\nabcdef")
        for _ in 0..<3 { _ = cjk.handle(.left) }
        _ = cjk.handle(.up)
        #expect(cjk.cursor == AreaEditor.Position(line: 0, index: 1))
    }

    @Test("the area editor wraps rows, moves by row and scrolls to the cursor")
    func wrappedRows() {
        var area = AreaEditor(text: "one two three four five")
        area.layout(width: 10, height: 2)
        #expect(area.scroll == 1)
        var screen = Screen(width: 10, height: 2)
        area.render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["three four", "five      "])
        #expect(screen.cursor == Point(x: 4, y: 1))
        _ = area.handle(.up)
        #expect(area.cursor == AreaEditor.Position(line: 0, index: 12))
        _ = area.handle(.up)
        #expect(area.cursor == AreaEditor.Position(line: 0, index: 4))
        area.layout(width: 10, height: 2)
        screen.clear()
        area.render(in: screen.bounds, on: &screen)
        #expect(screen.lines == ["one two   ", "three four"])
        #expect(screen.cursor == Point(x: 4, y: 0))
    }
}
