import CYAML
import Foundation

/// A line and column in a source file, both counted from 1 (columns in characters).
public struct SourceMark: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A problem that stops a YAML document from being composed, with its position.
struct YAMLProblem: Equatable {
    var mark: SourceMark?
    var message: String
    var fact: DiagnosticFact?

    /// The same problem at the same place (its facts follow from its message).
    static func == (a: YAMLProblem, b: YAMLProblem) -> Bool { a.mark == b.mark && a.message == b.message }
}

/// Every problem that stopped a document from being composed.
struct YAMLProblems: Error {
    var all: [YAMLProblem]

    /// Each problem as an error of `file` (one with no position is put at its start).
    func diagnostics(file: String) -> [Diagnostic] {
        all.map { Diagnostic(file: file, line: $0.mark?.line ?? 1, column: $0.mark?.column ?? 1, severity: .error, message: $0.message, fact: $0.fact) }
    }
}

/// One YAML document composed from libyaml's events (the system's libyaml, module `CYAML`) into a
/// flat table of nodes.
///
/// Scenarios are read from this tree rather than a tree of enum values (such as Yams' `Node`, which
/// the loader once used): every scalar stays text (the
/// decoder interprets it), every node keeps its position, and the whole tree is three buffers, so
/// a 30,000-inject scenario composes in a fraction of the time and memory of a tree of enum values.
/// The composer writes straight into the buffers the document keeps (nothing is copied at the
/// end), and a scalar's text is kept as UTF-8 bytes in one buffer for the whole document: a
/// `String` is made only when the decoder asks for a value, and keys are compared as bytes.
/// Aliases point at the node their anchor named (no copies). Composition fails, with positions,
/// on YAML syntax errors, undefined aliases, repeated keys in a mapping, more than one document,
/// and nesting deeper than `maxDepth`.
final class YAMLDocument {
    enum Kind: UInt8 {
        case scalar, sequence, mapping
    }

    struct Entry {
        var kind: Kind
        /// A plain (unquoted) scalar: only those can be null.
        var plain: Bool
        var line: Int32
        var column: Int32
        /// For a sequence its items, for a mapping key, value, key, value…: where they start in
        /// `children`, and how many. For a scalar: where its UTF-8 text starts in `text`, and its
        /// length in bytes.
        var start: Int32 = 0
        var count: Int32 = 0
    }

    static let maxDepth = 64
    static let tooDeep = "nesting deeper than \(maxDepth) levels; a scenario never needs that"

    // Immutable once composed, and held in plain buffers: reading a node costs no exclusivity
    // check and no reference counting, which is most of the time of reading a large scenario.
    // They are fileprivate: only `YAMLNode`, which keeps the document alive, reads them.
    fileprivate let entries: UnsafeMutablePointer<Entry>
    /// The UTF-8 text of every scalar, one after the other (`Entry.start` and `count` find one).
    fileprivate let text: UnsafeMutablePointer<UInt8>
    fileprivate let children: UnsafeMutablePointer<Int32>
    let nodeCount: Int
    private let rootID: Int32

    /// The document's root node, nil when the stream holds no document. Every node keeps its
    /// document alive, so a node may outlive the variable its document was composed into.
    var root: YAMLNode? { rootID >= 0 ? YAMLNode(document: self, id: rootID) : nil }

    /// Takes the composer's buffers as they are (a 30,000-inject scenario has 2.5 million nodes:
    /// copying its tables would touch some 100 MB more).
    private init(taking composer: inout Composer) {
        nodeCount = composer.nodeCount  // before the table is taken, which empties it
        entries = composer.entries.take()
        text = composer.text.take()
        children = composer.children.take()
        rootID = composer.rootID
    }

    /// Whether node `id` is a scalar whose text is one of `words`, lengths first.
    fileprivate func isScalar(_ id: Int32, among words: [String]) -> Bool {
        let e = entries[Int(id)]
        guard e.kind == .scalar else { return false }
        let length = Int(e.count)
        for i in words.indices where words[i].utf8.count == length {
            if textEquals(start: e.start, count: e.count, words[i]) { return true }
        }
        return false
    }

