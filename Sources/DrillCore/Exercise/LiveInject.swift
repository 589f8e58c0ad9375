/// An inject the white cell composed while the exercise ran (`injectComposed`): not in the
/// scenario file, so the event carries all of it. Folding it appends it to the exercise's
/// scenario, marked unplanned; from then on it is delivered, read, answered and scored like any
/// inject.
public struct LiveInject: Sendable, Hashable, Codable {
    /// Given by the engine when it records the event (`L1`, `L2`, …); empty in a command.
    public var id: String
    /// Exercise time of its release: the time it was composed for "now", or a later time.
    public var at: Millis
    public var title: String
    public var channel: Channel
    public var from: String
    /// The teams it goes to; nil: every team.
    public var teams: [String]?
    public var tlp: TLP?
    public var body: String
    public var tasks: [DrillTask]

    public init(id: String = "", at: Millis = 0, title: String, channel: Channel, from: String = "", teams: [String]? = nil,
                tlp: TLP? = nil, body: String = "", tasks: [DrillTask] = []) {
        self.id = id
        self.at = at
        self.title = title
        self.channel = channel
        self.from = from
        self.teams = teams
        self.tlp = tlp
        self.body = body
        self.tasks = tasks
    }

    /// The inject it becomes in the exercise's scenario.
    public var inject: Inject {
        var inject = Inject(id: id, trigger: .at(at), title: title, channel: channel, from: from,
                            to: teams.map { .teams($0) } ?? .all, tlp: tlp, body: body, tasks: tasks)
        inject.unplanned = true
        return inject
    }
}

// MARK: Coding

extension LiveInject {
    private enum Key: String, CodingKey { case id, at, title, channel, from, teams, tlp, body, tasks }

    /// Only `title` and `channel` are required; `at` 0 means "now".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(id: try c.decodeIfPresent(String.self, forKey: .id) ?? "", at: try c.decodeIfPresent(Millis.self, forKey: .at) ?? 0,
                  title: try c.decode(String.self, forKey: .title), channel: try c.decode(Channel.self, forKey: .channel),
                  from: try c.decodeIfPresent(String.self, forKey: .from) ?? "", teams: try c.decodeIfPresent([String].self, forKey: .teams),
                  tlp: try c.decodeIfPresent(TLP.self, forKey: .tlp), body: try c.decodeIfPresent(String.self, forKey: .body) ?? "",
                  tasks: try c.decodeIfPresent([DrillTask].self, forKey: .tasks) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try c.encode(at, forKey: .at)
        try c.encode(title, forKey: .title)
        try c.encode(channel, forKey: .channel)
        try c.encode(from, forKey: .from)
        try c.encodeIfPresent(teams, forKey: .teams)
        try c.encodeIfPresent(tlp, forKey: .tlp)
        try c.encode(body, forKey: .body)
        try c.encode(tasks, forKey: .tasks)
    }
}

extension DrillTask: Codable {
    private enum Key: String, CodingKey {
        case id, type, prompt, points, due, late, floor, attempts, penalty, hints, objectives, guide
        case accept, match, options, answers, multiple, partial, answer, tolerance, unit, rubric, with
    }

    /// One flat object, with the fields of a scenario file's task (durations in milliseconds).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(prompt, forKey: .prompt)
        try c.encode(points, forKey: .points)
        try c.encode(due, forKey: .due)
        try c.encode(late, forKey: .late)
        try c.encode(floor, forKey: .floor)
        try c.encodeIfPresent(attempts, forKey: .attempts)
        if penalty != 0 { try c.encode(penalty, forKey: .penalty) }
        if !hints.isEmpty { try c.encode(hints, forKey: .hints) }
        if !objectives.isEmpty { try c.encode(objectives, forKey: .objectives) }
        if !guide.isEmpty { try c.encode(guide, forKey: .guide) }
        switch kind {
        case .text(let accept, let match):
            try c.encode(accept, forKey: .accept)
            try c.encode(match, forKey: .match)
        case .choice(let options, let answers, let multiple, let partial):
            try c.encode(options, forKey: .options)
            try c.encode(answers, forKey: .answers)
            try c.encode(multiple, forKey: .multiple)
            try c.encode(partial, forKey: .partial)
        case .number(let answer, let tolerance, let unit):
            try c.encode(answer, forKey: .answer)
            try c.encode(tolerance, forKey: .tolerance)
            try c.encode(unit, forKey: .unit)
        case .indicators(let accept):
            try c.encode(accept, forKey: .accept)
        case .report(let rubric):
            try c.encode(rubric, forKey: .rubric)
        case .coordination(let with):
            try c.encode(with, forKey: .with)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let defaults = TaskDefaults()
        let type = try c.decode(TaskType.self, forKey: .type)
        func strings(_ key: Key) throws -> [String] { try c.decodeIfPresent([String].self, forKey: key) ?? [] }
        let kind: TaskKind
        switch type {
        case .text: kind = .text(accept: try strings(.accept), match: try c.decodeIfPresent(MatchMode.self, forKey: .match) ?? .caseless)
        case .choice:
            kind = .choice(options: try strings(.options), answers: try strings(.answers),
                           multiple: try c.decodeIfPresent(Bool.self, forKey: .multiple) ?? false,
                           partial: try c.decodeIfPresent(Bool.self, forKey: .partial) ?? false)
        case .number:
            kind = .number(answer: try c.decode(Double.self, forKey: .answer), tolerance: try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? 0,
                           unit: try c.decodeIfPresent(String.self, forKey: .unit) ?? "")
        case .indicators: kind = .indicators(accept: try strings(.accept))
        case .report: kind = .report(rubric: try c.decodeIfPresent([RubricLevel].self, forKey: .rubric) ?? [])
        case .coordination: kind = .coordination(with: try strings(.with))
        }
        self.init(id: try c.decodeIfPresent(String.self, forKey: .id) ?? "", prompt: try c.decode(String.self, forKey: .prompt), kind: kind,
                  points: try c.decodeIfPresent(Double.self, forKey: .points) ?? defaults.points,
                  due: try c.decodeIfPresent(Millis.self, forKey: .due) ?? defaults.due,
                  late: try c.decodeIfPresent(Millis.self, forKey: .late) ?? defaults.late,
                  floor: try c.decodeIfPresent(Double.self, forKey: .floor) ?? defaults.floor,
                  attempts: try c.decodeIfPresent(Int.self, forKey: .attempts),
                  penalty: try c.decodeIfPresent(Double.self, forKey: .penalty) ?? 0,
                  hints: try c.decodeIfPresent([Hint].self, forKey: .hints) ?? [],
                  objectives: try strings(.objectives), guide: try c.decodeIfPresent(String.self, forKey: .guide) ?? "")
    }
}

