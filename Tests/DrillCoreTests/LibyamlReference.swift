import CYAML

/// libyaml's own composer (`yaml_parser_load`, its loader.c) over the same system library that
/// `YAMLDocument` reads events from: the reference tree the composer is checked against.
///
/// The test executable links exactly one libyaml (the system's); no second copy of its symbols
/// (such as the one Yams compiles) may come in beside it.
final class LibyamlReference {
    /// Why libyaml refused a text.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// A node of libyaml's document: what the comparison needs of it.
    struct Node {
        enum Content {
            case scalar(String, plain: Bool)
            case sequence([Int32])
            case mapping([(key: Int32, value: Int32)])
        }

        var content: Content
        /// 1-based, like `SourceMark`.
        var line: Int
        var column: Int
    }

    /// Node `i` is `nodes[i - 1]`, as libyaml numbers them.
    private(set) var nodes: [Node] = []
    let rootIndex: Int32?

    /// Composes the single document of `text`; nil when the stream holds no document. Refuses,
    /// as `YAMLDocument` does, a stream with a second document.
    static func compose(_ text: String) -> Result<LibyamlReference?, Refusal> {
        var text = text
        return text.withUTF8 { bytes in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return .failure(Refusal(description: "out of memory")) }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            let first: LibyamlReference
            switch load(parser) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let document): first = document
            }
            guard first.rootIndex != nil else { return .success(nil) }
            switch load(parser) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let second) where second.rootIndex != nil: return .failure(Refusal(description: "a second document"))
            case .success: return .success(first)
            }
        }
    }

    private static func load(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Result<LibyamlReference, Refusal> {
        let document = UnsafeMutablePointer<yaml_document_t>.allocate(capacity: 1)
        defer { document.deallocate() }
        guard yaml_parser_load(parser, document) == 1 else {
            let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
            return .failure(Refusal(description: "libyaml: \(problem) at \(parser.pointee.problem_mark.line + 1):\(parser.pointee.problem_mark.column + 1)"))
        }
        defer { yaml_document_delete(document) }
        return .success(LibyamlReference(document))
    }

    private init(_ document: UnsafeMutablePointer<yaml_document_t>) {
        rootIndex = yaml_document_get_root_node(document) == nil ? nil : 1
        var index: Int32 = 1
        while let node = yaml_document_get_node(document, index) {
            let n = node.pointee
            let content: Node.Content
            switch n.type {
            case YAML_SCALAR_NODE:
                let s = n.data.scalar
                let text = s.length == 0 ? "" : String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                content = .scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE || s.style == YAML_ANY_SCALAR_STYLE)
            case YAML_SEQUENCE_NODE:
                let items = n.data.sequence.items
                content = .sequence(Array(UnsafeBufferPointer(start: items.start, count: Self.count(items.start, items.top))))
            default:
                let pairs = n.data.mapping.pairs
                content = .mapping(UnsafeBufferPointer(start: pairs.start, count: Self.count(pairs.start, pairs.top)).map { ($0.key, $0.value) })
            }
            nodes.append(Node(content: content, line: n.start_mark.line + 1, column: n.start_mark.column + 1))
            index += 1
        }
    }

    /// The number of elements of one of libyaml's stacks.
    private static func count<T>(_ start: UnsafeMutablePointer<T>?, _ top: UnsafeMutablePointer<T>?) -> Int {
        guard let start, let top else { return 0 }
        return start.distance(to: top)
    }

    subscript(index: Int32) -> Node { nodes[Int(index) - 1] }
}