    /// Whether the scalar text at `start` of `count` bytes is `word`.
    fileprivate func textEquals(start: Int32, count: Int32, _ word: String) -> Bool {
        // Lengths first (reading a String's length copies nothing): most words differ in it.
        guard word.utf8.count == Int(count) else { return false }
        var word = word
        return word.withUTF8 { w in
            guard w.count == Int(count), let base = w.baseAddress else { return w.count == Int(count) }
            return memcmp(text + Int(start), base, w.count) == 0
        }
    }

    deinit {
        entries.deallocate()
        text.deallocate()
        children.deallocate()
    }

    /// Composes the single document of `text`.
    static func compose(_ text: String) -> Result<YAMLDocument, YAMLProblems> {
        var text = text
        return text.withUTF8 { bytes in
            // libyaml's parser keeps pointers into itself: it lives at a fixed address.
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else {
                return .failure(YAMLProblems(all: [YAMLProblem(mark: nil, message: "out of memory reading the YAML", fact: DiagnosticFact(.yamlOutOfMemory))]))
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var composer = Composer(parser: parser, bytes: bytes)
            defer { composer.release() }
            if let problems = composer.run() { return .failure(YAMLProblems(all: problems)) }
            return .success(YAMLDocument(taking: &composer))
        }
    }

    /// A growing buffer of plain values that hands its memory over whole (`take`) instead of being
    /// copied: the composer's tables become the document's.
    private struct Table<Element: BitwiseCopyable> {
        private(set) var base: UnsafeMutablePointer<Element>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        mutating func append(_ element: Element) {
            if count == capacity { grow(to: count + 1) }
            (base + count).initialize(to: element)
            count += 1
        }

        mutating func append(_ elements: UnsafeBufferPointer<Element>) {
            if count + elements.count > capacity { grow(to: count + elements.count) }
            if let source = elements.baseAddress { (base + count).update(from: source, count: elements.count) }
            count += elements.count
        }

        subscript(i: Int) -> Element {
            get { base[i] }
            nonmutating set { base[i] = newValue }
        }

        private mutating func grow(to needed: Int) {
            let bigger = Swift.max(needed, capacity * 2)
            let new = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
            new.update(from: base, count: count)
            base.deallocate()
            base = new
            capacity = bigger
        }

        /// The buffer, now the caller's to deallocate; this table is left empty.
        mutating func take() -> UnsafeMutablePointer<Element> {
            let taken = base
            base = .allocate(capacity: 1)
            count = 0
            capacity = 1
            return taken
        }

        func release() { base.deallocate() }
    }

    /// Builds the tree event by event with an explicit stack, so no input can exhaust the call stack.
    private struct Composer {
        var entries: Table<Entry>
        var text: Table<UInt8>
        var children: Table<Int32>
        var nodeCount: Int { entries.count }
        var rootID: Int32 = -1
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let bytes: UnsafeBufferPointer<UInt8>
        /// Open collections: their entry and where their children start in `pending`.
        var open: [(id: Int32, firstChild: Int, anchor: String?)] = []
        var pending: [Int32] = []
        var anchors: [String: Int32] = [:]
        var problems: [YAMLProblem] = []
        var documents = 0

        init(parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>) {
            self.parser = parser
            self.bytes = bytes
            // About one node per 9 bytes of a scenario, and less scalar text than source text.
            entries = Table(capacity: bytes.count / 8)
            text = Table(capacity: bytes.count / 2)
            children = Table(capacity: bytes.count / 8)
        }

        /// Frees what was not taken by a document.
        func release() {
            entries.release()
            text.release()
            children.release()
        }

        /// Nil when the document composed; otherwise what stopped it.
        mutating func run() -> [YAMLProblem]? {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    return [syntaxProblem()]
                }
                defer { yaml_event_delete(&event) }
                let mark = SourceMark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return problems.isEmpty ? nil : problems
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return [YAMLProblem(mark: mark, message: "a second YAML document starts here; a scenario is one document (remove this '---' or what follows it)", fact: DiagnosticFact(.yamlSecondDocument))]
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    // Offsets are 32-bit: far more than a scenario's 24 MiB.
                    guard scalar.length < Int(Int32.max) - text.count else {
                        return [YAMLProblem(mark: nil, message: "out of memory reading the YAML", fact: DiagnosticFact(.yamlOutOfMemory))]
                    }
                    let start = Int32(text.count)
                    if scalar.length > 0, let value = scalar.value {
                        text.append(UnsafeBufferPointer(start: value, count: scalar.length))
                    }
                    let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE || scalar.style == YAML_ANY_SCALAR_STYLE
                    let id = append(Entry(kind: .scalar, plain: plain, line: Int32(clamping: mark.line), column: Int32(clamping: mark.column),
                                          start: start, count: Int32(scalar.length)))
                    if let anchor = Self.string(scalar.anchor) { anchors[anchor] = id }
                    attach(id)
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard let id = anchors[name] else {
                        return [YAMLProblem(mark: mark, message: "YAML syntax: the alias '*\(name)' names no anchor defined before it", fact: DiagnosticFact(.yamlAlias, ["name": name]))]
                    }
                    attach(id)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if open.count >= YAMLDocument.maxDepth {
                        return [YAMLProblem(mark: mark, message: YAMLDocument.tooDeep, fact: DiagnosticFact(.yamlTooDeep, ["max": String(YAMLDocument.maxDepth)]))]
                    }
                    let sequence = event.type == YAML_SEQUENCE_START_EVENT
                    let anchor = sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    let id = append(Entry(kind: sequence ? .sequence : .mapping, plain: false, line: Int32(clamping: mark.line), column: Int32(clamping: mark.column)))
                    open.append((id, pending.count, Self.string(anchor)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let (id, first, anchor) = open.popLast() else { continue }
                    let start = children.count
                    pending.withUnsafeBufferPointer { children.append(UnsafeBufferPointer(rebasing: $0[first...])) }
                    pending.removeSubrange(first...)
                    entries[Int(id)].start = Int32(start)
                    entries[Int(id)].count = Int32(children.count - start)
                    if event.type == YAML_MAPPING_END_EVENT { checkRepeatedKeys(of: id) }
                    if let anchor { anchors[anchor] = id }
                    attach(id)
                default:
                    continue
                }
            }
        }

        private mutating func append(_ entry: Entry) -> Int32 {
            entries.append(entry)
            return Int32(entries.count - 1)
        }

        /// The text of scalar `id`.
        private func string(_ id: Int) -> String {
            let e = entries[id]
            return String(decoding: UnsafeBufferPointer(start: text.base + Int(e.start), count: Int(e.count)), as: UTF8.self)
        }

        /// Whether scalars `a` and `b` hold the same text.
        private func sameText(_ a: Int, _ b: Int) -> Bool {
            let x = entries[a], y = entries[b]
            return x.count == y.count && memcmp(text.base + Int(x.start), text.base + Int(y.start), Int(x.count)) == 0
        }

        private mutating func attach(_ id: Int32) {
            if open.isEmpty {
                rootID = id
            } else {
                pending.append(id)
            }
        }

        /// Reports every key of a mapping written a second time, at the repeat.
        private mutating func checkRepeatedKeys(of id: Int32) {
            let entry = entries[Int(id)]
            let pairs = Int(entry.count) / 2
            guard pairs > 1 else { return }
            let start = Int(entry.start)
            // The key of pair k when it is a scalar.
            func key(_ k: Int) -> Int? {
                let key = Int(children[start + 2 * k])
                return entries[key].kind == .scalar ? key : nil
            }
            if pairs <= 16 {
                for k in 1..<pairs {
                    guard let later = key(k) else { continue }
                    for j in 0..<k {
                        if let earlier = key(j), sameText(earlier, later) {
                            report(repeat: later, of: earlier)
                            break
                        }
                    }
                }
            } else {
                // Keyed by the bytes, as the small mappings compare them: two spellings of the
                // same accented letter (composed, decomposed) are two keys at any size.
                var seen: [[UInt8]: Int] = [:]
                for k in 0..<pairs {
                    guard let later = key(k) else { continue }
                    let entry = entries[later]
                    let name = Array(UnsafeBufferPointer(start: text.base + Int(entry.start), count: Int(entry.count)))
                    if let earlier = seen[name] {
                        report(repeat: later, of: earlier)
                    } else {
                        seen[name] = later
                    }
                }
            }
        }

        private mutating func report(repeat later: Int, of earlier: Int) {
            let mark = SourceMark(line: Int(entries[later].line), column: Int(entries[later].column))
            let field = string(later)
            problems.append(YAMLProblem(mark: mark, message: "duplicate field '\(field)' in the same mapping (first set on line \(entries[earlier].line))",
                                        fact: DiagnosticFact(.yamlDuplicateField, ["field": field, "line": String(entries[earlier].line)])))
        }

        private func syntaxProblem() -> YAMLProblem {
            let p = parser.pointee
            let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
            switch p.error {
            case YAML_READER_ERROR:
                return YAMLProblem(mark: Self.mark(ofByte: p.problem_offset, in: bytes), message: "YAML reader: \(problem)", fact: DiagnosticFact(.yamlReader, ["problem": problem]))
            case YAML_MEMORY_ERROR:
                return YAMLProblem(mark: nil, message: "out of memory reading the YAML", fact: DiagnosticFact(.yamlOutOfMemory))
            default:
                let mark = SourceMark(line: p.problem_mark.line + 1, column: p.problem_mark.column + 1)
                if problem.hasPrefix("Maximum nesting level") {
                    // libyaml's own guard (1,000 levels) can fire before our stricter one.
                    return YAMLProblem(mark: mark, message: YAMLDocument.tooDeep, fact: DiagnosticFact(.yamlTooDeep, ["max": String(YAMLDocument.maxDepth)]))
                }
                let context = p.context.map { " (\(String(cString: $0)))" } ?? ""
                return YAMLProblem(mark: mark, message: "YAML syntax: \(problem)\(context)", fact: DiagnosticFact(.yamlSyntax, ["problem": problem, "context": context]))
            }
        }

        private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }

