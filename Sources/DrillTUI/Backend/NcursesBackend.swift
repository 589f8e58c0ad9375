#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// A backend on ncursesw: cells go through the wide-character API, only the changed ones.
///
/// Input is not read through ncurses: the view reads the bytes of stdin and decodes them with
/// `KeyDecoder`, as with the ANSI backend, so both behave the same. A fatal signal restores the
/// terminal through `TerminalRestore`.
public final class NcursesBackend: TerminalBackend {
    /// Whether colours are used (false under `NO_COLOR` or on a terminal without colours).
    public private(set) var colors: Bool
    private var previous: Screen?
    private var started = false
    private var cursorShown: Bool?
    private var unicodeLocale = true
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    public init(colors: Bool = !ANSIBackend.noColorRequested()) {
        self.colors = colors
    }

    deinit { stop() }

    public var size: Size {
        if let size = terminalSize(1) { return size }
        guard started else { return Size(width: 80, height: 24) }
        var rows: Int32 = 0, columns: Int32 = 0
        cnc_getmaxyx(cnc_stdscr(), &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    public func start() throws {
        guard !started else { return }
        // The locale must be set before ncurses starts, or wide characters come out as bytes.
        let loaded = setlocale(LC_ALL, "") != nil
        // No locale chosen at all (a bare container or service), or one this machine has not
        // installed (`LANG=es_ES.UTF-8` with only C.UTF-8 generated, which leaves plain "C"):
        // UTF-8 rather than ASCII, since the consoles draw box lines, marks and any script. A
        // locale the user chose and the machine has stays, whatever its character set.
        if cnc_locale_is_utf8() == 0, !loaded || Self.noLocaleChosen() {
            _ = setlocale(LC_CTYPE, "C.UTF-8") ?? setlocale(LC_CTYPE, "en_US.UTF-8")
        }
        // Installed first: ncurses leaves SIGINT/SIGTERM alone when a handler is already there.
        TerminalRestore.install(descriptor: 0, sequence: ANSIBackend.leaveSequence)
        guard cnc_newterm_stdio() != nil else {
            TerminalRestore.uninstall()
            throw TerminalError("The terminal could not be opened by ncurses; check that TERM names a known terminal, or use the plain ANSI output.")
        }
        started = true
        raw()
        noecho()
        nonl()
        keypad(cnc_stdscr(), false)
        if colors && has_colors() {
            start_color()
            use_default_colors()
        } else {
            colors = false
        }
        unicodeLocale = cnc_locale_is_utf8() != 0
        curs_set(0)
        cursorShown = false
        writeAll("\u{1B}[?2004h", to: 1)  // bracketed paste
        previous = nil
    }

    static func noLocaleChosen() -> Bool {
        let names: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
        return names.allSatisfy { name in
            getenv(name).map { String(cString: $0).isEmpty } ?? true
        }
    }

    public func stop() {
        guard started else { return }
        writeAll("\u{1B}[?2004l", to: 1)
        endwin()
        TerminalRestore.uninstall()
        started = false
        previous = nil
    }

    public func invalidate() { previous = nil }

    public func flush(_ screen: Screen) {
        guard started else { return }
        if screen.bells > (previous?.bells ?? screen.bells) { beep() }
        if let actual = terminalSize(1), actual.height != Int(cnc_lines()) || actual.width != Int(cnc_cols()) {
            resizeterm(Int32(actual.height), Int32(actual.width))
            previous = nil
        }
        if previous == nil || previous?.size != screen.size {
            werase(cnc_stdscr())
            previous = nil
        }
        let rows = min(screen.height, Int(cnc_lines()))
        let columns = min(screen.width, Int(cnc_cols()))
        forEachChangedCell(from: previous, to: screen) { x, y, cell in
            guard y < rows, x < columns else { return }
            draw(cell, x: x, y: y, columns: columns)
        }
        if let cursor = screen.cursor, cursor.y < rows, cursor.x < columns {
            if cursorShown != true { curs_set(1); cursorShown = true }
            wmove(cnc_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else if cursorShown != false {
            curs_set(0)
            cursorShown = false
        }
        wrefresh(cnc_stdscr())
        previous = screen
    }

    // MARK: - Cells

    private func draw(_ cell: Cell, x: Int, y: Int, columns: Int) {
        let attributes = attributes(for: cell.style)
        let pair = colors ? pair(for: cell.style) : 0
        if !unicodeLocale, let acs = Self.lineDrawing(cell.grapheme) {
            _ = cnc_put_acs(Int32(y), Int32(x), acs, attributes, pair)
            return
        }
        // A cell holds a spacing character and up to four combining ones (CCHARW_MAX is 5).
        var characters = cell.grapheme.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var result = cnc_put_cell(Int32(y), Int32(x), characters, attributes, pair)
        if result == ERR {
            // e.g. a ZWJ sequence, whose later parts are not combining: keep its first scalar.
            result = cnc_put_cell(Int32(y), Int32(x), [characters[0], 0], attributes, pair)
            if result == ERR { _ = cnc_put_cell(Int32(y), Int32(x), [wchar_t(63), 0], attributes, pair) }
        }
        // Where the C library thinks a grapheme we count as wide is narrow (❤️), fill the second
        // column so that ncurses and the screen agree on where everything is.
        if cell.isWide && cnc_wcwidth(characters[0]) < 2 && x + 1 < columns {
            _ = cnc_put_cell(Int32(y), Int32(x + 1), [wchar_t(32), 0], attributes, pair)
        }
    }

    private func attributes(for style: Style) -> attr_t {
        var result = cnc_a_normal()
        if style.attributes.contains(.bold) { result |= cnc_a_bold() }
        if style.attributes.contains(.dim) { result |= cnc_a_dim() }
        if style.attributes.contains(.underline) { result |= cnc_a_underline() }
        if style.attributes.contains(.reverse) { result |= cnc_a_reverse() }
        return result
    }

    private func pair(for style: Style) -> Int32 {
        let key = PairKey(foreground: colorNumber(style.foreground), background: colorNumber(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let known = pairs[key] { return known }
        guard nextPair < cnc_color_pairs(), init_extended_pair(nextPair, key.foreground, key.background) != ERR else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    /// The ncurses colour number for `color` (-1: the terminal's default), folded onto the
    /// 8 basic colours when the terminal has fewer than the palette index needs.
    private func colorNumber(_ color: Color) -> Int32 {
        guard let index = color.paletteIndex else { return -1 }
        let available = Int(cnc_colors())
        if index < available { return Int32(index) }
        switch index {
        case 0..<16: return Int32(index % 8)
        case 16..<232:
            let cube = index - 16
            let r = cube / 36, g = (cube / 6) % 6, b = cube % 6
            return Int32((r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0))
        default: return index >= 244 ? 7 : 0
        }
    }

    /// The ACS character for a box-drawing grapheme, for terminals whose locale is not UTF-8.
    private static func lineDrawing(_ grapheme: Character) -> chtype? {
        switch grapheme {
        case "┌", "┏": return cnc_acs_ulcorner()
        case "┐", "┓": return cnc_acs_urcorner()
        case "└", "┗": return cnc_acs_llcorner()
        case "┘", "┛": return cnc_acs_lrcorner()
        case "─", "━": return cnc_acs_hline()
        case "│", "┃": return cnc_acs_vline()
        case "█": return cnc_acs_block()
        case "●", "•": return cnc_acs_bullet()
        default: return nil
        }
    }
}
