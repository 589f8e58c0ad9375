import Testing
import DrillText

/// CLDR cardinal rules at their boundaries.
@Suite struct PluralRuleTests {
    @Test func russian() {
        let expected: [(Int, PluralCategory)] = [
            (0, .many), (1, .one), (2, .few), (3, .few), (4, .few), (5, .many), (10, .many), (11, .many), (12, .many),
            (14, .many), (15, .many), (20, .many), (21, .one), (22, .few), (24, .few), (25, .many), (101, .one),
            (102, .few), (111, .many), (112, .many), (114, .many), (121, .one), (1001, .one), (1011, .many),
        ]
        for (n, category) in expected { #expect(Language.ru.pluralCategory(n) == category, "ru \(n)") }
        #expect(Language.ru.pluralCategory(1.5) == .other)
    }

    @Test func arabic() {
        let expected: [(Int, PluralCategory)] = [
            (0, .zero), (1, .one), (2, .two), (3, .few), (9, .few), (10, .few), (11, .many), (26, .many), (99, .many),
            (100, .other), (101, .other), (102, .other), (103, .few), (110, .few), (111, .many), (199, .many),
            (200, .other), (1000, .other), (1003, .few),
        ]
        for (n, category) in expected { #expect(Language.ar.pluralCategory(n) == category, "ar \(n)") }
        #expect(Language.ar.pluralCategory(2.5) == .other)
    }

    @Test func frenchSpanishEnglishChinese() {
        #expect(Language.fr.pluralCategory(0) == .one)
        #expect(Language.fr.pluralCategory(1) == .one)
        #expect(Language.fr.pluralCategory(2) == .other)
        #expect(Language.fr.pluralCategory(1.5) == .one)
        #expect(Language.fr.pluralCategory(1_000_000) == .many)
        #expect(Language.fr.pluralCategory(2_000_000) == .many)
        #expect(Language.fr.pluralCategory(1_000_001) == .other)
        #expect(Language.es.pluralCategory(0) == .other)
        #expect(Language.es.pluralCategory(1) == .one)
        #expect(Language.es.pluralCategory(1_000_000) == .many)
        #expect(Language.en.pluralCategory(0) == .other)
        #expect(Language.en.pluralCategory(1) == .one)
        #expect(Language.en.pluralCategory(1.5) == .other)
        for n in [0, 1, 2, 5, 21, 100] { #expect(Language.zh.pluralCategory(n) == .other) }
    }
}
