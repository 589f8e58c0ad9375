/// A diagnostic as facts: which problem (`code`) and the values it names (`arguments`, by
/// placeholder name). DrillCore never words a problem for a reader; the catalogs do, per language,
/// under the key `diag.<code>` (docs/cli.md, "Language of the output").
///
/// Arguments the edge words itself: `what` (the part of the file, `DiagnosticWhat`), `kind`
/// (what was found instead, `mapping`/`list`/`text`/`value` with `value`), `suggestion` (a
/// "did you mean" word) and `known` (the names allowed).
public struct DiagnosticFact: Sendable, Hashable, Codable {
    public var code: DiagnosticCode
    public var arguments: [String: String]

    public init(_ code: DiagnosticCode, _ arguments: [String: String] = [:]) {
        self.code = code
        self.arguments = arguments
    }
}
