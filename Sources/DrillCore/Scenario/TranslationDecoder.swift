/// Reads `languages` and the `translations` block of a scenario, checking every translation against
/// the original it translates: the ids it names, the number of options, hints and rubric levels, the
/// language tags. Runs after the injects are decoded, so it knows the ids.
struct TranslationDecoder {
    let reader: NodeReader
    let scenario: Scenario

    static let topFields = ["title", "summary", "objectives", "injects"]
    static let injectFields = ["title", "from", "body", "artifacts", "tasks"]
    static let commonTaskFields = ["prompt", "hints"]
    static let taskFields: [TaskType: [String]] = [
        .text: ["accept"], .choice: ["options"], .number: ["unit"], .indicators: ["accept"], .report: ["rubric"], .coordination: [],
    ]

    /// The declared languages: `languages` when given, else the scenario's own language alone.
    func languages(_ node: YAMLNode?) -> [String] {
        guard let node, !node.isNull else { return [scenario.language] }
        var result: [String] = []
        for item in reader.items(of: node, "languages") {
            guard let tag = reader.string(item, "each item of languages") else { continue }
            if !LanguageTag.isWellFormed(tag) {
                reader.error(.translationTag, ["tag": tag], "'\(tag)' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419", at: item)
            } else if result.contains(where: { LanguageTag.same($0, tag) }) {
                reader.error(.languageTwice, ["tag": tag], "language '\(tag)' is listed twice in languages", at: item)
            } else {
                result.append(tag)
            }
        }
        if node.isSequence, !result.contains(where: { LanguageTag.same($0, scenario.language) }) {
            reader.error(.languagesMissOwn, ["language": scenario.language], "languages must include the scenario's own language '\(scenario.language)'", at: node)
            result.insert(scenario.language, at: 0)
        }
        return result
    }

    /// The translations by language tag, and the node of each.
    func translations(_ node: YAMLNode?, languages: [String]) -> ([String: ScenarioTranslation], [String: YAMLNode]) {
        guard let node, !node.isNull else { return ([:], [:]) }
        guard reader.spend(node) else { return ([:], [:]) }
        guard node.isMapping else {
            reader.error(.translationsNotMapping, node.kindFact, "translations must be a mapping from a language tag to its texts (fr: { title: … }), not \(node.kindDescription)", at: node)
            return ([:], [:])
        }
        var result: [String: ScenarioTranslation] = [:], nodes: [String: YAMLNode] = [:]
        for (key, value) in node.pairs {
            guard let tag = key.scalar else { reader.error(.translationNameless, [:], "a translation is named by its language tag", at: key); continue }
            if !LanguageTag.isWellFormed(tag) {
                reader.error(.translationTag, ["tag": tag], "'\(tag)' is not a BCP 47 language tag like en, fr, ar, zh-Hans or es-419", at: key)
                continue
            }
            if LanguageTag.same(tag, scenario.language) {
                reader.error(.translationOwnLanguage, ["tag": tag], "'\(tag)' is the scenario's own language; its texts are the scenario's fields, not a translation", at: key)
                continue
            }
            guard let declared = languages.first(where: { LanguageTag.same($0, tag) }) else {
                reader.error(.translationUndeclared, ["tag": tag, "languages": languages.joined(separator: ", ")], "translation '\(tag)' is for a language the scenario does not declare; add it to 'languages' (now \(languages.joined(separator: ", ")))", at: key)
                continue
            }
            if let t = translation(value, language: declared) {
                result[declared] = t
                nodes[declared] = value
            }
        }
        return (result, nodes)
    }

    private func translation(_ node: YAMLNode, language: String) -> ScenarioTranslation? {
        guard let f = reader.fields(of: node, "the '\(language)' translation", allowed: Self.topFields) else { return nil }
        var t = ScenarioTranslation(title: reader.string(f["title"], "title"), summary: reader.string(f["summary"], "summary"))
        for (key, value) in keyed(f["objectives"], "objectives", ids: scenario.objectives.map(\.id), what: "objective") {
            guard let g = reader.fields(of: value, "the translation of objective \(key)", allowed: ["title", "description"]) else { continue }
            t.objectives[key] = ObjectiveTranslation(title: reader.string(g["title"], "objective title"),
                                                     description: reader.string(g["description"], "objective description"))
        }
        for (key, value) in keyed(f["injects"], "injects", ids: scenario.injects.map(\.id), what: "inject") {
            guard let inject = scenario.inject(key) else { continue }
            if let i = injectTranslation(value, of: inject) { t.injects[key] = i }
        }
        return t
    }

    private func injectTranslation(_ node: YAMLNode, of inject: Inject) -> InjectTranslation? {
        guard let f = reader.fields(of: node, "the translation of inject \(inject.id)", allowed: Self.injectFields) else { return nil }
        var t = InjectTranslation(title: reader.string(f["title"], "title"), from: reader.string(f["from"], "from"),
                                  body: reader.string(f["body"], "body"))
        for (key, value) in keyed(f["artifacts"], "artifacts", ids: inject.artifacts.map(\.name), what: "artifact", of: "inject \(inject.id)") {
            guard let g = reader.fields(of: value, "the translation of artifact \(key)", allowed: ["description", "path"]) else { continue }
            t.artifacts[key] = ArtifactTranslation(description: reader.string(g["description"], "artifact description"),
                                                   path: reader.string(g["path"], "artifact path"))
        }
        for (key, value) in keyed(f["tasks"], "tasks", ids: inject.tasks.map(\.id), what: "task", of: "inject \(inject.id)") {
            guard let task = inject.tasks.first(where: { $0.id == key }) else { continue }
            if let tt = taskTranslation(value, of: task, in: inject) { t.tasks[key] = tt }
        }
        return t
    }

