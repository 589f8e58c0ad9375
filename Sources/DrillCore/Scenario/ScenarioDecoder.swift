
/// Turns a composed YAML document into a `Scenario`, reporting every shape problem on the way.
/// It always builds what it can, so that the validator finds reference problems in the same run.
struct ScenarioDecoder {
    let reader: NodeReader

    static let topFields = ["format", "id", "title", "summary", "language", "languages", "duration", "scoreboard",
                            "objectives", "teams", "defaults", "ratings", "injects", "translations",
                            // grade17
                            "feedback"]
    static let injectFields = ["id", "at", "after", "when", "title", "channel", "from", "to", "tlp", "attack",
                               "objectives", "body", "artifacts", "tasks", "facilitator"]
    static let commonTaskFields = ["id", "type", "prompt", "points", "due", "late", "floor", "attempts",
                                   "penalty", "hints", "objectives", "guide"]
    static let taskFields: [TaskType: [String]] = [
        .text: ["accept", "match"],
        .choice: ["options", "answer", "multiple", "partial"],
        .number: ["answer", "tolerance", "unit"],
        .indicators: ["accept"],
        .report: ["rubric"],
        .coordination: ["with"],
    ]
    /// Every field a task of each type may have; with an unknown type, any task field.
    static let allowedTaskFields = taskFields.mapValues { commonTaskFields + $0 }
    static let anyTaskFields = commonTaskFields + TaskType.allCases.flatMap { taskFields[$0] ?? [] }

    /// The YAML nodes each part of the scenario came from, parallel to the model's arrays,
    /// so that later checks can point at the right line.
    struct Nodes {
        var objectives: [YAMLNode] = []
        var teams: [YAMLNode] = []
        var injects: [YAMLNode] = []
        var tasks: [[YAMLNode]] = []
        /// The `languages` list, and each translation by its language.
        var languages: YAMLNode?
        var translations: [String: YAMLNode] = [:]
    }

    func scenario(from root: YAMLNode) -> (Scenario, Nodes)? {
        guard let f = reader.fields(of: root, "the scenario", allowed: Self.topFields,
                                    required: ["format", "id", "title", "duration", "injects"]) else { return nil }
        let format = reader.string(f["format"], "format") ?? ""
        if f["format"] != nil, !format.isEmpty, format != Scenario.currentFormat {
            reader.error(.unknownFormat, ["format": format, "current": Scenario.currentFormat], "format '\(format)' is not understood by this cyberdrill; use '\(Scenario.currentFormat)'", at: f["format"])
        }
        let defaults = taskDefaults(f["defaults"])
        let duration = reader.duration(f["duration"], "duration")
        if duration == 0 { reader.error(.zeroDuration, [:], "duration must be longer than 0", at: f["duration"]) }
        var scenario = Scenario(
            format: format,
            id: reader.string(f["id"], "id") ?? "",
            title: reader.string(f["title"], "title") ?? "",
            summary: reader.string(f["summary"], "summary") ?? "",
            language: reader.string(f["language"], "language") ?? "en",
            duration: duration ?? 0,
            scoreboard: reader.choice(f["scoreboard"], "scoreboard", as: ScoreboardVisibility.self) ?? .own,
            defaults: defaults,
            ratings: ratings(f["ratings"]),
            injects: []
        )
        var nodes = Nodes()
        for n in reader.items(of: f["objectives"], "objectives") {
            if let o = objective(n) { scenario.objectives.append(o); nodes.objectives.append(n) }
        }
        for n in reader.items(of: f["teams"], "teams") {
            if let t = team(n) { scenario.teams.append(t); nodes.teams.append(n) }
        }
        let injectNodes = reader.items(of: f["injects"], "injects")
        scenario.injects.reserveCapacity(injectNodes.count)
        for n in injectNodes {
            if let (i, taskNodes) = inject(n, defaults: defaults) {
                scenario.injects.append(i)
                nodes.injects.append(n)
                nodes.tasks.append(taskNodes)
            }
        }
        if f["injects"] != nil, injectNodes.isEmpty {
            reader.error(.noInjects, [:], "a scenario needs at least one inject", at: f["injects"])
        }
        let translations = TranslationDecoder(reader: reader, scenario: scenario)
        scenario.languages = translations.languages(f["languages"])
        (scenario.translations, nodes.translations) = translations.translations(f["translations"], languages: scenario.languages)
        nodes.languages = f["languages"]
        // grade17
        scenario.feedback = feedback(f["feedback"])
        return (scenario, nodes)
    }

