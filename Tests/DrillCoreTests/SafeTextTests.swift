import DrillCore
import Testing

@Suite("SafeText: the one function that defuses participant text")
struct SafeTextTests {
    @Test func controlsAreDroppedLineBreaksKeptOrFlattened() {
        let hostile = "a\u{1B}]0;title\u{07}b\u{1B}[2Jc\u{9B}31md\u{7F}e\u{08}f\r\ng\rh\ti"
        #expect(SafeText.text(hostile) == "a]0;titleb[2Jc31mdef\ng\nh\ti")
        #expect(SafeText.line(hostile) == "a]0;titleb[2Jc31mdef g h i")
        #expect(SafeText.line("one\n\n\ntwo") == "one two")
        // Text without controls is the same string; scripts, emoji and NBSP are untouched.
        for plain in ["CIRT Alpha", "Équipe « rouge »", "فريق", "红队 🚩", "a\u{A0}b", "x\u{200D}y"] {
            #expect(SafeText.text(plain) == plain)
            #expect(SafeText.line(plain) == plain)
        }
        #expect(SafeText.isControl("\u{85}") && SafeText.isControl("\u{1B}") && !SafeText.isControl("\u{A0}") && !SafeText.isControl(" "))
    }

    @Test func csvFieldsAreQuotedDefusedAndFreeOfControls() {
        #expect(SafeText.csvField("plain") == "plain")
        #expect(SafeText.csvField("a,b") == "\"a,b\"")
        #expect(SafeText.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SafeText.csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(SafeText.csvField("+1+1") == "'+1+1")
        #expect(SafeText.csvField("@SUM(A1)") == "'@SUM(A1)")
        #expect(SafeText.csvField("-2+3") == "'-2+3")
        #expect(SafeText.csvField("\tcmd") == "'\tcmd")
        #expect(SafeText.csvField("-3") == "-3", "a negative number stays a number")
        #expect(SafeText.csvField("-") == "-")
        #expect(SafeText.csvField("x\u{1B}[31my\r\nz") == "\"x[31my\nz\"")
    }
}
