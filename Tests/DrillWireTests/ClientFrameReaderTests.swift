import DrillCore
@testable import DrillWire
import Foundation
import Testing

/// The fast reader of client frames must give exactly what `JSONDecoder` gives, and leave to it
/// everything it does not fully understand, so that errors and their `ref` are as before.
@Suite("Client frames read without JSONDecoder decode as JSONDecoder does")
struct ClientFrameReaderTests {
    /// Strings with quotes, backslashes, control characters, non-ASCII, emoji, `/`, a decomposed
    /// accent (equal to the precomposed one under `==`, so bytes are compared too).
    static let awkward = [
        "", "s1", "say \"hi\" \\ back\\", "line\nbreak\r\ttab\u{08}\u{0C}", "bell\u{07} nul\u{00} esc\u{1B}[31m us\u{1F} del\u{7F}",
        "Äbçdé ñ 中文 العربية русский", "emoji 🚨🔥👩🏽‍💻 flag 🇫🇷", "slash / and </script>", "\u{2028}\u{2029}\u{FEFF}", "e\u{301}",
        "203.0.113.66", String(repeating: "r", count: 128),
    ]

    /// Canonical text of a frame, to compare two frames' strings byte for byte.
    static let sorted = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func fast(_ bytes: Data) -> ClientFrame? { bytes.withUnsafeBytes(ClientFrameReader.frame) }

    /// Read by the fast reader, equal to `JSONDecoder`'s frame, down to the bytes of every string.
    static func expectReadFast(_ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let fast = try #require(Self.fast(bytes), "declined: \(text)", sourceLocation: sourceLocation)
        let decoded = try WireCoding.decodedClient(bytes).get()
        #expect(fast == decoded, "\(text)", sourceLocation: sourceLocation)
        #expect(try sorted.encode(fast) == sorted.encode(decoded), "\(text)", sourceLocation: sourceLocation)
        #expect(WireCoding.decodeClient(bytes) == .success(decoded), sourceLocation: sourceLocation)
    }

    static func frames() -> [ClientFrame] {
        var frames: [ClientFrame] = []
        for (k, text) in awkward.enumerated() {
            let ref: String? = k % 3 == 0 ? nil : text
            let task = TaskRef(inject: "I\(text.replacingOccurrences(of: ".", with: ""))", task: "c\(k)")
            frames += [
                ClientFrame(.submit(.init(submission: text.isEmpty ? "s" : text, task: task, values: [text])), ref: ref),
                ClientFrame(.submit(.init(submission: "s\(k)", task: task, values: [])), ref: ref),
                ClientFrame(.submit(.init(submission: "s\(k)", task: task, values: [text, "two", text + text])), ref: ref),
                ClientFrame(.ping, ref: ref), ClientFrame(.scores, ref: ref), ClientFrame(.read(inject: text), ref: ref),
                ClientFrame(.hint(task: task, hint: [0, 1, -1, Int.max, Int.min][k % 5]), ref: ref),
            ]
        }
        for bare: ClientMessage in [.status, .scenario, .start, .pause, .resume, .end, .openFeedback] {
            frames += [ClientFrame(bare), ClientFrame(bare, ref: "r")]
        }
        return frames
    }

    @Test func framesAsJSONEncoderWritesThemAreReadFast() throws {
        let frames = Self.frames()
        #expect(frames.count == Self.awkward.count * 7 + 14)
        for frame in frames {
            let bytes = try WireCoding.encode(frame)
            try Self.expectReadFast(bytes)
            #expect(Self.fast(bytes) == frame)
        }
    }

    /// Other spellings of the same frames: what clients other than ours may send.
    @Test func otherSpellingsAreReadFast() throws {
        let texts = [
            // The load generator's frame, exactly.
            #"{"v":1,"type":"submit","submission":"cirt-7-42","task":"I01.c2","values":["wrong 42"]}"#,
            // Keys in any order, white space everywhere JSON allows it, a single value as a string.
            " \t\r\n{ \"values\" : \"203.0.113.66\" ,\n\"task\":\"I01.c2\",\t\"submission\":\"s\" , \"type\" : \"submit\", \"v\" : 1 } \n",
            #"{"ref":null,"v":1,"type":"ping"}"#, #"{"v":1,"type":"ping","ref":""}"#, #"{"type":"ping","v":1}"#,
            // Escapes of every kind, a surrogate pair, `\/`, upper- and lowercase hex.
            #"{"v":1,"type":"submit","ref":"\"\\\/\b\f\n\r\t","submission":"\u00e9\u00C9\u4e2d\u0627","task":"I\u002ec","values":["\ud83d\ude00","\uD83C\uDDEB\uD83C\uDDF7","\u0000\u001f","a\/b"]}"#,
            // A key spelt with an escape is the same key for JSONDecoder.
            #"{"v":1,"t\u0079pe":"read","inject":"I01"}"#,
            // Raw UTF-8 of 2, 3 and 4 bytes.
            #"{"v":1,"type":"read","inject":"é中😀","ref":"ع"}"#,
            #"{"v":1,"type":"hint","task":"I01.c2","hint":0}"#, #"{"v":1,"type":"hint","task":"I01.c2","hint":-0}"#,
            #"{"v":1,"type":"hint","task":"I01.c2","hint":9223372036854775807}"#,
            #"{"v":1,"type":"hint","task":"I01.c2","hint":-9223372036854775808}"#,
            #"{"v":1,"type":"submit","submission":"s","task":"a.b","values":[]}"#,
            "{\"v\":1,\"type\":\"ping\",\"ref\":\"\(String(repeating: "é", count: 64))\"}",
        ]
        for text in texts { try Self.expectReadFast(Data(text.utf8)) }
    }

