import DrillCore

/// Writes large, valid scenarios for benchmarks and scale tests: seeded, so every run loads the
/// same text. Injects mix every task type, `after` chains and `when` branches.
public enum ScenarioGenerator {
    public static func yaml(injects: Int, teams: Int, seed: UInt64 = 1) -> String {
        var rng = SeededGenerator(seed: seed)
        let duration = max(3_600, injects * 30 + 7_200)   // seconds
        var out = """
        format: cyberdrill/1
        id: generated-\(injects)
        title: "Generated drill with \(injects) injects"
        summary: Generated for benchmarks.
        language: en
        duration: \(duration)s
        scoreboard: live
        objectives:
          - { id: O1, title: Detect, capability: detection }
          - { id: O2, title: Respond, capability: response }
          - { id: O3, title: Cooperate, capability: cooperation }
        teams:

        """
        for t in 1...max(1, teams) { out += "  - { id: t\(t), name: \"Team \(t)\", country: ZZ }\n" }
        out += "injects:\n"
        for i in 1...max(1, injects) {
            let at = (i - 1) * 30
            out += "  - id: I\(i)\n"
            if i > 1, i % 7 == 0 {
                out += "    after: { inject: I\(i - 1), delay: 30s }\n"
            } else {
                out += "    at: \(at)s\n"
            }
            if i > 3, i % 11 == 0 {
                out += "    when: { task: I\(i - 3).t1, outcome: [wrong, missed] }\n"
            }
            let channel = ["email", "siem", "phone", "news", "ticket"][Int.random(in: 0..<5, using: &rng)]
            out += """
                title: "Inject \(i): suspicious activity on host \(Int.random(in: 1...250, using: &rng))"
                channel: \(channel)
                from: "SOC <soc@example.test>"
                tlp: amber
                attack: [T1071.001, T1566]
                objectives: [O\(i % 3 + 1)]
                body: |
                  Alert \(i). Beaconing to 203.0.113.\(i % 250) every 60 seconds from host \(i).
                tasks:
                  - { id: t1, type: text, prompt: "Which IP?", accept: ["203.0.113.\(i % 250)"], attempts: 3, penalty: 1 }
                  - { id: t2, type: choice, prompt: Severity, options: [low, medium, high], answer: high, points: 5 }
                  - { id: t3, type: number, prompt: "Hosts affected", answer: \(i % 40 + 1), tolerance: 1 }
                  - { id: t4, type: indicators, prompt: "Malicious domains", accept: [evil\(i).example, c2-\(i).example], penalty: 2 }

            """
        }
        return out
    }
}
