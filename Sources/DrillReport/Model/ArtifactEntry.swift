import DrillCore

/// An artifact file handed out with an inject, as the journal recorded it when the exercise was
/// created: what a team received can be checked against it (`sha256sum`).
public struct ArtifactEntry: Sendable, Hashable, Codable {
    public var inject: String
    public var name: String
    /// Bytes.
    public var size: Int64
    /// SHA-256 of the file, lowercase hex.
    public var sha256: String

    /// The artifacts the audience may know of: every one for a regional report, the ones whose
    /// inject reached the team for a team report; names redacted as all scenario text.
    static func all(_ context: ReportContext) -> [ArtifactEntry] {
        let records = context.input.artifacts ?? []
        return records.compactMap { record in
            if let team = context.options.team {
                guard let position = context.state.index.injectPosition[record.inject],
                      context.state.teams[team]?.released[position] != nil else { return nil }
            }
            return ArtifactEntry(inject: record.inject, name: context.text(record.name), size: record.size, sha256: record.sha256)
        }
    }
}
