@testable import DrillCore
import Foundation
import Testing

/// The hand-written journal payloads are hashed into the chain: they must be `JSONEncoder`'s
/// bytes exactly (sorted keys, its escapes, its numbers), or journals and their hashes would change.
@Suite("Hand-written event payloads are JSONEncoder's bytes")
struct EventPayloadWriterTests {
    /// Every control character, DEL, quotes, backslashes, `/`, non-ASCII (Arabic, Chinese,
    /// Cyrillic), emoji with joiners and flags, separators, a BOM, a decomposed accent.
    static let awkward: [String] = {
        var every = ""
        for c in 0..<0x20 { every.unicodeScalars.append(Unicode.Scalar(UInt8(c))) }
        return [
            "", "a", every, "say \"hi\" \\ back\\ \\\" \"\\", "slash / and </script> \\/", "del\u{7F} \u{80}\u{9F}",
            "حادث أمني ٣", "沙蝎 中文", "русский", "emoji 🚨🔥👩🏽‍💻 flag 🇫🇷", "\u{2028}\u{2029}\u{FEFF}\u{FFFD}", "e\u{301} é",
            "203.0.113.66, 198.51.100.7", String(repeating: "long ", count: 500),
        ]
    }()

    static func bodies() -> [ExerciseEvent.Body] {
        var bodies: [ExerciseEvent.Body] = []
        for (k, text) in awkward.enumerated() {
            let task = TaskRef(inject: "I" + text.replacingOccurrences(of: ".", with: ""), task: "c\(k)")
            bodies += [
                .answerSubmitted(AnswerSubmission(team: text, task: task, submission: text, values: [text])),
                .answerSubmitted(AnswerSubmission(team: "cirt-\(k)", task: task, submission: "s/\(k)", values: [])),
                .answerSubmitted(AnswerSubmission(team: "a", task: task, submission: text, values: [text, "two", "", text + text])),
                .injectRead(InjectRead(inject: text, team: text)),
                .injectReleased(InjectRelease(inject: text, teams: [text, "b"], manual: k % 2 == 0)),
                .injectReleased(InjectRelease(inject: "I\(k)", teams: [], manual: k % 2 == 1)),
                .hintTaken(HintTaken(team: text, task: task, hint: [0, 1, -1, Int.max, Int.min, 42][k % 6])),
            ]
        }
        return bodies
    }

    @Test func everyWrittenPayloadIsTheEncodersBytes() throws {
        let bodies = Self.bodies()
        #expect(bodies.count == Self.awkward.count * 7)
        for body in bodies {
            let written = try #require(EventCoding.writtenPayload(of: body), "\(body) is written by hand")
            let encoded = try EventCoding.encodedPayload(of: body)
            #expect(Data(written) == encoded, "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: encoded, as: UTF8.self))")
            #expect(try EventCoding.payload(of: body) == encoded)
            // And it reads back, by the fast reader and by JSONDecoder alike.
            let type = ExerciseEvent(at: 0, by: .system, body).type
            #expect(try EventCoding.body(type: type, payload: encoded) == body)
            #expect(try EventCoding.decodedBody(type: type, payload: encoded, decoder: JSONDecoder()) == body)
        }
    }

    @Test func theRestStillGoThroughTheEncoder() throws {
        for body in EventCodingTests.bodies {
            switch body {
            case .answerSubmitted, .injectRead, .injectReleased, .hintTaken: continue
            default:
                #expect(EventCoding.writtenPayload(of: body) == nil, "\(body)")
                #expect(try EventCoding.payload(of: body) == EventCoding.encodedPayload(of: body))
            }
        }
    }

    /// The exact text, so that a change of spelling on both sides at once would still show.
    @Test func anAnswersPayloadIsSpeltAsJournalsHaveAlwaysHeldIt() throws {
        let body = ExerciseEvent.Body.answerSubmitted(AnswerSubmission(
            team: "cirt-a", task: TaskRef(inject: "I01", task: "c2"), submission: "s/1", values: ["a\"b\\c\n\u{1}\u{8}/é😀"]))
        #expect(String(decoding: try EventCoding.payload(of: body), as: UTF8.self)
            == #"{"submission":"s/1","task":"I01.c2","team":"cirt-a","values":["a\"b\\c\n\u0001\b/é😀"]}"#)
    }
}

