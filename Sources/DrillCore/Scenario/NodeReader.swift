/// A step into a YAML document: a mapping key or a sequence index.
enum PathStep: Hashable {
    case key(String)
    case index(Int)
}

/// Reads YAML nodes into values while collecting every problem with its line and column,
/// instead of stopping at the first one the way `Decodable` does.
final class NodeReader {
    let file: String
    /// The problems found, each once, at most `maximumDiagnostics` of them.
    private(set) var diagnostics: [Diagnostic] = []
    /// Problems already listed: a node reached many times through aliases reports once.
    private var listed = Set<Diagnostic>()
    /// Hashes of the distinct problems past the cap, to count them without keeping them.
    private var unlisted = Set<Int>()
    /// Bounds the work on documents that expand through aliases.
    private var budget = NodeReader.maximumExpandedNodes
    private var initialBudget = NodeReader.maximumExpandedNodes
    private var writtenNodes: Int?
    private var budgetReported = false

    /// How many problems are listed; the rest are counted in one closing line.
    static let maximumDiagnostics = 1_000
    /// The most collection and scalar nodes read, aliases expanded.
    static let maximumExpandedNodes = 5_000_000
    /// Aliases may expand a document to this many times the nodes written in it (or to
    /// `minimumExpansionBudget`, whichever is more): shared templates, not a billion laughs.
    static let maximumExpansionFactor = 50
    static let minimumExpansionBudget = 200_000

    init(file: String) {
        self.file = file
    }

    /// Bounds the nodes read to what a document of `nodes` written nodes can reasonably expand to.
    func limitExpansion(writtenNodes nodes: Int) {
        let limit = min(Self.maximumExpandedNodes, max(Self.minimumExpansionBudget, nodes.multipliedReportingOverflow(by: Self.maximumExpansionFactor).partialValue))
        budget = limit
        initialBudget = limit
        writtenNodes = nodes
    }

    /// The diagnostics sorted by position, then one line counting those past the cap.
    var finishedDiagnostics: [Diagnostic] {
        var out = diagnostics.sorted()
        if !unlisted.isEmpty {
            out.append(Diagnostic(file: file, line: 0, column: 0, severity: .error,
                                  message: "and \(unlisted.count) more problems; only the first \(Self.maximumDiagnostics) are listed",
                                  fact: DiagnosticFact(.tooManyProblems, ["n": String(unlisted.count), "max": String(Self.maximumDiagnostics)])))
        }
        return out
    }

    // MARK: Reporting

    /// An error known only by its English message (no fact: every reader sees it in English).
    func error(_ message: String, at node: YAMLNode?) {
        report(.error, message, at: node?.mark)
    }

    /// An error: its code and arguments (nil: no fact), and its English message.
    func error(_ code: DiagnosticCode, _ arguments: [String: String]?, _ message: String, at node: YAMLNode?) {
        report(.error, message, fact: arguments.map { DiagnosticFact(code, $0) }, at: node?.mark)
    }

    func warning(_ code: DiagnosticCode, _ arguments: [String: String]?, _ message: String, at node: YAMLNode?) {
        report(.warning, message, fact: arguments.map { DiagnosticFact(code, $0) }, at: node?.mark)
    }

