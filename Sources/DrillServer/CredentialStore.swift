import DrillCore
import DrillWire
import Foundation

/// The hashes of every token of an exercise, kept in `<journal>.auth` (JSON, mode 0600) beside
/// the journal. Checking a token hashes it and compares the hash with every stored one in
/// constant time, so neither a match nor its position shows in the timing.
public struct CredentialStore: Sendable {
    public private(set) var credentials: [Credential]
    /// Digests as bytes, parallel to `credentials`.
    private var digests: [[UInt8]]

    public init(_ credentials: [Credential]) {
        self.credentials = credentials
        digests = credentials.map { Self.bytes(hex: $0.sha256) }
    }

    /// The identity a presented token stands for, if any.
    public func identity(for token: String) -> Identity? {
        let presented = Credential.digest(token)
        var found = -1
        for (k, digest) in digests.enumerated() {
            var difference: UInt8 = digest.count == presented.count ? 0 : 1
            for i in 0..<min(digest.count, presented.count) { difference |= digest[i] ^ presented[i] }
            // Branch-free selection: no early exit, the same work whatever matched.
            let match = Int(truncatingIfNeeded: (Int(difference) - 1) >> 8) & 1
            found = match == 1 ? k : found
        }
        return found >= 0 ? credentials[found].identity : nil
    }

    public func contains(_ identity: Identity) -> Bool {
        credentials.contains { $0.role == identity.role && $0.id == identity.id }
    }

    public mutating func add(_ credential: Credential) {
        credentials.append(credential)
        digests.append(Self.bytes(hex: credential.sha256))
    }

    private static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let a = iterator.next(), let b = iterator.next() {
            guard let high = Self.nibble(a), let low = Self.nibble(b) else { return [] }
            out.append(high << 4 | low)
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Reading and writing the credential file and the token file beside a journal.
public enum CredentialFiles {
    /// `<journal>.auth`: the hashes the server checks tokens against.
    public static func authPath(journal: String) -> String { journal + ".auth" }
    /// `<journal>.tokens`: the tokens themselves, for the facilitator to hand out.
    public static func tokensPath(journal: String) -> String { journal + ".tokens" }

    struct AuthFile: Codable {
        var format = "cyberdrill-auth/1"
        /// The scenario digest of the journal these credentials belong to.
        var scenarioDigest: String
        var credentials: [Credential]
    }

    struct TokensFile: Codable {
        var journal: String
        var note = "Secret. Give each team only its own token; delete this file once they are handed out (the server keeps only hashes)."
        var tokens: [IssuedToken]
    }

    public enum Problem: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, String)
        case otherExercise(String)

        public var description: String {
            switch self {
            case .missing(let path):
                "\(path) is missing: the tokens of this exercise cannot be checked; restore it, or issue new tokens with --new-tokens (the old ones stop working)"
            case .unreadable(let path, let why):
                "\(path) cannot be read (\(why)); restore it, or issue new tokens with --new-tokens"
            case .otherExercise(let path):
                "\(path) belongs to another exercise (its scenario digest differs from the journal's); remove it or issue new tokens with --new-tokens"
            }
        }
    }

    public static func load(journal: String, scenarioDigest: String) throws -> CredentialStore {
        let path = authPath(journal: journal)
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem.missing(path) }
        let file: AuthFile
        do { file = try JSONDecoder().decode(AuthFile.self, from: data) } catch { throw Problem.unreadable(path, "\(error)") }
        guard file.scenarioDigest == scenarioDigest else { throw Problem.otherExercise(path) }
        return CredentialStore(file.credentials)
    }

    /// Writes both files (0600, atomically): the hashes of every credential, and the tokens issued now
    /// added to those still listed in the token file.
    public static func save(journal: String, scenarioDigest: String, store: CredentialStore, issued: [IssuedToken]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try writePrivate(try encoder.encode(AuthFile(scenarioDigest: scenarioDigest, credentials: store.credentials)),
                         to: authPath(journal: journal))
        guard !issued.isEmpty else { return }
        let tokensPath = tokensPath(journal: journal)
        var tokens = (FileManager.default.contents(atPath: tokensPath)).flatMap { try? JSONDecoder().decode(TokensFile.self, from: $0) }?.tokens ?? []
        tokens.removeAll { old in issued.contains { $0.role == old.role && $0.id == old.id } }
        tokens += issued
        try writePrivate(try encoder.encode(TokensFile(journal: journal, tokens: tokens)), to: tokensPath)
    }

    /// Reads the token file (tests, benchmarks and scripts use it to join).
    public static func issuedTokens(journal: String) throws -> [IssuedToken] {
        let path = tokensPath(journal: journal)
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem.missing(path) }
        return try JSONDecoder().decode(TokensFile.self, from: data).tokens
    }

    /// Writes a file readable by its owner only from its first byte, replacing the old one in one
    /// step (`PrivateFile`).
    static func writePrivate(_ data: Data, to path: String) throws {
        try PrivateFile.write(data, to: path)
    }
}
