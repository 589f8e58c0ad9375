/// What one team did on each task of the scenario, kept by task position: the fold touches it for
/// every answer, and an array index is cheaper than hashing a `TaskRef` (two strings) each time.
/// Readers look a task up by its `TaskRef`, or walk the tasks touched so far in scenario order.
public struct TaskProgressTable: Sendable {
    private var index: ScenarioIndex
    /// One slot per task, by `TaskPosition.ordinal`; nil until an event touches the task.
    private var slots: [TaskProgress?]

    init(index: ScenarioIndex) {
        self.index = index
        slots = Array(repeating: nil, count: index.taskRefs.count)
    }

    /// Takes a larger index whose tasks extend this one's (live injects append theirs).
    mutating func grow(to larger: ScenarioIndex) {
        index = larger
        if slots.count < larger.taskRefs.count { slots += Array(repeating: nil, count: larger.taskRefs.count - slots.count) }
    }

    /// The team's progress on a task; nil while nothing happened on it, or when the scenario has
    /// no such task.
    public subscript(ref: TaskRef) -> TaskProgress? {
        guard let position = index.taskPosition[ref] else { return nil }
        return slots[position.ordinal]
    }

    /// The team's progress on the task at `position`; nil while nothing happened on it.
    public subscript(position: ScenarioIndex.TaskPosition) -> TaskProgress? {
        slots[position.ordinal]
    }

    /// Progress on every task touched so far, in scenario order.
    public var values: [TaskProgress] { slots.compactMap { $0 } }

    /// Changes the progress on the task at `position`, starting from no progress.
    mutating func update(_ position: ScenarioIndex.TaskPosition, _ change: (inout TaskProgress) -> Void) {
        var progress = slots[position.ordinal] ?? TaskProgress()
        // Emptied first so that `progress` is the only reference: appending does not copy.
        slots[position.ordinal] = nil
        change(&progress)
        slots[position.ordinal] = progress
    }
}

extension TaskProgressTable: Sequence {
    /// The tasks touched so far, in scenario order, with the team's progress on each.
    public struct Iterator: IteratorProtocol {
        fileprivate let refs: [TaskRef]
        fileprivate let slots: [TaskProgress?]
        fileprivate var ordinal = 0

        public mutating func next() -> (ref: TaskRef, progress: TaskProgress)? {
            while ordinal < slots.count {
                defer { ordinal += 1 }
                if let progress = slots[ordinal] { return (refs[ordinal], progress) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(refs: index.taskRefs, slots: slots)
    }
}

extension TaskProgressTable: Hashable {
    /// Equal when the same tasks carry the same progress.
    public static func == (a: TaskProgressTable, b: TaskProgressTable) -> Bool {
        a.slots == b.slots && (a.index === b.index || a.index.taskRefs == b.index.taskRefs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(slots)
    }
}
