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

    /// The base scenario with 1 to `edits` random edits (a byte replaced, removed or inserted from
    /// YAML's punctuation and some UTF-8 lead bytes, or a run of bytes repeated).
    static func mutated(edits: Int, using rng: inout SeededGenerator) -> [UInt8] {
        let alphabet = Array(":-[]{}#&*!|>'\"%@`,? \n\t0aZ.".utf8) + [0xC3, 0xA9, 0xE4, 0xB8]
        var bytes = Array(base.utf8)
        for _ in 0..<Int.random(in: 1...edits, using: &rng) {
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes[at] = alphabet.randomElement(using: &rng)!
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
            default:
                let end = min(bytes.count, at + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            }
            if bytes.isEmpty { break }
        }
        return bytes
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
