import Testing
import DrillText

@Suite struct FormatTests {
    @Test func numbersPerLanguage() {
        #expect(Texts(.en).points(1234.5) == "1,234.5")
        #expect(Texts(.fr).points(1234.5) == "1\u{202F}234,5")
        #expect(Texts(.es).points(1234.5) == "1234,5")
        #expect(Texts(.es).points(12345) == "12.345")
        #expect(Texts(.ru).points(1234567.25) == "1\u{00A0}234\u{00A0}567,25")
        #expect(Texts(.zh).points(6.666) == "6.67")
        #expect(Texts(.ar).points(10) == "10")
        #expect(Texts(.ar).points(7.5) == "7.5")
        #expect(Texts(.en).points(-2.5) == "-2.5")
        #expect(Texts(.en).percent(87.4) == "87 %")
        #expect(Texts(.zh).percent(87.6) == "88%")
        #expect(Texts(.fr).percent(nil) == "—")
    }

    @Test func durationsAndDates() {
        #expect(Texts(.en).duration(45_000) == "45 s")
        #expect(Texts(.fr).duration(6 * 60_000) == "6 min")
        #expect(Texts(.ru).duration(65 * 60_000) == "1 ч 05 мин")
        #expect(Texts(.en).date(year: 2026, month: 12, day: 3) == "3 December 2026")
        #expect(Texts(.fr).date(year: 2026, month: 12, day: 3) == "3 décembre 2026")
        #expect(Texts(.es).date(year: 2026, month: 12, day: 3) == "3 de diciembre de 2026")
        #expect(Texts(.ru).date(year: 2026, month: 12, day: 3) == "3 декабря 2026 г.")
        #expect(Texts(.zh).date(year: 2026, month: 12, day: 3) == "2026年12月3日")
        #expect(Texts(.ar).date(year: 2026, month: 12, day: 3) == "3 ديسمبر 2026")
    }

    @Test func languageFromOptionOrEnvironment() throws {
        #expect(Language.fromEnvironment([:]) == .en)
        #expect(Language.fromEnvironment(["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(Language.fromEnvironment(["LANG": "fr_FR.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"]) == .ru)
        #expect(Language.fromEnvironment(["LANG": "fr_FR.UTF-8", "LC_ALL": "ar_EG.UTF-8"]) == .ar)
        #expect(Language.fromEnvironment(["LANG": "fr_FR.UTF-8", "LC_ALL": "C"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "de_DE.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "", "LC_MESSAGES": "zh_CN.UTF-8"]) == .zh)
        #expect(try Language.choose("es-419", environment: ["LANG": "fr_FR"]) == .es)
        #expect(try Language.choose(nil, environment: ["LANG": "zh-Hans"]) == .zh)
        #expect(throws: LanguageError.self) { try Language.choose("klingon", environment: [:]) }
    }
}
