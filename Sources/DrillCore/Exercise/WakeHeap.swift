/// A min-heap of (exercise time, team position): which team wakes first, without scanning all.
/// Entries are never updated in place; the machine skips those its `wake` table no longer holds.
struct WakeHeap: Sendable {
    struct Entry: Sendable {
        var time: Millis
        var team: Int
    }

    private var entries: [Entry] = []

    var top: Entry? { entries.first }

    mutating func push(time: Millis, team: Int) {
        entries.append(Entry(time: time, team: team))
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(entries[i], entries[parent]) else { break }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() {
        guard !entries.isEmpty else { return }
        entries.swapAt(0, entries.count - 1)
        entries.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < entries.count, less(entries[l], entries[m]) { m = l }
            if r < entries.count, less(entries[r], entries[m]) { m = r }
            if m == i { return }
            entries.swapAt(i, m)
            i = m
        }
    }

    private func less(_ a: Entry, _ b: Entry) -> Bool { (a.time, a.team) < (b.time, b.team) }
}