    private func objective(_ node: YAMLNode) -> Objective? {
        guard let f = reader.fields(of: node, "an objective", allowed: ["id", "title", "capability", "description"],
                                    required: ["id", "title"]) else { return nil }
        return Objective(
            id: reader.string(f["id"], "objective id") ?? "",
            title: reader.string(f["title"], "objective title") ?? "",
            capability: reader.string(f["capability"], "capability") ?? "general",
            description: reader.string(f["description"], "description") ?? ""
        )
    }

    private func team(_ node: YAMLNode) -> Team? {
        guard let f = reader.fields(of: node, "a team", allowed: ["id", "name", "country", "contact", "language"],
                                    required: ["id", "name"]) else { return nil }
        return Team(
            id: reader.string(f["id"], "team id") ?? "",
            name: reader.string(f["name"], "team name") ?? "",
            country: reader.string(f["country"], "country") ?? "",
            contact: reader.string(f["contact"], "contact") ?? "",
            language: teamLanguage(f["language"])
        )
    }

    /// A team's language: a BCP 47 tag, or an error at it.
    private func teamLanguage(_ node: YAMLNode?) -> String? {
        guard let tag = reader.string(node, "team language") else { return nil }
        guard LanguageTag.isWellFormed(tag) else {
            reader.error(.teamLanguageTag, ["tag": tag], "team language '\(tag)' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419", at: node)
            return nil
        }
        return tag
    }

    private func taskDefaults(_ node: YAMLNode?) -> TaskDefaults {
        var defaults = TaskDefaults()
        guard let node, !node.isNull,
              let f = reader.fields(of: node, "defaults", allowed: ["due", "late", "floor", "points", "attempts", "penalty"])
        else { return defaults }
        if let v = reader.duration(f["due"], "defaults.due") { defaults.due = v }
        if let v = reader.duration(f["late"], "defaults.late") { defaults.late = v }
        if let v = fraction(f["floor"], "defaults.floor") { defaults.floor = v }
        if let v = nonNegative(f["points"], "defaults.points") { defaults.points = v }
        if let v = attempts(f["attempts"], "defaults.attempts") { defaults.attempts = v }
        if let v = nonNegative(f["penalty"], "defaults.penalty") { defaults.penalty = v }
        return defaults
    }

    private func ratings(_ node: YAMLNode?) -> RatingThresholds {
        var ratings = RatingThresholds()
        guard let node, !node.isNull,
              let f = reader.fields(of: node, "ratings", allowed: ["P", "S", "M"]) else { return ratings }
        for (key, path) in [("P", \RatingThresholds.p), ("S", \.s), ("M", \.m)] {
            guard let v = reader.number(f[key], "ratings.\(key)") else { continue }
            if v < 0 || v > 100 {
                reader.error(.ratingRange, ["key": key, "value": v.clean], "ratings.\(key) is a percentage between 0 and 100, not \(v.clean)", at: f[key])
            } else {
                ratings[keyPath: path] = v
            }
        }
        if !(ratings.p >= ratings.s && ratings.s >= ratings.m) {
            reader.error(.ratingsOrder, ["p": ratings.p.clean, "s": ratings.s.clean, "m": ratings.m.clean], "ratings must decrease from P to S to M (now P \(ratings.p.clean), S \(ratings.s.clean), M \(ratings.m.clean))", at: node)
        }
        return ratings
    }

