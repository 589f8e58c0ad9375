import DrillCore

/// A small valid scenario that tests change one line at a time.
enum Fixture {
    static let base = """
    format: cyberdrill/1
    id: test-drill
    title: Test drill
    duration: 2h
    teams:
      - { id: a, name: Alpha }
      - { id: b, name: Bravo }
    objectives:
      - { id: O1, title: Detect, capability: detection }
    injects:
      - id: I01
        at: 0m
        title: First
        channel: email
        objectives: [O1]
        tasks:
          - { id: c2, type: text, prompt: IP?, accept: ["203.0.113.66"], attempts: 3 }
          - { id: sev, type: choice, prompt: Severity, options: [low, high], answer: high }
      - id: I02
        after: { inject: I01, delay: 10m }
        when: { task: I01.c2, outcome: [wrong, missed] }
        title: Second
        channel: siem
        tasks:
          - { id: r, type: report, prompt: Write, rubric: [{ score: 1, text: Good }, { score: 0, text: Bad }] }

    """

    static let loader = ScenarioLoader { _ in true }

    /// Diagnostics of `text` as `line:column: severity: message`.
    static func diagnostics(_ text: String, loader: ScenarioLoader = loader) -> [String] {
        loader.load(bytes: Array(text.utf8), path: "t.yaml").diagnostics.map { "\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }
    }

    /// Diagnostics of the base scenario with one piece of text replaced.
    static func diagnostics(replacing old: String, with new: String) -> [String] {
        precondition(base.contains(old), "fixture has no '\(old)'")
        return diagnostics(base.replacingOccurrences(of: old, with: new))
    }
}

extension String {
    func replacingOccurrences(of old: String, with new: String) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: old) {
            out += rest[..<r.lowerBound] + new
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
