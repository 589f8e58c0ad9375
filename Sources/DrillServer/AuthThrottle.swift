import Foundation

/// Slows down repeated bad tokens from one address, at a bounded cost.
///
/// A good token is never held: it is checked on arrival and let in at once, whatever bad tokens
/// the same address (a whole venue behind one NAT) sent before. A bad token's refusal is delayed:
/// each failure doubles the wait of that address's next refusal (0.25 s, 0.5 s, 1 s, … up to
/// `maxDelay`), and refusals from one address leave one after another, so that opening many
/// connections at once gains nothing. The refusals waiting are bounded (per address and in all)
/// and none waits longer than `maxDelay`: past that, a bad token is refused at once. So a flood of
/// bad tokens costs no more than `perAddressQueue`/`totalQueue` waiting connections.
/// A good token clears the address's record; records are forgotten after `forgetAfter`.
actor AuthThrottle {
    private struct Record {
        var failures: Int
        /// The earliest time (ms of the server clock's `uptime()`) the next refusal may leave.
        var nextSlot: Int64
        var lastFailure: Int64
        /// Refusals of this address waiting now.
        var waiting: Int
    }

    /// What a bad token's attempt does.
    enum Turn: Equatable {
        /// Wait this long (ms), then call `leave`, then refuse.
        case wait(Int64)
        /// Refuse at once: the queue is full.
        case full
    }

    private let clock: ServerClock
    private var records: [String: Record] = [:]
    private var waitingCount = 0
    private let baseDelay: Int64
    private let maxDelay: Int64
    private let forgetAfter: Int64
    private let capacity: Int
    let perAddressQueue: Int
    let totalQueue: Int

    init(clock: ServerClock = .system, baseDelayMs: Int64 = 250, maxDelayMs: Int64 = 30_000, forgetAfterMs: Int64 = 15 * 60_000, capacity: Int = 10_000,
         perAddressQueue: Int = 32, totalQueue: Int = 512) {
        self.clock = clock
        baseDelay = baseDelayMs
        maxDelay = maxDelayMs
        forgetAfter = forgetAfterMs
        self.capacity = capacity
        self.perAddressQueue = perAddressQueue
        self.totalQueue = totalQueue
    }

    /// Records a bad token from `address` and gives the attempt its turn.
    func refuse(_ address: String) -> Turn {
        let now = clock.uptimeMs()
        if var record = records[address], now - record.lastFailure > forgetAfter {
            record.failures = 0
            record.nextSlot = now
            records[address] = record
        }
        if records.count >= capacity, records[address] == nil {
            // Forget the stalest address rather than grow without bound.
            if let stalest = records.filter({ $0.value.waiting == 0 }).min(by: { $0.value.lastFailure < $1.value.lastFailure })?.key {
                records[stalest] = nil
            }
        }
        var record = records[address] ?? Record(failures: 0, nextSlot: now, lastFailure: now, waiting: 0)
        let delay = record.failures == 0 ? 0 : min(maxDelay, baseDelay << Int64(min(record.failures - 1, 16)))
        record.failures += 1
        record.lastFailure = now
        let slot = max(now, record.nextSlot) + delay
        guard slot - now <= maxDelay, record.waiting < perAddressQueue, waitingCount < totalQueue else {
            records[address] = record
            return .full
        }
        record.nextSlot = slot
        record.waiting += 1
        waitingCount += 1
        records[address] = record
        return .wait(slot - now)
    }

    /// A refusal that waited its turn leaves the queue.
    func leave(_ address: String) {
        waitingCount -= 1
        guard var record = records[address] else { return }
        record.waiting -= 1
        records[address] = record
    }

    func succeeded(_ address: String) {
        guard var record = records[address] else { return }
        record.failures = 0
        record.nextSlot = clock.uptimeMs()
        // Kept while refusals still wait, so that they can leave.
        records[address] = record.waiting > 0 ? record : nil
    }

    func failures(_ address: String) -> Int { records[address]?.failures ?? 0 }

    /// Refusals waiting now, for all addresses.
    var waiting: Int { waitingCount }
}