/// The shared flat reader is strict: it never accepts text `JSONDecoder` refuses, and reads
/// integers exactly.
@Suite("The flat JSON reader")
struct FlatJSONTests {
    static func read(_ bytes: [UInt8]) -> FlatJSON? { bytes.withUnsafeBytes { FlatJSON($0) } }
    static func read(_ text: String) -> FlatJSON? { read(Array(text.utf8)) }

    /// A string or a number: what the reader's values may be, so that only bad JSON fails.
    enum Scalar: Decodable {
        case text(String), number(Double)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .text(s) } else { self = .number(try c.decode(Double.self)) }
        }
    }

    /// (`JSONDecoder` accepts a trailing comma, `{"a":1,}`; the reader does not, which only means
    /// `JSONDecoder` reads it.)
    @Test func refusesWhatJSONDecoderRefuses() throws {
        // The control: good text of each kind reads both ways.
        for good in [#"{"a":"x\né"}"#, #"{"a":-0.5e+3}"#, #"{"a":"é中😀"}"#] {
            #expect(Self.read(good) != nil)
            _ = try JSONDecoder().decode([String: Scalar].self, from: Data(good.utf8))
        }
        var bad = [#"{"a":"x"#, #"{"a":01}"#, #"{"a":+1}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":-}"#, #"{"a":1e400}"#,
                   #"{"a":"\ud800"}"#, #"{"a":"\x"}"#, #"{"a":nul}"#, #"{"a":1}x"#, #"{"a" 1}"#, #"{,}"#]
            .map { Array($0.utf8) }
        bad += [[0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x01, 0x22, 0x7D], [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],
                [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D], [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x5C, 0x6E, 0xED, 0xA0, 0x80, 0x22, 0x7D]]
        for bytes in bad {
            #expect(Self.read(bytes) == nil, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(throws: (any Error).self, "\(String(decoding: bytes, as: UTF8.self))") {
                try JSONDecoder().decode([String: Scalar].self, from: Data(bytes))
            }
        }
    }

    @Test func readsIntegersExactlyAndOtherNumbersAsDoubles() throws {
        let j = try #require(Self.read(#"{"a":9007199254740993,"b":-0,"c":1.0,"d":1e3,"e":-9223372036854775808,"f":9223372036854775808,"g":0.1}"#))
        #expect(j.integer("a") == 9_007_199_254_740_993)
        #expect(j.integer("b") == 0)
        #expect(j.integer("c") == nil && j.number("c") == 1)
        #expect(j.integer("d") == nil && j.number("d") == 1000)
        #expect(j.integer("e") == Int.min)
        #expect(j.integer("f") == nil && j.number("f") == 9_223_372_036_854_775_808)
        #expect(j.number("g") == 0.1)
        // A deadline beyond 2^53 ms is read exactly, as JSONDecoder reads it.
        let payload = Data(#"{"by":9007199254740993,"task":"I01.c2"}"#.utf8)
        let fast = payload.withUnsafeBytes { EventCoding.fastBody(type: "deadlineExtended", payload: $0) }
        #expect(fast == .deadlineExtended(DeadlineExtension(task: TaskRef(inject: "I01", task: "c2"), team: nil, by: 9_007_199_254_740_993)))
        #expect(try EventCoding.decodedBody(type: "deadlineExtended", payload: payload, decoder: JSONDecoder()) == fast)
    }

    @Test func repeatedAndUnknownKeysAreSeen() throws {
        let j = try #require(Self.read(#"{"a":"1","b":"2","a":"3"}"#))
        #expect(j.string("a") == "1", "the first, as JSONDecoder")
        #expect(!j.hasOnly(["a", "b"]))
        #expect(try #require(Self.read(#"{"a":"1","b":"2"}"#)).hasOnly(["a", "b"]))
        #expect(!(try #require(Self.read(#"{"a":"1","c":"2"}"#)).hasOnly(["a", "b"])))
    }
}
