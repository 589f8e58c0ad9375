/// Simulated actions in exercise-time order; equal times keep their insertion order.
///
/// The heap holds only (time, order, slot): the actor and command wait in `slots`, so that sifting
/// moves three integers instead of copying commands and their strings (a rehearsal keeps hundreds
/// of thousands of actions queued).
struct ActionQueue {
    struct Item {
        var time: Millis
        var order: Int
        var actor: Actor
        var command: Command
    }

    private struct Key {
        var time: Millis
        var order: Int
        var slot: Int
    }

    private var heap: [Key] = []
    private var slots: [(actor: Actor, command: Command)?] = []
    /// Slots emptied by `pop`, reused by `push`.
    private var free: [Int] = []
    private var counter = 0

    var peekTime: Millis? { heap.first?.time }

    mutating func push(at time: Millis, _ actor: Actor, _ command: Command) {
        counter += 1
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            slots[slot] = (actor, command)
        } else {
            slot = slots.count
            slots.append((actor, command))
        }
        heap.append(Key(time: time, order: counter, slot: slot))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Item? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, less(heap[l], heap[m]) { m = l }
            if r < heap.count, less(heap[r], heap[m]) { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
        guard let payload = slots[top.slot] else { return nil }
        slots[top.slot] = nil
        free.append(top.slot)
        return Item(time: top.time, order: top.order, actor: payload.actor, command: payload.command)
    }

    private func less(_ a: Key, _ b: Key) -> Bool { (a.time, a.order) < (b.time, b.order) }
}
