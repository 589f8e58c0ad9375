/// A terminal that shows `Screen`s: it keeps the last frame and sends only what changed.
public protocol TerminalBackend: AnyObject {
    /// The terminal's size now (it changes when the window is resized).
    var size: Size { get }
    /// Takes over the terminal: alternate screen, raw input, bracketed paste, hidden cursor.
    func start() throws
    /// Shows `screen`, sending only the cells that differ from the last flushed frame.
    func flush(_ screen: Screen)
    /// Forgets the last frame, so that the next flush redraws everything.
    func invalidate()
    /// Gives the terminal back as it was before `start`. Safe to call more than once.
    func stop()
}

/// Why a terminal could not be taken over.
public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The cells to send when `screen` replaces `previous` (nil: everything), row by row.
///
/// A wide grapheme is resent when either of its halves changed; continuation cells are never
/// sent on their own. Shared by the backends so that they agree on what a diff is.
func forEachChangedCell(from previous: Screen?, to screen: Screen, _ body: (Int, Int, Cell) -> Void) {
    let old = previous.flatMap { $0.size == screen.size ? $0 : nil }
    let width = screen.width
    for y in 0..<screen.height {
        let row = y * width
        for x in 0..<width {
            let index = row + x
            let slot = screen.slots[index]
            if slot.isContinuation { continue }
            if let old {
                var changed = !screen.sameCell(index, as: old)
                if !changed && slot.isWide && x + 1 < width { changed = !screen.sameCell(index + 1, as: old) }
                if !changed { continue }
            }
            body(x, y, screen.cell(at: index))
        }
    }
}
