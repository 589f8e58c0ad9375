@testable import DrillServer
import NIOCore
import Testing

@Suite("A feed's recent messages, bounded by the memory they occupy")
struct FeedLogTests {
    /// A frame whose JSON is `length` bytes long.
    func frame(_ seq: Int, length: Int) -> OutFrame {
        let text = "{\"seq\":\(seq),\"pad\":\"" + String(repeating: "x", count: max(0, length - 20)) + "\"}"
        return OutFrame(seq: seq, bytes: ByteBuffer(string: text))
    }

    @Test func theBoundCountsTheStorageOfEachFrameNotJustItsText() {
        // 300 bytes of text occupy 512 bytes of storage: 8 KB holds 16 such frames, not 27.
        var log = FeedLog(maxBytes: 8 * 1024)
        for seq in 1...100 {
            log.append(frame(seq, length: 300))
            #expect(log.bytes <= log.maxBytes)
        }
        #expect(log.bytes == 16 * 512)
        #expect(log.firstSeq == 85)
    }

    @Test func dropsTheOldestAndServesOnlyWhatItHoldsWhole() throws {
        var log = FeedLog(maxBytes: 4 * 1024)
        for seq in 1...40 { log.append(frame(seq, length: 200)) }
        let first = try #require(log.firstSeq)
        #expect(first == 25)
        // Everything after 30, in order.
        #expect(log.frames(after: 30, through: 40)?.map(\.seq) == Array(31...40))
        // From the oldest held: all of them.
        #expect(log.frames(after: first - 1, through: 40)?.count == 16)
        // A client that missed messages no longer held must be served from the journal.
        #expect(log.frames(after: first - 2, through: 40) == nil)
        // Nothing missed.
        #expect(log.frames(after: 40, through: 40)?.isEmpty == true)
    }

    @Test func keepsTheNewestMessageHoweverLarge() {
        var log = FeedLog(maxBytes: 1024)
        log.append(frame(1, length: 100))
        log.append(frame(2, length: 5000))
        #expect(log.firstSeq == 2)
        #expect(log.frames(after: 1, through: 2)?.map(\.seq) == [2])
    }
}
