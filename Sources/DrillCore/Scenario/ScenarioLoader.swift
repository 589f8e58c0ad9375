import Foundation
import Yams

/// The outcome of loading a scenario file: the scenario when it has no errors, and every diagnostic.
public struct ScenarioLoad: Sendable {
    public var scenario: Scenario?
    /// Sorted by position.
    public var diagnostics: [Diagnostic]
    /// The exact text that was read (journals embed it).
    public var source: String

    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// Loads and validates `cyberdrill/1` scenarios. Whatever the bytes, it returns diagnostics and never traps.
public struct ScenarioLoader: Sendable {
    /// Answers whether a file exists at a path; injected so that tests and hosts choose the file system.
    public var fileExists: @Sendable (String) -> Bool

    public init(fileExists: @escaping @Sendable (String) -> Bool) {
        self.fileExists = fileExists
    }

    /// Loads scenario bytes read from `path`; artifacts are looked up relative to `path`'s folder.
    public func load(bytes: [UInt8], path: String) -> ScenarioLoad {
        let text: String
        switch SourceText.decode(bytes) {
        case .failure(.problem(let line, let column, let message)):
            return ScenarioLoad(scenario: nil, diagnostics: [Diagnostic(file: path, line: line, column: column, severity: .error, message: message)], source: "")
        case .success(let t):
            text = t
        }
        return load(text: text, path: path)
    }

    /// Loads scenario text as if read from `path`.
    public func load(text: String, path: String) -> ScenarioLoad {
        let reader = NodeReader(file: path)
        let root: Node
        do {
            // The basic resolver: every scalar stays text (the decoder interprets it), which spares
            // Yams a regular-expression match per scalar.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                reader.report(.error, "the file holds no YAML document; a scenario starts with 'format: cyberdrill/1'", at: nil)
                return ScenarioLoad(scenario: nil, diagnostics: reader.diagnostics, source: text)
            }
            root = node
        } catch {
            let (mark, message) = Self.describe(error)
            reader.report(.error, message, at: mark)
            return ScenarioLoad(scenario: nil, diagnostics: reader.diagnostics, source: text)
        }
        let decoder = ScenarioDecoder(reader: reader)
        guard let (scenario, nodes) = decoder.scenario(from: root) else {
            return ScenarioLoad(scenario: nil, diagnostics: reader.diagnostics.sorted(), source: text)
        }
        let directory = (path as NSString).deletingLastPathComponent
        ScenarioValidator(scenario: scenario, nodes: nodes, root: root, reader: reader,
                          baseDirectory: directory, fileExists: fileExists).run()
        let diagnostics = reader.diagnostics.sorted()
        return ScenarioLoad(scenario: diagnostics.hasErrors ? nil : scenario, diagnostics: diagnostics, source: text)
    }

    /// Position and sentence for a YAML syntax error.
    static func describe(_ error: Error) -> (Mark?, String) {
        guard let yaml = error as? YamlError else { return (nil, "cannot read the YAML: \(error)") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return (mark, "YAML syntax: \(problem)\(detail)")
        case .reader(let problem, _, _, _):
            return (nil, "YAML reader: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark, "duplicate field \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in the same mapping")
        default:
            return (nil, "cannot read the YAML: \(yaml)")
        }
    }
}

extension ScenarioLoader {
    /// A loader that looks at the real file system.
    public static let fileSystem = ScenarioLoader { FileManager.default.fileExists(atPath: $0) }

    /// Reads and loads a scenario file; an unreadable file becomes a diagnostic too.
    public func load(contentsOf path: String) -> ScenarioLoad {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions? a folder?)" : "does not exist"
            return ScenarioLoad(scenario: nil, diagnostics: [Diagnostic(file: path, line: 0, column: 0, severity: .error, message: "the file \(reason)")], source: "")
        }
        return load(bytes: [UInt8](data), path: path)
    }
}
