import DrillTestSupport
import Foundation
import Testing
@testable import DrillTUI
#if canImport(Glibc)
import Glibc
#endif

/// Draws on a real terminal through each backend and reads back what the terminal shows, text
/// and colours, through tmux (`capture-pane -e` of the pane the test runs in).
///
/// It needs a real terminal inside tmux, so it is off unless DRILLTUI_SMOKE is set and TMUX_PANE
/// names the pane: `Scripts/terminal-smoke` runs it so, and fails when it fails.
@Suite("Terminal smoke (opt-in, under tmux)", .serialized)
struct TerminalSmokeTests {
    static let enabled = getenv("DRILLTUI_SMOKE") != nil && getenv("TMUX_PANE") != nil

    @Test("ncurses: a frame and its diff reach a real terminal", .enabled(if: enabled))
    func ncurses() throws {
        try show(on: NcursesBackend(colors: true))
    }

    @Test("ANSI: a frame and its diff reach a real terminal", .enabled(if: enabled))
    func ansi() throws {
        try show(on: ANSIBackend(input: 0, output: 1, colors: true))
    }

    private func show(on backend: some TerminalBackend) throws {
        try backend.start()
        defer { backend.stop() }
        let size = backend.size
        var screen = Screen(size: size)
        let inner = Pane(title: "Smoke 中文", focused: true)
            .render(in: Rect(x: 0, y: 0, width: min(40, size.width), height: 8), on: &screen)
        screen.put("中文 😀 e\u{301} ❤\u{FE0F}|", x: inner.x, y: inner.y,
                   style: Style(foreground: .green, attributes: .bold))
        screen.put("red on blue", x: inner.x, y: inner.y + 1, style: Style(foreground: .red, background: .blue))
        KeyBar([.init("q", "Quit"), .init("F1", "Help")])
            .render(in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1), on: &screen)
        backend.flush(screen)

        let first = try Self.pane { $0.contains("red on blue") && $0.contains("Quit") }
        #expect(first.text.contains("Smoke 中文"), "the pane's title: \(first.text)")
        // é may come back composed: Swift compares strings by canonical equivalence.
        #expect(first.line(containing: "中文 😀 e\u{301}")?.text.contains("|") == true, "wide, emoji and combining: \(first.text)")
        let green = first.line(containing: "中文 😀")?.escapes ?? ""
        #expect(green.contains("\u{1B}[1m") && green.contains("\u{1B}[32m"), "bold green: \(green.debugDescription)")
        let red = first.line(containing: "red on blue")?.escapes ?? ""
        #expect(red.contains("\u{1B}[31m") && red.contains("\u{1B}[44m"), "red on blue: \(red.debugDescription)")
        #expect(first.line(containing: "Quit")?.text.contains("Help") == true)

        // The right half of 中: its left half is blanked, and only the diff is sent.
        screen.put("x", x: inner.x + 1, y: inner.y)
        screen.cursor = Point(x: inner.x, y: inner.y + 2)
        backend.flush(screen)
        let second = try Self.pane { $0.contains(" x文 😀") }
        #expect(second.text.contains("red on blue"), "the rest of the frame stays: \(second.text)")
    }

    /// What the pane shows, line by line: the text, and each line with its escapes.
    struct Capture {
        var plain: [String]
        var escaped: [String]
        var text: String { plain.joined(separator: "\n") }

        func line(containing needle: String) -> (text: String, escapes: String)? {
            guard let index = plain.firstIndex(where: { $0.contains(needle) }), index < escaped.count else { return nil }
            return (plain[index], escaped[index])
        }
    }

    /// Captures this test's own tmux pane until `ready` holds for its text (at most 30 s).
    static func pane(until ready: (String) -> Bool) throws -> Capture {
        let pane = String(cString: getenv("TMUX_PANE"))
        let deadline = Date().addingTimeInterval(30)
        var capture = Capture(plain: [], escaped: [])
        repeat {
            let plain = try runProgram("/usr/bin/env", ["tmux", "capture-pane", "-p", "-t", pane], in: TestPackage.root)
            let escaped = try runProgram("/usr/bin/env", ["tmux", "capture-pane", "-p", "-e", "-t", pane], in: TestPackage.root)
            capture = Capture(plain: plain.out.components(separatedBy: "\n"), escaped: escaped.out.components(separatedBy: "\n"))
            if ready(capture.text) { return capture }
            usleep(50_000)
        } while Date() < deadline
        Issue.record("the pane never showed what was drawn: \(capture.text)")
        return capture
    }
}
