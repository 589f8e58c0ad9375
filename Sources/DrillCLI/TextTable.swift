import DrillCore
import DrillTUI

/// A plain-text table laid out by display width, so CJK and Arabic cells line up in a terminal.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns wider than this are truncated with an ellipsis.
    var maxWidths: [Int: Int] = [:]
    var rightAligned: Set<Int> = []

    /// Every cell on one line, without control characters (`SafeText.line`): cells hold
    /// participant text such as team names from a roster.
    func render() -> String {
        let headers = headers.map(SafeText.line)
        let rows = rows.map { $0.map(SafeText.line) }
        var widths = headers.map { DisplayWidth.of($0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], min(DisplayWidth.of(cell), maxWidths[i] ?? .max))
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let fitted = DisplayWidth.of(cell) > widths[i] ? TextLayout.truncate(cell, width: widths[i]) : cell
                return TextLayout.pad(fitted, width: widths[i], alignment: rightAligned.contains(i) ? .right : .left)
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces
        }
        var out = [line(headers), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// RFC 4180 CSV, each field through `SafeText.csvField`: quoted when it holds a comma, a quote
/// or a line break, controls dropped, formulas (`=`, `+`, `-`, `@`) defused with a leading `'`.
enum CSV {
    static func line(_ fields: [String]) -> String {
        fields.map(SafeText.csvField).joined(separator: ",")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
