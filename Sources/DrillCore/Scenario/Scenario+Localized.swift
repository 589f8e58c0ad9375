/// A scenario's content in one of its languages: what a team reading that language receives.
extension Scenario {
    /// The declared language a reader of `wanted` receives: the declared tag equal to `wanted`, else
    /// the first with the same primary language (`fr-SN` reads `fr`), else the scenario's own.
    public func contentLanguage(for wanted: String?) -> String {
        guard let wanted, !wanted.isEmpty else { return language }
        if let exact = languages.first(where: { LanguageTag.same($0, wanted) }) { return exact }
        let primary = LanguageTag.primary(wanted)
        return languages.first { LanguageTag.primary($0) == primary } ?? language
    }

    /// A warning when `team` reads a language the scenario does not have: it will read another.
    public func languageWarning(for team: Team) -> String? {
        guard let wanted = team.language else { return nil }
        let tag = contentLanguage(for: wanted)
        guard LanguageTag.primary(tag) != LanguageTag.primary(wanted) else { return nil }
        return "team '\(team.id)' reads '\(wanted)', which the scenario does not declare (languages: \(languages.joined(separator: ", "))); it will receive the scenario in '\(tag)'"
    }

    /// What `languageWarning` says, as the arguments of `DiagnosticCode.teamLanguageUndeclared`.
    public func languageWarningFacts(for team: Team) -> [String: String] {
        let wanted = team.language ?? ""
        return ["id": team.id, "wanted": wanted, "languages": languages.joined(separator: ", "), "tag": contentLanguage(for: wanted)]
    }

    /// The translation a reader of `wanted` gets; nil when it reads the scenario's own language.
    private func translation(for wanted: String?) -> ScenarioTranslation? {
        let tag = contentLanguage(for: wanted)
        return LanguageTag.same(tag, language) ? nil : translations[tag]
    }

    /// The whole scenario as a reader of `wanted` sees it: every translated text in place of the
    /// original, the rest as written, and `language` set to the language read. Ids, times, points and answers are the original's, so a
    /// localized scenario schedules and scores as the original does.
    public func localized(to wanted: String?) -> Scenario {
        guard let t = translation(for: wanted) else { return self }
        var copy = self
        copy.language = contentLanguage(for: wanted)
        copy.title = t.title ?? title
        copy.summary = t.summary ?? summary
        copy.objectives = objectives.map { o in
            var o = o
            if let ot = t.objectives[o.id] {
                o.title = ot.title ?? o.title
                o.description = ot.description ?? o.description
            }
            return o
        }
        copy.injects = injects.map { Self.localized($0, t.injects[$0.id]) }
        return copy
    }

    /// Inject `position` as a reader of `wanted` sees it (cheaper than `localized(to:)` per inject).
    public func localizedInject(at position: Int, to wanted: String?) -> Inject {
        Self.localized(injects[position], translation(for: wanted)?.injects[injects[position].id])
    }

    /// The translations of a task in every language (for judging answers in any of them).
    public func taskTranslations(inject: String, task: String) -> [TaskTranslation] {
        languages.compactMap { translations[$0]?.injects[inject]?.tasks[task] }
    }

