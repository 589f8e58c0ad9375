/// The exercise state machine: commands and the passing of time go in, events and actions come out.
/// It never reads a clock; hosts pass the exercise time in. Its state is always the fold of the
/// events it returned, so replaying a journal rebuilds it exactly.
public struct ExerciseMachine: Sendable {
    public private(set) var state: ExerciseState
    /// Per team position, the next exercise time something may be released for that team.
    private var wake: [Wake] = []
    /// Team positions whose wake may be `.unknown`, each listed once (`queued` says which are):
    /// only they are evaluated again, not every team at every step.
    private var unknown: [Int] = []
    private var queued: [Bool] = []
    /// Every `.at` wake set, earliest first; an entry is current while `wake` still says so.
    private var wakeTimes = WakeHeap()
    /// Injects at a fixed time with no condition, by (time, position): until released, their
    /// status for a team is `scheduled(at:)` that time (or held, or not addressed), so a team's
    /// earliest is found from a cursor instead of by looking at every inject.
    private var timed: [(time: Millis, position: Int)] = []
    /// The other injects (after another one, or on a condition), with the positions of the
    /// injects they wait for. Only those a team `watch`es are looked at for it.
    private var chained: [Chained] = []
    /// `chained` by inject position (nil for a timed inject).
    private var chainedAt: [Chained?] = []
    /// Per team position: the chained injects (positions) that may be due or have a window to
    /// wake for. The others wait with no window (what they wait for is not released, a task
    /// they wait for is decided and awaits nothing timed) or are skipped: only an event about
    /// what they wait for can change that, and such an event puts them back (`reconsider`).
    /// Without it every event of a team looked at every branch ever skipped for it, and the
    /// cost of an exercise grew with the square of its injects.
    private var watch: [Set<Int>] = []
    /// Per team position: the `watchGeneration` its `watch` was built for; an older one is
    /// built again from the state (after a replay, or when a registration may change scores).
    private var watchBuilt: [Int] = []
    private var watchGeneration = 0
    /// How many injects `evaluate` has looked at, for tests that check that the work per event
    /// stays bounded as scenarios grow (a count, not a timing).
    var inspections = 0

    private struct Chained: Sendable {
        var position: Int
        /// The inject of `after:`, and the inject of the condition's task.
        var after: Int?
        var condition: Int?
    }
    /// Per team position: entries of `timed` before it are released to, or not addressed to, the team.
    private var cursor: [Int] = []

    private enum Wake: Hashable {
        case unknown
        case never
        case at(Millis)
    }

    public static let speeds: ClosedRange<Double> = 0.5...60
    public static let maxTextBytes = 32 * 1024

    public init(index: ScenarioIndex) {
        self.init(state: ExerciseState(index: index))
    }

    /// Continues from a folded state (after a restart or a replay).
    public init(state: ExerciseState) {
        self.state = state
        repartition()
    }

    /// Sorts the scenario's injects into `timed` and `chained` (again when a live inject grew it).
    private mutating func repartition() {
        (timed, chained) = Self.partition(state.index)
        chainedAt = Self.byPosition(chained, count: state.index.scenario.injects.count)
    }

    private static func byPosition(_ chained: [Chained], count: Int) -> [Chained?] {
        var out = [Chained?](repeating: nil, count: count)
        for entry in chained { out[entry.position] = entry }
        return out
    }

    private static func partition(_ index: ScenarioIndex) -> ([(time: Millis, position: Int)], [Chained]) {
        var timed: [(time: Millis, position: Int)] = []
        var chained: [Chained] = []
        for (position, inject) in index.scenario.injects.enumerated() {
            // Library injects wait for the white cell: nothing to wake for.
            if case .demand = inject.trigger, inject.condition == nil { continue }
            if case .at(let t) = inject.trigger, inject.condition == nil {
                timed.append((t, position))
                continue
            }
            var entry = Chained(position: position)
            if case .after(let dep, _) = inject.trigger { entry.after = index.injectPosition[dep] }
            if let condition = inject.condition { entry.condition = index.injectPosition[condition.task.inject] }
            chained.append(entry)
        }
        timed.sort { ($0.time, $0.position) < ($1.time, $1.position) }
        return (timed, chained)
    }

    public var scenario: Scenario { state.scenario }

