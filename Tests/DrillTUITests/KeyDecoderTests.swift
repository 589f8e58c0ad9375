import Testing
@testable import DrillTUI

@Suite("Key decoder")
struct KeyDecoderTests {
    private func decode(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(Array(text.utf8)) + decoder.flush()
    }

    @Test("printable ASCII and multi-byte UTF-8 become graphemes")
    func printable() {
        #expect(decode("aZ5 ") == [.char("a"), .char("Z"), .char("5"), .char(" ")])
        #expect(decode("中é👍🏽") == [.char("中"), .char("é"), .char("👍🏽")])
        #expect(decode("e\u{301}") == [.char("e\u{301}")])
        #expect(decode("مَ") == [.char("مَ")])
    }

    @Test("Enter, Tab, Backtab, Backspace and Delete")
    func editingKeys() {
        #expect(decode("\r\n\t") == [.enter, .enter, .tab])
        #expect(decode("\u{1B}[Z") == [.backTab])
        #expect(decode("\u{7F}\u{8}") == [.backspace, .backspace])
        #expect(decode("\u{1B}[3~\u{1B}[2~") == [.delete, .insert])
    }

    @Test("arrows, Home/End and PageUp/PageDown in CSI and SS3 forms")
    func navigation() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}OA\u{1B}OD") == [.up, .left])
        #expect(decode("\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}OH") == [.home, .end, .home, .end, .home])
        #expect(decode("\u{1B}[5~\u{1B}[6~") == [.pageUp, .pageDown])
    }

    @Test("modified arrows carry their modifiers")
    func modifiers() {
        #expect(decode("\u{1B}[1;5D") == [.modified(.left, .ctrl)])
        #expect(decode("\u{1B}[1;3C") == [.modified(.right, .alt)])
        #expect(decode("\u{1B}[1;2A") == [.modified(.up, .shift)])
        #expect(Key.modified(.left, .ctrl).isWordLeft)
        #expect(Key.alt("f").isWordRight)
    }

    @Test("F1 to F12 in xterm, SS3 and Linux console forms")
    func functionKeys() {
        let xterm = "\u{1B}OP\u{1B}OQ\u{1B}OR\u{1B}OS\u{1B}[15~\u{1B}[17~\u{1B}[18~\u{1B}[19~\u{1B}[20~\u{1B}[21~\u{1B}[23~\u{1B}[24~"
        #expect(decode(xterm) == (1...12).map { Key.function($0) })
        #expect(decode("\u{1B}[11~\u{1B}[[A\u{1B}[[E") == [.function(1), .function(1), .function(5)])
        #expect(decode("\u{1B}[1;5P") == [.modified(.function(1), .ctrl)])
    }

    @Test("Ctrl-letters and Alt-keys")
    func controlAndAlt() {
        #expect(decode("\u{1}\u{3}\u{17}\u{1A}") == [.ctrl("a"), .ctrl("c"), .ctrl("w"), .ctrl("z")])
        #expect(decode("\u{0}\u{1F}") == [.ctrl(" "), .ctrl("_")])
        #expect(decode("\u{1B}b\u{1B}中") == [.alt("b"), .alt("中")])
    }

    @Test("a lone ESC waits for the flush, then is Escape")
    func loneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPendingInput)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPendingInput)
        #expect(decode("\u{1B}\u{1B}[A") == [.escape, .up])
    }

    @Test("a sequence split across reads is decoded once it is complete")
    func splitSequences() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.feed(Array("[1;".utf8)) == [])
        #expect(decoder.feed(Array("5Cx".utf8)) == [.modified(.right, .ctrl), .char("x")])
        let bytes = Array("中".utf8)
        #expect(decoder.feed(bytes[0..<1]) == [])
        #expect(decoder.feed(bytes[1..<2]) == [])
        #expect(decoder.feed(bytes[2..<3]) == [.char("中")])
    }

    @Test("bracketed paste is one key, however the bytes arrive")
    func bracketedPaste() {
        #expect(decode("a\u{1B}[200~line 1\r\nline 2\r中文\u{1B}[201~b")
                == [.char("a"), .paste("line 1\nline 2\n中文"), .char("b")])
        var decoder = KeyDecoder()
        let bytes = Array("\u{1B}[200~x\u{1B}[A\u{1B}[201~".utf8)
        var keys: [Key] = []
        for byte in bytes { keys += decoder.feed([byte]) }
        #expect(keys == [.paste("x\u{1B}[A")])
        #expect(!decoder.isInPaste)
    }

    @Test("a paste is not cut by a pause, only by its end marker or the end of input")
    func pasteAcrossPauses() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\u{1B}[200~part".utf8)) == [])
        #expect(decoder.flush() == [])
        #expect(decoder.isInPaste)
        #expect(decoder.feed(Array(" two\u{1B}[20".utf8)) == [])
        #expect(decoder.feed(Array("1~".utf8)) == [.paste("part two")])
        _ = decoder.feed(Array("\u{1B}[200~cut".utf8))
        #expect(decoder.flush(endingPaste: true) == [.paste("cut")])
    }

    @Test("invalid UTF-8 becomes the replacement character")
    func invalidBytes() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xFF, 0x61]) == [.char("\u{FFFD}"), .char("a")])
        #expect(decoder.feed([0xE4, 0xB8]) == [])
        #expect(decoder.flush() == [.char("\u{FFFD}"), .char("\u{FFFD}")])
    }
}
