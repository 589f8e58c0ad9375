import DrillTestSupport
@testable import DrillCore
import DrillFixtures
import Foundation
import Testing

/// The scenario loader composes its own node tree from libyaml's events; libyaml's own composer
/// (`yaml_parser_load`, `LibyamlReference`), which reads the same events into its own tree, is the
/// reference it must agree with.
@Suite("YAML composer")
struct YAMLDocumentTests {
    static let repository = TestPackage.root

    static func bundledScenarios() throws -> [String] {
        let folder = repository.appendingPathComponent("scenarios")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Whether our node and libyaml's node `theirs` hold the same shape, texts and positions; a
    /// description of the first difference otherwise.
    static func difference(_ ours: YAMLNode, _ theirs: Int32, in reference: LibyamlReference, budget: inout Int) -> String? {
        budget -= 1
        guard budget > 0 else { return nil }
        let node = reference[theirs]
        let mark = SourceMark(line: node.line, column: node.column)
        if ours.mark != mark { return "mark \(ours.mark) ≠ \(mark)" }
        switch node.content {
        case .scalar(let text, let plain):
            guard ours.scalar == text else { return "scalar \(String(describing: ours.scalar)) ≠ \(text) at \(ours.mark)" }
            let null = plain && ["", "~", "null", "Null", "NULL"].contains(text)
            return ours.isNull == null ? nil : "null-ness at \(ours.mark)"
        case .sequence(let items):
            guard ours.isSequence, ours.items.count == items.count else { return "sequence at \(ours.mark)" }
            for (a, b) in zip(ours.items, items) {
                if let d = difference(a, b, in: reference, budget: &budget) { return d }
            }
            return nil
        case .mapping(let pairs):
            guard ours.isMapping, ours.pairCount == pairs.count else { return "mapping at \(ours.mark)" }
            for (a, b) in zip(ours.pairs, pairs) {
                if let d = difference(a.key, b.key, in: reference, budget: &budget) ?? difference(a.value, b.value, in: reference, budget: &budget) { return d }
            }
            return nil
        }
    }

    /// Composes `text` both ways and compares; nil when both agree (including both refusing it).
    static func disagreement(_ text: String) -> String? {
        switch (YAMLDocument.compose(text), LibyamlReference.compose(text)) {
        case (.success(let document), .success(let reference?)):
            guard let root = document.root, let referenceRoot = reference.rootIndex else { return "we found no document, libyaml did" }
            var budget = 200_000
            return difference(root, referenceRoot, in: reference, budget: &budget)
        case (.success(let document), .success(nil)):
            return document.root == nil ? nil : "we found a document, libyaml did not"
        case (.failure, .failure):
            return nil
        case (.failure(let problems), .success):
            return "we refused what libyaml read: \(problems.all.map(\.message))"
        case (.success, .failure(let refusal)):
            return "we read what libyaml refused: \(refusal)"
        }
    }

    @Test func agreesWithLibyamlOnEveryBundledScenario() throws {
        let scenarios = try Self.bundledScenarios()
        #expect(scenarios.count >= 6)
        for text in scenarios {
            #expect(Self.disagreement(text) == nil)
        }
    }

    @Test func agreesWithLibyamlOnTheGeneratedScenario() {
        #expect(Self.disagreement(ScenarioGenerator.yaml(injects: 300, teams: 12)) == nil)
    }

    @Test func agreesWithLibyamlOnAnchorsBlockScalarsAndFlowStyles() {
        let text = """
        base: &base {points: 10, due: 15m}
        list: [a, 'b', "c\\td", ~, null, '', "null"]
        again: *base
        folded: >
          one
          two
        literal: |
          line 1
            line 2
        ? [complex, key]
        : value
        chinese: 勒索软件攻击
        arabic: هجوم فدية
        """
        #expect(Self.disagreement(text) == nil)
    }

    @Test func agreesWithLibyamlOnMutatedScenarios() {
        var rng = SeededGenerator(seed: 11)
        var disagreements: [String] = []
        for _ in 0..<1500 {
            let bytes = Fixture.mutated(edits: 4, using: &rng)
            let text = String(decoding: bytes, as: UTF8.self)
            // Repeated keys are refused by us only (libyaml keeps both); anything else must agree.
            if let d = Self.disagreement(text), !d.contains("duplicate field") { disagreements.append(d) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }

    @Test func everyRepeatedKeyIsReportedWhereItIsRepeated() {
        let text = "a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n"
        guard case .failure(let problems) = YAMLDocument.compose(text) else {
            Issue.record("repeated keys were accepted")
            return
        }
        #expect(problems.all == [
            YAMLProblem(mark: SourceMark(line: 6, column: 3), message: "duplicate field 'x' in the same mapping (first set on line 5)"),
            YAMLProblem(mark: SourceMark(line: 3, column: 1), message: "duplicate field 'a' in the same mapping (first set on line 1)"),
        ])
    }

    @Test func repeatedKeysInLargeMappingsAreFoundToo() {
        let keys = (0..<40).map { "k\($0): \($0)" } + ["k7: again"]
        guard case .failure(let problems) = YAMLDocument.compose(keys.joined(separator: "\n")) else {
            Issue.record("repeated keys were accepted")
            return
        }
        #expect(problems.all.map(\.message) == ["duplicate field 'k7' in the same mapping (first set on line 8)"])
        #expect(problems.all.first?.mark == SourceMark(line: 41, column: 1))
    }

    @Test func aliasesNameTheirAnchorsNode() throws {
        let document = try YAMLDocument.compose("a: &x [1, 2]\nb: *x\n").get()
        let root = try #require(document.root)
        #expect(root["a"] == root["b"])
        #expect(root["b"]?.items.compactMap(\.scalar) == ["1", "2"])
    }

    @Test(arguments: [
        ("a: *nowhere\n", "1:4: YAML syntax: the alias '*nowhere' names no anchor defined before it"),
        ("a: 1\n---\nb: 2\n", "2:1: a second YAML document starts here; a scenario is one document (remove this '---' or what follows it)"),
        ("a: 1\nb: \u{1}\n", "2:4: YAML reader: control characters are not allowed"),
        ("a: [1, 2\n", "2:1: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence)"),
        ("x: " + String(repeating: "[", count: 70), "1:67: nesting deeper than 64 levels; a scenario never needs that"),
    ])
    func problemsCarryTheirPosition(text: String, expected: String) {
        guard case .failure(let problems) = YAMLDocument.compose(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(problems.all.map { "\($0.mark.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message)" } == [expected])
    }

    /// A node used to point at its document `unowned(unsafe)`: one that outlived the document read
    /// freed memory. Now it keeps the document alive, and the document goes with its last node.
    @Test func aNodeKeepsItsDocumentAlive() throws {
        weak var weakDocument: YAMLDocument?
        var node: YAMLNode? = try {
            let document = try YAMLDocument.compose("a: [x, 'y']\n").get()
            weakDocument = document
            return try #require(document.root?["a"])
        }()
        #expect(weakDocument != nil, "the document was freed while a node of it was held")
        #expect(node?.items.compactMap(\.scalar) == ["x", "y"])
        #expect(node?.items.last?.mark == SourceMark(line: 1, column: 8))
        node = nil
        #expect(weakDocument == nil, "the document outlived its last node")
    }

    @Test func aDocumentOfCommentsHasNoRoot() throws {
        #expect(try YAMLDocument.compose("# nothing here\n").get().root == nil)
    }

    // The document keeps scalar texts as UTF-8 bytes in one buffer and compares keys as bytes
    // (load19): these pin what a lookup, a text and a null are.

    @Test func keysAreFoundInAnyOrderAndOnlyWhenEqual() throws {
        let document = try YAMLDocument.compose("ab: 1\nba: 2\nabc: 3\na: 4\n'': 5\n\"é\": 6\n[x]: 7\nab c: 8\n").get()
        let root = try #require(document.root)
        for (key, value) in [("ab c", "8"), ("é", "6"), ("", "5"), ("a", "4"), ("abc", "3"), ("ba", "2"), ("ab", "1")] {
            #expect(root[key]?.scalar == value, "key '\(key)'")
        }
        for missing in ["b", "abcd", "AB", "e", "x", "[x]", "ab "] {
            #expect(root[missing] == nil, "key '\(missing)'")
        }
        #expect(root.pair(6).key.isSequence)
        #expect(root.pair(0).key.isScalar("ab") && !root.pair(0).key.isScalar("ba") && !root.pair(0).key.isScalar("abc"))
        #expect(!root.isScalar("ab"), "a mapping is no scalar")
        // A sequence or a scalar has no keys.
        #expect(root["ab"]?["ab"] == nil)
    }

    @Test func longAndMultibyteScalarsKeepEveryByte() throws {
        let long = String(repeating: "ä日😀x", count: 40_000)
        let text = "a: \"\(long)\"\nb: |\n  line one\n  ligne deux é\nc: \"tab\\there \\u00e9 \\U0001F600\"\nd: plain   words\n"
        let document = try YAMLDocument.compose(text).get()
        let root = try #require(document.root)
        #expect(root["a"]?.scalar == long)
        #expect(root["a"]?.isScalar(long) == true)
        #expect(root["b"]?.scalar == "line one\nligne deux é\n")
        #expect(root["c"]?.scalar == "tab\there é 😀")
        #expect(root["d"]?.scalar == "plain   words")
        #expect(root.scalar == nil)
    }

    @Test func tablesGrowPastTheirFirstGuess() throws {
        // One node for every two bytes: more nodes than the composer first makes room for.
        let items = (0..<20_000).map { String($0 % 10) }
        let document = try YAMLDocument.compose("[" + items.joined(separator: ",") + "]").get()
        #expect(document.nodeCount == 20_001)
        #expect(try #require(document.root).items.map { $0.scalar ?? "?" } == items)
    }

    @Test func nullIsAPlainEmptyTildeOrNull() throws {
        let document = try YAMLDocument.compose("-\n- ~\n- null\n- Null\n- NULL\n- ''\n- \"~\"\n- 'null'\n- nulL\n- ~~\n- nulls\n- 0\n").get()
        let items = try #require(document.root).items
        #expect(items.map(\.isNull) == [true, true, true, true, true, false, false, false, false, false, false, false])
    }

    @Test func repeatedKeysAreComparedByTheirWholeText() {
        // Same length, other bytes: no repeat; the same text quoted and plain: a repeat.
        let text = "ab: 1\nba: 2\n'ab': 3\n\"é\": 4\n\"\\u00e9\": 5\n"
        guard case .failure(let problems) = YAMLDocument.compose(text) else {
            Issue.record("repeated keys were accepted")
            return
        }
        #expect(problems.all.map(\.message) == ["duplicate field 'ab' in the same mapping (first set on line 1)",
                                                "duplicate field 'é' in the same mapping (first set on line 4)"])
    }

    /// A small mapping compares keys pair by pair, a large one through a table: both by their
    /// bytes, so a composed é (U+00E9) and a decomposed one (e, U+0301) are two keys at any size,
    /// and the same key twice is a repeat at any size.
    @Test(arguments: [2, 40])
    func keysAreTheSameBytesAtAnySize(pairs: Int) {
        let filler = (0..<pairs).map { "k\($0): \($0)\n" }.joined()
        let distinct = filler + "\"caf\u{E9}\": 1\n\"cafe\u{301}\": 2\n"
        guard case .success = YAMLDocument.compose(distinct) else {
            Issue.record("two spellings of café were taken for one key with \(pairs) other pairs")
            return
        }
        guard case .failure(let problems) = YAMLDocument.compose(distinct + "\"caf\u{E9}\": 3\n") else {
            Issue.record("café written twice was accepted with \(pairs) other pairs")
            return
        }
        #expect(problems.all.map(\.message) == ["duplicate field 'caf\u{E9}' in the same mapping (first set on line \(pairs + 1))"])
    }
}