    /// Applies events produced elsewhere (replay); keeps the machine's caches honest.
    public mutating func apply(_ event: ExerciseEvent) {
        state.apply(event)
        if case .injectComposed = event.body { repartition() }
        wake = []
        unknown = []
        queued = []
        wakeTimes = WakeHeap()
        cursor = []
        watch = []
        watchBuilt = []
    }

    // MARK: Time

    /// Releases everything due up to `now`, in exercise-time order.
    public mutating func advance(to now: Millis) -> Step {
        var step = Step()
        guard state.phase == .running else { return step }
        while true {
            var earliest: Millis?
            var due: [(position: Int, team: String, time: Millis)] = []
            // Only teams whose wake is unknown or due by now; a known later wake (or none) has
            // nothing to release. In team order, as a scan of every team would find them.
            for k in candidates(dueBy: now) {
                let id = state.teams.order[k]
                let (next, firstDue) = evaluate(team: id, at: k, now: now)
                setWake(k, next)
                if let (position, time) = firstDue {
                    due.append((position, id, time))
                    earliest = min(earliest ?? time, time)
                }
            }
            guard let t = earliest else { break }
            // Release every inject due at the earliest time, one event per inject.
            var byInject: [Int: [String]] = [:]
            var order: [Int] = []
            for d in due where d.time == t {
                if byInject[d.position] == nil { order.append(d.position) }
                byInject[d.position, default: []].append(d.team)
            }
            for position in order.sorted() {
                let teams = byInject[position] ?? []
                let release = InjectRelease(inject: scenario.injects[position].id, teams: teams)
                step.append(record(ExerciseEvent(at: max(t, state.exerciseTime), by: .system, .injectReleased(release))))
                step.actions += teams.map { .deliverInject(inject: release.inject, team: $0) }
            }
            // Teams whose first due inject is later than `t` were given a wake past it: look at
            // them again, or what is due for them by `now` would wait for their next command.
            for d in due where d.time != t { forget(d.team) }
        }
        return step
    }

    /// The next exercise time at which something will happen by itself (nil: nothing scheduled).
    public mutating func nextWake(after now: Millis) -> Millis? {
        syncWake()
        for k in unknown {
            queued[k] = false
            if wake[k] == .unknown { setWake(k, evaluate(team: state.teams.order[k], at: k, now: now).next) }
        }
        unknown.removeAll(keepingCapacity: true)
        while let top = wakeTimes.top {
            if wake[top.team] == .at(top.time) { return top.time }
            wakeTimes.pop()
        }
        return nil
    }

    /// The teams to evaluate at `now`: wake unknown, or due by `now`; ascending, each once.
    private mutating func candidates(dueBy now: Millis) -> [Int] {
        syncWake()
        var out: [Int] = []
        for k in unknown {
            queued[k] = false
            if wake[k] == .unknown { out.append(k) }
        }
        unknown.removeAll(keepingCapacity: true)
        while let top = wakeTimes.top, top.time <= now {
            wakeTimes.pop()
            if wake[top.team] == .at(top.time) { out.append(top.team) }
        }
        out.sort()
        var unique: [Int] = []
        unique.reserveCapacity(out.count)
        for k in out where unique.last != k { unique.append(k) }
        return unique
    }

    private mutating func setWake(_ k: Int, _ next: Millis?) {
        if let next {
            wake[k] = .at(next)
            wakeTimes.push(time: next, team: k)
        } else {
            wake[k] = .never
        }
    }

    /// One wake entry per registered team; new teams start unknown.
    private mutating func syncWake() {
        while wake.count < state.teams.count {
            wake.append(.unknown)
            queued.append(true)
            unknown.append(wake.count - 1)
        }
    }

    private mutating func forget(_ team: String) {
        if let k = state.teams.position(of: team), k < wake.count {
            wake[k] = .unknown
            if !queued[k] {
                queued[k] = true
                unknown.append(k)
            }
        }
    }

    private mutating func forgetAll() {
        wake = Array(repeating: .unknown, count: state.teams.count)
        queued = Array(repeating: true, count: state.teams.count)
        unknown = Array(0 ..< state.teams.count)
        wakeTimes = WakeHeap()
    }

