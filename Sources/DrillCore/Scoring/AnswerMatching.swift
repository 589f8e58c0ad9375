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

    public init(_ kind: TaskKind) {
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
            let chosen = Set(values.map { AnswerMatching.key($0, .caseless) }.filter { !$0.isEmpty })
            let right = chosen.intersection(answers).count, wrong = chosen.subtracting(answers).count
            if !multiple { return Evaluation(credit: chosen == answers ? 1 : 0, falseItems: wrong) }
            if chosen == answers { return Evaluation(credit: 1) }
            guard partial, !answers.isEmpty else { return Evaluation(credit: 0, falseItems: wrong) }
            return Evaluation(credit: max(0, Double(right - wrong) / Double(answers.count)), falseItems: wrong)
        case .number(let answer, let tolerance):
            guard let first = values.first, let x = AnswerMatching.number(first) else { return Evaluation(credit: 0) }
            return Evaluation(credit: abs(x - answer) <= tolerance + 1e-9 ? 1 : 0)
        case .indicators(let accepted):
            let given = Set(AnswerMatching.indicatorItems(values).map(AnswerMatching.indicatorKey))
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

    /// A number as people type it: `12`, `12.0`, `12 %`, `1,5`, `1 234,5`, `１２`, `-3`.
    public static func number(_ text: String) -> Double? {
        var s = text.precomposedStringWithCompatibilityMapping.trimmingSpaces
        for suffix in ["%", "percent", "pct"] where s.lowercased().hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count)).trimmingSpaces
        }
        s = s.filter { !$0.isWhitespace && $0 != "_" && $0 != "'" }
        let commas = s.count { $0 == "," }, dots = s.count { $0 == "." }
        if commas == 1 && dots == 0 {
            s = s.replacingOccurrences(of: ",", with: ".")          // 1,5 → 1.5
        } else if commas >= 1 && dots == 1, let c = s.lastIndex(of: ","), let d = s.firstIndex(of: "."), c < d {
            s = s.replacingOccurrences(of: ",", with: "")           // 1,234.5
        } else if dots >= 1 && commas == 1, let c = s.firstIndex(of: ","), let d = s.lastIndex(of: "."), d < c {
            s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")  // 1.234,5
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(s), value.isFinite else { return nil }
        return value
    }

    /// Splits an indicator answer into items: one per line, or separated by commas, semicolons or
    /// any white space, full-width and Arabic and ideographic commas included (`，` `；` `、` `،`).
    public static func indicatorItems(_ values: [String]) -> [String] {
        values.flatMap { $0.split(whereSeparator: { $0.isWhitespace || separators.contains($0) }) }
            .map(String.init)
            .filter { !$0.trimmingSpaces.isEmpty }
    }

    private static let separators: Set<Character> = [",", ";", "，", "；", "、", "،", "؛"]

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
