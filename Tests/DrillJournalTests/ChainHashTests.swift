import Foundation
import Testing
@testable import DrillJournal

@Suite("Chain hash")
struct ChainHashTests {
    /// Expected values come from the reference in docs/journal.md (Python's hashlib and struct),
    /// so the Swift code and the documented canonical bytes cannot drift apart.
    @Test("row hashes match the documented canonical bytes")
    func knownAnswers() {
        let first = ChainHash.hash(
            prevHash: Data(count: 32), seq: 1, wall: 1_700_000_000_000, exerciseTime: 0,
            actor: "system", type: "exerciseCreated", payload: Data(#"{"a":1}"#.utf8))
        #expect(ChainHash.hex(first) == "3b5f9b97ebcdc49d4bf65e8b30224ba663bbcbb4d3b829c81b621d044dfec8d8")

        let second = ChainHash.hash(
            prevHash: first, seq: 2, wall: 1_700_000_000_001, exerciseTime: -5,
            actor: "team:cirt-ä", type: "answerSubmitted", payload: Data(#"{"answer":"黑潮"}"#.utf8))
        #expect(ChainHash.hex(second) == "d91bd61c9ed810572fd18d98bd829b522b0d13a1fd6918f1268790a0af3f663f")
    }

    @Test("every field is covered by the hash")
    func everyFieldCounts() {
        func hash(seq: Int64 = 3, wall: Int64 = 4, time: Int64 = 5, actor: String = "system",
                  type: String = "t", payload: String = "{}", prev: UInt8 = 0) -> Data {
            ChainHash.hash(prevHash: Data(repeating: prev, count: 32), seq: seq, wall: wall, exerciseTime: time,
                           actor: actor, type: type, payload: Data(payload.utf8))
        }
        let base = hash()
        let variants = [
            hash(seq: 4), hash(wall: 5), hash(time: 6), hash(actor: "team:a"), hash(type: "u"),
            hash(payload: "[]"), hash(prev: 1),
            // Length prefixes keep field boundaries: moving a byte from one field to the next changes the hash.
            hash(actor: "systemt", type: ""),
        ]
        for variant in variants {
            #expect(variant != base)
        }
    }
}