    /// For one team: the first inject due by `now` and the next time after `now` worth waking for.
    ///
    /// The first due is the earliest, the lowest position among equal times: the same inject a
    /// look at every inject in order would find.
    private mutating func evaluate(team id: String, at k: Int, now: Millis) -> (next: Millis?, due: (Int, Millis)?) {
        guard let team = state.teams[id] else { return (nil, nil) }
        var next: Millis?
        var first: (Int, Millis)?
        // Timed injects: skip for good those released, not addressed to the team or held (a
        // hold lifted puts every cursor back: `record`), then the first one left is the earliest
        // due, and the first after now the next.
        while cursor.count <= k { cursor.append(0) }
        var c = cursor[k]
        while c < timed.count {
            let inject = scenario.injects[timed[c].position]
            guard team.released[timed[c].position] != nil || !inject.isAddressed(to: id) || state.held.contains(inject.id) else { break }
            inspections += 1
            c += 1
        }
        cursor[k] = c
        while c < timed.count {
            let (t, position) = timed[c]
            c += 1
            inspections += 1
            let inject = scenario.injects[position]
            guard team.released[position] == nil, inject.isAddressed(to: id), !state.held.contains(inject.id) else { continue }
            if t <= now {
                if first == nil { first = (position, t) }
                continue
            }
            next = t
            break
        }
        buildWatch(k, team)
        var settled: [Int] = []
        for position in watch[k] {
            inspections += 1
            // Exactly what `status` would conclude without a look: waiting (or skipped), with no
            // window to wake for, until what it waits for is released to the team.
            guard team.released[position] == nil, let entry = chainedAt[position] else {
                settled.append(position)
                continue
            }
            if let condition = entry.condition {
                if team.released[condition] == nil { settled.append(position); continue }
            } else if let after = entry.after, team.released[after] == nil {
                settled.append(position)
                continue
            }
            switch state.status(of: position, for: id, now: now) {
            case .scheduled(let t) where t <= now:
                if first.map({ (t, position) < ($0.1, $0.0) }) ?? true { first = (position, t) }
            case .scheduled(let t):
                next = min(next ?? t, t)
            case .waiting:
                // A branch may be decided once its task's window has closed: an answer is still
                // accepted at the window's last millisecond, so look one later.
                if let c = scenario.injects[position].condition, let s = state.score(team: id, task: c.task, now: now),
                   !s.isFinal, let close = s.closesAt, close + 1 > now {
                    next = min(next ?? close + 1, close + 1)
                } else {
                    // Nothing timed left: only an answer, a grade, an extension or a release can
                    // change it, and each puts it back.
                    settled.append(position)
                }
            case .held:
                break
            case .released, .skipped, .notAddressed, .onDemand:
                // A library inject waits for the white cell, never for time.
                settled.append(position)
            }
        }
        for position in settled { watch[k].remove(position) }
        return (next, first)
    }

    /// Makes team `k`'s `watch` current: built anew when it was built for an older generation.
    private mutating func buildWatch(_ k: Int, _ team: TeamState) {
        while watch.count <= k {
            watch.append([])
            watchBuilt.append(-1)
        }
        guard watchBuilt[k] != watchGeneration else { return }
        var set = Set<Int>()
        for entry in chained where team.released[entry.position] == nil {
            if let condition = entry.condition {
                if team.released[condition] == nil { continue }
            } else if let after = entry.after, team.released[after] == nil {
                continue
            }
            set.insert(entry.position)
        }
        watch[k] = set
        watchBuilt[k] = watchGeneration
    }

    /// Puts back in team `id`'s watch the chained injects that wait for inject `position`
    /// (after it, or on one of its tasks): an event about it may have changed their status.
    private mutating func reconsider(dependentsOf position: Int?, team id: String) {
        guard let position, let k = state.teams.position(of: id), k < watchBuilt.count, watchBuilt[k] == watchGeneration else { return }
        for d in state.index.dependents[position] where state.teams[position: k].released[d] == nil {
            watch[k].insert(d)
        }
    }

    private mutating func reconsider(_ positions: [Int], team id: String) {
        guard let k = state.teams.position(of: id), k < watchBuilt.count, watchBuilt[k] == watchGeneration else { return }
        for d in positions where state.teams[position: k].released[d] == nil { watch[k].insert(d) }
    }

    // MARK: Commands

