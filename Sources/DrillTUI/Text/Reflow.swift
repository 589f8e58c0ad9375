extension TextLayout {
    /// Joins the lines an author broke by hand inside a paragraph, so that the text wraps to the
    /// reader's width instead of keeping the author's margin as ragged short lines.
    ///
    /// Conservative: a line is joined to the next only when it reaches near the text's own margin
    /// (two thirds of its widest line, at least 40 columns), the next line continues it at the same
    /// indentation (a list item's text indentation for its continuation), neither looks laid out
    /// (spaces that line things up, a tab, a quote `>`, a table `|`), the two lines do not start
    /// with the same word (log lines, records), and the next line does not start a list item.
    /// Logs, headers, quotes and tables keep their lines. Wide scripts join without a space (CJK),
    /// others with one.
    public static func reflow(_ text: String) -> String {
        let lines = paragraphs(of: text).map(String.init)
        guard lines.count > 1 else { return text }
        let widest = lines.reduce(0) { max($0, DisplayWidth.of($1)) }
        let margin = max(40, widest * 2 / 3)
        var out: [String] = []
        var current: String?
        var last = ""            // the physical line last added to `current`
        var currentIndent = 0
        for line in lines {
            if var open = current, joinable(last, line, margin: margin, continuation: currentIndent) {
                let rest = line.drop { $0 == " " }
                let noSpace = (open.last.map { DisplayWidth.of($0) == 2 } ?? false) && (rest.first.map { DisplayWidth.of($0) == 2 } ?? false)
                open += (noSpace ? "" : " ") + rest
                current = open
                last = line
                continue
            }
            if let open = current { out.append(open) }
            current = line
            last = line
            currentIndent = continuationIndent(line)
        }
        if let open = current { out.append(open) }
        return out.joined(separator: "\n")
    }

    /// Where the text of a continuation line starts: the line's indentation, plus the marker of a
    /// list item (`- `, `* `, `• `, `1. `).
    static func continuationIndent(_ line: String) -> Int {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let marker = listMarker(rest) { return indent + marker }
        return indent
    }

    /// The width of a list marker at the start of `text` and the space after it, if any.
    static func listMarker(_ text: Substring) -> Int? {
        for bullet in ["- ", "* ", "• ", "– "] where text.hasPrefix(bullet) { return bullet.count }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let after = text.dropFirst(digits.count)
            if after.hasPrefix(". ") || after.hasPrefix(") ") { return digits.count + 2 }
        }
        return nil
    }

    private static func joinable(_ line: String, _ next: String, margin: Int, continuation: Int) -> Bool {
        guard !next.allSatisfy(\.isWhitespace), DisplayWidth.of(line) >= margin else { return false }
        let indent = next.prefix { $0 == " " }.count
        guard indent == continuation else { return false }
        let rest = next.dropFirst(indent)
        if listMarker(rest) != nil { return false }
        for text in [Substring(line), rest] {
            let trimmed = text.drop { $0 == " " }
            if trimmed.hasPrefix(">") || trimmed.hasPrefix("|") || laidOut(trimmed) { return false }
        }
        // Lines that start alike are records (log lines, CSV), not a sentence going on.
        let first = line.drop { $0 == " " }.prefix { $0 != " " }, next = rest.prefix { $0 != " " }
        return first != next
    }

    /// Spaces used to line things up: a tab, or two spaces other than after a sentence's end.
    static func laidOut(_ text: Substring) -> Bool {
        var previous: Character?
        var spaces = 0
        for c in text {
            if c == "\t" { return true }
            if c == " " {
                spaces += 1
                if spaces == 2, let p = previous, !".!?:;".contains(p) { return true }
                if spaces >= 3 { return true }
            } else {
                spaces = 0
                previous = c
            }
        }
        return false
    }
}
