/// Numbers as each language writes them (CLDR symbols, Western digits everywhere).
///
/// Arabic keeps Western (“Latin”) digits 0–9: they are what the Maghreb locales and most technical
/// and CIRT documents in the Arab region use, they read the same in a terminal that does no
/// bidirectional reordering, and task references such as `T1.2` mix with them. The decimal
/// separator and grouping follow CLDR's `latn` symbols for each language.
public struct NumberStyle: Sendable, Hashable {
    public var decimal: String
    public var group: String
    /// Spanish groups only from five digits (CLDR `minimumGroupingDigits` 2).
    public var minimumGroupingDigits: Int
    /// Between a number and `%`.
    public var percentGap: String

    public static func of(_ language: Language) -> NumberStyle {
        switch language {
        case .en: NumberStyle(decimal: ".", group: ",", minimumGroupingDigits: 1, percentGap: " ")
        case .zh: NumberStyle(decimal: ".", group: ",", minimumGroupingDigits: 1, percentGap: "")
        case .ar: NumberStyle(decimal: ".", group: ",", minimumGroupingDigits: 1, percentGap: "")
        case .fr: NumberStyle(decimal: ",", group: "\u{202F}", minimumGroupingDigits: 1, percentGap: "\u{202F}")
        case .es: NumberStyle(decimal: ",", group: ".", minimumGroupingDigits: 2, percentGap: "\u{00A0}")
        case .ru: NumberStyle(decimal: ",", group: "\u{00A0}", minimumGroupingDigits: 1, percentGap: "\u{00A0}")
        }
    }

    /// A whole number with grouping: `12,345` (en), `12 345` (fr, narrow no-break space), `1234` and `12.345` (es).
    public func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        guard digits.count > 3, digits.count >= 3 + minimumGroupingDigits else { return sign + digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += group }
            out.append(c)
        }
        return sign + out
    }

    /// At most `maxFraction` decimals, without trailing zeros: `7.5`, `6,67`, `10`.
    public func number(_ value: Double, maxFraction: Int = 2) -> String {
        var scale = 1.0
        for _ in 0..<maxFraction { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return integer(Int(rounded)) }
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.down)
        var fraction = String(Int(((magnitude - whole) * scale).rounded()))
        while fraction.count < maxFraction { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + integer(Int(whole)) + decimal + fraction
    }
}