    /// Carries out a command at exercise time `now`, first releasing whatever is due by then.
    public mutating func handle(_ command: Command, by actor: Actor, at now: Millis) -> Result<Step, CommandError> {
        let now = max(now, state.exerciseTime)
        if command.isTeamCommand {
            guard case .team(let id) = actor else { return .failure(CommandError(.forbidden, "only a team can do that")) }
            guard state.teams[id] != nil else { return .failure(CommandError(.unknownTeam, "team '\(id)' is not registered in this exercise")) }
        } else if case .team = actor {
            return .failure(CommandError(.forbidden, "teams cannot control the exercise; ask the white cell"))
        }
        var step = advance(to: now)
        let result: Result<Step, CommandError>
        switch command {
        case .registerTeam(let team): result = registerTeam(team, actor, now)
        case .start: result = start(actor, now)
        case .pause: result = transition(from: .running, .paused, actor, now)
        case .resume: result = transition(from: .paused, .resumed, actor, now)
        case .setSpeed(let speed): result = setSpeed(speed, actor, now)
        case .releaseNow(let inject, let teams): result = releaseNow(inject, teams, actor, now)
        case .hold(let inject): result = hold(inject, actor, now)
        case .extendDeadline(let task, let team, let by): result = extend(task, team, by, actor, now)
        case .end: result = end(actor, now)
        case .grade(let team, let task, let score, let comment): result = grade(team, task, score, comment, actor, now)
        case .addNote(let note): result = addNote(note, actor, now)
        case .answerRFI(let rfi, let text): result = answerRFI(rfi, text, actor, now)
        case .broadcast(let text, let team): result = broadcast(text, team, actor, now)
        case .markRead(let inject): result = markRead(inject, actor.teamId ?? "", now)
        case .submit(let task, let submission, let values): result = submit(task, submission, values, actor.teamId ?? "", now)
        case .takeHint(let task, let hint): result = takeHint(task, hint, actor.teamId ?? "", now)
        case .sendMessage(let to, let kind, let text): result = sendMessage(to, kind, text, actor.teamId ?? "", now)
        // live17
        case .compose(let live): result = compose(live, actor, now)
        // grade17
        case .recordOutcome(let team, let task, let score, let via, let comment): result = recordOutcome(team, task, score, via, comment, actor, now)
        case .reopen(let team, let task, let window, let reason): result = reopen(team, task, window, reason, actor, now)
        case .openFeedback: result = openFeedback(actor, now)
        case .answerFeedback(let member, let answers): result = answerFeedback(member, answers, actor.teamId ?? "", now)
        }
        switch result {
        case .success(let s):
            step.append(s)
            // What the command changed may make more injects due at once (a branch decided).
            step.append(advance(to: now))
            return .success(step)
        case .failure(let error):
            // Releases that fell due are facts whatever became of the command.
            if !step.events.isEmpty { pendingReleases = step }
            return .failure(error)
        }
    }

    /// Releases made while handling a command that was then refused; hosts journal them with
    /// `takePendingReleases()` so that nothing the machine did is lost.
    private var pendingReleases = Step()

    public mutating func takePendingReleases() -> Step {
        defer { pendingReleases = Step() }
        return pendingReleases
    }

    /// Applies an event the machine made and returns it as a step.
    mutating func record(_ event: ExerciseEvent, _ actions: [Action] = []) -> Step {
        // A release lifts the inject's hold for every team, and cursors skip held injects.
        var lifted = false
        if case .injectReleased(let r) = event.body, state.held.contains(r.inject) { lifted = true }
        state.apply(event)
        invalidateWake(after: event)
        if lifted {
            cursor = []
            forgetAll()
        }
        return Step(events: [event], actions: actions)
    }

