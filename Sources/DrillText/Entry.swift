/// One translated message: a text with `{name}` placeholders, or one text per plural category
/// of its `{n}` argument.
public enum Entry: Sendable, Hashable, ExpressibleByStringLiteral {
    case text(String)
    case plural([PluralCategory: String])

    public init(stringLiteral value: String) { self = .text(value) }

    /// A plural message; give exactly the categories of the catalog's language (a test checks).
    public static func plural(zero: String? = nil, one: String? = nil, two: String? = nil, few: String? = nil,
                              many: String? = nil, other: String) -> Entry {
        var forms: [PluralCategory: String] = [.other: other]
        forms[.zero] = zero
        forms[.one] = one
        forms[.two] = two
        forms[.few] = few
        forms[.many] = many
        return .plural(forms)
    }

    /// Every text of the entry (one, or one per category).
    public var texts: [String] {
        switch self {
        case .text(let t): [t]
        case .plural(let forms): PluralCategory.allCases.compactMap { forms[$0] }
        }
    }

    /// The placeholder names the entry uses, `{n}` → `n`.
    public var placeholders: Set<String> {
        var names: Set<String> = []
        for text in texts {
            var name: String?
            for c in text {
                if c == "{" { name = "" } else if c == "}", let n = name { names.insert(n); name = nil } else if name != nil { name?.append(c) }
            }
        }
        return names
    }
}

/// A value a message shows in place of a placeholder, formatted for the language.
public protocol TextArgument: Sendable {
    func formatted(_ style: NumberStyle) -> String
    /// The number plural rules look at, if this is a number.
    var pluralOperand: Double? { get }
}

extension Int: TextArgument {
    public func formatted(_ style: NumberStyle) -> String { style.integer(self) }
    public var pluralOperand: Double? { Double(self) }
}

extension Double: TextArgument {
    public func formatted(_ style: NumberStyle) -> String { style.number(self) }
    public var pluralOperand: Double? { self }
}

extension String: TextArgument {
    public func formatted(_ style: NumberStyle) -> String { self }
    public var pluralOperand: Double? { nil }
}