        /// Line and column (in characters) of a byte offset.
        static func mark(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceMark {
            var line = 1, column = 1
            for byte in bytes.prefix(offset) {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return SourceMark(line: line, column: column)
        }
    }

}

/// A node of a `YAMLDocument`: a scalar (always text), a sequence or a mapping.
///
/// A node holds its document (a strong reference): the document's buffers are freed only when
/// the last node of it is gone, so no node can read freed memory.
struct YAMLNode: Equatable {
    let document: YAMLDocument
    let id: Int32

    static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.id == b.id && a.document === b.document }

    var kind: YAMLDocument.Kind { document.entries[Int(id)].kind }
    var mark: SourceMark {
        let e = document.entries[Int(id)]
        return SourceMark(line: Int(e.line), column: Int(e.column))
    }

    /// The text of a scalar; nil for a collection.
    var scalar: String? {
        let e = document.entries[Int(id)]
        guard e.kind == .scalar else { return nil }
        return e.count == 0 ? "" : String(decoding: UnsafeBufferPointer(start: document.text + Int(e.start), count: Int(e.count)), as: UTF8.self)
    }

    /// Whether this is a scalar whose text is `word` (compared as UTF-8 bytes: no `String` is made).
    func isScalar(_ word: String) -> Bool {
        let e = document.entries[Int(id)]
        guard e.kind == .scalar else { return false }
        return document.textEquals(start: e.start, count: e.count, word)
    }