    /// Forgets the wake times an event may have changed: the teams it concerns, or all.
    /// The chained injects that wait for them are put back in the teams' watch.
    private mutating func invalidateWake(after event: ExerciseEvent) {
        let index = state.index
        switch event.body {
        case .injectReleased(let r):
            for id in r.teams {
                forget(id)
                reconsider(dependentsOf: index.injectPosition[r.inject], team: id)
            }
        case .answerSubmitted(let a):
            forget(a.team)
            reconsider(dependentsOf: index.taskPosition[a.task]?.inject, team: a.team)
        case .graded(let g):
            forget(g.team)
            reconsider(dependentsOf: index.taskPosition[g.task]?.inject, team: g.team)
        case .hintTaken, .injectRead, .noteAdded, .rfiAnswered, .speedChanged, .paused, .ended, .exerciseCreated: break
        case .messageSent(let m):
            if case .team(let id) = m.from {
                forget(id)
                reconsider(index.coordinationConditioned, team: id)
            }
        case .deadlineExtended(let x):
            let position = index.taskPosition[x.task]?.inject
            if let id = x.team {
                forget(id)
                reconsider(dependentsOf: position, team: id)
            } else {
                forgetAll()
                for id in state.teams.order { reconsider(dependentsOf: position, team: id) }
            }
        case .teamRegistered(let team):
            // Only a team a coordination task names changes other teams' scores; a new team's
            // own wake starts unknown (`syncWake`). Not all teams at each registration: that
            // made registering a roster cost the square of its size.
            if index.coordinationPartners.contains(team.id) {
                forgetAll()
                watchGeneration += 1
            }
        case .injectHeld, .started, .resumed: forgetAll()
        // live17
        case .injectComposed:
            // The scenario grew: its injects are partitioned again, every team looked at afresh.
            repartition()
            cursor = []
            forgetAll()
            watchGeneration += 1
        // grade17
        case .taskReopened(let r):
            forget(r.team)
            reconsider(dependentsOf: index.taskPosition[r.task]?.inject, team: r.team)
        case .feedbackOpened, .feedbackAnswered: break
        }
    }

    func requireStarted() -> CommandError? {
        switch state.phase {
        case .notStarted: CommandError(.notStarted, "the exercise has not started yet")
        case .ended: CommandError(.ended, "the exercise has ended")
        default: nil
        }
    }

    private mutating func registerTeam(_ team: Team, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard state.teams[team.id] == nil else { return .failure(CommandError(.duplicate, "team '\(team.id)' is already registered")) }
        // The cap holds wherever the teams come from: a roster, a scenario's own list, `rehearse --teams`.
        guard state.teams.count < Roster.maximumTeams else {
            return .failure(CommandError(.invalid, "an exercise takes at most \(Roster.maximumTeams) teams; '\(team.id)' would be one more"))
        }
        guard state.phase != .ended else { return .failure(CommandError(.ended, "the exercise has ended")) }
        return .success(record(ExerciseEvent(at: now, by: actor, .teamRegistered(team))))
    }

    private mutating func start(_ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard state.phase == .notStarted else {
            return .failure(state.phase == .ended ? CommandError(.ended, "the exercise has ended")
                                                  : CommandError(.alreadyStarted, "the exercise has already started"))
        }
        guard !state.teamOrder.isEmpty else { return .failure(CommandError(.invalid, "no team is registered; give a roster")) }
        var step = record(ExerciseEvent(at: now, by: actor, .started))
        step.append(advance(to: now))
        return .success(step)
    }

    /// `pause` from running, `resume` from paused; each other phase has a refusal of its own.
    private mutating func transition(from phase: ExerciseState.Phase, _ body: ExerciseEvent.Body, _ actor: Actor,
                                     _ now: Millis) -> Result<Step, CommandError> {
        guard state.phase == phase else {
            let verb = phase == .running ? "pause" : "resume"
            switch state.phase {
            case .notStarted: return .failure(CommandError(.notStarted, "\(verb): the exercise has not started yet"))
            case .ended: return .failure(CommandError(.ended, "\(verb): the exercise has ended"))
            case .paused: return .failure(CommandError(.alreadyPaused, "pause: the exercise is already paused"))
            case .running: return .failure(CommandError(.notPaused, "resume: the exercise is running, not paused"))
            }
        }
        return .success(record(ExerciseEvent(at: now, by: actor, body)))
    }

    private mutating func setSpeed(_ speed: Double, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard Self.speeds.contains(speed) else {
            return .failure(CommandError(.invalid, "speed must be between \(Self.speeds.lowerBound.clean)× and \(Self.speeds.upperBound.clean)×"))
        }
        guard state.phase != .ended else { return .failure(CommandError(.ended, "the exercise has ended")) }
        return .success(record(ExerciseEvent(at: now, by: actor, .speedChanged(SpeedChange(speed: speed)))))
    }

