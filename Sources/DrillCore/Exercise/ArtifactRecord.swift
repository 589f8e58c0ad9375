/// What the journal keeps of one artifact file: which inject hands it out, under which name, and
/// the size and SHA-256 of its bytes when the exercise was created. The bytes are read and hashed
/// at the edge (the journal and the commands); the engine only keeps these facts.
public struct ArtifactRecord: Sendable, Hashable, Codable {
    public var inject: String
    /// The name teams see and download it under.
    public var name: String
    /// The path in the scenario, relative to the scenario file.
    public var path: String
    /// Bytes.
    public var size: Int64
    /// SHA-256 of the bytes, lowercase hex.
    public var sha256: String

    public init(inject: String, name: String, path: String, size: Int64, sha256: String) {
        self.inject = inject
        self.name = name
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}