    /// Whether this is a scalar whose text is one of `words` (a mapping's key among the known
    /// fields), compared as UTF-8 bytes, lengths first: no `String` is made.
    func isScalar(among words: [String]) -> Bool {
        document.isScalar(id, among: words)
    }

    /// Whether the key of this mapping's pair `k` is a scalar among `words`: `pair(k).key.isScalar(among:)`
    /// without making the pair's two nodes (each of which retains and releases the document).
    func pairKey(_ k: Int, isAmong words: [String]) -> Bool {
        document.isScalar(document.children[Int(document.entries[Int(id)].start) + 2 * k], among: words)
    }

    var isSequence: Bool { kind == .sequence }
    var isMapping: Bool { kind == .mapping }

    /// A plain `~`, `null` or empty value.
    var isNull: Bool {
        let e = document.entries[Int(id)]
        guard e.kind == .scalar, e.plain else { return false }
        switch e.count {
        case 0: return true
        case 1: return document.text[Int(e.start)] == UInt8(ascii: "~")
        case 4: return document.textEquals(start: e.start, count: 4, "null") || document.textEquals(start: e.start, count: 4, "Null") || document.textEquals(start: e.start, count: 4, "NULL")
        default: return false
        }
    }

    /// What `kindDescription` says, as facts: `kind` (mapping, list, text or value) and `value`.
    var kindFact: [String: String] {
        let e = document.entries[Int(id)]
        switch e.kind {
        case .scalar: return e.plain ? ["kind": "value", "value": String((scalar ?? "").prefix(40))] : ["kind": "text"]
        case .mapping: return ["kind": "mapping"]
        case .sequence: return ["kind": "list"]
        }
    }

