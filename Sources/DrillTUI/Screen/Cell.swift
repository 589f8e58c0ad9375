/// One column of one row: a grapheme cluster, how many columns it takes, and its style.
///
/// A wide grapheme (2 columns) lives in its left cell; the cell to its right is a
/// *continuation* (`width == 0`) that draws nothing and is skipped by the backends.
public struct Cell: Hashable, Sendable {
    public var grapheme: Character
    /// 1 for an ordinary cell, 2 for the lead cell of a wide grapheme, 0 for a continuation.
    public var width: UInt8
    public var style: Style

    public init(_ grapheme: Character, width: UInt8 = 1, style: Style = .plain) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    /// A blank (space) cell.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(" ", width: 1, style: style) }

    /// The right half of a wide grapheme.
    static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
    public var isWide: Bool { width == 2 }
}
