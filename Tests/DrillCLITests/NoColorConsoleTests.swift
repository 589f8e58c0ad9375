import Foundation
import Testing

/// `NO_COLOR` (https://no-color.org) on a real terminal. tmux's pane is read with its attributes
/// (`capture-pane -e`), so a colour on the screen is an SGR code the test can see; each test also
/// runs the console without `NO_COLOR` and finds colour there, which proves that it can.
@Suite("NO_COLOR on a real terminal", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct NoColorConsoleTests {
    /// The SGR parameters of every `ESC [ … m` in `text`, in order.
    static func sgrParameters(_ text: String) -> [[Int]] {
        var out: [[Int]] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            let body = rest[start.upperBound...].prefix { $0.isNumber || $0 == ";" || $0 == ":" }
            let after = rest[start.upperBound...].dropFirst(body.count)
            if after.first == "m" {
                out.append(body.isEmpty ? [0] : body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0.prefix { $0.isNumber }) ?? 0 })
            }
            rest = after
        }
        return out
    }

    /// The SGR codes in `text` that set a colour: 30–37, 38 (extended), 40–47, 48 (extended),
    /// 90–97 and 100–107. The arguments of 38 and 48 (`5;n`, `2;r;g;b`) are skipped, not read as codes.
    static func colourCodes(_ text: String) -> [Int] {
        var found: [Int] = []
        for parameters in sgrParameters(text) {
            var i = 0
            while i < parameters.count {
                let code = parameters[i]
                switch code {
                case 30...37, 40...47, 90...97, 100...107: found.append(code)
                case 38, 48:
                    found.append(code)
                    i += parameters.count > i + 1 && parameters[i + 1] == 2 ? 4 : 2
                default: break
                }
                i += 1
            }
        }
        return found
    }

    /// Whether `text` has an SGR code that turns reverse video on.
    static func hasReverse(_ text: String) -> Bool {
        sgrParameters(text).contains { $0.contains(7) }
    }

    /// The white cell console of `run` before the start, read with its attributes once it is drawn
    /// whole (the key bar, its last row, ends with F2 and q).
    private func screen(plain: Bool, noColor: Bool) throws -> String? {
        let dir = try CLI.temporaryDirectory()
        try ConsoleEndToEndTests.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        var command = [CLI.binary.path, "run", "e2e.yaml", "--journal", "e2e.journal"]
        if plain { command.append("--plain") }
        // An empty NO_COLOR is "not set" (no-color.org): the coloured run does not depend on the
        // environment the tests run in.
        let term = try TmuxSession(command, width: 100, height: 30, directory: dir, environment: ["NO_COLOR": noColor ? "1" : ""])
        defer { term.close() }
        guard term.wait(for: "the console drawn whole", timeout: 60, { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return rows.first?.contains("NOT STARTED") == true && rows.count >= 30 && rows[29].contains("F2")
        }) != nil else { return nil }
        let captured = term.captureWithAttributes()
        term.send("C-c")
        term.wait(for: "[exit 0]", timeout: 60)
        return captured
    }

    @Test("no colour code under NO_COLOR, reverse video kept; colour codes without it (ncurses, then --plain)", arguments: [false, true])
    func noColor(plain: Bool) throws {
        let backend = plain ? "--plain (ANSI)" : "ncurses"
        let coloured = try #require(try screen(plain: plain, noColor: false))
        #expect(!Self.colourCodes(coloured).isEmpty, "\(backend) without NO_COLOR shows no colour, so this test could not see one:\n\(coloured)")
        let bare = try #require(try screen(plain: plain, noColor: true))
        #expect(Self.colourCodes(bare).isEmpty, "\(backend) under NO_COLOR sends colour codes \(Set(Self.colourCodes(bare)).sorted()):\n\(bare)")
        #expect(Self.hasReverse(bare), "\(backend) under NO_COLOR keeps reverse video (the header, the selection):\n\(bare)")
        #expect(bare.contains("NOT STARTED"))
    }

    @Test("the SGR reader finds colours, skips the arguments of 38 and 48, and sees reverse video")
    func reader() {
        #expect(Self.colourCodes("\u{1B}[1;7mX\u{1B}[0m").isEmpty)
        #expect(Self.hasReverse("\u{1B}[1;7mX"))
        #expect(Self.colourCodes("\u{1B}[33mX") == [33])
        #expect(Self.colourCodes("\u{1B}[1;38;5;1mX") == [38])
        #expect(Self.colourCodes("\u{1B}[48;2;30;31;32mX") == [48])
        #expect(Self.colourCodes("\u{1B}[97;104mX") == [97, 104])
        #expect(Self.colourCodes("\u{1B}[39;49mX\u{1B}[mY").isEmpty)
    }
}
