/// The scenario's words in one more language: only the fields a team or the white cell reads, keyed
/// by the ids of the original (`translations: { fr: { … } }` in the file). A field left out falls
/// back to the scenario's own `language`.
public struct ScenarioTranslation: Sendable, Hashable {
    public var title: String?
    public var summary: String?
    /// By objective id.
    public var objectives: [String: ObjectiveTranslation]
    /// By inject id.
    public var injects: [String: InjectTranslation]

    public init(title: String? = nil, summary: String? = nil, objectives: [String: ObjectiveTranslation] = [:],
                injects: [String: InjectTranslation] = [:]) {
        self.title = title
        self.summary = summary
        self.objectives = objectives
        self.injects = injects
    }
}

public struct ObjectiveTranslation: Sendable, Hashable {
    public var title: String?
    public var description: String?

    public init(title: String? = nil, description: String? = nil) {
        self.title = title
        self.description = description
    }
}

public struct InjectTranslation: Sendable, Hashable {
    public var title: String?
    public var from: String?
    public var body: String?
    /// By artifact name.
    public var artifacts: [String: ArtifactTranslation]
    /// By task id.
    public var tasks: [String: TaskTranslation]

    public init(title: String? = nil, from: String? = nil, body: String? = nil, artifacts: [String: ArtifactTranslation] = [:],
                tasks: [String: TaskTranslation] = [:]) {
        self.title = title
        self.from = from
        self.body = body
        self.artifacts = artifacts
        self.tasks = tasks
    }
}

public struct ArtifactTranslation: Sendable, Hashable {
    public var description: String?
    /// A file in this language, relative to the scenario file, in place of the original's.
    public var path: String?

    public init(description: String? = nil, path: String? = nil) {
        self.description = description
        self.path = path
    }
}

/// A task's words in one more language. Lists are parallel to the original's: `options[k]`
/// translates option `k`, `hints[k]` hint `k`, `rubric[k]` rubric level `k`.
public struct TaskTranslation: Sendable, Hashable {
    public var prompt: String?
    public var options: [String]?
    /// More accepted answers (text and indicators tasks); by default they count for every team.
    public var accept: [String]?
    public var unit: String?
    public var hints: [String]?
    public var rubric: [String]?

    public init(prompt: String? = nil, options: [String]? = nil, accept: [String]? = nil, unit: String? = nil,
                hints: [String]? = nil, rubric: [String]? = nil) {
        self.prompt = prompt
        self.options = options
        self.accept = accept
        self.unit = unit
        self.hints = hints
        self.rubric = rubric
    }
}