    private func inject(_ node: YAMLNode, defaults: TaskDefaults) -> (Inject, [YAMLNode])? {
        guard let f = reader.fields(of: node, "an inject", allowed: Self.injectFields,
                                    required: ["id", "title", "channel"]) else { return nil }
        let id = reader.string(f["id"], "inject id") ?? ""
        var what: String { id.isEmpty ? "the inject" : "inject \(id)" }
        var trigger = Trigger.at(0)
        switch (f["at"], f["after"]) {
        case (nil, nil):
            reader.error(.needsTime, ["what": what], "\(what) needs a time: 'at: <duration>' or 'after: { inject: ID, delay: <duration> }'", at: node)
        case (.some(let at), .some):
            reader.error(.atAndAfter, ["what": what], "\(what) has both 'at' and 'after'; keep one", at: at)
        case (.some(let at), nil):
            // `at: demand`: an inject of the library, released only when the white cell decides.
            if at.scalar == "demand" { trigger = .demand } else { trigger = .at(reader.duration(at, "at") ?? 0) }
        case (nil, .some(let after)):
            if let g = reader.fields(of: after, "'after'", allowed: ["inject", "delay"], required: ["inject"]) {
                trigger = .after(inject: reader.string(g["inject"], "after.inject") ?? "",
                                 delay: reader.duration(g["delay"], "after.delay") ?? 0)
            }
        }
        var condition: Condition?
        if let when = f["when"], !when.isNull,
           let g = reader.fields(of: when, "'when'", allowed: ["task", "outcome"], required: ["task", "outcome"]) {
            let refText = reader.string(g["task"], "when.task") ?? ""
            let ref = TaskRef(parsing: refText)
            if ref == nil, g["task"] != nil {
                reader.error(.whenTaskForm, ["text": refText], "when.task '\(refText)' must name a task as INJECT.TASK (for example I01.c2)", at: g["task"])
            }
            let outcomeNodes: [YAMLNode] = if g["outcome"]?.isSequence == true { reader.items(of: g["outcome"], "when.outcome") } else { g["outcome"].map { [$0] } ?? [] }
            var outcomes = Set<Outcome>()
            // `pending` is an outcome of scoring, but never decides a branch: not offered here.
            let deciding = Outcome.allCases.filter { $0 != .pending }.map(\.rawValue)
            for n in outcomeNodes {
                guard let text = reader.string(n, "when.outcome") else { continue }
                if let o = Outcome(rawValue: text.lowercased()), o != .pending {
                    outcomes.insert(o)
                } else if text.lowercased() == Outcome.pending.rawValue {
                    reader.error(.pendingNeverDecides, [:], "when.outcome 'pending' never decides a branch; use correct, partial, wrong or missed", at: n)
                } else {
                    let hint = Suggestion.closest(to: text.lowercased(), among: deciding).map { "; did you mean '\($0)'?" } ?? ""
                    reader.error(.outcomeNotOne, Suggestion.closest(to: text.lowercased(), among: deciding).map { ["text": text, "names": deciding.joined(separator: ", "), "suggestion": $0] } ?? ["text": text, "names": deciding.joined(separator: ", ")], "when.outcome '\(text)' is not one of \(deciding.joined(separator: ", "))\(hint)", at: n)
                }
            }
            if let ref { condition = Condition(task: ref, outcomes: outcomes) }
        }
        var audience = Audience.all
        if let to = f["to"], !to.isNull {
            if to.isSequence {
                audience = .teams(reader.strings(to, "to"))
            } else if let text = reader.string(to, "to") {
                if text == "all" { audience = .all } else { audience = .teams([text]) }
            }
        }
        let injectObjectives = reader.strings(f["objectives"], "objectives")
        var inject = Inject(
            id: id,
            trigger: trigger,
            condition: condition,
            title: reader.string(f["title"], "title") ?? "",
            channel: reader.choice(f["channel"], "channel", as: Channel.self) ?? .other,
            from: reader.string(f["from"], "from") ?? "",
            to: audience,
            tlp: reader.choice(f["tlp"], "tlp", as: TLP.self),
            attack: reader.strings(f["attack"], "attack"),
            objectives: injectObjectives,
            body: reader.string(f["body"], "body") ?? "",
            facilitator: reader.string(f["facilitator"], "facilitator") ?? ""
        )
        inject.artifacts = reader.items(of: f["artifacts"], "artifacts").compactMap { n in
            guard let g = reader.fields(of: n, "an artifact", allowed: ["name", "path", "description"], required: ["path"]) else { return nil }
            let path = reader.string(g["path"], "artifact path") ?? ""
            let name = reader.string(g["name"], "artifact name") ?? String(path.split(separator: "/").last ?? "")
            return Artifact(name: name, path: path, description: reader.string(g["description"], "artifact description") ?? "")
        }
        var taskNodes: [YAMLNode] = []
        let taskItems = reader.items(of: f["tasks"], "tasks")
        inject.tasks.reserveCapacity(taskItems.count)
        taskNodes.reserveCapacity(taskItems.count)
        for n in taskItems {
            if let t = task(n, defaults: defaults, injectObjectives: injectObjectives) {
                inject.tasks.append(t)
                taskNodes.append(n)
            }
        }
        return (inject, taskNodes)
    }

