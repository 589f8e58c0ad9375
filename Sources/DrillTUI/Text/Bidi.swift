import CFriBidi
import DrillText

/// How right-to-left text reaches the terminal.
///
/// Most terminals (xterm, GNOME Terminal, Windows Terminal, tmux) show cells in the order they are
/// written and neither reorder nor shape Arabic: with `.program` the consoles apply the Unicode
/// Bidirectional Algorithm (GNU FriBidi) to each piece of text as it is laid into the screen, shape
/// Arabic letters into their joined forms, and lay an Arabic console out right to left (panes,
/// key bar and text aligned on the right). A terminal that does its own reordering (mlterm,
/// Konsole with bidi on) gets `.terminal`: text in logical order, left-to-right layout.
/// `--bidi terminal|program` or `CYBERDRILL_BIDI` chooses; `.program` is the default.
public enum BidiMode: String, Sendable, CaseIterable, Hashable {
    case program, terminal

    /// `CYBERDRILL_BIDI=terminal|program`; `.program` when unset or unknown.
    public static func fromEnvironment(_ environment: [String: String]) -> BidiMode {
        environment["CYBERDRILL_BIDI"].flatMap { BidiMode(rawValue: $0.lowercased()) } ?? .program
    }

    /// How a screen in `language` lays text out under this mode.
    public func layout(for language: Language) -> Screen.BidiLayout {
        switch self {
        case .terminal: .logical
        case .program: language.isRightToLeft ? .mirrored : .visual
        }
    }
}

/// The Unicode Bidirectional Algorithm on one line, through GNU FriBidi.
public enum Bidi {
    /// Whether `text` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko… and
    /// Arabic presentation forms); text without one is shown as written in an LTR layout.
    public static func hasRightToLeft(_ text: some StringProtocol) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return text.unicodeScalars.contains { s in
            let v = s.value
            return (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
                || (0x10800...0x10FFF).contains(v) || (0x1E800...0x1EFFF).contains(v)
        }
    }

    /// `text` (one line, logical order) in visual order, left to right as cells are written, with
    /// Arabic shaped into presentation forms (no ligatures, so the width does not change) and
    /// brackets mirrored in right-to-left runs. `rightToLeft`: the paragraph direction; nil takes
    /// it from the first strong letter.
    public static func visual(_ text: String, rightToLeft: Bool?) -> String {
        let logical = text.unicodeScalars.map { FriBidiChar($0.value) }
        let count = logical.count
        guard count > 0 else { return text }
        var types = [FriBidiCharType](repeating: FriBidiCharType(rawValue: 0), count: count)
        var brackets = [FriBidiBracketType](repeating: 0, count: count)
        var levels = [FriBidiLevel](repeating: 0, count: count)
        var joining = [FriBidiArabicProp](repeating: 0, count: count)
        var visual = logical
        let length = FriBidiStrIndex(count)
        // FRIBIDI_PAR_RTL, FRIBIDI_PAR_LTR, FRIBIDI_PAR_ON (macros Swift does not import).
        var base = FriBidiParType(rawValue: rightToLeft.map { $0 ? 0x111 : 0x110 } ?? 0x40)
        fribidi_get_bidi_types(logical, length, &types)
        fribidi_get_bracket_types(logical, length, types, &brackets)
        guard fribidi_get_par_embedding_levels_ex(types, brackets, length, &base, &levels) > 0 else { return text }
        fribidi_get_joining_types(logical, length, &joining)
        fribidi_join_arabic(types, length, levels, &joining)
        // FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAG_REORDER_NSM | FRIBIDI_FLAG_SHAPE_ARAB_PRES
        let flags: FriBidiFlags = 0x1 | 0x2 | 0x100
        fribidi_shape(flags, levels, length, &joining, &visual)
        guard fribidi_reorder_line(flags, types, length, 0, base, &levels, &visual, nil) > 0 else { return text }
        var out = String.UnicodeScalarView()
        for c in visual { if let s = Unicode.Scalar(c) { out.append(s) } }
        return String(out)
    }
}

extension Screen {
    /// How `put` lays text into the cells (set by a console from its `BidiMode` and language).
    public enum BidiLayout: Sendable, Hashable {
        /// As written, left to right: the terminal reorders, or there is nothing to reorder.
        case logical
        /// Left-to-right layout; a piece of text holding right-to-left letters is reordered.
        case visual
        /// Right-to-left layout: drawn as for left to right, then mirrored by `finishLayout()`;
        /// every piece of text is reordered with a right-to-left paragraph direction.
        case mirrored
    }

    /// The text `put` writes for `text` under `bidi`: visual order, reversed again for a
    /// screen that `finishLayout()` will mirror (so that it reads right after mirroring).
    func laidOut(_ text: some StringProtocol) -> String? {
        switch bidi {
        case .logical: return nil
        case .visual: return Bidi.hasRightToLeft(text) ? Bidi.visual(String(text), rightToLeft: nil) : nil
        case .mirrored:
            let visual = Bidi.hasRightToLeft(text) ? Bidi.visual(String(text), rightToLeft: true) : String(text)
            return String(visual.reversed())
        }
    }

    /// Completes a right-to-left layout: every row mirrored (wide graphemes kept whole), box
    /// corners and arrows turned to face the other way, the cursor moved with its cell.
    /// Does nothing for the other layouts; call it once, after the last draw.
    public mutating func finishLayout() {
        guard bidi == .mirrored else { return }
        for y in 0..<height {
            let start = y * width
            let row = Array(slots[start..<(start + width)])
            var mirrored = row
            var x = 0
            while x < width {
                let slot = row[x]
                if slot.isWide, x + 1 < width {
                    // lead at x, continuation at x+1 → lead at width-2-x, continuation at width-1-x
                    mirrored[width - 2 - x] = slot
                    mirrored[width - 1 - x] = row[x + 1]
                    x += 2
                    continue
                }
                var flipped = slot
                if !slot.isCluster, let swap = Self.mirrorGlyphs[slot.code] { flipped.code = swap }
                mirrored[width - 1 - x] = flipped
                x += 1
            }
            slots.replaceSubrange(start..<(start + width), with: mirrored)
        }
        if let c = cursor { cursor = Point(x: width - 1 - c.x, y: c.y) }
        bidi = .logical
    }

    /// Glyphs drawn for a left-to-right layout and their mirror images.
    static let mirrorGlyphs: [UInt32: UInt32] = {
        let pairs: [(Character, Character)] = [
            ("┌", "┐"), ("└", "┘"), ("├", "┤"), ("┏", "┓"), ("┗", "┛"), ("┣", "┫"), ("╭", "╮"), ("╰", "╯"),
            ("╔", "╗"), ("╚", "╝"), ("╠", "╣"), ("▸", "◂"), ("▶", "◀"), ("►", "◄"), ("→", "←"), ("↳", "↲"),
            ("▌", "▐"), ("◐", "◑"), ("⟶", "⟵"),
        ]
        var map: [UInt32: UInt32] = [:]
        for (a, b) in pairs {
            guard let x = a.unicodeScalars.first?.value, let y = b.unicodeScalars.first?.value else { continue }
            map[x] = y
            map[y] = x
        }
        return map
    }()
}