    private mutating func releaseNow(_ id: String, _ teams: [String]?, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        if let e = requireStarted() { return .failure(e) }
        guard let position = state.index.injectPosition[id] else { return .failure(unknownInject(id)) }
        var targets: [String]
        if let teams {
            for t in teams where state.teams[t] == nil { return .failure(CommandError(.unknownTeam, "team '\(t)' is not registered")) }
            targets = teams.filter { state.teams[$0]?.released[position] == nil }
        } else {
            targets = state.teamOrder.filter { team in
                switch state.status(of: position, for: team, now: now) {
                case .released, .skipped, .notAddressed: false
                default: true
                }
            }
        }
        guard !targets.isEmpty else { return .failure(CommandError(.nothingToDo, "inject \(id) has already reached every team it can")) }
        let release = InjectRelease(inject: id, teams: targets, manual: true)
        return .success(record(ExerciseEvent(at: now, by: actor, .injectReleased(release)),
                               targets.map { .deliverInject(inject: id, team: $0) }))
    }

    private mutating func hold(_ id: String, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard state.phase != .ended else { return .failure(CommandError(.ended, "the exercise has ended")) }
        guard let position = state.index.injectPosition[id] else { return .failure(unknownInject(id)) }
        guard !state.held.contains(id) else { return .failure(CommandError(.duplicate, "inject \(id) is already held")) }
        guard state.teamOrder.contains(where: { state.teams[$0]?.released[position] == nil }) else {
            return .failure(CommandError(.nothingToDo, "inject \(id) has already been released to every team"))
        }
        return .success(record(ExerciseEvent(at: now, by: actor, .injectHeld(InjectHold(inject: id)))))
    }

    private mutating func extend(_ ref: TaskRef, _ team: String?, _ by: Millis, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard state.phase != .ended else { return .failure(CommandError(.ended, "the exercise has ended")) }
        guard state.index.task(ref) != nil else { return .failure(unknownTask(ref)) }
        if let team, state.teams[team] == nil { return .failure(CommandError(.unknownTeam, "team '\(team)' is not registered")) }
        guard by > 0 else { return .failure(CommandError(.invalid, "an extension must be longer than 0")) }
        return .success(record(ExerciseEvent(at: now, by: actor, .deadlineExtended(DeadlineExtension(task: ref, team: team, by: by)))))
    }

    private mutating func end(_ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard state.phase != .ended else { return .failure(CommandError(.ended, "the exercise has already ended")) }
        guard state.phase != .notStarted else { return .failure(CommandError(.notStarted, "the exercise has not started")) }
        return .success(record(ExerciseEvent(at: now, by: actor, .ended)))
    }

    private mutating func grade(_ team: String, _ ref: TaskRef, _ score: Double, _ comment: String, _ actor: Actor,
                                _ now: Millis) -> Result<Step, CommandError> {
        guard let task = state.index.task(ref) else { return .failure(unknownTask(ref)) }
        guard task.type == .report else { return .failure(CommandError(.invalid, "\(ref) is a \(task.type.rawValue) task; only report tasks are graded by hand")) }
        guard state.teams[team] != nil else { return .failure(CommandError(.unknownTeam, "team '\(team)' is not registered")) }
        guard (0...1).contains(score), score.isFinite else { return .failure(CommandError(.invalid, "a grade is a fraction between 0 and 1")) }
        guard state.teams[team]?.progress[ref]?.submissions.isEmpty == false else {
            return .failure(CommandError(.invalid, "team '\(team)' has not answered \(ref) yet; nothing to grade"))
        }
        let before = state.score(team: team, task: ref, now: now)
        var step = record(ExerciseEvent(at: now, by: actor, .graded(Grade(team: team, task: ref, score: score, comment: comment))))
        if let after = state.score(team: team, task: ref, now: now), after.isFinal, after != before {
            step.actions.append(.outcomeDecided(team: team, score: after))
        }
        return .success(step)
    }

    private mutating func addNote(_ note: Note, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard !note.text.trimmingSpaces.isEmpty else { return .failure(CommandError(.invalid, "a note needs text")) }
        let scenario = state.scenario
        if let team = note.team, state.teams[team] == nil {
            return .failure(CommandError(.unknownTeam, "team '\(team)' is not registered"))
        }
        if let id = note.objective, scenario.objective(id) == nil {
            return .failure(CommandError(.invalid, "there is no objective '\(id)' in this scenario"))
        }
        if let name = note.capability, !scenario.objectives.contains(where: { $0.capability == name }) {
            return .failure(CommandError(.invalid, "no objective of this scenario has the capability '\(name)'"))
        }
        for field in [note.text, note.action, note.owner, note.due].compactMap({ $0 }) + note.tags {
            if field.utf8.count > Self.maxTextBytes { return .failure(CommandError(.invalid, "a note's text is longer than \(Self.maxTextBytes / 1024) KiB")) }
        }
        return .success(record(ExerciseEvent(at: now, by: actor, .noteAdded(note))))
    }

