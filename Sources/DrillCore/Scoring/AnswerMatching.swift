import Foundation

/// How an answer compares with what a task accepts: a credit between 0 and 1.
public struct Evaluation: Sendable, Hashable {
    /// 1 is fully correct, 0 is wrong, in between is partial credit.
    public var credit: Double
    /// Indicator items (or choice options) given that are not accepted.
    public var falseItems: Int

    public init(credit: Double, falseItems: Int = 0) {
        self.credit = credit
        self.falseItems = falseItems
    }
}

/// A task's acceptance rule, prepared once so that judging an answer is cheap.
public struct AnswerMatcher: @unchecked Sendable {
    // NSRegularExpression is immutable after creation, so sharing it is safe.
    private enum Rule {
        case keys(Set<String>, MatchMode)
        case regexes([NSRegularExpression])
        case choice(Set<String>, multiple: Bool, partial: Bool)
        case number(Double, tolerance: Double)
        case indicators(Set<String>)
        case manual
    }

    private let rule: Rule
    /// Another language's words for an option or an indicator, by comparison key → the original's key.
    private let aliases: [String: String]

    /// The matcher of a task kind, taking its translations into account: a text task accepts every
    /// language's `accept` (the lists are unioned); a choice option, or an indicator, in any language
    /// counts as the original one it translates (matched by position, never by its words alone).
    public init(_ kind: TaskKind, translations: [TaskTranslation] = []) {
        var kind = kind
        var aliases: [String: String] = [:]
        switch kind {
        case .text(let accept, let mode):
            var all = accept
            for t in translations { for a in t.accept ?? [] where !all.contains(a) { all.append(a) } }
            kind = .text(accept: all, match: mode)
        case .choice(let options, _, _, _):
            for t in translations {
                guard let translated = t.options, translated.count == options.count else { continue }
                for (k, o) in translated.enumerated() {
                    let key = AnswerMatching.key(o, .caseless), original = AnswerMatching.key(options[k], .caseless)
                    if key != original, aliases[key] == nil { aliases[key] = original }
                }
            }
        case .indicators(let accept):
            for t in translations {
                guard let translated = t.accept, translated.count == accept.count else { continue }
                for (k, o) in translated.enumerated() {
                    let key = AnswerMatching.indicatorKey(o), original = AnswerMatching.indicatorKey(accept[k])
                    if key != original, aliases[key] == nil { aliases[key] = original }
                }
            }
        default:
            break
        }
        self.aliases = aliases
        switch kind {
        case .text(let accept, .regex):
            // \A and \z anchor to the whole answer (`$` would also match before a final newline);
            // a pattern that does not compile never matches (the validator reports it).
            rule = .regexes(accept.compactMap { try? NSRegularExpression(pattern: "\\A(?:\($0))\\z") })
        case .text(let accept, let mode):
            rule = .keys(Set(accept.map { AnswerMatching.key($0, mode) }), mode)
        case .choice(_, let answers, let multiple, let partial):
            rule = .choice(Set(answers.map { AnswerMatching.key($0, .caseless) }), multiple: multiple, partial: partial)
        case .number(let answer, let tolerance, _):
            rule = .number(answer, tolerance: tolerance)
        case .indicators(let accept):
            rule = .indicators(Set(accept.map(AnswerMatching.indicatorKey)))
        case .report, .coordination:
            rule = .manual
        }
    }

    /// The original's key for a translated option or indicator; any other key as it is.
    private func canonical(_ key: String) -> String { aliases.isEmpty ? key : aliases[key] ?? key }

    /// The credit of an answer; report and coordination tasks are not judged here (0).
    public func evaluate(_ values: [String]) -> Evaluation {
        switch rule {
        case .keys(let keys, let mode):
            guard let first = values.first else { return Evaluation(credit: 0) }
            return Evaluation(credit: keys.contains(AnswerMatching.key(first, mode)) ? 1 : 0)
        case .regexes(let patterns):
            guard let first = values.first else { return Evaluation(credit: 0) }
            let text = first.trimmingSpaces
            let range = NSRange(text.startIndex..., in: text)
            return Evaluation(credit: patterns.contains { $0.firstMatch(in: text, range: range) != nil } ? 1 : 0)
        case .choice(let answers, let multiple, let partial):
            let chosen = Set(values.map { canonical(AnswerMatching.key($0, .caseless)) }.filter { !$0.isEmpty })
            let right = chosen.intersection(answers).count, wrong = chosen.subtracting(answers).count
            if !multiple { return Evaluation(credit: chosen == answers ? 1 : 0, falseItems: wrong) }
            if chosen == answers { return Evaluation(credit: 1) }
            guard partial, !answers.isEmpty else { return Evaluation(credit: 0, falseItems: wrong) }
            return Evaluation(credit: max(0, Double(right - wrong) / Double(answers.count)), falseItems: wrong)
        case .number(let answer, let tolerance):
            guard let first = values.first else { return Evaluation(credit: 0) }
            let right = AnswerMatching.numbers(first).contains { abs($0 - answer) <= tolerance + 1e-9 }
            return Evaluation(credit: right ? 1 : 0)
        case .indicators(let accepted):
            let given = Set(AnswerMatching.indicatorItems(values).map { canonical(AnswerMatching.indicatorKey($0)) })
            guard !accepted.isEmpty else { return Evaluation(credit: 0) }
            let right = given.intersection(accepted).count
            return Evaluation(credit: Double(right) / Double(accepted.count), falseItems: given.count - right)
        case .manual:
            return Evaluation(credit: 0)
        }
    }
}

