import DrillCore
import DrillText
import DrillJournal
import DrillWire
import Foundation

/// What the consoles of a local exercise show for each artifact, read once from the files next to
/// the scenario: a text file's text (at most 1 MiB), or for any other file its size, SHA-256 and
/// path. A file whose real path leaves the scenario's folder is not read.
struct ArtifactTexts: Sendable {
    private var texts: [String: String] = [:]

    init(scenario: Scenario, directory: String, language: Language = .en) {
        let folder = ArtifactTexts.realPath(directory) ?? directory
        for inject in scenario.injects {
            for artifact in inject.artifacts {
                let path = artifact.path.hasPrefix("/") ? artifact.path : directory + "/" + artifact.path
                guard let real = Self.realPath(path), real.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else { continue }
                let mediaType = ArtifactMedia.type(forName: artifact.name)
                if ArtifactMedia.isText(mediaType), let data = Self.read(real, limit: 1 << 20).map(Self.wholeCharacters),
                   ArtifactMedia.looksLikeText(data) {
                    var text = String(decoding: data, as: UTF8.self)
                    if data.count >= (1 << 20) - 4 { text += "\n… (cut at 1024 KiB)" }
                    texts["\(inject.id)/\(artifact.name)"] = text
                } else if let (size, sha256) = try? ArtifactCatalog.hash(real) {
                    let info = ArtifactInfo(name: artifact.name, description: artifact.description, size: size, sha256: sha256, mediaType: mediaType)
                    texts["\(inject.id)/\(artifact.name)"] = ArtifactNotice.local(info, path: real, texts: Texts(language))
                }
            }
        }
    }

    func text(inject: String, artifact: String) -> String? { texts["\(inject)/\(artifact)"] }

    /// Up to `limit` bytes of a file, nil when it cannot be read.
    static func read(_ path: String, limit: Int) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.read(upToCount: limit) ?? Data()
    }

    /// Without a UTF-8 sequence cut at the end (a file read up to a limit).
    static func wholeCharacters(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var k = bytes.count - 1, continuation = 0
        while k >= 0, continuation < 3, bytes[k] & 0xC0 == 0x80 { k -= 1; continuation += 1 }
        guard k >= 0 else { return data }
        let lead = bytes[k]
        let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return needed > continuation + 1 ? Data(bytes[..<k]) : data
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