    private mutating func answerRFI(_ rfi: String, _ text: String, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard let asked = state.rfi(rfi) else {
            return .failure(CommandError(.unknownRFI, "there is no request for information '\(rfi)'"))
        }
        guard let error = checkText(text) else {
            var teams: [String] = []
            if case .team(let id) = asked.from { teams = [id] }
            let answer = Message(id: rfi, from: .whiteCell, to: asked.from, kind: .rfi, text: text)
            return .success(record(ExerciseEvent(at: now, by: actor, .rfiAnswered(RFIAnswer(rfi: rfi, text: text))),
                                   [.deliverMessage(answer, teams: teams, toWhiteCell: true)]))
        }
        return .failure(error)
    }

    private mutating func broadcast(_ text: String, _ team: String?, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        if let error = checkText(text) { return .failure(error) }
        if let team, state.teams[team] == nil { return .failure(CommandError(.unknownTeam, "team '\(team)' is not registered")) }
        let message = Message(id: nextMessageId, from: .whiteCell, to: team.map { .team($0) } ?? .all, text: text)
        return .success(record(ExerciseEvent(at: now, by: actor, .messageSent(message)),
                               [.deliverMessage(message, teams: team.map { [$0] } ?? state.teamOrder, toWhiteCell: true)]))
    }

    private var nextMessageId: String { "M\(state.messages.count + 1)" }

    func checkText(_ text: String) -> CommandError? {
        if text.trimmingSpaces.isEmpty { return CommandError(.invalid, "the text is empty") }
        if text.utf8.count > Self.maxTextBytes { return CommandError(.invalid, "the text is longer than \(Self.maxTextBytes / 1024) KiB") }
        return nil
    }

    private func unknownInject(_ id: String) -> CommandError { CommandError(.unknownInject, "there is no inject '\(id)' in this scenario") }
    func unknownTask(_ ref: TaskRef) -> CommandError { CommandError(.unknownTask, "there is no task '\(ref)' in this scenario") }

    // MARK: Team commands

    /// The task and its release to the team, or why the team cannot act on it.
    private func released(_ ref: TaskRef, to team: String) -> Result<DrillTask, CommandError> {
        guard let p = state.index.taskPosition[ref] else { return .failure(unknownTask(ref)) }
        guard state.teams[team]?.released[p.inject] != nil else {
            return .failure(CommandError(.notReleased, "inject \(ref.inject) has not reached your team"))
        }
        return .success(scenario.injects[p.inject].tasks[p.task])
    }

    private mutating func markRead(_ id: String, _ team: String, _ now: Millis) -> Result<Step, CommandError> {
        guard let position = state.index.injectPosition[id] else { return .failure(unknownInject(id)) }
        guard state.teams[team]?.released[position] != nil else { return .failure(CommandError(.notReleased, "inject \(id) has not reached your team")) }
        if state.teams[team]?.read[position] != nil { return .success(Step()) }
        return .success(record(ExerciseEvent(at: now, by: .team(team), .injectRead(InjectRead(inject: id, team: team)))))
    }

