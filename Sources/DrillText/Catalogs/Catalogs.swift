/// The message catalogs, one Swift file per language (`Catalog+fr.swift`…): a dictionary from a
/// message's key to its text, so a translator reads key, English (in `Catalog+en.swift`) and
/// translation side by side. Placeholders are `{name}`; plural messages give one text per CLDR
/// category of the language (docs/glossary.md lists the terms each language uses).
public enum Catalogs {
    /// The raw catalog of a language, keyed by string as written (the tests compare key sets).
    public static func raw(_ language: Language) -> [String: Entry] {
        switch language {
        case .en: en
        case .fr: fr
        case .es: es
        case .ru: ru
        case .zh: zh
        case .ar: ar
        }
    }

    /// The catalog by typed key (keys that are not messages are left out; the tests forbid them).
    static func table(_ language: Language) -> [Msg: Entry] {
        switch language {
        case .en: english
        case .fr: french
        case .es: spanish
        case .ru: russian
        case .zh: chinese
        case .ar: arabic
        }
    }

    static let english = typed(en)
    static let french = typed(fr)
    static let spanish = typed(es)
    static let russian = typed(ru)
    static let chinese = typed(zh)
    static let arabic = typed(ar)

    static func typed(_ raw: [String: Entry]) -> [Msg: Entry] {
        var out: [Msg: Entry] = [:]
        for (key, entry) in raw { if let msg = Msg(rawValue: key) { out[msg] = entry } }
        return out
    }

    /// Month names as a date shows them (the genitive in Russian: "3 декабря").
    static func months(_ language: Language) -> [String] {
        switch language {
        case .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        case .fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        case .es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
        case .ru: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
        case .zh: (1...12).map { "\($0)" }
        case .ar: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
        }
    }
}