    /// Frames the fast reader declines: `decodeClient` gives exactly what `JSONDecoder` gives,
    /// success (unknown keys, numbers spelt otherwise) or the same error.
    @Test func whatItDoesNotUnderstandIsLeftToJSONDecoder() throws {
        let ping = #"{"v":1,"type":"ping""#
        let submit = #"{"v":1,"type":"submit","submission":"s","task":"I01.c2""#
        var texts = [
            // Not JSON, not an object, truncated, trailing text.
            "", " ", "not json", "[1,2]", "{", ping, ping + "}x", ping + "}}", "\u{FEFF}" + ping + "}", "null", #""ping""#,
            // Version and type.
            #"{"type":"ping"}"#, #"{"v":2,"type":"ping"}"#, #"{"v":"1","type":"ping"}"#, #"{"v":1.0,"type":"ping"}"#,
            #"{"v":1e0,"type":"ping"}"#, #"{"v":01,"type":"ping"}"#, #"{"v":+1,"type":"ping"}"#, #"{"v":null,"type":"ping"}"#,
            #"{"v":true,"type":"ping"}"#, #"{"v":1}"#, #"{"v":1,"type":7}"#, #"{"v":1,"type":"launchMissiles"}"#,
            #"{"v":1,"type":"hello","token":"t"}"#, #"{"v":1,"type":"note","text":"n"}"#,
            // `ref`: too long (129 bytes, and 65 two-byte characters), of another kind.
            ping + #","ref":"\#(String(repeating: "r", count: 129))"}"#, ping + #","ref":"\#(String(repeating: "é", count: 65))"}"#,
            ping + #","ref":7}"#, ping + #","ref":["r"]}"#, ping + #","ref":{"a":"b"}}"#,
            // Unknown and repeated keys (JSONDecoder ignores the first and takes the first of the second).
            ping + #","extra":1}"#, ping + #","extra":{"a":[1]}}"#, ping + #","v":2}"#, #"{"v":1,"v":1,"type":"ping"}"#,
            ping + #","ref":"a","ref":"b"}"#, submit + #","values":["x"],"team":"cirt-b"}"#, submit + #","values":"x","values":["y"]}"#,
            // Fields missing or of the wrong kind.
            submit + "}", submit + #","values":null}"#, submit + #","values":7}"#, submit + #","values":[1]}"#,
            submit + #","values":["a",null]}"#, submit + #","values":[["a"]]}"#, submit + #","values":{"a":"b"}}"#,
            #"{"v":1,"type":"submit","submission":"s","task":"I01","values":["x"]}"#,
            #"{"v":1,"type":"submit","submission":"s","task":"I.0.1","values":["x"]}"#,
            #"{"v":1,"type":"submit","submission":"s","task":7,"values":["x"]}"#,
            #"{"v":1,"type":"submit","submission":null,"task":"I01.c2","values":["x"]}"#,
            #"{"v":1,"type":"submit","task":"I01.c2","values":["x"]}"#,
            #"{"v":1,"type":"read"}"#, #"{"v":1,"type":"read","inject":1}"#,
            #"{"v":1,"type":"hint","task":"I01.c2","hint":"one"}"#, #"{"v":1,"type":"hint","task":"I01.c2","hint":1.0}"#,
            #"{"v":1,"type":"hint","task":"I01.c2","hint":1e0}"#, #"{"v":1,"type":"hint","task":"I01.c2","hint":1.5}"#,
            #"{"v":1,"type":"hint","task":"I01.c2","hint":9223372036854775808}"#, #"{"v":1,"type":"hint","task":"I01.c2","hint":1e400}"#,
            #"{"v":1,"type":"hint","task":"I01.c2","hint":-}"#, #"{"v":1,"type":"hint","task":"I01.c2","hint":.5}"#,
            #"{"v":1,"type":"hint","task":"I01.c2"}"#,
            // Escapes it does not take: unknown, short, lone or reversed surrogates.
            ping + #","ref":"\x"}"#, ping + #","ref":"\u12"}"#, ping + #","ref":"\u12g4"}"#, ping + #","ref":"\ud800"}"#,
            ping + #","ref":"\udc00"}"#, ping + #","ref":"\ude00\ud83d"}"#, ping + #","ref":"\ud83d\u0041"}"#, ping + #","ref":"\"#,
            // Literals misspelt.
            ping + #","ref":nul}"#, ping + #","ref":nullx}"#, #"{"v":1,"type":"submit","submission":"s","task":"I01.c2","values":tru}"#,
        ]
        // Raw control characters in strings.
        for c in [0x00, 0x01, 0x09, 0x0A, 0x1F] as [UInt8] {
            texts.append(String(decoding: Array(#"{"v":1,"type":"read","inject":"a"#.utf8) + [c] + Array(#""}"#.utf8), as: UTF8.self))
        }
        var bytes = texts.map { Data($0.utf8) }
        // Invalid UTF-8: a stray continuation byte, an overlong form, a surrogate, a truncated
        // sequence (in a plain string and in one with an escape), a byte that never occurs.
        for bad: [UInt8] in [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0xFF], [0xE4, 0xB8]] {
            bytes.append(Data(Array(#"{"v":1,"type":"read","inject":"a"#.utf8) + bad + Array(#""}"#.utf8)))
            bytes.append(Data(Array(#"{"v":1,"type":"read","inject":"\n"#.utf8) + bad + Array(#"b"}"#.utf8)))
        }
        var failures = 0
        for data in bytes {
            let text = String(decoding: data.prefix(200), as: UTF8.self)
            #expect(Self.fast(data) == nil, "read fast: \(text)")
            let reference = WireCoding.decodedClient(data)
            #expect(WireCoding.decodeClient(data) == reference, "\(text)")
            if case .failure = reference { failures += 1 }
        }
        // Most are errors; the unknown keys, the repeated ones and the other spellings of numbers are not.
        #expect(failures > bytes.count - 16)
        // Too large is refused before any reading, however simple the frame.
        let padded = Data(String(repeating: " ", count: Wire.maxMessageBytes).utf8) + Data(#"{"v":1,"type":"ping"}"#.utf8)
        guard case .failure(let error) = WireCoding.decodeClient(padded) else { Issue.record("too large a frame was read"); return }
        #expect(error.code == "tooLarge")
    }

    @Test func theErrorsAndTheirRefsAreTheSameAsBefore() throws {
        let text = #"{"v":1,"type":"submit","ref":"r7","submission":"s","task":"I01","values":["x"]}"#
        #expect(WireCoding.decodeClient(Data(text.utf8)) == .failure(WireError(.malformed, "field 'task': cannot read TaskRef from 'I01'")))
        #expect(WireCoding.ref(of: Data(text.utf8)) == "r7")
        let unknown = #"{"v":1,"type":"submit","ref":"r8","submission":"s","task":"I01.c2","values":["x"],"team":"cirt-b"}"#
        #expect(try WireCoding.decodeClient(Data(unknown.utf8)).get() == ClientFrame(
            .submit(.init(submission: "s", task: TaskRef(inject: "I01", task: "c2"), values: ["x"])), ref: "r8"))
    }

    /// Many random frames of the fast kinds, built from awkward pieces, each read fast and equal
    /// to `JSONDecoder`'s reading.
    @Test func randomFramesAgreeWithJSONDecoder() throws {
        var random = SeededGenerator(seed: 19)
        let pieces = Self.awkward + ["\u{0}", "\\", "\"", "/", "\u{1F}", "😀", "ا", "中", ".", " "]
        func text() -> String { (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined() }
        func name() -> String { "x" + text().replacingOccurrences(of: ".", with: "") }
        for _ in 0..<500 {
            let candidate = text()
            let ref: String? = Bool.random(using: &random) ? nil : (candidate.utf8.count <= 128 ? candidate : "r")
            let task = TaskRef(inject: name(), task: name())
            let message: ClientMessage = switch Int.random(in: 0..<4, using: &random) {
            case 0: .submit(.init(submission: text(), task: task, values: (0..<Int.random(in: 0...4, using: &random)).map { _ in text() }))
            case 1: .read(inject: text())
            case 2: .hint(task: task, hint: Int.random(in: Int.min...Int.max, using: &random))
            default: .ping
            }
            try Self.expectReadFast(try WireCoding.encode(ClientFrame(message, ref: ref)))
        }
    }
}