    private mutating func submit(_ ref: TaskRef, _ id: String, _ values: [String], _ team: String, _ now: Millis) -> Result<Step, CommandError> {
        // A retry of a recorded answer is acknowledged again, never recorded twice.
        // Ids are the team's own: another team's identical id is another answer.
        if let recorded = state.recordedTask(ofSubmission: id, team: team) {
            guard recorded == ref, let first = state.teams[team]?.progress[ref]?.submissions.first(where: { $0.id == id }),
                  first.values == values, let score = state.score(team: team, task: ref, now: now) else {
                return .failure(CommandError(.conflict, "submission id '\(id)' was already used for a different answer"
                                             + " (\(recorded == ref ? "other values" : "task \(recorded)")); give a new answer a new id"))
            }
            return .success(Step(actions: [.acknowledge(team: team, submission: id, score: score)]))
        }
        if let e = requireStarted() { return .failure(e) }
        guard state.phase == .running else {
            return .failure(CommandError(.notRunning, "the exercise is paused; your answer is kept and can be sent when it resumes"))
        }
        let task: DrillTask
        switch released(ref, to: team) {
        case .failure(let e): return .failure(e)
        case .success(let t): task = t
        }
        guard task.type != .coordination else {
            return .failure(CommandError(.invalid, "\(ref) is met by messaging the teams it names, not by an answer"))
        }
        guard !id.isEmpty, id.utf8.count <= 128 else { return .failure(CommandError(.invalid, "a submission needs an id of 1 to 128 bytes")) }
        let cleaned = values.map(\.trimmingSpaces).filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { return .failure(CommandError(.invalid, "the answer is empty")) }
        guard values.reduce(0, { $0 + $1.utf8.count }) <= Self.maxTextBytes else {
            return .failure(CommandError(.invalid, "the answer is longer than \(Self.maxTextBytes / 1024) KiB"))
        }
        if let before = state.score(team: team, task: ref, now: now), before.isFinal {
            return .failure(CommandError(.closed, "\(ref) is closed: \(before.reason)"))
        }
        var step = record(ExerciseEvent(at: now, by: .team(team), .answerSubmitted(AnswerSubmission(team: team, task: ref, submission: id, values: values))))
        if let score = state.score(team: team, task: ref, now: now) {
            step.actions.append(.acknowledge(team: team, submission: id, score: score))
            if score.isFinal { step.actions.append(.outcomeDecided(team: team, score: score)) }
        }
        return .success(step)
    }

    private mutating func takeHint(_ ref: TaskRef, _ hint: Int, _ team: String, _ now: Millis) -> Result<Step, CommandError> {
        if let e = requireStarted() { return .failure(e) }
        let task: DrillTask
        switch released(ref, to: team) {
        case .failure(let e): return .failure(e)
        case .success(let t): task = t
        }
        guard task.hints.indices.contains(hint) else {
            // Counted as in the request: from 0.
            let range = task.hints.isEmpty ? "it has no hints" : "its hints are 0 to \(task.hints.count - 1)"
            return .failure(CommandError(.unknownHint, "\(ref) has no hint index \(hint): \(range)"))
        }
        if state.teams[team]?.progress[ref]?.hints.contains(hint) == true { return .success(Step()) }
        if let score = state.score(team: team, task: ref, now: now), score.isFinal {
            return .failure(CommandError(.closed, "\(ref) is closed: \(score.reason)"))
        }
        return .success(record(ExerciseEvent(at: now, by: .team(team), .hintTaken(HintTaken(team: team, task: ref, hint: hint)))))
    }

    private mutating func sendMessage(_ to: Party, _ kind: Message.Kind, _ text: String, _ team: String, _ now: Millis) -> Result<Step, CommandError> {
        if let e = requireStarted() { return .failure(e) }
        if let error = checkText(text) { return .failure(error) }
        var recipients: [String] = []
        switch to {
        case .all:
            return .failure(CommandError(.forbidden, "teams cannot write to all teams; write to one team or to the white cell"))
        case .team(let other):
            guard state.teams[other] != nil else { return .failure(CommandError(.unknownTeam, "team '\(other)' is not registered")) }
            guard kind == .message else { return .failure(CommandError(.rfiToTeam, "requests for information go to the white cell, not to a team")) }
            guard other != team else { return .failure(CommandError(.selfMessage, "a team cannot message itself")) }
            recipients = [other]
        case .whiteCell:
            break
        }
        let message = Message(id: nextMessageId, from: .team(team), to: to, kind: kind, text: text)
        var step = record(ExerciseEvent(at: now, by: .team(team), .messageSent(message)),
                          [.deliverMessage(message, teams: recipients, toWhiteCell: true)])
        // A message can complete a coordination task.
        if case .team(let other) = to, let teamState = state.teams[team] {
            for position in teamState.releaseOrder {
                for task in scenario.injects[position].tasks {
                    guard case .coordination(let with) = task.kind, with.contains(other) else { continue }
                    let ref = TaskRef(inject: scenario.injects[position].id, task: task.id)
                    if let s = state.score(team: team, task: ref, now: now), s.isFinal, s.decidedAt == now {
                        step.actions.append(.outcomeDecided(team: team, score: s))
                    }
                }
            }
        }
        return .success(step)
    }
}
