import DrillCore

/// Reads the frames clients send most (`submit`, `ping`, and the other small ones: `read`, `hint`,
/// and the messages without fields) without `JSONDecoder`, which cost about 5 % of the server's
/// time under a load of answers. It returns exactly the `ClientFrame` `JSONDecoder` makes of the
/// same bytes, or nil for anything it does not fully understand (another type, an unknown or
/// repeated key, a field of another kind, a number that is not a plain integer, an escape or
/// byte sequence it does not take, a `ref` over 128 bytes): `WireCoding.decodeClient` then
/// decodes with `JSONDecoder`, so every error and its `ref` stay as they were.
enum ClientFrameReader {
    private static let common: Set<String> = ["v", "type", "ref"]
    private static let submitKeys = common.union(["submission", "task", "values"])
    private static let readKeys = common.union(["inject"])
    private static let hintKeys = common.union(["task", "hint"])
    /// Messages that carry nothing but `v`, `type` and `ref`.
    private static let bare: [String: ClientMessage] = [
        "ping": .ping, "scores": .scores, "status": .status, "scenario": .scenario, "start": .start, "pause": .pause,
        "resume": .resume, "end": .end, "openFeedback": .openFeedback,
    ]

    static func frame(_ raw: UnsafeRawBufferPointer) -> ClientFrame? {
        guard let j = FlatJSON(raw), j.integer("v") == Wire.version, let type = j.string("type"),
              case .some(let ref) = j.optionalString("ref"), (ref?.utf8.count ?? 0) <= 128 else { return nil }
        let message: ClientMessage
        switch type {
        case "submit":
            guard j.hasOnly(submitKeys), let submission = j.string("submission"),
                  let task = j.string("task").flatMap(TaskRef.init(parsing:)) else { return nil }
            let values: [String]
            switch j["values"] {
            case .string(let one)?: values = [one]
            case .strings(let many)?: values = many
            default: return nil
            }
            message = .submit(.init(submission: submission, task: task, values: values))
        case "read":
            guard j.hasOnly(readKeys), let inject = j.string("inject") else { return nil }
            message = .read(inject: inject)
        case "hint":
            guard j.hasOnly(hintKeys), let task = j.string("task").flatMap(TaskRef.init(parsing:)),
                  let hint = j.integer("hint") else { return nil }
            message = .hint(task: task, hint: hint)
        default:
            guard let bare = bare[type], j.hasOnly(common) else { return nil }
            message = bare
        }
        return ClientFrame(message, ref: ref)
    }
}
