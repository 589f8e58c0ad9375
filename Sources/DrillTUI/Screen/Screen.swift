/// A grid of cells that knows display widths: what a view draws and a backend shows.
///
/// Cells are stored in one flat, row-major array. Every write keeps the grid consistent:
/// a wide grapheme takes two cells, is never split by the right edge or a clip rectangle
/// (a blank is written instead), and overwriting either half of one blanks the other half.
public struct Screen: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor is shown after a flush; `nil` hides it.
    public var cursor: Point?

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    public init(size: Size, style: Style = .plain) {
        self.init(width: size.width, height: size.height, style: style)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) is off the screen")
        return cells[y * width + x]
    }

    /// Each row as the text it shows, continuation cells left out: what golden tests compare.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            line.reserveCapacity(width)
            let start = row * width
            for cell in cells[start..<(start + width)] where !cell.isContinuation {
                line.append(cell.grapheme)
            }
            return line
        }
    }

    // MARK: - Writing

    /// Writes `text` on row `y` from column `x`, one grapheme after another, inside `clip`.
    ///
    /// Controls and zero-width graphemes are skipped; text is never wrapped. Returns the column
    /// after the last grapheme (whether or not it was visible), so calls can be chained.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return x + DisplayWidth.of(text) }
        var column = x
        for grapheme in text {
            let w = DisplayWidth.of(grapheme)
            if w == 0 { continue }
            if column >= area.maxX { column += w; continue }
            place(grapheme, width: w, x: column, y: y, style: style, area: area)
            column += w
        }
        return column
    }

    /// Writes one grapheme at (`x`, `y`) inside `clip`; returns the column after it.
    @discardableResult
    public mutating func put(_ grapheme: Character, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        let w = DisplayWidth.of(grapheme)
        guard w > 0 else { return x }
        if y >= area.y && y < area.maxY { place(grapheme, width: w, x: x, y: y, style: style, area: area) }
        return x + w
    }

    /// Fills `rect` (clipped to the screen) with one narrow grapheme.
    public mutating func fill(_ rect: Rect, with grapheme: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cell = Cell(grapheme, width: 1, style: style)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { set(cell, x: x, y: y) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the graphemes (highlights, dimming).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            let start = y * width
            for index in (start + area.x)..<(start + area.maxX) { change(&cells[index].style) }
        }
    }

    /// Blank all cells.
    public mutating func clear(_ style: Style = .plain) {
        for index in cells.indices { cells[index] = .blank(style) }
        cursor = nil
    }

    // MARK: - Consistency of wide graphemes

    private mutating func place(_ grapheme: Character, width w: Int, x: Int, y: Int, style: Style, area: Rect) {
        if w == 1 {
            if x >= area.x && x < area.maxX { set(Cell(grapheme, width: 1, style: style), x: x, y: y) }
            return
        }
        let leadInside = x >= area.x && x < area.maxX
        let tailInside = x + 1 >= area.x && x + 1 < area.maxX
        if leadInside && tailInside {
            set(Cell(grapheme, width: 2, style: style), x: x, y: y)
        } else if leadInside {
            set(.blank(style), x: x, y: y)          // only the left half fits: never split it
        } else if tailInside {
            set(.blank(style), x: x + 1, y: y)      // only the right half is inside the clip
        }
    }

    /// Writes a narrow cell or the lead of a wide one (and its continuation), blanking any wide
    /// grapheme that would be cut in half.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation && x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if old.isWide && x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        if cell.isWide {
            guard x + 1 < width else { cells[index] = .blank(cell.style); return }
            if cells[index + 1].isWide && x + 2 < width {
                cells[index + 2] = .blank(cells[index + 2].style)
            }
            cells[index + 1] = .continuation(cell.style)
        }
        cells[index] = cell
    }
}