    var kindDescription: String {
        let e = document.entries[Int(id)]
        switch e.kind {
        case .scalar: return e.plain ? "the value '\((scalar ?? "").prefix(40))'" : "a text value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The items of a sequence (empty for anything else).
    var items: [YAMLNode] {
        let e = document.entries[Int(id)]
        guard e.kind == .sequence else { return [] }
        return (Int(e.start)..<Int(e.start + e.count)).map { YAMLNode(document: document, id: document.children[$0]) }
    }

    /// The number of key–value pairs of a mapping.
    var pairCount: Int {
        let e = document.entries[Int(id)]
        return e.kind == .mapping ? Int(e.count) / 2 : 0
    }

    /// The key and value of a mapping's pair `k`, in document order.
    func pair(_ k: Int) -> (key: YAMLNode, value: YAMLNode) {
        let start = Int(document.entries[Int(id)].start) + 2 * k
        return (YAMLNode(document: document, id: document.children[start]), YAMLNode(document: document, id: document.children[start + 1]))
    }

    /// The pairs of a mapping, in document order.
    var pairs: [(key: YAMLNode, value: YAMLNode)] { (0..<pairCount).map(pair) }

    /// The value of a mapping's key written as `key`; nil when absent or not a mapping.
    subscript(key: String) -> YAMLNode? {
        let e = document.entries[Int(id)]
        guard e.kind == .mapping else { return nil }
        // Lengths first: most keys a lookup passes differ in length (a task's fields are looked
        // up some twenty times each while it is read, most of them absent); then the bytes.
        // The key's bytes are fetched once for the whole walk.
        var key = key
        return key.withUTF8 { wanted in
            let length = Int32(wanted.count)
            var i = Int(e.start)
            let end = i + Int(e.count)
            while i < end {
                let k = document.entries[Int(document.children[i])]
                if k.count == length, k.kind == .scalar,
                   length == 0 || wanted.baseAddress.map({ memcmp(document.text + Int(k.start), $0, wanted.count) == 0 }) == true {
                    return YAMLNode(document: document, id: document.children[i + 1])
                }
                i += 2
            }
            return nil
        }
    }

    /// The node at a path, as deep as the path can be followed.
    func deepest(_ path: [PathStep]) -> YAMLNode {
        var node = self
        for step in path {
            switch step {
            case .key(let key):
                guard let next = node[key] else { return node }
                node = next
            case .index(let i):
                let e = document.entries[Int(node.id)]
                guard e.kind == .sequence, i >= 0, i < e.count else { return node }
                node = YAMLNode(document: document, id: document.children[Int(e.start) + i])
            }
        }
        return node
    }
}
