import DrillCore

extension Texts {
    /// A scenario's or roster's problem as `path:line:column: error: message`: the severity word
    /// stays English so editors and CI parsers still match it; the message is in the language.
    public func diagnostic(_ d: Diagnostic) -> String {
        "\(d.file):\(d.line):\(d.column): \(d.severity.rawValue): \(diagnosticMessage(d))"
    }

    /// The message of a diagnostic in the language, from its facts (`diag.<code>`); its English
    /// text when it has none. In English this is the diagnostic's own `message`, byte for byte
    /// (`DiagnosticTextTests` holds them together).
    public func diagnosticMessage(_ d: Diagnostic) -> String {
        guard let fact = d.fact, let key = Msg(rawValue: "diag." + fact.code.rawValue) else { return d.message }
        var args: [String: any TextArgument] = [:]
        for (name, value) in fact.arguments { args[name] = value }
        // Counts choose the plural form but print as written (no grouping): `1000 nodes`.
        if let n = fact.arguments["n"], let count = Int(n) { args["n"] = Digits(count) }
        if let what = fact.arguments["what"] { args["what"] = diagnosticWhat(what) }
        if let owner = fact.arguments["owner"] { args["owner"] = diagnosticWhat(owner) }
        if let kind = fact.arguments["kind"] {
            args["kind"] = switch kind {
            case "mapping": callAsFunction(.diagKindMapping)
            case "list": callAsFunction(.diagKindList)
            case "text": callAsFunction(.diagKindText)
            default: callAsFunction(.diagKindValue, ["value": fact.arguments["value"] ?? ""])
            }
        }
        if let suggestion = fact.arguments["suggestion"] {
            args["hint"] = callAsFunction(.diagHintDidYouMean, ["name": suggestion])
        } else if let known = fact.arguments["known"] {
            args["hint"] = callAsFunction(.diagHintKnownFields, ["names": known])
        } else {
            args["hint"] = ""
        }
        if fact.code == .aliasExpansion {
            args["written"] = fact.arguments["written"].flatMap(Int.init).map { callAsFunction(.diagWritten, ["n": Digits($0)]) } ?? ""
        }
        return callAsFunction(key, args)
    }

    /// The part of a scenario a diagnostic names: the phrases DrillCore uses for parts are worded
    /// per language; a field's name (`defaults.due`, `when.task`) is the file's own word and stays.
    func diagnosticWhat(_ what: String) -> String {
        let prefix = "each item of "
        if what.hasPrefix(prefix) { return callAsFunction(.diagWhatEachItemOf, ["what": diagnosticWhat(String(what.dropFirst(prefix.count)))]) }
        let key: Msg? = switch what {
        case "the scenario": .diagWhatTheScenario
        case "an objective": .diagWhatAnObjective
        case "a team": .diagWhatATeam
        case "an inject": .diagWhatAnInject
        case "an artifact": .diagWhatAnArtifact
        case "a task": .diagWhatATask
        case "a rubric level": .diagWhatARubricLevel
        case "a hint": .diagWhatAHint
        case "a feedback question": .diagWhatAFeedbackQuestion
        case "objective": .diagWhatObjective
        case "team": .diagWhatTeam
        case "inject": .diagWhatInject
        case "task": .diagWhatTask
        case "artifact": .diagWhatArtifact
        default: nil
        }
        return key.map { callAsFunction($0) } ?? what
    }
}

/// A count printed as its digits, whose plural form still follows it.
struct Digits: TextArgument {
    var value: Int
    init(_ value: Int) { self.value = value }
    func formatted(_ style: NumberStyle) -> String { String(value) }
    var pluralOperand: Double? { Double(value) }
}
