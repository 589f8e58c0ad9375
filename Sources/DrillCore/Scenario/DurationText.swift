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

    /// Number-unit pairs in decreasing order: `1h30m`, `90s`, `500ms`, `1.5h`.
    private static func parseUnits(_ s: String) -> Millis? {
        let units: [(String, Double)] = [("h", 3_600_000), ("ms", 1), ("m", 60_000), ("s", 1000)]
        var rest = Substring(s)
        var total = 0.0
        var lastRank = -1
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCIIDigit || $0 == "." }
            guard !number.isEmpty, number.count <= 9, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            // "ms" must be tried before "m".
            guard let (index, unit) = units.enumerated().first(where: { rest.hasPrefix($0.element.0) }).map({ ($0.offset, $0.element) })
            else { return nil }
            let rank = [0, 3, 1, 2][index]   // h < m < s < ms
            guard rank > lastRank else { return nil }
            lastRank = rank
            total += value * unit.1
            rest = rest.dropFirst(unit.0.count)
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
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Without leading and trailing whitespace and newlines (no Foundation needed).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}