    private static func localized(_ inject: Inject, _ t: InjectTranslation?) -> Inject {
        guard let t else { return inject }
        var i = inject
        i.title = t.title ?? i.title
        i.from = t.from ?? i.from
        i.body = t.body ?? i.body
        i.artifacts = i.artifacts.map { a in
            var a = a
            if let at = t.artifacts[a.name] {
                a.description = at.description ?? a.description
                a.path = at.path ?? a.path
            }
            return a
        }
        i.tasks = i.tasks.map { task in
            guard let tt = t.tasks[task.id] else { return task }
            var task = task
            task.prompt = tt.prompt ?? task.prompt
            if let hints = tt.hints, hints.count == task.hints.count {
                task.hints = zip(task.hints, hints).map { Hint(text: $1, cost: $0.cost) }
            }
            switch task.kind {
            case .choice(let options, let answers, let multiple, let partial):
                if let translated = tt.options, translated.count == options.count {
                    let mapped = answers.map { a in options.firstIndex(of: a).map { translated[$0] } ?? a }
                    task.kind = .choice(options: translated, answers: mapped, multiple: multiple, partial: partial)
                }
            case .number(let answer, let tolerance, let unit):
                task.kind = .number(answer: answer, tolerance: tolerance, unit: tt.unit ?? unit)
            case .report(let rubric):
                if let levels = tt.rubric, levels.count == rubric.count {
                    task.kind = .report(rubric: zip(rubric, levels).map { RubricLevel(score: $0.score, text: $1) })
                }
            case .text(let accept, let match):
                // The reader's own accepted answers first (what a team reading it would write).
                if let own = tt.accept, !own.isEmpty { task.kind = .text(accept: own + accept.filter { !own.contains($0) }, match: match) }
            case .indicators(let accept):
                if let own = tt.accept, own.count == accept.count { task.kind = .indicators(accept: own) }
            case .coordination:
                break
            }
            return task
        }
        return i
    }

    /// The fields of inject `position` a reader of `wanted` gets in the scenario's own language
    /// for want of a translation (`title`, `body`, `tasks.c1.prompt`, …); empty when all are translated.
    public func untranslatedFields(ofInject position: Int, for wanted: String?) -> [String] {
        let tag = contentLanguage(for: wanted)
        guard !LanguageTag.same(tag, language) else { return [] }
        return Self.missing(in: injects[position], translations[tag]?.injects[injects[position].id])
    }

    /// Every field the `tag` translation lacks, as paths (`summary`, `injects.I01.body`,
    /// `injects.I02.tasks.c1.options`…); empty for the scenario's own language.
    public func missingTranslations(_ tag: String) -> [String] {
        guard !LanguageTag.same(tag, language) else { return [] }
        let t = translations[tag]
        var out: [String] = []
        if !title.isEmpty, t?.title == nil { out.append("title") }
        if !summary.isEmpty, t?.summary == nil { out.append("summary") }
        for o in objectives {
            let ot = t?.objectives[o.id]
            if !o.title.isEmpty, ot?.title == nil { out.append("objectives.\(o.id).title") }
            if !o.description.isEmpty, ot?.description == nil { out.append("objectives.\(o.id).description") }
        }
        for inject in injects {
            out += Self.missing(in: inject, t?.injects[inject.id]).map { "injects.\(inject.id).\($0)" }
        }
        return out
    }

    /// The number of translatable fields (those `missingTranslations` counts).
    public var translatableFieldCount: Int {
        var n = (title.isEmpty ? 0 : 1) + (summary.isEmpty ? 0 : 1)
        for o in objectives { n += (o.title.isEmpty ? 0 : 1) + (o.description.isEmpty ? 0 : 1) }
        for inject in injects { n += Self.missing(in: inject, nil).count }
        return n
    }

    private static func missing(in inject: Inject, _ t: InjectTranslation?) -> [String] {
        var out: [String] = []
        if !inject.title.isEmpty, t?.title == nil { out.append("title") }
        if !inject.from.isEmpty, t?.from == nil { out.append("from") }
        if !inject.body.isEmpty, t?.body == nil { out.append("body") }
        for a in inject.artifacts where !a.description.isEmpty && t?.artifacts[a.name]?.description == nil {
            out.append("artifacts.\(a.name).description")
        }
        for task in inject.tasks {
            let tt = t?.tasks[task.id]
            func need(_ field: String, _ present: Bool) { if !present { out.append("tasks.\(task.id).\(field)") } }
            if !task.prompt.isEmpty { need("prompt", tt?.prompt != nil) }
            if !task.hints.isEmpty { need("hints", tt?.hints != nil) }
            switch task.kind {
            case .choice: need("options", tt?.options != nil)
            case .number(_, _, let unit) where !unit.isEmpty: need("unit", tt?.unit != nil)
            case .report(let rubric) where !rubric.isEmpty: need("rubric", tt?.rubric != nil)
            default: break
            }
        }
        return out
    }
}
