import Testing
@testable import DrillText

/// Every catalog says every message English has, nothing else, with the same placeholders, and
/// gives each plural message exactly the CLDR categories of its language.
@Suite struct CatalogTests {
    @Test(arguments: Language.allCases)
    func catalogHasEveryMessageAndNoStrayOne(_ language: Language) {
        let english = Set(Catalogs.raw(.en).keys)
        let keys = Set(Catalogs.raw(language).keys)
        #expect(english == Set(Msg.allCases.map(\.rawValue)), "Msg and the English catalog differ")
        #expect(english.subtracting(keys).sorted() == [], "missing in \(language)")
        #expect(keys.subtracting(english).sorted() == [], "stray in \(language)")
    }

    @Test(arguments: Language.allCases)
    func placeholdersMatchEnglish(_ language: Language) {
        let english = Catalogs.raw(.en)
        for (key, entry) in Catalogs.raw(language) {
            guard let reference = english[key] else { continue }
            #expect(entry.placeholders == reference.placeholders, "\(language) \(key): \(entry.placeholders) vs \(reference.placeholders)")
        }
    }

    @Test(arguments: Language.allCases)
    func pluralMessagesGiveTheLanguagesCategories(_ language: Language) {
        let english = Catalogs.raw(.en)
        for (key, entry) in Catalogs.raw(language) {
            if case .plural(let forms) = entry {
                #expect(Set(forms.keys) == Set(language.pluralCategories), "\(language) \(key): \(forms.keys.map(\.rawValue).sorted())")
            } else if case .plural = english[key] {
                Issue.record("\(language) \(key): English counts, this catalog gives one text")
            }
            for text in entry.texts { #expect(!text.isEmpty || key == "list.separator", "\(language) \(key) is empty") }
        }
    }

    @Test func everyMessageRendersInEveryLanguage() {
        let args: [String: any TextArgument] = ["n": 3, "a": "A", "b": "B"]
        for language in Language.allCases {
            let t = Texts(language)
            for key in Msg.allCases {
                #expect(!t(key, args).isEmpty || key == .listSeparator, "\(language) \(key.rawValue)")
            }
        }
    }

    @Test func fillsPlaceholdersAndChoosesPluralForms() {
        #expect(Texts(.en)(.reasonWrongAttempts, ["n": 1]) == "1 wrong attempt")
        #expect(Texts(.en)(.reasonWrongAttempts, ["n": 2]) == "2 wrong attempts")
        #expect(Texts(.fr)(.reasonWrongAttempts, ["n": 0]) == "0 tentative erronée")
        #expect(Texts(.fr)(.reasonWrongAttempts, ["n": 2]) == "2 tentatives erronées")
        #expect(Texts(.ru)(.reasonWrongAttempts, ["n": 21]) == "21 неверная попытка")
        #expect(Texts(.ru)(.reasonWrongAttempts, ["n": 22]) == "22 неверные попытки")
        #expect(Texts(.ru)(.reasonWrongAttempts, ["n": 11]) == "11 неверных попыток")
        #expect(Texts(.ar)(.reasonWrongAttempts, ["n": 2]) == "محاولتان خاطئتان")
        #expect(Texts(.ar)(.reasonWrongAttempts, ["n": 11]) == "11 محاولة خاطئة")
        #expect(Texts(.zh)(.reasonWrongAttempts, ["n": 2]) == "2 次错误作答")
    }
}
