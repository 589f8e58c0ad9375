import DrillCore

/// How many terminal columns a grapheme cluster, a scalar or a string takes.
///
/// East Asian Wide and Fullwidth characters (CJK ideographs, Hangul syllables, kana, fullwidth
/// forms, most emoji) take 2 columns; combining marks, joiners, variation selectors and controls
/// take 0; everything else takes 1. East Asian Ambiguous characters (box drawing, `…`) count as 1,
/// as in every non-CJK locale.
public enum DisplayWidth {
    /// The columns taken by one grapheme cluster.
    ///
    /// A cluster is as wide as its first scalar that takes a column (the base); a base followed by
    /// U+FE0F (emoji presentation) and a regional-indicator flag take 2.
    public static func of(_ grapheme: Character) -> Int {
        var scalars = grapheme.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        // Most graphemes are one scalar; "\r\n" and combining sequences take the long way.
        guard scalars.next() != nil else { return of(scalar: first) }
        return clusterWidth(grapheme.unicodeScalars)
    }

    /// The columns taken by a string: the sum over its grapheme clusters.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for byte in text.utf8 {
            if byte >= 0x80 { return sumOverGraphemes(text) }
            if byte >= 0x20 && byte < 0x7F { total += 1 }
        }
        return total
    }

    private static func sumOverGraphemes(_ text: some StringProtocol) -> Int {
        var total = 0
        for grapheme in text { total += of(grapheme) }
        return total
    }

    /// The columns taken by one scalar on its own (0, 1 or 2).
    public static func of(scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Controls (C0, DEL, C1) take no column and are never drawn: the same test as every
        // other output of participant text (`SafeText`).
        if value < 0xA0 { return SafeText.isControl(scalar) ? 0 : 1 }
        if contains(zeroWidthRanges, value) { return 0 }
        if contains(wideRanges, value) { return 2 }
        return 1
    }

    static func clusterWidth(_ scalars: Character.UnicodeScalarView) -> Int {
        var base = 0
        var sawBase = false
        for scalar in scalars {
            let value = scalar.value
            if !sawBase {
                let width = of(scalar: scalar)
                if width == 0 { continue }
                sawBase = true
                base = width
                if (0x1F1E6...0x1F1FF).contains(value) { return 2 }  // regional indicator (flag)
                if base == 2 { return 2 }
            } else if value == 0xFE0F {
                return 2  // emoji presentation selector widens text-default symbols (❤️, ✈️, 1️⃣)
            }
        }
        return base
    }

    /// Binary search over a flat array of inclusive `[low, high]` pairs sorted by `low`.
    static func contains(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        ranges.withUnsafeBufferPointer { pairs in
            var low = 0
            var high = pairs.count / 2 - 1
            if high < 0 || value < pairs[0] || value > pairs[pairs.count - 1] { return false }
            while low <= high {
                let mid = (low + high) >> 1
                if value < pairs[mid * 2] {
                    high = mid - 1
                } else if value > pairs[mid * 2 + 1] {
                    low = mid + 1
                } else {
                    return true
                }
            }
            return false
        }
    }
}
