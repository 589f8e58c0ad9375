import DrillCore
import Testing
@testable import DrillTUI

/// The white cell's letter commands on a Russian or Arabic keyboard, without switching layouts.
@Suite("The white cell's command letters on Russian and Arabic layouts")
struct KeyboardLayoutTests {
    private func console() throws -> WhiteCellConsole {
        WhiteCellConsole(snapshot: WhiteCellSnapshot(state: try ExerciseFixture.tutorial(at: 9), now: ExerciseFixture.min(9)),
                           switchesConsoles: true)
    }

    @Test("the key of c opens the live-inject form on both layouts, and the form then takes the letters typed")
    func composeKey() throws {
        for typed: Character in ["с", "ؤ"] {                // Russian es, Arabic waw-hamza: the C key
            var c = try console()
            #expect(c.liveDraft == nil)
            _ = c.handle(.char(typed))
            #expect(c.liveDraft != nil, "\(typed) did not open the form")
            // In the form the same key is a letter of the title, not a command.
            _ = c.handle(.char(typed))
            #expect(c.liveDraft?.title.text == String(typed))
        }
    }

    @Test("the key of p pauses (Russian з, Arabic ح); letters of no command do nothing")
    func pauseKey() throws {
        for typed: Character in ["з", "ح"] {
            var c = try console()
            #expect(c.handle(.char(typed)) == [.command(.pause)])
        }
        #expect(KeyboardLayout.latin(for: "Ц") == "W")
        #expect(KeyboardLayout.latin(for: "ж") == nil)     // the ; key
        #expect(KeyboardLayout.latin(for: "a") == nil)
    }
}
