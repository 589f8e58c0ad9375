/// The words of one language: messages by typed key, numbers, percentages and durations.
///
///     let t = Texts(.fr)
///     t(.reasonWrongAttempts, ["n": 2])      // "2 tentatives erronées"
public struct Texts: Sendable {
    public let language: Language
    public let numbers: NumberStyle
    let entries: [Msg: Entry]

    public init(_ language: Language) {
        self.language = language
        numbers = NumberStyle.of(language)
        entries = Catalogs.table(language)
    }

    public static let english = Texts(.en)

    /// The message without arguments.
    public func callAsFunction(_ key: Msg) -> String { callAsFunction(key, [:]) }

    /// The message with its `{name}` placeholders filled; the plural form follows `n`.
    /// A message missing from a catalog (the catalog tests forbid it) falls back to English.
    public func callAsFunction(_ key: Msg, _ args: [String: any TextArgument]) -> String {
        guard let entry = entries[key] ?? Catalogs.english[key] else { return key.rawValue }
        let template: String
        switch entry {
        case .text(let t): template = t
        case .plural(let forms):
            let category = args["n"]?.pluralOperand.map { language.pluralCategory($0) } ?? .other
            template = forms[category] ?? forms[.other] ?? ""
        }
        return Self.fill(template, args, numbers)
    }

    static func fill(_ template: String, _ args: [String: any TextArgument], _ numbers: NumberStyle) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var name: String?
        for c in template {
            if c == "{" && name == nil { name = ""; continue }
            if c == "}", let n = name {
                out += args[n].map { $0.formatted(numbers) } ?? "{\(n)}"
                name = nil
                continue
            }
            if name != nil { name?.append(c) } else { out.append(c) }
        }
        return out
    }

    // MARK: Figures

    /// A whole number with the language's grouping.
    public func integer(_ n: Int) -> String { numbers.integer(n) }

    /// Points without needless decimals: `10`, `7.5` (en), `7,5` (fr).
    public func points(_ value: Double) -> String { numbers.number(value) }

    /// A whole percentage, `87 %` (en), `87 %` (fr), `87%` (zh, ar); `—` for nothing to take a share of.
    public func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return numbers.integer(Int(value.rounded())) + numbers.percentGap + "%"
    }

    /// A countdown `12:05`, `1:02:03`: the same digits and colons in every language.
    public func countdown(_ ms: Int64) -> String {
        let seconds = max(0, (ms + 999) / 1000)
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
        return "\(m):\(ss)"
    }

    /// A length of time in words: `45 s`, `6 min`, `1 h 05 min` (units per language).
    public func duration(_ ms: Int64) -> String {
        let seconds = max(0, (ms + 999) / 1000)
        if seconds < 60 { return callAsFunction(.unitSeconds, ["n": Int(seconds)]) }
        let minutes = (seconds + 59) / 60
        if minutes < 60 { return callAsFunction(.unitMinutes, ["n": Int(minutes)]) }
        let m = minutes % 60
        return callAsFunction(.unitHoursMinutes, ["h": Int(minutes / 60), "m": m < 10 ? "0\(m)" : "\(m)"])
    }

    /// A calendar date: `3 December 2026`, `3 décembre 2026`, `2026年12月3日`, `3 ديسمبر 2026`.
    public func date(year: Int, month: Int, day: Int) -> String {
        let months = Catalogs.months(language)
        let name = months.indices.contains(month - 1) ? months[month - 1] : String(month)
        return callAsFunction(.dateFormat, ["d": String(day), "month": name, "y": String(year), "m": String(month)])
    }

    /// A list of parts joined as the language does it (`, ` ; Chinese `，`; Arabic `، `).
    public func list(_ parts: [String]) -> String { parts.joined(separator: callAsFunction(.listSeparator)) }
}
