/// JSON text written by hand into one byte array, for the few hot messages where `JSONEncoder`
/// costs too much (the answer frames, scoreboards and the journal's `answerSubmitted` payload).
/// Strings are escaped exactly as `JSONEncoder` escapes them with `withoutEscapingSlashes`, so a
/// writer that puts keys in sorted order produces `JSONEncoder`'s `sortedKeys` bytes.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// Set by a non-finite number, which JSON cannot carry.
    public private(set) var failed = false
    private var needsComma = false

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func open() { comma(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma = true }

    /// A key and its colon; the value follows.
    public mutating func field(_ key: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    public mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
        comma()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// An integer in decimal, as `JSONEncoder` writes one.
    public mutating func int(_ n: Int64) { comma(); bytes.append(contentsOf: String(n).utf8); needsComma = true }

    public mutating func bool(_ b: Bool) { comma(); bytes.append(contentsOf: (b ? "true" : "false").utf8); needsComma = true }

    /// Swift's shortest text that reads back as the same `Double` ("0.1", "1e-05", "10.0"): all
    /// valid JSON numbers, though not always `JSONEncoder`'s spelling ("10" there).
    public mutating func double(_ d: Double) {
        comma()
        if d.isFinite { bytes.append(contentsOf: d.description.utf8) } else { failed = true; bytes.append(UInt8(ascii: "0")) }
        needsComma = true
    }

    /// A JSON string as `JSONEncoder` writes it: quote and backslash escaped, control characters
    /// as `\b \t \n \f \r` or `\u00xx` (lowercase hex), everything else (`/`, DEL, non-ASCII) as its
    /// UTF-8 bytes.
    public mutating func string(_ s: String) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (k, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<k]))
                escape(b)
                start = k + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func escape(_ b: UInt8) {
        let backslash = UInt8(ascii: "\\")
        switch b {
        case UInt8(ascii: "\""), backslash: bytes.append(contentsOf: [backslash, b])
        case 0x08: bytes.append(contentsOf: [backslash, UInt8(ascii: "b")])
        case 0x09: bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case 0x0A: bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case 0x0C: bytes.append(contentsOf: [backslash, UInt8(ascii: "f")])
        case 0x0D: bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 0xF)]])
        }
    }

    private mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
