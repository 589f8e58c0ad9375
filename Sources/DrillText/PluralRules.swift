/// CLDR plural categories (https://cldr.unicode.org, "Language Plural Rules").
public enum PluralCategory: String, CaseIterable, Sendable, Hashable {
    case zero, one, two, few, many, other
}

extension Language {
    /// The categories a translation into this language must give for every plural message.
    public var pluralCategories: [PluralCategory] {
        switch self {
        case .en: [.one, .other]
        case .fr, .es: [.one, .many, .other]
        case .ru: [.one, .few, .many, .other]
        case .zh: [.other]
        case .ar: [.zero, .one, .two, .few, .many, .other]
        }
    }

    /// The cardinal plural category of a whole number (CLDR 44 rules; `v = 0`).
    public func pluralCategory(_ n: Int) -> PluralCategory {
        let i = n.magnitude
        switch self {
        case .en:
            return i == 1 ? .one : .other
        case .fr:
            // one: i = 0,1; many: i != 0 and i % 1000000 = 0.
            if i <= 1 { return .one }
            return i % 1_000_000 == 0 ? .many : .other
        case .es:
            if i == 1 { return .one }
            return i != 0 && i % 1_000_000 == 0 ? .many : .other
        case .ru:
            let m10 = i % 10, m100 = i % 100
            if m10 == 1 && m100 != 11 { return .one }
            if (2...4).contains(m10) && !(12...14).contains(m100) { return .few }
            return .many
        case .zh:
            return .other
        case .ar:
            let m100 = i % 100
            if i == 0 { return .zero }
            if i == 1 { return .one }
            if i == 2 { return .two }
            if (3...10).contains(m100) { return .few }
            if (11...99).contains(m100) { return .many }
            return .other
        }
    }

    /// The category of a number with a fraction (`v > 0`): French counts 0 ≤ n < 2 as one, the others
    /// take `other` (Russian and Arabic fractions included).
    public func pluralCategory(_ value: Double) -> PluralCategory {
        if value == value.rounded(), abs(value) < 1e15 { return pluralCategory(Int(value)) }
        if self == .fr, abs(value) < 2 { return .one }
        return .other
    }
}
