import DrillText
import DrillWire
import Foundation

/// What a team console shows for an artifact it cannot show as text: its size, SHA-256 and how to
/// get the file. The words of this view live here, in one place.
enum ArtifactNotice {
    /// Where a remote team downloads from: the server's HTTP(S) address and the WebSocket one.
    struct Server: Sendable, Hashable {
        /// `http://host:port` or `https://host:port`.
        var http: String
        /// The address `join` connects to.
        var webSocket: String

        /// From the WebSocket address a client uses: `ws` becomes `http`, `wss` becomes `https`.
        init?(webSocket url: String) {
            guard var components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
                  scheme == "ws" || scheme == "wss" else { return nil }
            components.scheme = scheme == "wss" ? "https" : "http"
            components.path = ""
            components.query = nil
            guard let http = components.string else { return nil }
            self.http = http
            webSocket = url
        }
    }

    /// Fetched over the network, not text (or too large to show): how to download it.
    static func remote(_ artifact: ArtifactInfo, inject: String, server: Server?, texts t: Texts = .english) -> String {
        var lines = facts(artifact)
        lines.append("")
        guard let server else {
            lines.append(t(.artifactAskWhiteCell))
            return lines.joined(separator: "\n")
        }
        let url = server.http + Wire.artifactPath(inject: inject, name: artifact.name)
        lines += [
            t(.artifactDownload),
            "",
            "  curl -fo \(shellQuoted(artifact.name)) -H \"Authorization: Bearer $TOKEN\" \\",
            "    \(shellQuoted(url))",
            "",
            t(.artifactSaveAll),
            "",
            "  cyberdrill join \(server.webSocket) --token \"$TOKEN\" --artifacts DIR",
        ]
        if let sha = artifact.sha256 { lines += ["", t(.artifactCheck, ["file": shellQuoted(artifact.name), "sha": sha])] }
        return lines.joined(separator: "\n")
    }

    /// In a local exercise: where the file is on this machine.
    static func local(_ artifact: ArtifactInfo, path: String, texts t: Texts = .english) -> String {
        (facts(artifact) + ["", t(.artifactNotText), "", "  \(path)"]).joined(separator: "\n")
    }

    /// Still on its way.
    static func fetching(_ artifact: ArtifactInfo, texts t: Texts = .english) -> String {
        t(.artifactFetching, ["name": artifact.name])
    }

    private static func facts(_ artifact: ArtifactInfo) -> [String] {
        var lines = [artifact.name + (artifact.description.isEmpty ? "" : " — \(artifact.description)")]
        var what: [String] = []
        if let type = artifact.mediaType { what.append(type) }
        if let size = artifact.size { what.append(byteCount(size)) }
        if !what.isEmpty { lines.append(what.joined(separator: ", ")) }
        if let sha = artifact.sha256 { lines.append("SHA-256 \(sha)") }
        return lines
    }

    static func byteCount(_ size: Int64) -> String {
        if size < 1024 { return "\(size) bytes" }
        let units = ["KiB", "MiB", "GiB"]
        var value = Double(size) / 1024, unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(format: "%.1f %@ (%lld bytes)", value, units[unit], size)
    }

    /// A POSIX shell word: single quotes, with `'` written as `'\''`.
    static func shellQuoted(_ text: String) -> String {
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-._/:%+=@".unicodeScalars.contains($0) }) {
            return text
        }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