// MARK: Checks

extension LiveInject {
    /// Why the engine refuses it in an exercise with these teams, or nil. Task ids left empty
    /// are given as `t1`, `t2`… by `completed()`.
    func problem(teams registered: (String) -> Bool, maxTextBytes: Int) -> String? {
        if title.trimmingSpaces.isEmpty { return "a live inject needs a title" }
        let texts = [title, from, body] + tasks.flatMap { [$0.prompt, $0.guide] + $0.hints.map(\.text) }
        if texts.reduce(0, { $0 + $1.utf8.count }) > maxTextBytes { return "the inject's text is longer than \(maxTextBytes / 1024) KiB" }
        if let teams {
            if teams.isEmpty { return "a live inject goes to at least one team (or to all)" }
            for t in teams where !registered(t) { return "team '\(t)' is not registered" }
        }
        guard at >= 0 else { return "a release time cannot be negative" }
        var ids = Set<String>()
        for (k, task) in tasks.enumerated() {
            let name = task.id.isEmpty ? "task \(k + 1)" : "task \(task.id)"
            if !task.id.isEmpty {
                guard task.id.utf8.count <= 64, !task.id.contains("."), !task.id.contains(" ") else {
                    return "\(name): a task id is 1 to 64 characters, without dots or spaces"
                }
                guard ids.insert(task.id).inserted else { return "two tasks are called '\(task.id)'" }
            }
            if task.prompt.trimmingSpaces.isEmpty { return "\(name) needs a prompt" }
            guard task.points.isFinite, task.points >= 0, task.points <= 1_000_000 else { return "\(name): points must be between 0 and 1000000" }
            guard task.due > 0, task.late >= 0 else { return "\(name): the answer window must be longer than 0" }
            guard (0...1).contains(task.floor), (task.attempts ?? 1) >= 1, task.penalty >= 0, task.penalty.isFinite else {
                return "\(name): floor is a fraction, attempts at least 1, penalty not negative"
            }
            switch task.kind {
            case .text(let accept, _), .indicators(let accept):
                if accept.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return "\(name) needs at least one accepted answer" }
            case .choice(let options, let answers, let multiple, _):
                if options.count < 2 { return "\(name) needs at least two options" }
                if Set(options).count != options.count { return "\(name) lists an option twice" }
                if answers.isEmpty { return "\(name) needs its right answer among the options" }
                for a in answers where !options.contains(a) { return "\(name): the answer '\(a)' is not one of the options" }
                if !multiple, answers.count != 1 { return "\(name) has one right answer unless it allows several" }
            case .number(let answer, let tolerance, _):
                guard answer.isFinite, tolerance.isFinite, tolerance >= 0 else { return "\(name) needs a finite answer and tolerance" }
            case .report(let rubric):
                if rubric.isEmpty { return "\(name) needs a rubric" }
                for level in rubric where !(0...1).contains(level.score) { return "\(name): a rubric level is a fraction between 0 and 1" }
            case .coordination(let with):
                if with.isEmpty { return "\(name) names the teams to coordinate with" }
                for t in with where !registered(t) { return "\(name): team '\(t)' is not registered" }
            }
        }
        return nil
    }

    /// With its id and its tasks' missing ids given.
    func completed(id: String, at time: Millis) -> LiveInject {
        var copy = self
        copy.id = id
        copy.at = time
        var used = Set(tasks.map(\.id))
        var n = 0
        for k in copy.tasks.indices where copy.tasks[k].id.isEmpty {
            repeat { n += 1 } while used.contains("t\(n)")
            copy.tasks[k].id = "t\(n)"
            used.insert("t\(n)")
        }
        return copy
    }
}
