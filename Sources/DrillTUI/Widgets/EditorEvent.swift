/// What an editor made of a key.
public enum EditorEvent: Hashable, Sendable {
    /// The key changed the text or moved the cursor.
    case handled
    /// The editor has no use for the key; the view may.
    case ignored
    /// Enter in a line editor: the text, now recorded in the history and cleared.
    case submit(String)
}

/// Grapheme-level editing shared by the line and area editors.
enum GraphemeEditing {
    /// Inserts `text` (no newlines) at `cursor`, re-segmenting so that a combining mark typed
    /// after its base joins it; returns the cursor after the inserted text.
    static func insert(_ text: some StringProtocol, into line: inout [Character], at cursor: Int) -> Int {
        let clean = sanitized(text)
        guard !clean.isEmpty else { return cursor }
        let after = String(line[cursor...])
        var joined = String(line[..<cursor])
        joined += clean
        joined += after
        line = Array(joined)
        return max(0, line.count - after.count)
    }

    /// Text fit for one line: tabs become spaces, controls and newlines are dropped.
    static func sanitized(_ text: some StringProtocol) -> String {
        var result = ""
        for grapheme in text {
            if grapheme == "\t" {
                result.append(" ")
            } else if let ascii = grapheme.asciiValue, ascii < 0x20 || ascii == 0x7F {
                continue
            } else if grapheme.isNewline {
                continue
            } else {
                result.append(grapheme)
            }
        }
        return result
    }

    /// The start of the word before `index` (words are runs of non-whitespace).
    static func wordStart(before index: Int, in line: [Character]) -> Int {
        var i = index
        while i > 0 && line[i - 1].isWhitespace { i -= 1 }
        while i > 0 && !line[i - 1].isWhitespace { i -= 1 }
        return i
    }

    /// The end of the word after `index`.
    static func wordEnd(after index: Int, in line: [Character]) -> Int {
        var i = index
        while i < line.count && line[i].isWhitespace { i += 1 }
        while i < line.count && !line[i].isWhitespace { i += 1 }
        return i
    }

    /// The display columns of `graphemes`.
    static func columns(_ graphemes: ArraySlice<Character>) -> Int {
        var total = 0
        for grapheme in graphemes { total += DisplayWidth.of(grapheme) }
        return total
    }

    /// The index in `range` of `line` whose left edge is closest to, but not past, `column`.
    static func index(atColumn column: Int, in line: [Character], range: Range<Int>) -> Int {
        var current = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let w = DisplayWidth.of(line[index])
            if current + w > column { break }
            current += w
            index += 1
        }
        return index
    }

    /// The first visible column that keeps `cursorColumn` inside a viewport of `width`,
    /// starting from the previous `scroll`.
    static func scroll(_ scroll: Int, showing cursorColumn: Int, width: Int, contentWidth: Int) -> Int {
        guard width > 0 else { return 0 }
        if contentWidth < width { return 0 }
        var s = max(0, scroll)
        if cursorColumn < s { s = cursorColumn }
        if cursorColumn >= s + width { s = cursorColumn - width + 1 }
        return s
    }
}
