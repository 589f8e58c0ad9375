/// When each inject is planned, before any team acts: `at` offsets and `after` chains resolved.
public struct PlannedSchedule: Sendable {
    /// Planned release, as if every branch condition were already decided; absent when it cannot be
    /// resolved (unknown inject, cycle).
    public private(set) var scheduled: [String: Millis] = [:]
    /// The latest a branch can wait for its condition: a `when` on a task waits at most until that
    /// task's answer window has closed.
    public private(set) var latest: [String: Millis] = [:]

    public init(_ scenario: Scenario) {
        // The first inject of each id, by position (not a copy of each inject: a large scenario
        // has tens of thousands).
        let injects = scenario.injects
        var byId: [String: Int] = [:]
        byId.reserveCapacity(injects.count)
        for k in injects.indices where byId[injects[k].id] == nil { byId[injects[k].id] = k }
        scheduled.reserveCapacity(injects.count)
        latest.reserveCapacity(injects.count)

        /// The injects this one's times depend on.
        func dependencies(_ k: Int) -> [String] {
            var deps: [String] = []
            if case .after(let dep, _) = injects[k].trigger { deps.append(dep) }
            if let c = injects[k].condition, c.task.inject != injects[k].id { deps.append(c.task.inject) }
            return deps
        }

        // Iterative depth-first resolution: after-chains can be thousands long.
        var failed = Set<String>()
        for r in injects.indices where scheduled[injects[r].id] == nil && !failed.contains(injects[r].id) {
            let root = injects[r].id
            var stack: [String] = [root]
            var onStack: Set<String> = [root]
            while let id = stack.last {
                guard let k = byId[id] else {
                    failed.insert(id); stack.removeLast(); onStack.remove(id); continue
                }
                if let next = dependencies(k).first(where: { scheduled[$0] == nil && !failed.contains($0) && byId[$0] != nil }) {
                    if onStack.contains(next) {
                        // A cycle: nothing on it can be resolved.
                        for member in stack { failed.insert(member) }
                        stack.removeAll()
                        break
                    }
                    stack.append(next)
                    onStack.insert(next)
                    continue
                }
                stack.removeLast()
                onStack.remove(id)
                var s: Millis, l: Millis
                switch injects[k].trigger {
                case .demand:
                    // Library injects have no planned time, nor have injects chained after them.
                    failed.insert(id); continue
                case .at(let t):
                    (s, l) = (t, t)
                case .after(let dep, let delay):
                    guard let ds = scheduled[dep], let dl = latest[dep] else { failed.insert(id); continue }
                    (s, l) = (ds + delay, dl + delay)
                }
                if let condition = injects[k].condition, let c = byId[condition.task.inject], let task = injects[c].tasks.first(where: { $0.id == condition.task.task }),
                   let tl = latest[condition.task.inject] {
                    l = max(l, tl + task.due + task.late)
                }
                scheduled[id] = s
                latest[id] = l
            }
        }
    }
}
