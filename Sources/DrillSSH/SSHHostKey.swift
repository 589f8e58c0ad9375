import Crypto
import DrillCore
import Foundation
import NIOSSH
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SSH server's Ed25519 host key, kept beside the journal (`<journal>.ssh-host-key`, mode
/// 0600): made on the first `serve --ssh`, read again on every restart, so that teams who
/// checked its fingerprint once are never asked to trust another key.
///
/// The file holds one line, `cyberdrill-ssh-host-key/1 ed25519 <base64 of the 32-byte seed>`.
public struct SSHHostKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// The key NIOSSH signs with.
    public var privateKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: key) }

    /// The public key as OpenSSH writes it in `known_hosts`: `ssh-ed25519 AAAA…`.
    public var openSSHPublicKey: String { String(openSSHPublicKey: privateKey.publicKey) }

    /// The fingerprint OpenSSH shows (`ssh-keygen -lf`, the first-connection prompt):
    /// `SHA256:` and the unpadded base64 of the SHA-256 of the public key's wire-format blob.
    public var fingerprint: String {
        let parts = openSSHPublicKey.split(separator: " ")
        let blob = parts.count > 1 ? Data(base64Encoded: String(parts[1])) ?? Data() : Data()
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// `<journal>.ssh-host-key`.
    public static func path(journal: String) -> String { journal + ".ssh-host-key" }

    static let header = "cyberdrill-ssh-host-key/1 ed25519 "

    public enum Problem: Error, CustomStringConvertible {
        case unreadable(String, String)
        case unwritable(String, String)

        public var description: String {
            switch self {
            case .unreadable(let path, let why):
                "\(path) is not a host key this server can read (\(why)); restore it, or remove it to make a new one (teams will then see a new fingerprint)"
            case .unwritable(let path, let why):
                "cannot write the SSH host key \(path): \(why)"
            }
        }
    }

    /// The key in `path`, or a new one written there. `created` says which.
    public static func loadOrCreate(at path: String) throws -> (key: SSHHostKey, created: Bool) {
        if let data = FileManager.default.contents(atPath: path) {
            return (try read(data, path: path), false)
        }
        if FileManager.default.fileExists(atPath: path) { throw Problem.unreadable(path, "permission denied") }
        let key = SSHHostKey(key: Curve25519.Signing.PrivateKey())
        try key.store(at: path)
        return (key, true)
    }

    static func read(_ data: Data, path: String) throws -> SSHHostKey {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(header) else { throw Problem.unreadable(path, "it does not start with \(header.trimmingCharacters(in: .whitespaces))") }
        guard let seed = Data(base64Encoded: String(text.dropFirst(header.count))), seed.count == 32 else {
            throw Problem.unreadable(path, "the key is not 32 bytes of base64")
        }
        do {
            return SSHHostKey(key: try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
        } catch {
            throw Problem.unreadable(path, "\(error)")
        }
    }

    /// Writes the key readable by its owner only from the first byte (`PrivateFile`: a new file
    /// opened with O_CREAT|O_EXCL and mode 0600, written, synced, then renamed into place).
    func store(at path: String) throws {
        do {
            try PrivateFile.write(Array((Self.header + key.rawRepresentation.base64EncodedString() + "\n").utf8), to: path)
        } catch let failure as PrivateFile.Failure {
            throw Problem.unwritable(path, failure.reason)
        }
    }
}
