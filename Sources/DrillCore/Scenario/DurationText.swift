/// Reads and writes the durations of scenarios: `90s`, `15m`, `1h30m`, `2h`, `01:30:00`, `0`.
public enum DurationText {
    /// Milliseconds, or nil when the text is not a duration.
    public static func parse(_ text: String) -> Millis? {
        let s = text.trimmingSpaces
        if s.isEmpty { return nil }
        if s == "0" { return 0 }
        if s.contains(":") { return parseClock(s) }
        return parseUnits(s)
    }

    /// `H:MM:SS` (hours unbounded, minutes and seconds below 60).
    private static func parseClock(_ s: String) -> Millis? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCIIDigit) }),
              let h = Int64(parts[0]), let m = Int64(parts[1]), let sec = Int64(parts[2]),
              parts[1].count == 2, parts[2].count == 2, m < 60, sec < 60
        else { return nil }
        return ((h * 60 + m) * 60 + sec) * 1000
    }

    /// Milliseconds per unit, by unit index: h, ms, m, s.
    private static let unitMillis: [Double] = [3_600_000, 1, 60_000, 1000]
    /// The order units must come in, by unit index: h < m < s < ms.
    private static let unitRanks = [0, 3, 1, 2]

    /// Number-unit pairs in decreasing order: `1h30m`, `90s`, `500ms`, `1.5h`. Read on the UTF-8
    /// bytes (every duration of a large scenario comes through here): a number is a run of ASCII
    /// digits and dots, a unit `h`, `ms`, `m` or `s`; anything else is not a duration.
    private static func parseUnits(_ s: String) -> Millis? {
        let u = s.utf8
        var i = u.startIndex
        var total = 0.0
        var lastRank = -1
        while i != u.endIndex {
            var j = i
            var digits = 0
            while j != u.endIndex, (u[j] >= 0x30 && u[j] <= 0x39) || u[j] == 0x2E {
                j = u.index(after: j)
                digits += 1
            }
            guard digits > 0, digits <= 9, let value = Double(Substring(u[i..<j])), j != u.endIndex else { return nil }
            let index: Int
            let length: Int
            switch u[j] {
            case UInt8(ascii: "h"): (index, length) = (0, 1)
            case UInt8(ascii: "m"):
                let next = u.index(after: j)
                (index, length) = next != u.endIndex && u[next] == UInt8(ascii: "s") ? (1, 2) : (2, 1)
            case UInt8(ascii: "s"): (index, length) = (3, 1)
            default: return nil
            }
            let rank = unitRanks[index]
            guard rank > lastRank else { return nil }
            lastRank = rank
            total += value * unitMillis[index]
            i = u.index(j, offsetBy: length)
        }
        guard total.isFinite, total < 1e13 else { return nil }
        return Millis(total.rounded())
    }

    /// Compact form: `0m`, `45s`, `15m`, `1h30m`, `2h`, `1h0m30s`.
    public static func format(_ ms: Millis) -> String {
        let negative = ms < 0
        let totalSeconds = abs(ms) / 1000
        let h = totalSeconds / 3600, m = (totalSeconds % 3600) / 60, s = totalSeconds % 60
        var out = negative ? "-" : ""
        if h > 0 { out += "\(h)h" }
        if m > 0 || (h > 0 && s > 0) { out += "\(m)m" }
        if s > 0 { out += "\(s)s" }
        if h == 0 && m == 0 && s == 0 { out += abs(ms) % 1000 == 0 ? "0m" : "\(abs(ms))ms" }
        return out
    }

    /// Clock form `H:MM:SS`, as on an exercise clock.
    public static func clock(_ ms: Millis) -> String {
        let negative = ms < 0
        let totalSeconds = abs(ms) / 1000
        let h = totalSeconds / 3600, m = (totalSeconds % 3600) / 60, s = totalSeconds % 60
        let mm = m < 10 ? "0\(m)" : "\(m)", ss = s < 10 ? "0\(s)" : "\(s)"
        return "\(negative ? "-" : "")\(h):\(mm):\(ss)"
    }
}

extension Character {
    /// 0 to 9 (by its ASCII value: no Unicode property lookup).
    var isASCIIDigit: Bool {
        guard let v = asciiValue else { return false }
        return v >= 0x30 && v <= 0x39
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace and newlines (no Foundation needed).
    var trimmingSpaces: String {
        // The common case, nothing to trim: an ASCII character that is not white space at each
        // end (ASCII white space: tab to carriage return, and space). Loading a large scenario
        // trims every number and duration it reads.
        let scalars = unicodeScalars
        guard let head = scalars.first, let tail = scalars.last else { return "" }
        func solid(_ s: Unicode.Scalar) -> Bool { s.value < 0x80 && s.value != 0x20 && !(s.value >= 0x09 && s.value <= 0x0D) }
        if solid(head), solid(tail) { return String(self) }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}
