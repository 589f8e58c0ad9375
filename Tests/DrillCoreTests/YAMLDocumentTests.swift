import DrillTestSupport
@testable import DrillCore
import Foundation
import Testing
import Yams

/// The scenario loader composes its own node tree from libyaml's events; Yams' `compose`, which
/// reads the same events into its own tree, is the reference it must agree with.
@Suite("YAML composer")
struct YAMLDocumentTests {
    static let repository = TestPackage.root

    static func bundledScenarios() throws -> [String] {
        let folder = repository.appendingPathComponent("scenarios")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Whether our node and Yams' node hold the same shape, texts and positions; a description of
    /// the first difference otherwise.
    static func difference(_ ours: YAMLNode, _ theirs: Yams.Node, budget: inout Int) -> String? {
        budget -= 1
        guard budget > 0 else { return nil }
        let mark = theirs.mark.map { SourceMark(line: $0.line, column: $0.column) }
        if ours.mark != mark { return "mark \(ours.mark) ≠ \(String(describing: mark))" }
        switch theirs {
        case .scalar(let scalar):
            guard ours.scalar == scalar.string else { return "scalar \(String(describing: ours.scalar)) ≠ \(scalar.string) at \(ours.mark)" }
            let plain = scalar.style == .plain || scalar.style == .any
            let null = plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            return ours.isNull == null ? nil : "null-ness at \(ours.mark)"
        case .sequence(let sequence):
            guard ours.isSequence, ours.items.count == sequence.count else { return "sequence at \(ours.mark)" }
            for (a, b) in zip(ours.items, sequence) {
                if let d = difference(a, b, budget: &budget) { return d }
            }
            return nil
        case .mapping(let mapping):
            guard ours.isMapping, ours.pairCount == mapping.count else { return "mapping at \(ours.mark)" }
            for (a, b) in zip(ours.pairs, mapping) {
                if let d = difference(a.key, b.key, budget: &budget) ?? difference(a.value, b.value, budget: &budget) { return d }
            }
            return nil
        case .alias:
            return "Yams left an alias unresolved"
        }
    }

    /// Composes `text` both ways and compares; nil when both agree (including both refusing it).
    static func disagreement(_ text: String) -> String? {
        let theirs = Result { try Yams.compose(yaml: text, .basic) }
        switch (YAMLDocument.compose(text), theirs) {
        case (.success(let document), .success(let node?)):
            guard let root = document.root else { return "we found no document, Yams did" }
            var budget = 200_000
            return withExtendedLifetime(document) { difference(root, node, budget: &budget) }
        case (.success(let document), .success(nil)):
            return document.root == nil ? nil : "we found a document, Yams did not"
        case (.failure, .failure):
            return nil
        case (.failure(let problems), .success):
            return "we refused what Yams read: \(problems.all.map(\.message))"
        case (.success, .failure(let error)):
            return "we read what Yams refused: \(error)"
        }
    }

    @Test func agreesWithYamsOnEveryBundledScenario() throws {
        let scenarios = try Self.bundledScenarios()
        #expect(scenarios.count >= 6)
        for text in scenarios {
            #expect(Self.disagreement(text) == nil)
        }
    }

    @Test func agreesWithYamsOnTheGeneratedScenario() {
        #expect(Self.disagreement(ScenarioGenerator.yaml(injects: 300, teams: 12)) == nil)
    }

    @Test func agreesWithYamsOnAnchorsBlockScalarsAndFlowStyles() {
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

    @Test func agreesWithYamsOnMutatedScenarios() {
        var rng = SeededGenerator(seed: 11)
        var disagreements: [String] = []
        for _ in 0..<1500 {
            let bytes = Fixture.mutated(edits: 4, using: &rng)
            let text = String(decoding: bytes, as: UTF8.self)
            // Repeated keys are refused by both, with different wording; anything else must agree.
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

    @Test func aDocumentOfCommentsHasNoRoot() throws {
        #expect(try YAMLDocument.compose("# nothing here\n").get().root == nil)
    }
}
