/// A fast reader for flat JSON objects whose values are strings, numbers, booleans, null or lists
/// of strings: the journal's event payloads and the clients' frequent frames (`submit`, `ping`).
/// Replaying a journal decodes every payload and the server reads every frame, and this is several
/// times faster than `JSONDecoder`. It is strict: it accepts only text `JSONDecoder` accepts too
/// (valid UTF-8, no raw control character in a string, JSON's number grammar) and returns nil for
/// everything else, including shapes it does not read (nested objects, arrays of non-strings);
/// callers then fall back to `JSONDecoder`, which gives the answer or the error.
package struct FlatJSON {
    package enum Value: Equatable {
        case string(String)
        /// A number written with a fraction or an exponent, or too large for `Int`.
        case number(Double)
        /// A number written as a plain integer that fits in `Int`.
        case integer(Int)
        case bool(Bool)
        case null
        case strings([String])
    }

    /// The fields in the order written, repeated keys included (`JSONDecoder` takes the first).
    /// Payloads and frames have a handful of fields: a list searched in order is cheaper than hashing.
    package private(set) var fields: [(key: String, value: Value)] = []

    package init?(_ raw: UnsafeRawBufferPointer) {
        guard let base = raw.baseAddress else { return nil }
        var parser = Parser(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: raw.count))
        guard let parsed = parser.object() else { return nil }
        fields = parsed
    }

    /// The first value under `key` (as `JSONDecoder` reads a repeated key).
    package subscript(key: String) -> Value? {
        for field in fields where field.key == key { return field.value }
        return nil
    }

    /// Whether every key is one of `known` and none is repeated.
    package func hasOnly(_ known: Set<String>) -> Bool {
        for (k, field) in fields.enumerated() {
            guard known.contains(field.key) else { return false }
            for earlier in fields[..<k] where earlier.key == field.key { return false }
        }
        return true
    }

    package func string(_ key: String) -> String? {
        if case .string(let s)? = self[key] { return s }
        return nil
    }

    /// Any number, as a `Double`.
    package func number(_ key: String) -> Double? {
        switch self[key] {
        case .number(let n)?: return n
        case .integer(let n)?: return Double(n)
        default: return nil
        }
    }

    /// A number written as a plain integer (`12`, `-3`), exactly; nil for `12.0` or `1e3`.
    package func integer(_ key: String) -> Int? {
        if case .integer(let n)? = self[key] { return n }
        return nil
    }

    package func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = self[key] { return b }
        return nil
    }

    package func strings(_ key: String) -> [String]? {
        if case .strings(let s)? = self[key] { return s }
        return nil
    }

    /// Absent and null read as `.some(nil)`, a string as `.some(s)`; any other kind of value is a
    /// mismatch (nil).
    package func optionalString(_ key: String) -> String?? {
        switch self[key] {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return .some(s)
        default: return nil
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func object() -> [(key: String, value: Value)]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            var out: [(key: String, value: Value)] = []
            out.reserveCapacity(6)
            if expect(UInt8(ascii: "}")) { return finished(out) }
            while true {
                skipSpace()
                guard let key = string(), expect(UInt8(ascii: ":")), let value = value() else { return nil }
                out.append((key, value))
                if expect(UInt8(ascii: ",")) { continue }
                guard expect(UInt8(ascii: "}")) else { return nil }
                return finished(out)
            }
        }

        mutating func finished(_ out: [(key: String, value: Value)]) -> [(key: String, value: Value)]? {
            skipSpace()
            return i == bytes.count ? out : nil
        }

        mutating func value() -> Value? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "["):
                i += 1
                var items: [String] = []
                if expect(UInt8(ascii: "]")) { return .strings(items) }
                while true {
                    skipSpace()
                    guard let s = string() else { return nil }
                    items.append(s)
                    if expect(UInt8(ascii: ",")) { continue }
                    guard expect(UInt8(ascii: "]")) else { return nil }
                    return .strings(items)
                }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        /// The digits 0-9 from `i` on; false when there is none.
        mutating func digits() -> Bool {
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i > start
        }

        /// A number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
        mutating func number() -> Value? {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
            } else {
                guard digits() else { return nil }
            }
            var integral = true
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                integral = false
                guard digits() else { return nil }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                integral = false
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() else { return nil }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if integral, let n = Int(text) { return .integer(n) }
            // `JSONDecoder` refuses a number too large for a `Double` ("1e400").
            guard let d = Double(text), d.isFinite else { return nil }
            return .number(d)
        }

        /// A JSON string at `i`, escapes decoded; nil for a raw control character, invalid UTF-8,
        /// an unknown escape or a lone surrogate (all of which `JSONDecoder` refuses).
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            var high: UInt8 = 0
            // Fast path: no escapes.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                guard bytes[i] >= 0x20 else { return nil }
                high |= bytes[i]
                i += 1
            }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
                guard high < 0x80 || Self.isValidUTF8(run) else { return nil }
                i += 1
                return String(decoding: run, as: UTF8.self)
            }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    guard high < 0x80 || out.withUnsafeBufferPointer(Self.isValidUTF8) else { return nil }
                    return String(decoding: out, as: UTF8.self)
                }
                guard c >= 0x20 else { return nil }
                if c != UInt8(ascii: "\\") { high |= c; out.append(c); i += 1; continue }
                i += 1
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { return nil }
                    guard let encoded = UTF8.encode(u) else { return nil }
                    out.append(contentsOf: encoded)
                default: return nil
                }
            }
            return nil
        }

        /// Whether `run` is well-formed UTF-8 (no stray continuation byte, overlong form,
        /// surrogate or truncated sequence).
        static func isValidUTF8(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
            var iterator = run.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}
