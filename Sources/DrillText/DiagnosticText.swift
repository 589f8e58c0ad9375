import DrillCore

extension Texts {
    /// A scenario's or roster's problem as `path:line:column: error: message`: the severity word
    /// stays English so editors and CI parsers still match it; the message is in the language.
    public func diagnostic(_ d: Diagnostic) -> String {
        "\(d.file):\(d.line):\(d.column): \(d.severity.rawValue): \(diagnosticMessage(d))"
    }

    /// The message of a diagnostic in the language (its English text when it has no typed code).
    public func diagnosticMessage(_ d: Diagnostic) -> String {
        d.message
    }
}
