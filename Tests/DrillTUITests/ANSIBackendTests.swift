import Testing
@testable import DrillTUI

@Suite("ANSI backend")
struct ANSIBackendTests {
    private let esc = "\u{1B}"

    /// A backend writing into an array, as a terminal would receive it.
    private final class Capture: @unchecked Sendable {
        var writes: [String] = []
    }

    private func backend(size: Size = Size(width: 5, height: 2), colors: Bool = true) -> (ANSIBackend, Capture) {
        let capture = Capture()
        let backend = ANSIBackend(size: { size }, colors: colors) { capture.writes.append($0) }
        return (backend, capture)
    }

    @Test("the first frame clears the terminal and draws every cell that is not blank")
    func firstFrame() {
        let (backend, capture) = backend()
        var screen = Screen(width: 5, height: 2)
        screen.put("hello", x: 0, y: 0)
        backend.flush(screen)
        #expect(capture.writes == ["\(esc)[0m\(esc)[2J\(esc)[1;1Hhello\(esc)[?25l"])
    }

    @Test("a frame with one more bell than the last rings it (BEL) once")
    func bell() {
        let (backend, capture) = backend()
        var screen = Screen(width: 5, height: 2)
        backend.flush(screen)
        screen.bells = 1
        backend.flush(screen)
        #expect(capture.writes.last == "\u{07}")
        let count = capture.writes.count
        backend.flush(screen)
        #expect(capture.writes.count == count, "the same bell count rings nothing")
    }

    @Test("the next frame sends only the changed cells")
    func onlyTheDiff() {
        let (backend, capture) = backend()
        var screen = Screen(width: 5, height: 2)
        screen.put("hello", x: 0, y: 0)
        backend.flush(screen)
        screen.put("XY", x: 2, y: 0)
        screen.put("!", x: 4, y: 1)
        backend.flush(screen)
        #expect(capture.writes.last == "\(esc)[1;3HXY\(esc)[2;5H!")
    }

    @Test("an unchanged frame sends nothing")
    func unchangedFrame() {
        let (backend, capture) = backend()
        let screen = Screen(width: 5, height: 2)
        backend.flush(screen)
        backend.flush(screen)
        #expect(capture.writes.count == 1)
    }

    @Test("overwriting half a wide character resends both of its cells")
    func wideCharacterDiff() {
        let (backend, capture) = backend(size: Size(width: 4, height: 1))
        var screen = Screen(width: 4, height: 1)
        screen.put("中文", x: 0, y: 0)
        backend.flush(screen)
        #expect(capture.writes[0].contains("\(esc)[1;1H中文"))
        screen.put("a", x: 1, y: 0)
        backend.flush(screen)
        #expect(capture.writes.last == "\(esc)[1;1H a")
    }

    @Test("after a multi-scalar cluster the next cell is placed explicitly")
    func clusterRepositions() {
        let (backend, capture) = backend(size: Size(width: 6, height: 1))
        var screen = Screen(width: 6, height: 1)
        backend.flush(screen)
        screen.put("❤\u{FE0F}|中|", x: 0, y: 0)
        backend.flush(screen)
        #expect(capture.writes.last == "\(esc)[1;1H❤\u{FE0F}\(esc)[1;3H|中|")
    }

    @Test("styles are sent as SGR when they change, and reset at the end of the frame")
    func styles() {
        let (backend, capture) = backend()
        var screen = Screen(width: 5, height: 2)
        backend.flush(screen)
        screen.put("ok", x: 0, y: 0, style: Style(foreground: .red, attributes: .bold))
        screen.put("!", x: 2, y: 0, style: Style(foreground: .indexed(208), background: .brightBlue, attributes: .reverse))
        backend.flush(screen)
        #expect(capture.writes.last == "\(esc)[1;1H\(esc)[0;1;31mok\(esc)[0;7;38;5;208;104m!\(esc)[0m")
    }

    @Test("under NO_COLOR colours are dropped but bold and reverse kept")
    func noColor() {
        #expect(ANSIBackend.noColorRequested("1"))
        #expect(!ANSIBackend.noColorRequested(""))
        #expect(!ANSIBackend.noColorRequested(nil))
        let (backend, capture) = backend(colors: ANSIBackend.noColorRequested("1") == false)
        var screen = Screen(width: 5, height: 2)
        screen.put("A", x: 0, y: 0, style: Style(foreground: .red, background: .rgb(1, 2, 3), attributes: [.bold, .reverse]))
        backend.flush(screen)
        let output = capture.writes.joined()
        #expect(output.contains("\(esc)[0;1;7mA"))
        #expect(!output.contains(";31"))
        #expect(!output.contains("48;2"))
    }

    @Test("the cursor is moved and shown when the screen has one, hidden when not")
    func cursor() {
        let (backend, capture) = backend()
        var screen = Screen(width: 5, height: 2)
        backend.flush(screen)
        screen.cursor = Point(x: 3, y: 1)
        backend.flush(screen)
        #expect(capture.writes.last == "\(esc)[2;4H\(esc)[?25h")
        screen.cursor = nil
        backend.flush(screen)
        #expect(capture.writes.last == "\(esc)[?25l")
    }

    @Test("after invalidate or a resize the whole screen is drawn again")
    func redrawAfterInvalidate() {
        let (backend, capture) = backend()
        var screen = Screen(width: 5, height: 2)
        screen.put("a", x: 0, y: 0)
        backend.flush(screen)
        backend.invalidate()
        backend.flush(screen)
        #expect(capture.writes.last?.hasPrefix("\(esc)[0m\(esc)[2J") == true)
        backend.flush(Screen(width: 3, height: 1))
        #expect(capture.writes.last == "\(esc)[0m\(esc)[2J")
    }

    @Test("start and stop enter and leave the alternate screen and bracketed paste")
    func startAndStop() throws {
        let (backend, capture) = backend()
        try backend.start()
        backend.stop()
        backend.stop()
        #expect(capture.writes == [
            "\(esc)[?1049h\(esc)[?2004h\(esc)[?25l\(esc)[2J",
            "\(esc)[0m\(esc)[?2004l\(esc)[?25h\(esc)[?1049l",
        ])
    }
}
