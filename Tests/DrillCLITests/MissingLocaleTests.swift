import Foundation
import Testing

/// A laptop whose `LANG` names a locale the machine has not installed: the console still draws
/// UTF-8 (box lines, accented words) instead of falling back to ASCII line letters.
@Suite("a locale that is not installed", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct MissingLocaleTests {
    @Test func theConsoleStillDrawsUTF8() throws {
        let dir = try CLI.temporaryDirectory()
        let term = try TmuxSession([CLI.binary.path, "demo", "--speed", "1", "--lang", "es"], directory: dir,
                                   environment: ["TMPDIR": dir.path, "LC_ALL": "", "LANG": "zz_ZZ.UTF-8"])
        defer { term.close() }
        guard let screen = term.wait(for: "Célula blanca", timeout: 60) else { return }
        #expect(screen.contains("┌"), "\(screen)")
        #expect(!screen.contains("lqqq"), "\(screen)")
    }
}