    private func task(_ node: YAMLNode, defaults: TaskDefaults, injectObjectives: [String]) -> DrillTask? {
        // Read the type first: it decides which fields are allowed.
        var type: TaskType?
        if node.isMapping {
            type = reader.choice(node["type"], "task type", as: TaskType.self)
        }
        let allowed = type.flatMap { Self.allowedTaskFields[$0] } ?? Self.anyTaskFields
        guard let f = reader.fields(of: node, "a task", allowed: allowed, required: ["id", "type", "prompt"]) else { return nil }
        guard let type else { return nil }
        let id = reader.string(f["id"], "task id") ?? ""
        let kind: TaskKind
        switch type {
        case .text:
            kind = .text(accept: reader.strings(f["accept"], "accept"),
                         match: reader.choice(f["match"], "match", as: MatchMode.self) ?? .caseless)
        case .choice:
            let multiple = reader.bool(f["multiple"], "multiple") ?? false
            let answers: [String] = if f["answer"]?.isSequence == true { reader.strings(f["answer"], "answer") } else { reader.string(f["answer"], "answer").map { [$0] } ?? [] }
            kind = .choice(options: reader.strings(f["options"], "options"), answers: answers, multiple: multiple,
                           partial: reader.bool(f["partial"], "partial") ?? false)
        case .number:
            if f["answer"] == nil { reader.error(.numberNeedsAnswer, ["task": id], "number task \(id) needs an 'answer'", at: node) }
            kind = .number(answer: reader.number(f["answer"], "answer") ?? 0,
                           tolerance: nonNegative(f["tolerance"], "tolerance") ?? 0,
                           unit: reader.string(f["unit"], "unit") ?? "")
        case .indicators:
            kind = .indicators(accept: reader.strings(f["accept"], "accept"))
        case .report:
            let levels = reader.items(of: f["rubric"], "rubric").compactMap { n -> RubricLevel? in
                guard let g = reader.fields(of: n, "a rubric level", allowed: ["score", "text"], required: ["score", "text"]) else { return nil }
                return RubricLevel(score: fraction(g["score"], "rubric score") ?? 0, text: reader.string(g["text"], "rubric text") ?? "")
            }
            kind = .report(rubric: levels)
        case .coordination:
            kind = .coordination(with: reader.strings(f["with"], "with"))
        }
        let hints = reader.items(of: f["hints"], "hints").compactMap { n -> Hint? in
            guard let g = reader.fields(of: n, "a hint", allowed: ["text", "cost"], required: ["text"]) else { return nil }
            return Hint(text: reader.string(g["text"], "hint text") ?? "", cost: nonNegative(g["cost"], "hint cost") ?? 0)
        }
        let taskObjectives = f["objectives"] == nil ? injectObjectives : reader.strings(f["objectives"], "objectives")
        return DrillTask(
            id: id,
            prompt: reader.string(f["prompt"], "prompt") ?? "",
            kind: kind,
            points: nonNegative(f["points"], "points") ?? defaults.points,
            due: reader.duration(f["due"], "due") ?? defaults.due,
            late: reader.duration(f["late"], "late") ?? defaults.late,
            floor: fraction(f["floor"], "floor") ?? defaults.floor,
            attempts: f["attempts"] == nil ? defaults.attempts : attempts(f["attempts"], "attempts"),
            penalty: nonNegative(f["penalty"], "penalty") ?? defaults.penalty,
            hints: hints,
            objectives: taskObjectives,
            guide: reader.string(f["guide"], "guide") ?? ""
        )
    }

    // MARK: Checked numbers

    private func nonNegative(_ node: YAMLNode?, _ what: String) -> Double? {
        guard let v = reader.number(node, what) else { return nil }
        guard v >= 0 else {
            reader.error(.negative, ["what": what, "value": v.clean], "\(what) cannot be negative (\(v.clean))", at: node)
            return nil
        }
        return v
    }

    private func fraction(_ node: YAMLNode?, _ what: String) -> Double? {
        guard let v = reader.number(node, what) else { return nil }
        guard (0...1).contains(v) else {
            reader.error(.fraction, ["what": what, "value": v.clean], "\(what) is a fraction between 0 and 1, not \(v.clean)", at: node)
            return nil
        }
        return v
    }

    private func attempts(_ node: YAMLNode?, _ what: String) -> Int? {
        guard let v = reader.integer(node, what) else { return nil }
        guard v >= 1 else {
            reader.error(.attemptsMin, ["what": what], "\(what) must be at least 1 (leave it out for unlimited attempts)", at: node)
            return nil
        }
        return v
    }
}

extension Double {
    /// `12` rather than `12.0`, `0.5` as is.
    public var clean: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}
