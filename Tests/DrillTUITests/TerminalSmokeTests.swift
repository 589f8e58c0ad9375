import Testing
@testable import DrillTUI
#if canImport(Glibc)
import Glibc
#endif

/// Draws on a real terminal through each backend, for a person or tmux capture-pane to look at.
/// Off unless DRILLTUI_SMOKE is set; docs/tui.md says how to run it under tmux.
@Suite("Terminal smoke (opt-in)", .serialized)
struct TerminalSmokeTests {
    @Test("ncurses: a frame and its diff reach a real terminal", .enabled(if: getenv("DRILLTUI_SMOKE") != nil))
    func ncurses() throws {
        try show(on: NcursesBackend())
    }

    @Test("ANSI: a frame and its diff reach a real terminal", .enabled(if: getenv("DRILLTUI_SMOKE") != nil))
    func ansi() throws {
        try show(on: ANSIBackend(input: 0, output: 1))
    }

    private func show(on backend: some TerminalBackend) throws {
        try backend.start()
        defer { backend.stop() }
        let size = backend.size
        var screen = Screen(size: size)
        let inner = Pane(title: "Smoke 中文", focused: true)
            .render(in: Rect(x: 0, y: 0, width: min(40, size.width), height: 8), on: &screen)
        screen.put("中文 مَرْحَبًا 😀 e\u{301} ❤\u{FE0F}|", x: inner.x, y: inner.y,
                   style: Style(foreground: .green, attributes: .bold))
        screen.put("red on blue", x: inner.x, y: inner.y + 1, style: Style(foreground: .red, background: .blue))
        KeyBar([.init("q", "Quit"), .init("F1", "Help")])
            .render(in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1), on: &screen)
        backend.flush(screen)
        sleep(2)
        screen.put("x", x: inner.x + 1, y: inner.y)  // the right half of 中: its left half is blanked
        screen.cursor = Point(x: inner.x, y: inner.y + 2)
        backend.flush(screen)
        sleep(2)
    }
}
