import Foundation

/// The checks that need the whole scenario: ids, references, triggers, timing, answers, artifacts.
///
/// A class, not a struct: its checks are passed around in closures and computed locals many times
/// an inject, and a struct would be copied each time, retaining every field (the scenario, its
/// node lists, the reader…) — a tenth of the time of validating 30,000 injects.
final class ScenarioValidator {
    let scenario: Scenario
    let nodes: ScenarioDecoder.Nodes
    let root: YAMLNode
    let reader: NodeReader
    /// The folder artifacts are relative to, and a way to ask whether a file is there.
    let baseDirectory: String
    let fileExists: (String) -> Bool

    init(scenario: Scenario, nodes: ScenarioDecoder.Nodes, root: YAMLNode, reader: NodeReader,
         baseDirectory: String, fileExists: @escaping (String) -> Bool) {
        self.scenario = scenario
        self.nodes = nodes
        self.root = root
        self.reader = reader
        self.baseDirectory = baseDirectory
        self.fileExists = fileExists
    }

    func run() {
        checkIdentity()
        checkObjectivesAndTeams()
        let injectIndex = checkInjectIds()
        checkReferences(injectIndex)
        checkCycles(injectIndex)
        checkTiming(injectIndex)
        // By index, each inject passed where it lies: a scenario has up to tens of thousands of
        // injects, and a copy of one retains and releases every text and list it holds.
        for i in scenario.injects.indices {
            checkInjectFields(scenario.injects[i], i)
            // The inject's id and audience, not the inject: passing the inject copied it for each
            // task, retaining every text and list it holds.
            for j in scenario.injects[i].tasks.indices {
                checkTask(scenario.injects[i].tasks[j], in: (scenario.injects[i].id, scenario.injects[i].to), i, j)
            }
        }
        checkTranslations()
    }

    /// Artifact files of the translations, and one warning per declared language naming every
    /// field its translation lacks.
    private func checkTranslations() {
        for (tag, t) in scenario.translations {
            guard let tNode = nodes.translations[tag] else { continue }
            for (id, it) in t.injects {
                for (name, at) in it.artifacts {
                    guard let path = at.path else { continue }
                    let n = tNode.deepest([.key("injects"), .key(id), .key("artifacts"), .key(name), .key("path")])
                    checkArtifactPath(path, at: n)
                }
            }
        }
        for (k, team) in scenario.teams.enumerated() {
            if let warning = scenario.languageWarning(for: team) {
                reader.warning(.teamLanguageUndeclared, scenario.languageWarningFacts(for: team), warning, at: nodes.teams[k].deepest([.key("language")]))
            }
        }
        let list = nodes.languages
        for (k, tag) in scenario.languages.enumerated() where !LanguageTag.same(tag, scenario.language) {
            let missing = scenario.missingTranslations(tag)
            guard !missing.isEmpty else { continue }
            let at = list.map { $0.deepest([.index(k)]) } ?? root.deepest([.key("language")])
            reader.warning(.translationLacks, ["tag": tag, "n": String(missing.count), "language": scenario.language, "fields": missing.joined(separator: ", ")], "the '\(tag)' translation lacks \(missing.count) field\(missing.count == 1 ? "" : "s") (teams reading \(tag) get them in \(scenario.language)): \(missing.joined(separator: ", "))", at: at)
        }
    }

