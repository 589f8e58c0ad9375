import Testing
@testable import DrillTUI

@Suite("Text layout")
struct TextLayoutTests {
    @Test("English wraps at spaces, dropping them at the break")
    func wrapsEnglish() {
        let lines = TextLayout.wrap("The NOC reports unusual outbound traffic", width: 12)
        #expect(lines == ["The NOC", "reports", "unusual", "outbound", "traffic"])
    }

    @Test("a word longer than the width is cut between graphemes")
    func cutsLongWords() {
        #expect(TextLayout.wrap("see 203.0.113.66:443 now", width: 8) == ["see", "203.0.11", "3.66:443", "now"])
    }

    @Test("Chinese without spaces wraps between any two ideographs")
    func wrapsChinese() {
        let lines = TextLayout.wrap("勒索软件攻击了电信运营商", width: 9)
        #expect(lines == ["勒索软件", "攻击了电", "信运营商"])
        for line in lines { #expect(DisplayWidth.of(line) <= 9) }
    }

    @Test("closing punctuation never starts a line")
    func kinsoku() {
        #expect(TextLayout.wrap("你好。世界", width: 4) == ["你", "好。", "世界"])
    }

    @Test("mixed Latin and CJK breaks at spaces and around ideographs")
    func wrapsMixed() {
        let lines = TextLayout.wrap("C2 服务器 IP 是 203.0.113.66", width: 10)
        #expect(lines == ["C2 服务器", "IP 是", "203.0.113.", "66"])
        for line in lines { #expect(DisplayWidth.of(line) <= 10) }
    }

    @Test("Arabic wraps at spaces in logical order, harakat taking no width")
    func wrapsArabic() {
        let text = "تَحْذِير هجوم فدية على مشغل الاتصالات"
        let lines = TextLayout.wrap(text, width: 12)
        #expect(lines == ["تَحْذِير هجوم", "فدية على", "مشغل", "الاتصالات"])
        for line in lines { #expect(DisplayWidth.of(line) <= 12) }
    }

    @Test("hard line breaks are kept, empty lines included")
    func hardBreaks() {
        #expect(TextLayout.wrap("one\n\ntwo three\r\nfour", width: 20) == ["one", "", "two three", "four"])
        #expect(TextLayout.wrap("a\tb", width: 20) == ["a   b"])
    }

    @Test("no line is wider than the width, even at width 1")
    func neverExceedsWidth() {
        #expect(TextLayout.wrap("中a", width: 1) == ["\u{FFFD}", "a"])
        #expect(TextLayout.wrap("anything", width: 0) == [])
    }

    @Test("truncation ends with an ellipsis and respects wide characters")
    func truncates() {
        #expect(TextLayout.truncate("Ransomware at the telco", width: 10) == "Ransomwar…")
        #expect(TextLayout.truncate("short", width: 10) == "short")
        #expect(TextLayout.truncate("中文字符", width: 6) == "中文…")
        #expect(TextLayout.truncate("中文字符", width: 5) == "中文…")
        #expect(TextLayout.truncate("ab cd", width: 4) == "ab…")
        #expect(TextLayout.truncate("abc", width: 0) == "")
    }

    @Test("padding fills to the exact width, left, right or centred")
    func pads() {
        #expect(TextLayout.pad("中", width: 5) == "中   ")
        #expect(TextLayout.pad("42", width: 5, alignment: .right) == "   42")
        #expect(TextLayout.pad("ab", width: 5, alignment: .center) == " ab  ")
        #expect(TextLayout.pad("abcdefgh", width: 5) == "abcd…")
    }
}
