/// Participant text (messages, RFIs and their answers, answers, notes, names from rosters) made
/// harmless for whatever shows it: a terminal, a log, a table, a spreadsheet. This is the one
/// place that decides what a control character is; the consoles use it too (`DisplayWidth` gives
/// every such character no column, so the screen never draws it).
///
/// Controls are C0 (U+0000–U+001F: ESC, BEL, BS, CR, …), DEL (U+007F) and C1 (U+0080–U+009F,
/// which some terminals read as ESC sequences: U+009B is CSI). They are dropped, as the consoles
/// drop them: `"\u{1B}]0;title\u{07}"` prints `]0;title`, plain text that moves nothing.
public enum SafeText {
    /// Whether a terminal would act on this scalar instead of showing it.
    @inlinable
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F)
    }

    /// Text that may span lines (a message, an inject's body): line breaks (`\n`, and `\r\n` as
    /// `\n`) and tabs are kept; every other control is dropped.
    public static func text(_ s: String) -> String {
        guard needsWork(s) else { return s }
        var out = String.UnicodeScalarView()
        var scalars = s.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "\r" {
                // CR LF is a line break; a lone CR would move the cursor back over the line.
                if pending == "\n" { continue }
                out.append("\n")
            } else if scalar == "\n" || scalar == "\t" || !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Text on one line (a table cell, a log line, a status line): line breaks and tabs become
    /// spaces, every other control is dropped, so no text can start a line of its own.
    public static func line(_ s: String) -> String {
        guard needsWork(s) else { return s }
        var out = String.UnicodeScalarView()
        var lastWasBreak = false
        for scalar in s.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if !lastWasBreak { out.append(" ") }
                lastWasBreak = true
                continue
            }
            lastWasBreak = false
            if !isControl(scalar) { out.append(scalar) }
        }
        return String(out)
    }

    /// One CSV field (RFC 4180): controls dropped as in `text`; quoted when it holds a comma, a
    /// quote or a line break; and, as spreadsheets run a cell that starts with `=`, `+`, `-`, `@`
    /// or a tab as a formula, such a field gets a leading `'` (OWASP's advice), except a number
    /// such as `-3`.
    public static func csvField(_ f: String) -> String {
        var s = text(f)
        if let first = s.utf8.first,
           first == 0x3D || first == 0x2B || first == 0x40 || first == 0x09 || (first == 0x2D && s.utf8.count > 1 && Double(s) == nil) {
            s = "'" + s
        }
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }

    /// True when `s` may hold a control: a byte below 0x20, DEL, or 0xC2 (the lead byte of C1).
    static func needsWork(_ s: String) -> Bool {
        s.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }
    }
}