    private func checkArtifactPath(_ path: String, at n: YAMLNode) {
        if path.isEmpty { return }
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            reader.error(.artifactPathOutside, ["path": path], "artifact path '\(path)' must stay inside the scenario's folder (relative, without '..')", at: n)
        } else if !fileExists(baseDirectory.isEmpty ? path : baseDirectory + "/" + path) {
            reader.error(.artifactMissing, ["path": path], "artifact file '\(path)' does not exist (paths are relative to the scenario file)", at: n)
        }
    }

    // MARK: Locations

    private func node(_ i: Int, _ path: PathStep...) -> YAMLNode { nodes.injects[i].deepest(path) }
    private func taskNode(_ i: Int, _ j: Int, _ path: PathStep...) -> YAMLNode { nodes.tasks[i][j].deepest(path) }

    // MARK: Checks

    private static let scenarioIdPattern = try! NSRegularExpression(pattern: "^[a-z0-9][a-z0-9._-]*$")
    private static let languagePattern = try! NSRegularExpression(pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

    private static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// A MITRE ATT&CK technique id, `T1566` or `T1071.001` (checked by hand: a regular expression per id
    /// is a noticeable part of validating thousands of injects).
    static func isAttackId(_ id: String) -> Bool {
        let b = Array(id.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 } }
        guard b.count == 5 || b.count == 9, b[0] == UInt8(ascii: "T"), digits(1..<5) else { return false }
        return b.count == 5 || (b[5] == UInt8(ascii: ".") && digits(6..<9))
    }

    /// Ids are plain ASCII words: they appear in references (`I01.c2`), file names and URLs.
    private func checkId(_ id: String, _ what: String, at node: @autoclosure () -> YAMLNode) {
        if id.isEmpty {
            reader.error(.idEmpty, ["what": what], "\(what) id must not be empty", at: node())
        } else if !id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }) {
            reader.error(.idCharacters, ["what": what, "id": id], "\(what) id '\(id)' may hold only letters, digits, '-' and '_'", at: node())
        }
    }

    private func checkIdentity() {
        let top = root.deepest([.key("id")])
        if !scenario.id.isEmpty, !Self.matches(Self.scenarioIdPattern, scenario.id) {
            reader.error(.scenarioIdCharacters, ["id": scenario.id], "scenario id '\(scenario.id)' must be lowercase letters, digits, '.', '-' or '_' (it names files)", at: top)
        }
        if !Self.matches(Self.languagePattern, scenario.language) {
            reader.warning(.scenarioLanguageTag, ["tag": scenario.language], "language '\(scenario.language)' is not a BCP 47 tag like en, fr, ar or zh-Hans", at: root.deepest([.key("language")]))
        }
    }

    private func checkObjectivesAndTeams() {
        var seen = Set<String>()
        for (k, o) in scenario.objectives.enumerated() {
            checkId(o.id, "objective", at: nodes.objectives[k].deepest([.key("id")]))
            if !seen.insert(o.id).inserted { reader.error(.duplicateObjective, ["id": o.id], "duplicate objective id '\(o.id)'", at: nodes.objectives[k].deepest([.key("id")])) }
        }
        seen = []
        for (k, t) in scenario.teams.enumerated() {
            checkId(t.id, "team", at: nodes.teams[k].deepest([.key("id")]))
            if !seen.insert(t.id).inserted { reader.error(.duplicateTeam, ["id": t.id], "duplicate team id '\(t.id)'", at: nodes.teams[k].deepest([.key("id")])) }
        }
        if scenario.teams.count > Roster.maximumTeams {
            reader.error(.tooManyTeams, ["n": String(scenario.teams.count), "max": String(Roster.maximumTeams)], "the scenario lists \(scenario.teams.count) teams; an exercise takes at most \(Roster.maximumTeams)", at: root.deepest([.key("teams")]))
        }
        if scenario.teams.isEmpty {
            reader.warning(.noTeams, [:], "no teams: give a roster with --roster when you run or serve this scenario", at: root.deepest([.key("teams")]))
        }
        var used = Set<String>()
        for i in scenario.injects.indices {
            used.formUnion(scenario.injects[i].objectives)
            for j in scenario.injects[i].tasks.indices { used.formUnion(scenario.injects[i].tasks[j].objectives) }
        }
        for (k, o) in scenario.objectives.enumerated() where !used.contains(o.id) {
            reader.warning(.objectiveUntested, ["id": o.id], "objective '\(o.id)' is not tested by any inject or task; it will be rated U", at: nodes.objectives[k])
        }
    }

    /// Index of the first inject with each id; reports duplicates.
    private func checkInjectIds() -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(scenario.injects.count)
        for i in scenario.injects.indices {
            let id = scenario.injects[i].id
            checkId(id, "inject", at: node(i, .key("id")))
            if index[id] != nil {
                reader.error(.duplicateInject, ["id": id], "duplicate inject id '\(id)'", at: node(i, .key("id")))
            } else {
                index[id] = i
            }
            let tasks = scenario.injects[i].tasks.count
            for j in 0..<tasks {
                let task = scenario.injects[i].tasks[j].id
                checkId(task, "task", at: taskNode(i, j, .key("id")))
                // A few tasks an inject: compared in place rather than hashed into a set.
                if (0..<j).contains(where: { scenario.injects[i].tasks[$0].id == task }) {
                    reader.error(.duplicateTask, ["task": task, "inject": id], "duplicate task id '\(task)' in inject \(id)", at: taskNode(i, j, .key("id")))
                }
            }
        }
        return index
    }

    private var teamIds: Set<String> { Set(scenario.teams.map(\.id)) }
    private var objectiveIds: Set<String> { Set(scenario.objectives.map(\.id)) }

    private func checkReferences(_ index: [String: Int]) {
        let teams = teamIds, objectives = objectiveIds
        for i in scenario.injects.indices {
            checkReferences(of: scenario.injects[i], i, index, teams: teams, objectives: objectives)
        }
    }

    private func checkReferences(of inject: Inject, _ i: Int, _ index: [String: Int], teams: Set<String>, objectives: Set<String>) {
        do {
            if case .after(let dep, _) = inject.trigger, !dep.isEmpty, index[dep] == nil {
                reader.error(.afterUnknownInject, hinted(["id": dep], dep, index.keys), "'after' refers to unknown inject '\(dep)'\(suggest(dep, index.keys))", at: node(i, .key("after"), .key("inject")))
            }
            if let c = inject.condition {
                let n = node(i, .key("when"), .key("task"))
                if let k = index[c.task.inject] {
                    if !scenario.injects[k].tasks.contains(where: { $0.id == c.task.task }) {
                        reader.error(.whenUnknownTask, hinted(["task": c.task.task, "inject": c.task.inject], c.task.task, scenario.injects[k].tasks.map(\.id)), "'when' refers to unknown task '\(c.task.task)' of inject \(c.task.inject)\(suggest(c.task.task, scenario.injects[k].tasks.map(\.id)))", at: n)
                    }
                } else {
                    reader.error(.whenUnknownInject, hinted(["inject": c.task.inject], c.task.inject, index.keys), "'when' refers to unknown inject '\(c.task.inject)'\(suggest(c.task.inject, index.keys))", at: n)
                }
            }
            if case .teams(let ids) = inject.to {
                if ids.isEmpty { reader.error(.sentToNobody, ["inject": inject.id], "inject \(inject.id) is sent to nobody: 'to' is an empty list", at: node(i, .key("to"))) }
                for (k, id) in ids.enumerated() where !teams.contains(id) && !scenario.teams.isEmpty {
                    reader.error(.toUnknownTeam, hinted(["id": id], id, teams), "'to' names unknown team '\(id)'\(suggest(id, teams))", at: node(i, .key("to"), .index(k)))
                }
            }
            for (k, id) in inject.objectives.enumerated() where !objectives.contains(id) {
                reader.error(.unknownObjective, hinted(["id": id], id, objectives), "unknown objective '\(id)'\(suggest(id, objectives))", at: node(i, .key("objectives"), .index(k)))
            }
            for (j, task) in inject.tasks.enumerated() {
                // Inherited objectives were checked with the inject.
                if task.objectives != inject.objectives {
                    for (k, id) in task.objectives.enumerated() where !objectives.contains(id) {
                        reader.error(.unknownObjective, hinted(["id": id], id, objectives), "unknown objective '\(id)'\(suggest(id, objectives))", at: taskNode(i, j, .key("objectives"), .index(k)))
                    }
                }
                if case .coordination(let with) = task.kind {
                    for (k, id) in with.enumerated() where !teams.contains(id) && !scenario.teams.isEmpty {
                        // A team cannot tell itself: an inject to one team suggests the others only.
                        var candidates = teams
                        if case .teams(let to) = inject.to, to.count == 1 { candidates = candidates.filter { $0 != to[0] } }
                        reader.error(.withUnknownTeam, hinted(["id": id], id, candidates), "'with' names unknown team '\(id)'\(suggest(id, candidates))", at: taskNode(i, j, .key("with"), .index(k)))
                    }
                }
            }
        }
    }

    /// `arguments` with the closest candidate to `word` as `suggestion`, when one is close.
    private func hinted<S: Sequence>(_ arguments: [String: String], _ word: String, _ candidates: S) -> [String: String] where S.Element == String {
        var out = arguments
        out["suggestion"] = Suggestion.closest(to: word, among: Array(candidates))
        return out
    }

    private func suggest<S: Sequence>(_ word: String, _ candidates: S) -> String where S.Element == String {
        Suggestion.closest(to: word, among: Array(candidates)).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// `after` and `when` make a graph between injects; a cycle means none of them is ever released.
    private func checkCycles(_ index: [String: Int]) {
        func edges(_ i: Int) -> [Int] {
            var out: [Int] = []
            if case .after(let dep, _) = scenario.injects[i].trigger, let k = index[dep] { out.append(k) }
            if let c = scenario.injects[i].condition, let k = index[c.task.inject], k != i { out.append(k) }
            return out
        }
        // Iterative three-colour depth-first search.
        var colour = [UInt8](repeating: 0, count: scenario.injects.count)
        var reported = Set<Int>()
        for start in scenario.injects.indices where colour[start] == 0 {
            var stack: [(Int, [Int])] = [(start, edges(start))]
            colour[start] = 1
            while !stack.isEmpty {
                let (v, remaining) = stack[stack.count - 1]
                guard let next = remaining.first else {
                    colour[v] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].1 = Array(remaining.dropFirst())
                if colour[next] == 1 {
                    let path = stack.map(\.0)
                    let cycle = Array(path[(path.lastIndex(of: next) ?? 0)...])
                    if reported.insert(next).inserted {
                        let names = (cycle + [next]).map { scenario.injects[$0].id }.joined(separator: " → ")
                        let at = scenario.injects[next].condition != nil && cycle.count == 1 ? node(next, .key("when")) : node(next, .key(triggerKey(next)))
                        reader.error(.triggerCycle, ["names": names], "trigger cycle: \(names); none of these injects can ever be released", at: at)
                    }
                } else if colour[next] == 0 {
                    colour[next] = 1
                    stack.append((next, edges(next)))
                }
            }
        }
    }

    private func triggerKey(_ i: Int) -> String {
        if case .after = scenario.injects[i].trigger { return "after" }
        return scenario.injects[i].condition != nil ? "when" : "at"
    }

    private func checkTiming(_ index: [String: Int]) {
        let schedule = PlannedSchedule(scenario)
        for i in scenario.injects.indices {
            checkTiming(of: scenario.injects[i], i, index, schedule)
        }
    }

    private func checkTiming(of inject: Inject, _ i: Int, _ index: [String: Int], _ schedule: PlannedSchedule) {
        do {
            guard let s = schedule.scheduled[inject.id] else { return }
            var at: YAMLNode { node(i, .key(triggerKey(i) == "when" ? "at" : triggerKey(i))) }
            if scenario.duration > 0, s > scenario.duration {
                reader.error(.plannedAfterEnd, ["inject": inject.id, "at": DurationText.format(s), "duration": DurationText.format(scenario.duration)], "inject \(inject.id) is planned at \(DurationText.format(s)), after the end of the exercise (duration \(DurationText.format(scenario.duration)))", at: at)
            } else if scenario.duration > 0, let l = schedule.latest[inject.id], l > scenario.duration {
                reader.warning(.mayComeAfterEnd, inject.condition.map { ["inject": inject.id, "task": $0.task.description, "at": DurationText.format(l), "duration": DurationText.format(scenario.duration)] }, "inject \(inject.id) waits for \(inject.condition?.task.description ?? "a branch") and may come as late as \(DurationText.format(l)), after the end of the exercise (\(DurationText.format(scenario.duration)))", at: at)
            }
            guard let c = inject.condition, let k = index[c.task.inject] else { return }
            var when: YAMLNode { node(i, .key("when"), .key("task")) }
            let source = scenario.injects[k]
            if k == i {
                reader.error(.whenSameInject, [:], "'when' refers to a task of this same inject; its outcome cannot be known before the inject is released", at: when)
                return
            }
            if let ts = schedule.scheduled[source.id], ts > s, !isAncestor(k, of: i, index) {
                reader.error(.whenLater, ["task": c.task.description, "source": source.id, "sourceAt": DurationText.format(ts), "at": DurationText.format(s)], "'when' refers to \(c.task) of inject \(source.id), planned at \(DurationText.format(ts)), later than this inject (\(DurationText.format(s))): its outcome cannot be known in time", at: when)
            }
            if !audiencesOverlap(source.to, inject.to) {
                reader.error(.whenNoOverlap, ["task": c.task.description, "source": source.id], "'when' refers to \(c.task), but inject \(source.id) goes to none of the teams this inject is for, so the branch can never be taken", at: when)
            }
            if let task = source.tasks.first(where: { $0.id == c.task.task }) {
                if c.outcomes.contains(.wrong), task.attempts == nil, task.type != .report, task.type != .coordination {
                    reader.warning(.whenNeverWrong, ["task": c.task.description], "\(c.task) allows unlimited attempts, so its outcome is never 'wrong'; set 'attempts' or branch on 'missed'", at: node(i, .key("when"), .key("outcome")))
                }
            }
        }
    }

    private func isAncestor(_ k: Int, of i: Int, _ index: [String: Int]) -> Bool {
        var current = i
        var steps = 0
        while case .after(let dep, _) = scenario.injects[current].trigger, let next = index[dep], steps <= scenario.injects.count {
            if next == k { return true }
            current = next
            steps += 1
        }
        return false
    }

    private func audiencesOverlap(_ a: Audience, _ b: Audience) -> Bool {
        switch (a, b) {
        case (.all, _), (_, .all): true
        case (.teams(let x), .teams(let y)): !Set(x).isDisjoint(with: y)
        }
    }

    private func checkInjectFields(_ inject: Inject, _ i: Int) {
        for (k, id) in inject.attack.enumerated() where !Self.isAttackId(id) {
            reader.error(.attackId, ["id": id], "'\(id)' is not a MITRE ATT&CK technique id; write it like T1566 or T1071.001", at: node(i, .key("attack"), .index(k)))
        }
        for (k, artifact) in inject.artifacts.enumerated() {
            checkArtifactPath(artifact.path, at: node(i, .key("artifacts"), .index(k), .key("path")))
        }
        if inject.title.trimmingSpaces.isEmpty, node(i, .key("title")) != nodes.injects[i] {
            reader.error(.emptyTitle, ["inject": inject.id], "inject \(inject.id) has an empty title", at: node(i, .key("title")))
        }
    }

    private func checkTask(_ task: DrillTask, in inject: (id: String, to: Audience), _ i: Int, _ j: Int) {
        let whole = nodes.tasks[i][j]
        switch task.kind {
        case .text(let accept, let match):
            if accept.isEmpty {
                reader.error(.textNeedsAccept, ["task": "\(inject.id).\(task.id)"], "text task \(inject.id).\(task.id) needs at least one accepted answer in 'accept'", at: taskNode(i, j, .key("accept")))
            }
            if match == .regex {
                for (k, pattern) in accept.enumerated() {
                    do { _ = try NSRegularExpression(pattern: pattern) } catch {
                        reader.error(.badRegex, ["pattern": pattern], "'\(pattern)' is not a valid regular expression", at: taskNode(i, j, .key("accept"), .index(k)))
                    }
                }
            }
        case .choice(let options, let answers, let multiple, _):
            if options.count < 2 {
                reader.error(.choiceNeedsOptions, ["task": "\(inject.id).\(task.id)"], "choice task \(inject.id).\(task.id) needs at least two options", at: taskNode(i, j, .key("options")))
            }
            var seen = Set<String>()
            for (k, o) in options.enumerated() where !seen.insert(o).inserted {
                reader.error(.optionTwice, ["option": o], "option '\(o)' is listed twice", at: taskNode(i, j, .key("options"), .index(k)))
            }
            if answers.isEmpty {
                reader.error(.choiceNeedsAnswer, ["task": "\(inject.id).\(task.id)"], "choice task \(inject.id).\(task.id) needs an 'answer' among its options", at: taskNode(i, j, .key("answer")))
            }
            if !multiple, answers.count > 1 {
                reader.error(.choiceSeveralAnswers, ["task": "\(inject.id).\(task.id)"], "choice task \(inject.id).\(task.id) has several answers; add 'multiple: true' or keep one", at: taskNode(i, j, .key("answer")))
            }
            for (k, a) in answers.enumerated() where !options.contains(a) {
                let n = answers.count > 1 || multiple ? taskNode(i, j, .key("answer"), .index(k)) : taskNode(i, j, .key("answer"))
                reader.error(.answerNotAnOption, hinted(["answer": a, "options": options.joined(separator: ", ")], a, options), "answer '\(a)' is not among the options (\(options.joined(separator: ", ")))\(suggest(a, options))", at: n)
            }
        case .number:
            break
        case .indicators(let accept):
            if accept.isEmpty {
                reader.error(.indicatorsNeedAccept, ["task": "\(inject.id).\(task.id)"], "indicators task \(inject.id).\(task.id) needs at least one indicator in 'accept'", at: taskNode(i, j, .key("accept")))
            }
        case .report(let rubric):
            if rubric.isEmpty {
                reader.error(.reportNeedsRubric, ["task": "\(inject.id).\(task.id)"], "report task \(inject.id).\(task.id) needs a 'rubric' to be graded against", at: taskNode(i, j, .key("rubric")))
            } else if !rubric.contains(where: { $0.score == 1 }) {
                reader.warning(.rubricNoFullMarks, ["task": "\(inject.id).\(task.id)"], "no rubric level of report task \(inject.id).\(task.id) gives full marks (score: 1.0)", at: taskNode(i, j, .key("rubric")))
            }
        case .coordination(let with):
            if with.isEmpty {
                reader.error(.coordinationNeedsWith, ["task": "\(inject.id).\(task.id)"], "coordination task \(inject.id).\(task.id) needs the teams to coordinate with in 'with'", at: taskNode(i, j, .key("with")))
            }
            // A team cannot message itself, so a recipient listed in `with` can score at most partial.
            let recipients: [String] = if case .teams(let to) = inject.to { to } else { scenario.teams.map(\.id) }
            let selfListed = recipients.filter { with.contains($0) }
            if !selfListed.isEmpty {
                let names = selfListed.map { "'\($0)'" }.joined(separator: ", ")
                reader.warning(.withSelf, ["names": names, "n": String(selfListed.count), "task": "\(inject.id).\(task.id)"], "\(names) receive\(selfListed.count == 1 ? "s" : "") this inject and \(selfListed.count == 1 ? "is" : "are") listed in 'with': a team cannot tell itself, so \(inject.id).\(task.id) is at most partial for \(selfListed.count == 1 ? "it" : "them"); send the inject only to the teams that must act", at: taskNode(i, j, .key("with")))
            }
        }
        if task.points == 0 {
            reader.warning(.zeroPoints, ["task": "\(inject.id).\(task.id)"], "task \(inject.id).\(task.id) is worth 0 points: it cannot be scored", at: taskNode(i, j, .key("points")))
        }
        let hintCost = task.hints.reduce(0) { $0 + $1.cost }
        if hintCost > task.points, task.points > 0 {
            reader.warning(.hintsCostMore, ["task": "\(inject.id).\(task.id)", "cost": hintCost.clean, "points": task.points.clean], "the hints of \(inject.id).\(task.id) cost \(hintCost.clean) points, more than the task is worth (\(task.points.clean))", at: taskNode(i, j, .key("hints")))
        }
        if task.prompt.trimmingSpaces.isEmpty, taskNode(i, j, .key("prompt")) != whole {
            reader.error(.emptyPrompt, ["task": "\(inject.id).\(task.id)"], "task \(inject.id).\(task.id) has an empty prompt", at: taskNode(i, j, .key("prompt")))
        }
    }
}
