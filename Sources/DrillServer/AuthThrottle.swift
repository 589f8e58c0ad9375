import Foundation

/// Slows down repeated bad tokens from one address: each failure doubles the wait before that
/// address's next attempt is looked at (0.25 s, 0.5 s, 1 s, … up to `maxDelay`), and attempts from
/// one address are taken one after another, so opening many connections at once gains nothing.
/// A good token clears the address's record; records are forgotten after `forgetAfter`.
actor AuthThrottle {
    private struct Record {
        var failures: Int
        /// The earliest time (ms, monotonic) the next attempt may be looked at.
        var nextSlot: Int64
        var lastFailure: Int64
    }

    private var records: [String: Record] = [:]
    private let baseDelay: Int64
    private let maxDelay: Int64
    private let forgetAfter: Int64
    private let capacity: Int

    init(baseDelayMs: Int64 = 250, maxDelayMs: Int64 = 30_000, forgetAfterMs: Int64 = 15 * 60_000, capacity: Int = 10_000) {
        baseDelay = baseDelayMs
        maxDelay = maxDelayMs
        forgetAfter = forgetAfterMs
        self.capacity = capacity
    }

    /// How long an attempt from `address` must wait now (ms); reserves its turn.
    func admit(_ address: String) -> Int64 {
        let now = Self.now()
        guard var record = records[address] else { return 0 }
        if now - record.lastFailure > forgetAfter {
            records[address] = nil
            return 0
        }
        let shift = min(record.failures - 1, 16)
        let delay = min(maxDelay, baseDelay << Int64(shift))
        let slot = max(now, record.nextSlot) + delay
        record.nextSlot = slot
        records[address] = record
        return slot - now
    }

    func failed(_ address: String) {
        let now = Self.now()
        if records.count >= capacity, records[address] == nil {
            // Forget the stalest address rather than grow without bound.
            if let stalest = records.min(by: { $0.value.lastFailure < $1.value.lastFailure })?.key { records[stalest] = nil }
        }
        var record = records[address] ?? Record(failures: 0, nextSlot: now, lastFailure: now)
        record.failures += 1
        record.lastFailure = now
        records[address] = record
    }

    func succeeded(_ address: String) {
        records[address] = nil
    }

    func failures(_ address: String) -> Int { records[address]?.failures ?? 0 }

    static func now() -> Int64 { Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000) }
}
