/// One of the six languages cyberdrill speaks (the UN's official languages). Chosen by `--lang`,
/// else by `LC_ALL`, `LC_MESSAGES` or `LANG`, else English.
public enum Language: String, CaseIterable, Sendable, Codable, Hashable {
    case en, fr, es, ru, zh, ar

    /// The language of a BCP 47 tag or POSIX locale name (`fr`, `fr-CA`, `fr_FR.UTF-8`, `zh-Hans`,
    /// `ar_EG@latin`); nil for `C`, `POSIX`, an empty value or a language cyberdrill does not speak.
    public init?(tag: String) {
        let lowered = tag.lowercased()
        let primary = lowered.prefix { $0.isLetter }
        guard let language = Language(rawValue: String(primary)) else { return nil }
        self = language
    }

    /// The first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides, as in POSIX
    /// (a set `LC_ALL=C` means English even if `LANG` says otherwise); English when none is set or
    /// the one that decides names a language cyberdrill does not speak.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return Language(tag: value) ?? .en }
        }
        return .en
    }

    /// `--lang` if given (an error for a language cyberdrill does not speak), else the environment.
    public static func choose(_ option: String?, environment: [String: String]) throws(LanguageError) -> Language {
        guard let option else { return fromEnvironment(environment) }
        guard let language = Language(tag: option) else { throw LanguageError(given: option) }
        return language
    }

    /// Arabic is written right to left; the others left to right.
    public var isRightToLeft: Bool { self == .ar }

    /// `rtl` or `ltr`, for HTML's `dir`.
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    /// The language's name in itself, for menus and `--help`.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .fr: "Français"
        case .es: "Español"
        case .ru: "Русский"
        case .zh: "中文"
        case .ar: "العربية"
        }
    }
}

/// `--lang` named a language cyberdrill does not speak.
public struct LanguageError: Error, CustomStringConvertible, Sendable {
    public var given: String
    public init(given: String) { self.given = given }
    public var description: String {
        "unknown language '\(given)': use one of " + Language.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
