import Foundation

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
        load(decoded: SourceText.decode(bytes), path: path)
    }

    private func load(decoded: Result<String, SourceText.Failure>, path: String) -> ScenarioLoad {
        switch decoded {
        case .failure(.problem(let line, let column, let message, let fact)):
            return ScenarioLoad(scenario: nil, diagnostics: [Diagnostic(file: path, line: line, column: column, severity: .error, message: message, fact: fact)], source: "")
        case .success(let text):
            return load(text: text, path: path)
        }
    }

    /// The largest scenario source, in bytes (24 MiB: 30,000 injects of about 740 bytes, the size
    /// of a two-day exercise). The journal stores the source in its first row, whose payload
    /// holds at most 64 MiB; JSON escaping at most doubles the source (a YAML file carries no
    /// control character but tab, line feed and carriage return), so a scenario that validates
    /// can always be journaled.
    public static let maximumSourceBytes = 24 << 20

    static func tooLarge(_ bytes: Int, path: String) -> ScenarioLoad {
        ScenarioLoad(scenario: nil, diagnostics: [Diagnostic(
            file: path, line: 0, column: 0, severity: .error,
            message: "the scenario has \(bytes) bytes; a scenario holds at most \(maximumSourceBytes) (24 MiB), because the journal stores it whole in its first row. Move large material into artifact files",
            fact: DiagnosticFact(.scenarioTooLarge, ["bytes": String(bytes), "max": String(maximumSourceBytes)]))],
                     source: "")
    }

    /// Loads scenario text as if read from `path`.
    public func load(text: String, path: String) -> ScenarioLoad {
        guard text.utf8.count <= Self.maximumSourceBytes else { return Self.tooLarge(text.utf8.count, path: path) }
        let reader = NodeReader(file: path)
        let document: YAMLDocument
        switch YAMLDocument.compose(text) {
        case .failure(let problems):
            return ScenarioLoad(scenario: nil, diagnostics: problems.diagnostics(file: path).sorted(), source: text)
        case .success(let composed):
            document = composed
        }
        reader.limitExpansion(writtenNodes: document.nodeCount)
        guard let root = document.root else {
            reader.report(.error, "the file holds no YAML document; a scenario starts with 'format: cyberdrill/1'", fact: DiagnosticFact(.noDocument), at: nil)
            return ScenarioLoad(scenario: nil, diagnostics: reader.finishedDiagnostics, source: text)
        }
        let decoder = ScenarioDecoder(reader: reader)
        guard let (scenario, nodes) = decoder.scenario(from: root) else {
            return ScenarioLoad(scenario: nil, diagnostics: reader.finishedDiagnostics, source: text)
        }
        let directory = (path as NSString).deletingLastPathComponent
        ScenarioValidator(scenario: scenario, nodes: nodes, root: root, reader: reader,
                          baseDirectory: directory, fileExists: fileExists).run()
        let diagnostics = reader.finishedDiagnostics
        return ScenarioLoad(scenario: diagnostics.hasErrors ? nil : scenario, diagnostics: diagnostics, source: text)
    }
}

extension ScenarioLoader {
    /// A loader that looks at the real file system.
    public static let fileSystem = ScenarioLoader { FileManager.default.fileExists(atPath: $0) }

    /// Reads and loads a scenario file; an unreadable file becomes a diagnostic too.
    public func load(contentsOf path: String) -> ScenarioLoad {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue,
           size > Self.maximumSourceBytes {
            return Self.tooLarge(size, path: path)
        }
        let decoded: Result<String, SourceText.Failure>
        do {
            // The file's bytes live only until they are decoded: a large scenario is not held
            // three times over (file, bytes, text) while it is composed and checked.
            guard let data = FileManager.default.contents(atPath: path) else {
                let exists = FileManager.default.fileExists(atPath: path)
                let reason = exists ? "cannot be read (permissions? a folder?)" : "does not exist"
                return ScenarioLoad(scenario: nil, diagnostics: [Diagnostic(file: path, line: 0, column: 0, severity: .error, message: "the file \(reason)",
                                                                            fact: DiagnosticFact(exists ? .fileUnreadable : .fileMissing))], source: "")
            }
            decoded = SourceText.decode([UInt8](data))
        }
        return load(decoded: decoded, path: path)
    }
}
