import Foundation
import DrillWire
import NIOCore

/// An encoded server message, ready to write as one text frame (shared by every connection of a feed).
struct OutFrame: Sendable {
    /// The feed seq of a durable message; nil for live ones.
    var seq: Int?
    var bytes: ByteBuffer

    init(seq: Int?, bytes: ByteBuffer) {
        self.seq = seq
        self.bytes = bytes
    }

    init(_ frame: ServerFrame) {
        // Acks, answers and `ok` (four frames an answer, the hottest path under load) and the
        // periodic scoreboards are written by hand.
        if let bytes = AnswerFrameWriter.encode(frame) {
            self.init(seq: frame.seq, bytes: ByteBuffer(bytes: bytes))
            return
        }
        let data = (try? WireCoding.encode(frame)) ?? Data(Self.unencodable(frame))
        self.init(seq: frame.seq, bytes: ByteBuffer(bytes: data))
    }

    /// Every message type encodes (they are plain values); should one ever fail, the client still
    /// hears why instead of a silent gap in its feed.
    private static func unencodable(_ frame: ServerFrame) -> [UInt8] {
        Array(#"{"v":1,"type":"error","code":"internal","message":"the server could not encode a message"}"#.utf8)
    }
}

/// The recent messages of one feed, so that a client resuming after a short break is served from
/// memory. Bounded by the bytes the frames occupy (a `ByteBuffer` rounds its storage up to a power
/// of two, so that is up to twice what they read): older messages are dropped at once and
/// recomputed from the journal when asked.
struct FeedLog {
    private var frames = CircularBuffer<OutFrame>()
    private(set) var bytes = 0
    let maxBytes: Int

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// The seq of the oldest message held (nil when empty).
    var firstSeq: Int? { frames.first?.seq }

    mutating func append(_ frame: OutFrame) {
        frames.append(frame)
        bytes += frame.bytes.capacity
        // Keep at least the newest message, however large.
        while bytes > maxBytes, frames.count > 1 {
            bytes -= frames.removeFirst().bytes.capacity
        }
    }

    /// The messages after `seq`, if the log still holds all of them.
    func frames(after seq: Int, through last: Int) -> [OutFrame]? {
        if seq >= last { return [] }
        guard let first = firstSeq, first <= seq + 1 else { return nil }
        return Array(frames.dropFirst(seq + 1 - first))
    }
}
