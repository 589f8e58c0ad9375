/// A scenario with its lookups prepared once: positions of injects and tasks, and answer matchers.
public final class ScenarioIndex: Sendable {
    public let scenario: Scenario
    public let injectPosition: [String: Int]
    public let taskPosition: [TaskRef: TaskPosition]
    /// Every task in scenario order; a task's place here is its `TaskPosition.ordinal`.
    public let taskRefs: [TaskRef]
    /// The ordinal of each inject's first task.
    private let firstTask: [Int]
    let matchers: [[AnswerMatcher]]
    /// For each inject, the injects whose `after` or `when` depends on it (each listed once).
    let dependents: [[Int]]
    /// The injects whose `when` is decided by a coordination task (a message can decide it).
    let coordinationConditioned: [Int]
    /// Every team a coordination task names in `with:` (registering one can change a score).
    let coordinationPartners: Set<String>

    public struct TaskPosition: Sendable, Hashable {
        public var inject: Int
        public var task: Int
        /// Its place among all the scenario's tasks (per-team progress is an array in this order).
        public var ordinal: Int
    }

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        var injects: [String: Int] = [:]
        var tasks: [TaskRef: TaskPosition] = [:]
        var refs: [TaskRef] = []
        var first: [Int] = []
        for (i, inject) in scenario.injects.enumerated() {
            if injects[inject.id] == nil { injects[inject.id] = i }
            first.append(refs.count)
            for (j, task) in inject.tasks.enumerated() {
                let ref = TaskRef(inject: inject.id, task: task.id)
                if tasks[ref] == nil { tasks[ref] = TaskPosition(inject: i, task: j, ordinal: refs.count) }
                refs.append(ref)
            }
        }
        injectPosition = injects
        taskPosition = tasks
        taskRefs = refs
        firstTask = first
        matchers = scenario.injects.map { inject in
            inject.tasks.map { AnswerMatcher($0.kind, translations: scenario.taskTranslations(inject: inject.id, task: $0.id)) }
        }
        var deps = [[Int]](repeating: [], count: scenario.injects.count)
        var coordinationConditioned: [Int] = []
        var partners: Set<String> = []
        for (i, inject) in scenario.injects.enumerated() {
            if case .after(let dep, _) = inject.trigger, let k = injects[dep] { deps[k].append(i) }
            // `i` only grows, so a duplicate can only be the last entry (no scan of the list).
            if let c = inject.condition, let k = injects[c.task.inject], deps[k].last != i { deps[k].append(i) }
            if let c = inject.condition, let p = tasks[c.task], case .coordination = scenario.injects[p.inject].tasks[p.task].kind {
                coordinationConditioned.append(i)
            }
            for task in inject.tasks { if case .coordination(let with) = task.kind { partners.formUnion(with) } }
        }
        dependents = deps
        self.coordinationConditioned = coordinationConditioned
        coordinationPartners = partners
    }

    /// Judging answers is a pure function of the task and the values, memoised here: exercises
    /// see the same answers again and again (and replays see all of them again), and the fold
    /// must stay fast. Safe to share: the cache only ever maps an input to its one result.
    private let evaluations = EvaluationCache()

    /// The credit of an answer to the task at `position`.
    func evaluate(_ values: [String], at position: TaskPosition) -> Evaluation {
        let key = EvaluationCache.Key(position: position, values: values)
        if let known = evaluations.lookup(key) { return known }
        let result = matchers[position.inject][position.task].evaluate(values)
        evaluations.store(key, result)
        return result
    }

    /// The position of task `task` of inject `inject` (both in scenario order). A valid scenario
    /// has no duplicate task ids, so this is also `taskPosition` of its `TaskRef`.
    public func position(inject: Int, task: Int) -> TaskPosition {
        TaskPosition(inject: inject, task: task, ordinal: firstTask[inject] + task)
    }

    public func task(_ ref: TaskRef) -> DrillTask? {
        guard let p = taskPosition[ref] else { return nil }
        return scenario.injects[p.inject].tasks[p.task]
    }

    public func inject(_ id: String) -> Inject? {
        injectPosition[id].map { scenario.injects[$0] }
    }
}

/// A bounded, lock-protected memo of answer evaluations.
final class EvaluationCache: @unchecked Sendable {
    struct Key: Hashable {
        var position: ScenarioIndex.TaskPosition
        var values: [String]
    }

    private var entries: [Key: Evaluation] = [:]
    private let lock = Lock()
    /// Past this many distinct answers the cache starts over, so memory stays bounded.
    private let capacity = 200_000

    func lookup(_ key: Key) -> Evaluation? { lock.with { entries[key] } }

    func store(_ key: Key, _ value: Evaluation) {
        lock.with {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}