/// The normalisations answers go through before they are compared.
public enum AnswerMatching {
    /// Whether a `regex` accepted answer compiles.
    public static func isValidPattern(_ pattern: String) -> Bool {
        (try? NSRegularExpression(pattern: pattern)) != nil
    }

    /// The comparison key of a text answer: `exact` trims; `caseless` also folds Unicode
    /// compatibility forms (full-width digits and letters), case and runs of whitespace.
    public static func key(_ text: String, _ mode: MatchMode) -> String {
        switch mode {
        case .exact, .regex:
            return text.trimmingSpaces
        case .caseless:
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                return asciiKey(text)
            }
            let folded = text.precomposedStringWithCompatibilityMapping
                .folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            return collapseWhitespace(folded)
        }
    }

    /// Lowercase with single spaces between words, for pure ASCII text, in one pass.
    private static func asciiKey(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for b in text.utf8 {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            bytes.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func collapseWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A number as people type it: `12`, `12.0`, `12 %`, `1,5`, `1 234,5`, `１２`, `١٢٫٥`, `8.5 mg/L`,
    /// `5000 $`, `-3`. The first of `numbers(_:)`.
    public static func number(_ text: String) -> Double? { numbers(text).first }

    /// Every reading of a typed number. Usually one; two when the separator is ambiguous between
    /// conventions (`1,234` is 1234 in English and 1.234 in French): a team is never marked wrong
    /// for writing numbers the way its country does. Digits of any script are read (Arabic-Indic
    /// `٠١٢`, full-width `０１２`…); a unit or currency after the number is ignored, but not digits.
    public static func numbers(_ text: String) -> [Double] {
        var chars: [Character] = []
        for c in text.precomposedStringWithCompatibilityMapping {
            if let digit = c.wholeNumberValue, c.isNumber, c.unicodeScalars.count == 1,
               c.unicodeScalars.first?.properties.numericType == .decimal {
                chars.append(Character(String(digit)))
            } else {
                switch c {
                case "\u{066B}": chars.append(".")          // Arabic decimal separator
                case "\u{066C}": chars.append(",")          // Arabic thousands separator
                case "\u{066A}": chars.append("%")
                case "\u{00A0}", "\u{202F}", "\u{2009}": chars.append(" ")
                default: chars.append(c)
                }
            }
        }
        var s = String(chars).trimmingSpaces
        // Currency or sign before the number.
        while let first = s.first, "$€£¥₹".contains(first) { s = String(s.dropFirst()).trimmingSpaces }
        // The number: sign, digits and separators; then a unit without digits.
        var number = ""
        var rest = Substring(s)
        if let sign = rest.first, sign == "-" || sign == "+" { number.append(sign); rest = rest.dropFirst() }
        guard let first = rest.first, first.isASCII, first.isNumber else { return [] }
        let body = rest.prefix { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," || $0 == " " || $0 == "'" || $0 == "_" }
        var numeric = String(body)
        var unit = String(rest.dropFirst(body.count))
        while let last = numeric.last, !last.isNumber { unit = String(last) + unit; numeric.removeLast() }
        guard !unit.contains(where: { $0.isNumber }) else { return [] }
        let trimmedUnit = unit.trimmingSpaces
        if !trimmedUnit.isEmpty, !unit.hasPrefix(" "), !(trimmedUnit.first.map { "%$€£¥₹".contains($0) || $0.isLetter } ?? false) {
            return []
        }
        // Spaces, apostrophes and underscores only ever group thousands.
        if numeric.contains(where: { $0 == " " || $0 == "'" || $0 == "_" }) {
            let groups = numeric.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "_" }).map(String.init)
            guard let head = groups.first, head.count <= 3, !head.contains(where: { $0 == "." || $0 == "," }),
                  groups.dropFirst().allSatisfy({ $0.prefix(while: \.isNumber).count == 3 })
            else { return [] }
            numeric = groups.joined()
        }
        number += numeric
        return readings(number)
    }

    /// Interpretations of digits with `.` and `,`: decimal point, decimal comma, or thousands.
    private static func readings(_ s: String) -> [Double] {
        let commas = s.count { $0 == "," }, dots = s.count { $0 == "." }
        func value(_ t: String) -> Double? {
            guard t.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "-" || $0 == "+" }), t.count(where: { $0 == "." }) <= 1,
                  let v = Double(t), v.isFinite else { return nil }
            return v
        }
        let digits = s.drop { $0 == "-" || $0 == "+" }
        let threeAfterLast = { (sep: Character) -> Bool in
            guard let i = digits.lastIndex(of: sep) else { return false }
            return digits[digits.index(after: i)...].count == 3 && digits[..<i].count <= 3 && digits[..<i].allSatisfy(\.isNumber)
        }
        var out: [Double?] = []
        switch (commas, dots) {
        case (0, 0), (0, 1):
            out = [value(s)]
            if dots == 1, threeAfterLast(".") { out.append(value(s.replacingOccurrences(of: ".", with: ""))) }   // 1.234 (de)
        case (1, 0):
            out = [value(s.replacingOccurrences(of: ",", with: "."))]                                         // 1,5
            if threeAfterLast(",") { out.append(value(s.replacingOccurrences(of: ",", with: ""))) }            // 1,234 (en)
        case (_, 0):
            out = [value(s.replacingOccurrences(of: ",", with: ""))]                                          // 1,234,567
        case (0, _):
            out = [value(s.replacingOccurrences(of: ".", with: ""))]                                          // 1.234.567
        default:
            if let c = s.lastIndex(of: ","), let d = s.lastIndex(of: "."), c < d {
                out = [value(s.replacingOccurrences(of: ",", with: ""))]                                      // 1,234.5
            } else {
                out = [value(s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))]   // 1.234,5
            }
        }
        return out.compactMap { $0 }
    }

    /// Splits an indicator answer into items: one per line, or separated by commas, semicolons or
    /// any white space, full-width and Arabic and ideographic commas included (`，` `；` `、` `،`).
    public static func indicatorItems(_ values: [String]) -> [String] {
        values.flatMap { value -> [String] in
            // Pure ASCII (nearly every answer): the same split on bytes, without grapheme breaking.
            if value.utf8.allSatisfy({ $0 < 0x80 }) {
                return value.utf8.split(whereSeparator: isASCIISeparator).map { String(decoding: $0, as: UTF8.self) }
            }
            return value.split(whereSeparator: { $0.isWhitespace || separators.contains($0) }).map(String.init)
        }
        .filter { !$0.trimmingSpaces.isEmpty }
    }

    private static let separators: Set<Character> = [",", ";", "，", "；", "、", "،", "؛"]

    /// The ASCII bytes that split indicator items: white space (as `Character.isWhitespace`), `,` and `;`.
    static func isASCIISeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
    }

    /// The comparison key of an indicator: compatibility-folded (full-width forms), refanged
    /// (`evil[.]example`, `hxxp://`, `[:]`, `[@]`), lowercased, without surrounding quotes or a
    /// trailing dot. One pass over the scalars: answers are judged inside the fold, which must stay fast.
    public static func indicatorKey(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
        let scalars = Array(plain.trimmingSpaces.lowercased().unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func matches(_ token: String) -> Bool {
            var k = i
            for u in token.unicodeScalars {
                guard k < scalars.count, scalars[k] == u else { return false }
                k += 1
            }
            return true
        }
        // Longest tokens first.
        let tokens: [(String, String)] = [("[://]", "://"), ("[dot]", "."), ("(dot)", "."), ("[.]", "."), ("(.)", "."), ("{.}", "."),
                                          ("[:]", ":"), ("[@]", "@"), ("(at)", "@"), ("[at]", "@")]
        while i < scalars.count {
            let u = scalars[i]
            if u == "[" || u == "(" || u == "{", let (token, plain) = tokens.first(where: { matches($0.0) }) {
                out.append(contentsOf: plain.unicodeScalars)
                i += token.unicodeScalars.count
                continue
            }
            out.append(u)
            i += 1
        }
        var s = String(out)
        if s.hasPrefix("hxxps") { s = "https" + s.dropFirst(5) } else if s.hasPrefix("hxxp") { s = "http" + s.dropFirst(4) }
        if s.hasPrefix("fxp") { s = "ftp" + s.dropFirst(3) }
        while let first = s.first, "\"'<>`".contains(first) { s.removeFirst() }
        while let last = s.last, "\"'<>`".contains(last) { s.removeLast() }
        while s.hasSuffix(".") { s.removeLast() }
        if s.hasSuffix("/"), let r = s.range(of: "://"), !s[r.upperBound...].dropLast().contains("/") { s.removeLast() }
        return s
    }
}
