/// One problem found in a scenario, at a line and column of its file.
public struct Diagnostic: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based, counted in Unicode scalars.
    public var column: Int
    public var severity: Severity
    /// The problem in English, as `validate --format json` and logs show it.
    public var message: String
    /// What the problem is, as data: the edge renders it in the reader's language (DrillText's
    /// catalogs, key `diag.<code>`); nil for a message that has no code.
    public var fact: DiagnosticFact?

    public init(file: String, line: Int, column: Int, severity: Severity, message: String, fact: DiagnosticFact? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.fact = fact
    }

    /// `path:line:column: error: message`, the form editors and CI logs understand.
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
}
