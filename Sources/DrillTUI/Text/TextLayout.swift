/// Horizontal placement of text within a given width.
public enum Alignment: Sendable {
    case left, center, right
}

/// Wrapping, truncation and padding of text by display width.
///
/// Text is laid out in logical order: right-to-left scripts are not reordered (see docs/tui.md).
public enum TextLayout {
    /// Columns between tab stops when a tab is expanded.
    public static let tabSize = 4
    /// Shown instead of a wide grapheme in a width of a single column.
    public static let tooWide: Character = "\u{FFFD}"

    /// Wraps `text` into lines no wider than `width` columns.
    ///
    /// Every newline is a hard break. Lines break at spaces in spaced scripts (the spaces at a
    /// break are dropped) and between any two graphemes next to a wide one (CJK needs no spaces),
    /// but never before closing punctuation such as `。` or `)`. A word longer than the width is
    /// cut between graphemes. Returns no lines for a width below 1.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in paragraphs(of: text) {
            let graphemes = expandTabs(paragraph)
            for range in wrapRanges(graphemes, width: width) {
                lines.append(line(graphemes[range], width: width))
            }
        }
        return lines
    }

    /// Splits text at every newline grapheme (`\n`, `\r\n`, `\r`, U+2028, …), keeping empty lines.
    public static func paragraphs(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// The graphemes of one line of text with tabs expanded to spaces up to the next tab stop.
    public static func expandTabs(_ line: some StringProtocol) -> [Character] {
        var result: [Character] = []
        result.reserveCapacity(line.utf8.count)
        var column = 0
        for grapheme in line {
            if grapheme == "\t" {
                let spaces = tabSize - column % tabSize
                result.append(contentsOf: repeatElement(" ", count: spaces))
                column += spaces
            } else {
                result.append(grapheme)
                column += DisplayWidth.of(grapheme)
            }
        }
        return result
    }

    /// The wrapped lines of one paragraph (no newlines) as ranges of grapheme indices.
    ///
    /// A range leaves out the spaces dropped at its break; the next range starts after them.
    /// An empty paragraph gives one empty range.
    public static func wrapRanges(_ graphemes: [Character], width: Int) -> [Range<Int>] {
        let count = graphemes.count
        guard count > 0, width > 0 else { return [0..<0] }
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        var column = 0
        var lastBreak: (end: Int, next: Int)?
        while index < count {
            let grapheme = graphemes[index]
            if grapheme == " " || (grapheme.isWhitespace && !grapheme.isNewline) {
                var runEnd = index
                var runWidth = 0
                while runEnd < count, graphemes[runEnd] == " " || (graphemes[runEnd].isWhitespace && !graphemes[runEnd].isNewline) {
                    runWidth += DisplayWidth.of(graphemes[runEnd])
                    runEnd += 1
                }
                if column + runWidth > width || (runEnd < count && column + runWidth == width) {
                    // The spaces end this line; they are dropped.
                    lines.append(start..<index)
                    start = runEnd
                    column = 0
                    lastBreak = nil
                } else {
                    lastBreak = (index, runEnd)
                    column += runWidth
                }
                index = runEnd
                continue
            }
            let w = DisplayWidth.of(grapheme)
            if index > start && !graphemes[index - 1].isWhitespace && canBreak(between: graphemes[index - 1], and: grapheme) {
                lastBreak = (index, index)
            }
            if column + w > width {
                if let opportunity = lastBreak, opportunity.end > start {
                    lines.append(start..<opportunity.end)
                    start = opportunity.next
                } else if index > start {
                    lines.append(start..<index)        // a word longer than the line: cut it
                    start = index
                } else {
                    lines.append(index..<(index + 1))  // a wide grapheme in a width of 1
                    start = index + 1
                }
                index = start
                column = 0
                lastBreak = nil
                continue
            }
            column += w
            index += 1
        }
        if start < count || lines.isEmpty { lines.append(start..<count) }
        return lines
    }

    /// `text` cut to `width` columns, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: some StringProtocol, width: Int, ellipsis: Character = "…") -> String {
        fit(text, width: width, ellipsis: ellipsis).text
    }

    /// `text` whole when it fits in `width` columns; else cut after its last whole word that
    /// fits, with an ellipsis (mid-word only when not even the first word fits).
    public static func truncateAtWord(_ text: some StringProtocol, width: Int, ellipsis: Character = "…") -> String {
        let cut = fit(text, width: width, ellipsis: ellipsis).text
        guard cut != String(text), cut.count > 1 else { return cut }
        let kept = cut.dropLast()
        // Cut inside a word: go back to the end of the word before it.
        let next = text[text.index(text.startIndex, offsetBy: kept.count)]
        guard !next.isWhitespace, let space = kept.lastIndex(where: \.isWhitespace) else { return cut }
        var head = String(kept[..<space])
        while let last = head.last, last.isWhitespace || last == "," || last == ":" || last == ";" { head.removeLast() }
        return head.isEmpty ? cut : head + String(ellipsis)
    }

    /// `truncate` and the display width of its result, measured once.
    public static func fit(_ text: some StringProtocol, width: Int, ellipsis: Character = "…") -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        let full = DisplayWidth.of(text)
        if full <= width { return (String(text), full) }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let budget = width - ellipsisWidth
        guard budget >= 0 else { return ("", 0) }
        var result = ""
        var column = 0
        for grapheme in text {
            let w = DisplayWidth.of(grapheme)
            if column + w > budget { break }
            result.append(grapheme)
            column += w
        }
        while let last = result.last, last.isWhitespace {
            result.removeLast()
            column -= DisplayWidth.of(last)
        }
        result.append(ellipsis)
        return (result, column + ellipsisWidth)
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` columns.
    public static func pad(_ text: some StringProtocol, width: Int, alignment: Alignment = .left) -> String {
        let fitted = truncate(text, width: width)
        let gap = max(0, width - DisplayWidth.of(fitted))
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + fitted
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
        }
    }

    // MARK: - Line breaking rules

    private static func line(_ graphemes: ArraySlice<Character>, width: Int) -> String {
        if graphemes.count == 1, let only = graphemes.first, DisplayWidth.of(only) > width {
            return String(tooWide)
        }
        return String(graphemes)
    }

    /// Whether a line may break between two non-space graphemes: next to a wide one (CJK,
    /// emoji), unless the second is closing punctuation or the first opening punctuation.
    static func canBreak(between before: Character, and after: Character) -> Bool {
        guard DisplayWidth.of(before) == 2 || DisplayWidth.of(after) == 2 else { return false }
        return !noBreakBefore.contains(after) && !noBreakAfter.contains(before)
    }

    /// Closing punctuation that must not start a line (kinsoku).
    static let noBreakBefore: Set<Character> = [
        "、", "。", "，", "．", "：", "；", "！", "？", "）", "」", "』", "】", "〕", "〉", "》", "〗", "〙",
        "ー", "…", "‥", "・", "々", "ゝ", "ゞ", "ヽ", "ヾ", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ",
        "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "％", "＞", "］", "｝",
        ",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'", "\"", "’", "”", "»", "›", "،", "؛", "؟",
    ]

    /// Opening punctuation that must not end a line.
    static let noBreakAfter: Set<Character> = [
        "（", "「", "『", "【", "〔", "〈", "《", "〖", "〘", "＜", "［", "｛",
        "(", "[", "{", "‘", "“", "«", "‹",
    ]
}
