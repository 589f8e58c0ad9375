import DrillCore
@testable import DrillTUI
import Testing

/// The consoles and every other output share one idea of a control character (`SafeText`): the
/// screen gives it no column and never draws it, C1 controls (U+0080–U+009F) included.
@Suite("Controls take no column on the consoles")
struct ControlWidthTests {
    @Test func c0DelAndC1AreZeroWideAndNotDrawn() {
        for value: UInt32 in [0x07, 0x1B, 0x7F, 0x85, 0x9B, 0x9D] {
            let scalar = Unicode.Scalar(value)!
            #expect(DisplayWidth.of(scalar: scalar) == 0, "U+\(String(value, radix: 16))")
            #expect(SafeText.isControl(scalar))
        }
        #expect(DisplayWidth.of(scalar: "\u{A0}") == 1)
        #expect(DisplayWidth.of("a\u{1B}]0;x\u{07}\u{9B}2Jb") == DisplayWidth.of(SafeText.line("a\u{1B}]0;x\u{07}\u{9B}2Jb")))
    }
}
