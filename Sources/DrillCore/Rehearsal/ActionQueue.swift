/// Simulated actions in exercise-time order; equal times keep their insertion order.
struct ActionQueue {
    struct Item {
        var time: Millis
        var order: Int
        var actor: Actor
        var command: Command
    }

    private var heap: [Item] = []
    private var counter = 0

    var peekTime: Millis? { heap.first?.time }

    mutating func push(at time: Millis, _ actor: Actor, _ command: Command) {
        counter += 1
        heap.append(Item(time: time, order: counter, actor: actor, command: command))
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
        return top
    }

    private func less(_ a: Item, _ b: Item) -> Bool { (a.time, a.order) < (b.time, b.order) }
}
