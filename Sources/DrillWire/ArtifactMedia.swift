/// An artifact's media type, decided by its name's extension (the same on every server and
/// client), and whether a console can show it as text.
public enum ArtifactMedia {
    /// Extensions (lowercase, without the dot) and their media types.
    public static let types: [String: String] = [
        "txt": "text/plain; charset=utf-8", "log": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
        "json": "application/json", "ndjson": "application/x-ndjson", "jsonl": "application/x-ndjson",
        "xml": "application/xml", "yaml": "application/yaml", "yml": "application/yaml",
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "eml": "message/rfc822", "msg": "application/vnd.ms-outlook",
        "pcap": "application/vnd.tcpdump.pcap", "pcapng": "application/octet-stream", "cap": "application/vnd.tcpdump.pcap",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip", "tar": "application/x-tar",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml",
        "evtx": "application/octet-stream", "bin": "application/octet-stream", "exe": "application/octet-stream",
    ]

    /// The media type of a file named `name`; `application/octet-stream` when the extension is unknown.
    public static func type(forName name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        return types[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    /// Whether a file of this media type is text a console may show (if its bytes are UTF-8).
    public static func isText(_ mediaType: String) -> Bool {
        let bare = mediaType.split(separator: ";").first.map { String($0).lowercased() } ?? ""
        return bare.hasPrefix("text/") || ["application/json", "application/x-ndjson", "application/xml", "application/yaml",
                                           "message/rfc822"].contains(bare)
    }

    /// Whether `bytes` can be shown as text: valid UTF-8 without NUL or other control characters
    /// than tab, line feed, carriage return and form feed.
    public static func looksLikeText(_ bytes: some Collection<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { return false }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