    private func taskTranslation(_ node: YAMLNode, of task: DrillTask, in inject: Inject) -> TaskTranslation? {
        let name = "\(inject.id).\(task.id)"
        let allowed = Self.commonTaskFields + (Self.taskFields[task.type] ?? [])
        guard let f = reader.fields(of: node, "the translation of \(task.type.rawValue) task \(name)", allowed: allowed) else { return nil }
        var t = TaskTranslation(prompt: reader.string(f["prompt"], "prompt"), unit: reader.string(f["unit"], "unit"))
        if let n = f["hints"] {
            let hints = reader.strings(n, "hints")
            if parallel(hints.count, task.hints.count, n, "hint", name) { t.hints = hints }
        }
        switch task.kind {
        case .choice(let options, _, _, _):
            if let n = f["options"] {
                let translated = reader.strings(n, "options")
                if parallel(translated.count, options.count, n, "option", name) {
                    var seen = Set<String>()
                    for (k, o) in translated.enumerated() where !seen.insert(AnswerMatching.key(o, .caseless)).inserted {
                        reader.error(.translatedOptionTwice, ["option": o], "option '\(o)' is listed twice; each option needs its own words", at: n.deepest([.index(k)]))
                    }
                    for (k, o) in translated.enumerated() {
                        if let j = options.firstIndex(where: { AnswerMatching.key($0, .caseless) == AnswerMatching.key(o, .caseless) }), j != k {
                            reader.error(.translatedOptionAlike, ["k": String(k + 1), "option": o, "j": String(j + 1)], "option \(k + 1) '\(o)' reads like the original option \(j + 1); an answer could not tell them apart", at: n.deepest([.index(k)]))
                        }
                    }
                    t.options = translated
                }
            }
        case .indicators(let accept):
            if let n = f["accept"] {
                let translated = reader.strings(n, "accept")
                // Indicators are scored per item: a translation spells the same items, in the same order.
                if parallel(translated.count, accept.count, n, "accepted indicator", name) { t.accept = translated }
            }
        case .text(_, let mode):
            if let n = f["accept"] {
                let translated = reader.strings(n, "accept")
                if mode == .regex {
                    for (k, pattern) in translated.enumerated() where !AnswerMatching.isValidPattern(pattern) {
                        reader.error(.badRegex, ["pattern": pattern], "'\(pattern)' is not a valid regular expression", at: n.deepest([.index(k)]))
                    }
                }
                t.accept = translated
            }
        case .report(let rubric):
            if let n = f["rubric"] {
                let levels = reader.strings(n, "rubric")
                if parallel(levels.count, rubric.count, n, "rubric level", name) { t.rubric = levels }
            }
        case .number, .coordination:
            break
        }
        return t
    }

    /// Whether a translated list has as many items as the original; an error where it does not.
    private func parallel(_ translated: Int, _ original: Int, _ node: YAMLNode, _ what: String, _ task: String) -> Bool {
        guard translated != original else { return true }
        func n(_ c: Int) -> String { "\(c) \(what)\(c == 1 ? "" : "s")" }
        reader.error("\(task) has \(n(original)); this translation gives \(n(translated)) (one for each, in the same order)", at: node)
        return false
    }

    /// The pairs of a mapping keyed by the ids of the original; an unknown id is an error with a suggestion.
    private func keyed(_ node: YAMLNode?, _ field: String, ids: [String], what: String, of owner: String = "the scenario") -> [(String, YAMLNode)] {
        guard let node, !node.isNull else { return [] }
        guard reader.spend(node) else { return [] }
        guard node.isMapping else {
            reader.error(.keyedNotMapping, ["field": field, "what": what].merging(node.kindFact) { a, _ in a }, "\(field) in a translation must be a mapping from each \(what)'s id to its texts, not \(node.kindDescription)", at: node)
            return []
        }
        var result: [(String, YAMLNode)] = []
        for (key, value) in node.pairs {
            guard let id = key.scalar else { reader.error(.keyedNameless, ["field": field], "\(field) in a translation are named by their ids", at: key); continue }
            guard ids.contains(id) else {
                let hint = Suggestion.closest(to: id, among: ids).map { "; did you mean '\($0)'?" } ?? ""
                reader.error(.translationUnknownId, Suggestion.closest(to: id, among: ids).map { ["what": what, "id": id, "owner": owner, "suggestion": $0] } ?? ["what": what, "id": id, "owner": owner], "translation of unknown \(what) '\(id)': \(owner) has no \(what) with that id\(hint)", at: key)
                continue
            }
            result.append((id, value))
        }
        return result
    }
}