    func report(_ severity: Diagnostic.Severity, _ message: String, fact: DiagnosticFact? = nil, at mark: SourceMark?) {
        let diagnostic = Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: severity, message: message, fact: fact)
        // Past the expansion limit, reading stops part way: what it would say then is noise.
        guard !listed.contains(diagnostic), !budgetReported else { return }
        if diagnostics.count < Self.maximumDiagnostics {
            listed.insert(diagnostic)
            diagnostics.append(diagnostic)
        } else {
            unlisted.insert(diagnostic.hashValue)
        }
    }

    /// Counts a node visited; false once the document is too large to read.
    func spend(_ node: YAMLNode) -> Bool {
        budget -= 1
        if budget >= 0 { return true }
        if !budgetReported {
            defer { budgetReported = true }
            let written = writtenNodes.map { " from \($0) written in the file" } ?? ""
            error(.aliasExpansion, writtenNodes.map { ["budget": String(initialBudget), "written": String($0), "factor": String(Self.maximumExpansionFactor), "max": String(Self.maximumExpandedNodes)] } ?? ["budget": String(initialBudget), "factor": String(Self.maximumExpansionFactor), "max": String(Self.maximumExpandedNodes)], "the document expands through aliases to more than \(initialBudget) nodes\(written); a scenario may reuse anchors, but not expand to more than \(Self.maximumExpansionFactor) times its size (at most \(Self.maximumExpandedNodes) nodes)", at: node)
        }
        return false
    }

    // MARK: Shapes

    /// A mapping whose fields are all among `allowed`: reports unknown fields (with a suggestion) and
    /// missing required ones, and returns the mapping for lookups by field name.
    func fields(of node: YAMLNode, _ what: String, allowed: [String], required: [String] = []) -> YAMLNode? {
        guard spend(node) else { return nil }
        guard node.isMapping else {
            error(.notMapping, ["what": what].merging(node.kindFact) { a, _ in a }, "\(what) must be a mapping of fields, not \(node.kindDescription)", at: node)
            return nil
        }
        for k in 0..<node.pairCount {
            // The common case, a known field, is decided on the key's bytes, with no String and
            // no node made.
            if node.pairKey(k, isAmong: allowed) { continue }
            let key = node.pair(k).key
            guard let name = key.scalar else {
                error(.fieldNamesPlain, ["what": what], "field names in \(what) must be plain words", at: key)
                continue
            }
            if !allowed.contains(name) {
                // `answer: 2,5` in `{ … }`: the comma ended the entry, and `5` became a field.
                if k > 0, !name.isEmpty, name.allSatisfy(\.isASCIIDigit), node.pair(k).value.isNull,
                   let previous = node.pair(k - 1).value.scalar, let last = previous.last, last.isASCIIDigit,
                   previous.allSatisfy({ $0.isASCIIDigit || $0 == "-" || $0 == "+" || $0 == "." }) {
                    error(.unknownFieldComma, ["name": name, "what": what, "previous": previous], "unknown field '\(name)' in \(what); for the number \(previous),\(name) write \(previous).\(name): in a flow mapping { … } a comma separates entries", at: key)
                    continue
                }
                let hint = Suggestion.closest(to: name, among: allowed).map { "; did you mean '\($0)'?" } ?? "; known fields: \(allowed.joined(separator: ", "))"
                error(.unknownField, Suggestion.closest(to: name, among: allowed).map { ["name": name, "what": what, "suggestion": $0] } ?? ["name": name, "what": what, "known": allowed.joined(separator: ", ")], "unknown field '\(name)' in \(what)\(hint)", at: key)
            }
        }
        for name in required {
            if let present = node[name] {
                if present.isNull { error(.needsValue, ["name": name, "what": what], "'\(name)' in \(what) needs a value", at: present) }
            } else {
                error(.missingField, ["what": what, "name": name], "\(what) is missing the required field '\(name)'", at: node)
            }
        }
        return node
    }

    /// The items of a sequence (a missing or null node is an empty list).
    func items(of node: YAMLNode?, _ what: String) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        guard spend(node) else { return [] }
        guard node.isSequence else {
            error(.notList, ["what": what].merging(node.kindFact) { a, _ in a }, "\(what) must be a list, not \(node.kindDescription)", at: node)
            return []
        }
        return node.items
    }

    // MARK: Scalars

    func string(_ node: YAMLNode?, _ what: String) -> String? {
        string(node, describedBy: { what })
    }

    /// `string`, with the description built only when there is a problem to report.
    private func string(_ node: YAMLNode?, describedBy what: () -> String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard spend(node) else { return nil }
        guard let text = node.scalar else {
            let what = what()
            error(.notSingle, ["what": what].merging(node.kindFact) { a, _ in a }, "\(what) must be a single value, not \(node.kindDescription)", at: node)
            return nil
        }
        return text
    }

    func strings(_ node: YAMLNode?, _ what: String) -> [String] {
        items(of: node, what).compactMap { string($0, describedBy: { "each item of \(what)" }) }
    }

    func number(_ node: YAMLNode?, _ what: String) -> Double? {
        guard let text = string(node, what) else { return nil }
        guard let value = Double(text.trimmingSpaces), value.isFinite else {
            error(.notNumber, ["what": what, "text": text], "\(what) must be a number, not '\(text)'", at: node)
            return nil
        }
        return value
    }

    func integer(_ node: YAMLNode?, _ what: String) -> Int? {
        guard let text = string(node, what) else { return nil }
        guard let value = Int(text.trimmingSpaces) else {
            error(.notWhole, ["what": what, "text": text], "\(what) must be a whole number, not '\(text)'", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(.notBool, ["what": what, "text": text], "\(what) must be true or false, not '\(text)'", at: node)
            return nil
        }
    }

    func duration(_ node: YAMLNode?, _ what: String) -> Millis? {
        guard let text = string(node, what) else { return nil }
        guard let value = DurationText.parse(text) else {
            error(.notDuration, ["what": what, "text": text], "\(what) '\(text)' is not a duration; write it like 90s, 15m, 1h30m or 01:30:00", at: node)
            return nil
        }
        return value
    }

    /// A value among a closed set, reported with the list of valid ones.
    func choice<E: RawRepresentable & CaseIterable>(_ node: YAMLNode?, _ what: String, as: E.Type) -> E? where E.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = E(rawValue: text) ?? E(rawValue: text.lowercased()) { return value }
        let names = E.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: text.lowercased(), among: names).map { "; did you mean '\($0)'?" } ?? ""
        error(.notChoice, Suggestion.closest(to: text.lowercased(), among: names).map { ["what": what, "text": text, "names": names.joined(separator: ", "), "suggestion": $0] } ?? ["what": what, "text": text, "names": names.joined(separator: ", ")], "\(what) '\(text)' is not one of \(names.joined(separator: ", "))\(hint)", at: node)
        return nil
    }
}

/// "Did you mean" suggestions by edit distance.
enum Suggestion {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = word.count <= 3 ? 1 : min(3, max(2, word.count / 3))
        let scored = candidates.sorted().map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

