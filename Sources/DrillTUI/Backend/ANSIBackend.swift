#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// A backend that writes ANSI/xterm escape sequences to any output.
///
/// Each flush sends cursor moves, SGR changes and graphemes for the changed cells only. Under
/// `NO_COLOR` colours are dropped while bold, dim, underline and reverse are kept.
public final class ANSIBackend: TerminalBackend {
    /// Where the escape sequences go: a file descriptor or a closure (tests capture it).
    public typealias Sink = (String) -> Void

    private let output: Sink
    private let measure: () -> Size
    private let inputDescriptor: Int32?
    /// Whether colours are sent (false under `NO_COLOR`).
    public let colors: Bool
    private var previous: Screen?
    private var cursorShown: Bool?
    private var rawMode: RawMode?

    /// A backend writing to `output`, with a size from `size`.
    public init(size: @escaping () -> Size, colors: Bool = !ANSIBackend.noColorRequested(), output: @escaping Sink) {
        self.output = output
        self.measure = size
        self.colors = colors
        self.inputDescriptor = nil
    }

    /// A backend on a real terminal: writes to `output` (stdout), puts `input` (stdin) in raw
    /// mode on `start`, and measures the window with TIOCGWINSZ.
    public init(input: Int32 = 0, output descriptor: Int32 = 1, colors: Bool = !ANSIBackend.noColorRequested()) {
        self.output = { text in writeAll(text, to: descriptor) }
        self.measure = { terminalSize(descriptor) ?? Size(width: 80, height: 24) }
        self.colors = colors
        self.inputDescriptor = input
    }

    /// Whether `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public static func noColorRequested(_ value: String? = getenv("NO_COLOR").map { String(cString: $0) }) -> Bool {
        guard let value else { return false }
        return !value.isEmpty
    }

    public var size: Size { measure() }

    /// The sequence that leaves the application modes `start` entered.
    static let leaveSequence = "\u{1B}[0m\u{1B}[?2004l\u{1B}[?25h\u{1B}[?1049l"

    public func start() {
        if let input = inputDescriptor {
            TerminalRestore.install(descriptor: input, sequence: Self.leaveSequence)
            rawMode = RawMode(descriptor: input)
        }
        output("\u{1B}[?1049h\u{1B}[?2004h\u{1B}[?25l\u{1B}[2J")
        cursorShown = false
        previous = nil
    }

    public func stop() {
        guard cursorShown != nil || rawMode != nil else { return }
        output(Self.leaveSequence)
        rawMode?.restore()
        rawMode = nil
        if inputDescriptor != nil { TerminalRestore.uninstall() }
        cursorShown = nil
        previous = nil
    }

    public func invalidate() { previous = nil }

    public func flush(_ screen: Screen) {
        var text = Self.frame(from: previous, to: screen, colors: colors, cursorShown: &cursorShown)
        if screen.bells > (previous?.bells ?? screen.bells) { text += "\u{07}" }
        previous = screen
        if !text.isEmpty { output(text) }
    }

    /// The escape sequences that turn the terminal showing `previous` into `screen`.
    /// `cursorShown` tracks the cursor's visibility between frames (nil: unknown).
    public static func frame(from previous: Screen?, to screen: Screen, colors: Bool, cursorShown: inout Bool?) -> String {
        var out = ""
        let full = previous == nil || previous?.size != screen.size
        if full { out += "\u{1B}[0m\u{1B}[2J" }
        var pen = Style.plain
        var at: Point?
        var drew = false
        // After a clear every cell is a plain blank: diff against that instead of sending them all.
        forEachChangedCell(from: full ? Screen(size: screen.size) : previous, to: screen) { x, y, cell in
            if at != Point(x: x, y: y) { out += "\u{1B}[\(y + 1);\(x + 1)H" }
            if cell.style != pen {
                out += sgr(cell.style, colors: colors)
                pen = cell.style
            }
            out.append(cell.grapheme)
            // Terminals disagree on the width of clusters (❤️, flags, ZWJ emoji): after one,
            // place the next cell explicitly instead of trusting the terminal's cursor.
            let single = cell.grapheme.unicodeScalars.index(after: cell.grapheme.unicodeScalars.startIndex)
                == cell.grapheme.unicodeScalars.endIndex
            at = single ? Point(x: x + max(1, Int(cell.width)), y: y) : nil
            drew = true
        }
        if pen != .plain { out += "\u{1B}[0m" }
        if let cursor = screen.cursor {
            if drew || full || previous?.cursor != cursor { out += "\u{1B}[\(cursor.y + 1);\(cursor.x + 1)H" }
            if cursorShown != true { out += "\u{1B}[?25h"; cursorShown = true }
        } else if cursorShown != false {
            out += "\u{1B}[?25l"
            cursorShown = false
        }
        return out
    }

    /// Select Graphic Rendition for `style`, starting from a reset.
    static func sgr(_ style: Style, colors: Bool) -> String {
        var codes = "0"
        if style.attributes.contains(.bold) { codes += ";1" }
        if style.attributes.contains(.dim) { codes += ";2" }
        if style.attributes.contains(.underline) { codes += ";4" }
        if style.attributes.contains(.reverse) { codes += ";7" }
        if colors {
            codes += colorCode(style.foreground, base: 30, bright: 90, extended: 38)
            codes += colorCode(style.background, base: 40, bright: 100, extended: 48)
        }
        return "\u{1B}[\(codes)m"
    }

    private static func colorCode(_ color: Color, base: Int, bright: Int, extended: Int) -> String {
        switch color {
        case .default: return ""
        case .indexed(let index) where index < 8: return ";\(base + Int(index))"
        case .indexed(let index) where index < 16: return ";\(bright + Int(index) - 8)"
        case .indexed(let index): return ";\(extended);5;\(index)"
        case .rgb(let r, let g, let b): return ";\(extended);2;\(r);\(g);\(b)"
        }
    }
}

/// The window size of the terminal on `descriptor`, if it is one.
func terminalSize(_ descriptor: Int32) -> Size? {
    var rows: Int32 = 0, columns: Int32 = 0
    guard cnc_window_size(descriptor, &rows, &columns) == 0, rows > 0, columns > 0 else { return nil }
    return Size(width: Int(columns), height: Int(rows))
}

/// Writes all of `text` to `descriptor`, retrying short writes and interruptions.
func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
