/// When each inject is planned, before any team acts: `at` offsets and `after` chains resolved.
public struct PlannedSchedule: Sendable {
    /// Planned release, as if every branch condition were already decided; absent when it cannot be
    /// resolved (unknown inject, cycle).
    public private(set) var scheduled: [String: Millis] = [:]
    /// The latest a branch can wait for its condition: a `when` on a task waits at most until that
    /// task's answer window has closed.
    public private(set) var latest: [String: Millis] = [:]

    public init(_ scenario: Scenario) {
        var byId: [String: Inject] = [:]
        for inject in scenario.injects where byId[inject.id] == nil { byId[inject.id] = inject }

        /// The injects this one's times depend on.
        func dependencies(_ inject: Inject) -> [String] {
            var deps: [String] = []
            if case .after(let dep, _) = inject.trigger { deps.append(dep) }
            if let c = inject.condition, c.task.inject != inject.id { deps.append(c.task.inject) }
            return deps
        }

        // Iterative depth-first resolution: after-chains can be thousands long.
        var failed = Set<String>()
        for root in scenario.injects where scheduled[root.id] == nil && !failed.contains(root.id) {
            var stack: [String] = [root.id]
            var onStack: Set<String> = [root.id]
            while let id = stack.last {
                guard let inject = byId[id] else {
                    failed.insert(id); stack.removeLast(); onStack.remove(id); continue
                }
                if let next = dependencies(inject).first(where: { scheduled[$0] == nil && !failed.contains($0) && byId[$0] != nil }) {
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
                switch inject.trigger {
                case .demand:
                    // Library injects have no planned time, nor have injects chained after them.
                    failed.insert(id); continue
                case .at(let t):
                    (s, l) = (t, t)
                case .after(let dep, let delay):
                    guard let ds = scheduled[dep], let dl = latest[dep] else { failed.insert(id); continue }
                    (s, l) = (ds + delay, dl + delay)
                }
                if let condition = inject.condition, let task = byId[condition.task.inject]?.tasks.first(where: { $0.id == condition.task.task }),
                   let tl = latest[condition.task.inject] {
                    l = max(l, tl + task.due + task.late)
                }
                scheduled[id] = s
                latest[id] = l
            }
        }
    }
}
