import Foundation
import DrillCore

// MARK: Durable payloads: an inject as delivered

/// An inject as its team reads it: no accepted answers, no white-cell notes.
public struct InjectDelivery: Sendable, Hashable, Codable {
    public var inject: String
    public var title: String
    public var channel: Channel
    public var from: String
    public var tlp: TLP?
    public var attack: [String]
    public var objectives: [String]
    public var body: String
    public var artifacts: [ArtifactInfo]
    /// Exercise time the inject reached the team.
    public var releasedAt: Millis
    public var tasks: [TaskBrief]
    /// The language of the texts (BCP 47); nil on a scenario with one language.
    public var language: String?
    /// The fields sent in the scenario's own language for want of a translation (`body`,
    /// `tasks.c1.prompt`…); nil when none.
    public var untranslated: [String]?

    public init(inject: String, title: String, channel: Channel, from: String, tlp: TLP?, attack: [String], objectives: [String],
                body: String, artifacts: [ArtifactInfo], releasedAt: Millis, tasks: [TaskBrief],
                language: String? = nil, untranslated: [String]? = nil) {
        self.language = language
        self.untranslated = untranslated
        self.inject = inject
        self.title = title
        self.channel = channel
        self.from = from
        self.tlp = tlp
        self.attack = attack
        self.objectives = objectives
        self.body = body
        self.artifacts = artifacts
        self.releasedAt = releasedAt
        self.tasks = tasks
    }
}

public struct ArtifactInfo: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    /// Bytes, SHA-256 (lowercase hex) and media type of the file, as recorded when the exercise
    /// was created (absent for exercises created before artifacts were recorded).
    public var size: Int64?
    public var sha256: String?
    public var mediaType: String?

    public init(name: String, description: String, size: Int64? = nil, sha256: String? = nil, mediaType: String? = nil) {
        self.name = name
        self.description = description
        self.size = size
        self.sha256 = sha256
        self.mediaType = mediaType
    }
}

/// A piece of an artifact file: `length` bytes from `offset`, base64 in `data`. `size` and
/// `sha256` are the whole file's, so a client knows when it has everything and can check it.
public struct ArtifactChunk: Sendable, Hashable, Codable {
    public var inject: String
    public var name: String
    public var mediaType: String
    /// The whole file's size in bytes.
    public var size: Int64
    /// The whole file's SHA-256, lowercase hex.
    public var sha256: String
    public var offset: Int64
    /// Bytes in this piece (0 at the end of the file).
    public var length: Int
    /// The bytes, base64 (RFC 4648, with padding).
    public var data: String

    public init(inject: String, name: String, mediaType: String, size: Int64, sha256: String, offset: Int64, bytes: some Sequence<UInt8>) {
        self.inject = inject
        self.name = name
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.offset = offset
        let raw = Data(bytes)
        length = raw.count
        data = raw.base64EncodedString()
    }

    /// The decoded bytes; nil when `data` is not base64 or does not hold `length` bytes.
    public var bytes: Data? {
        guard let raw = Data(base64Encoded: data), raw.count == length else { return nil }
        return raw
    }
}

/// A task as a team sees it: what to answer and how it is scored, never the answer.
public struct TaskBrief: Sendable, Hashable, Codable {
    public var task: TaskRef
    public var type: TaskType
    public var prompt: String
    public var points: Double
    /// Choice tasks: the options, and whether several may be chosen.
    public var options: [String]?
    public var multiple: Bool?
    /// Number tasks: the unit, if any.
    public var unit: String?
    /// Report tasks: the rubric the white cell grades against.
    public var rubric: [RubricLevel]?
    /// Coordination tasks: the teams to message.
    public var with: [String]?
    /// Hint costs in points, in order; a hint's text comes when it is taken.
    public var hintCosts: [Double]
    /// Wrong attempts allowed; nil for unlimited.
    public var attempts: Int?
    public var penalty: Double
    /// Full points until `dueAt`, decaying to `floor` × points at `closesAt`, nothing after.
    public var dueAt: Millis
    public var closesAt: Millis
    public var floor: Double

    public init(task: TaskRef, type: TaskType, prompt: String, points: Double, options: [String]?, multiple: Bool?, unit: String?,
                rubric: [RubricLevel]?, with: [String]?, hintCosts: [Double], attempts: Int?, penalty: Double, dueAt: Millis,
                closesAt: Millis, floor: Double) {
        self.task = task
        self.type = type
        self.prompt = prompt
        self.points = points
        self.options = options
        self.multiple = multiple
        self.unit = unit
        self.rubric = rubric
        self.with = with
        self.hintCosts = hintCosts
        self.attempts = attempts
        self.penalty = penalty
        self.dueAt = dueAt
        self.closesAt = closesAt
        self.floor = floor
    }
}
