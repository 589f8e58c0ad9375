/// A grid of cells that knows display widths: what a view draws and a backend shows.
///
/// Cells are stored in one flat, row-major array of plain values (no reference counting): a
/// grapheme of one scalar is kept as that scalar, a longer cluster as an index into a side table.
/// Every write keeps the grid consistent: a wide grapheme takes two cells, is never split by the
/// right edge or a clip rectangle (a blank is written instead), and overwriting either half of one
/// blanks the other half.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Where the terminal cursor is shown after a flush; `nil` hides it.
    public var cursor: Point?
    /// How many times the program has rung the bell so far: a backend rings it (BEL) when this
    /// grows from one frame to the next.
    public var bells = 0
    /// How text is laid into the cells: as written, reordered by the Unicode Bidirectional
    /// Algorithm, or mirrored for a right-to-left console (Bidi.swift).
    public var bidi: BidiLayout = .logical

    var slots: [Slot]
    /// Graphemes of more than one scalar, referenced by `Slot.code`.
    var clusters: [Character] = []

    /// One stored cell: `code` is a scalar value, or `clusterFlag | index` into `clusters`.
    struct Slot: Equatable, Sendable {
        var code: UInt32
        var width: UInt8
        var style: Style

        static let clusterFlag: UInt32 = 0x8000_0000
        static func blank(_ style: Style) -> Slot { Slot(code: 0x20, width: 1, style: style) }
        static func continuation(_ style: Style) -> Slot { Slot(code: 0x20, width: 0, style: style) }
        var isCluster: Bool { code & Self.clusterFlag != 0 }
        var isContinuation: Bool { width == 0 }
        var isWide: Bool { width == 2 }
    }

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.slots = Array(repeating: .blank(style), count: self.width * self.height)
    }

    public init(size: Size, style: Style = .plain) {
        self.init(width: size.width, height: size.height, style: style)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) is off the screen")
        return cell(at: y * width + x)
    }

    func cell(at index: Int) -> Cell {
        let slot = slots[index]
        return Cell(grapheme(of: slot), width: slot.width, style: slot.style)
    }

    func grapheme(of slot: Slot) -> Character {
        if slot.isCluster { return clusters[Int(slot.code & ~Slot.clusterFlag)] }
        return Character(Unicode.Scalar(slot.code) ?? " ")
    }

    /// Whether cell `index` of this screen shows the same as cell `index` of `other`.
    func sameCell(_ index: Int, as other: Screen) -> Bool {
        let a = slots[index], b = other.slots[index]
        if !a.isCluster && !b.isCluster { return a == b }
        guard a.width == b.width, a.style == b.style, a.isCluster == b.isCluster else { return false }
        return grapheme(of: a) == other.grapheme(of: b)
    }

    public static func == (lhs: Screen, rhs: Screen) -> Bool {
        guard lhs.width == rhs.width, lhs.height == rhs.height, lhs.cursor == rhs.cursor else { return false }
        return lhs.slots.indices.allSatisfy { lhs.sameCell($0, as: rhs) }
    }

    /// Each row as the text it shows, continuation cells left out: what golden tests compare.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            line.reserveCapacity(width)
            let start = row * width
            for slot in slots[start..<(start + width)] where !slot.isContinuation {
                line.append(grapheme(of: slot))
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
        if bidi != .logical, let laid = laidOut(text) {
            let saved = bidi
            bidi = .logical
            defer { bidi = saved }
            return put(laid, x: x, y: y, style: style, clip: clip)
        }
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return x + DisplayWidth.of(text) }
        var column = x
        // ASCII needs no grapheme breaking: each printable byte is one cell.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 where byte >= 0x20 && byte < 0x7F {
                if column >= area.x && column < area.maxX {
                    set(Slot(code: UInt32(byte), width: 1, style: style), x: column, y: y)
                }
                column += 1
            }
            return column
        }
        for grapheme in text {
            let w = DisplayWidth.of(grapheme)
            if w == 0 { continue }
            if column < area.maxX { place(grapheme, width: w, x: column, y: y, style: style, area: area) }
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
        guard !area.isEmpty, DisplayWidth.of(grapheme) == 1 else { return }
        let slot = makeSlot(grapheme, width: 1, style: style)
        for y in area.y..<area.maxY {
            // Only the wide graphemes cut by the edges need care; the inside is overwritten whole.
            set(slot, x: area.x, y: y)
            if area.width > 1 { set(slot, x: area.maxX - 1, y: y) }
            let start = y * width
            for index in (start + area.x + 1)..<max(start + area.x + 1, start + area.maxX - 1) {
                slots[index] = slot
            }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the graphemes (highlights, dimming).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            let start = y * width
            for index in (start + area.x)..<(start + area.maxX) { change(&slots[index].style) }
        }
    }

    /// Blank all cells.
    public mutating func clear(_ style: Style = .plain) {
        for index in slots.indices { slots[index] = .blank(style) }
        clusters.removeAll(keepingCapacity: true)
        cursor = nil
    }

    // MARK: - Consistency of wide graphemes

    private mutating func makeSlot(_ grapheme: Character, width: Int, style: Style) -> Slot {
        let scalars = grapheme.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return Slot(code: first.value, width: UInt8(width), style: style)
        }
        if clusters.count >= max(1024, 2 * slots.count) { compactClusters() }
        clusters.append(grapheme)
        return Slot(code: Slot.clusterFlag | UInt32(clusters.count - 1), width: UInt8(width), style: style)
    }

    /// Drops the clusters no cell refers to any more (a screen redrawn many times in place).
    private mutating func compactClusters() {
        var kept: [Character] = []
        for index in slots.indices where slots[index].isCluster {
            kept.append(clusters[Int(slots[index].code & ~Slot.clusterFlag)])
            slots[index].code = Slot.clusterFlag | UInt32(kept.count - 1)
        }
        clusters = kept
    }

    private mutating func place(_ grapheme: Character, width w: Int, x: Int, y: Int, style: Style, area: Rect) {
        if w == 1 {
            if x >= area.x && x < area.maxX { set(makeSlot(grapheme, width: 1, style: style), x: x, y: y) }
            return
        }
        let leadInside = x >= area.x && x < area.maxX
        let tailInside = x + 1 >= area.x && x + 1 < area.maxX
        if leadInside && tailInside {
            set(makeSlot(grapheme, width: 2, style: style), x: x, y: y)
        } else if leadInside {
            set(.blank(style), x: x, y: y)          // only the left half fits: never split it
        } else if tailInside {
            set(.blank(style), x: x + 1, y: y)      // only the right half is inside the clip
        }
    }

    /// Writes a narrow cell or the lead of a wide one (and its continuation), blanking any wide
    /// grapheme that would be cut in half.
    private mutating func set(_ slot: Slot, x: Int, y: Int) {
        let index = y * width + x
        let old = slots[index]
        if old.isContinuation && x > 0 {
            slots[index - 1] = .blank(slots[index - 1].style)
        }
        if old.isWide && x + 1 < width {
            slots[index + 1] = .blank(slots[index + 1].style)
        }
        if slot.isWide {
            guard x + 1 < width else { slots[index] = .blank(slot.style); return }
            if slots[index + 1].isWide && x + 2 < width {
                slots[index + 2] = .blank(slots[index + 2].style)
            }
            slots[index + 1] = .continuation(slot.style)
        }
        slots[index] = slot
    }
}
