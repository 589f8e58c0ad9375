import Foundation
import Testing

@Suite("The cyberdrill commands, run as a user runs them")
struct CommandTests {
    @Test func everyBundledScenarioValidates() throws {
        let r = try CLI.run(["validate"] + CLI.bundledScenarios.map { "scenarios/\($0).yaml" })
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.split(separator: "\n").filter { $0.contains(": ok: ") }.count == CLI.bundledScenarios.count)
    }

    @Test func aBrokenScenarioExitsOneWithPositions() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("broken.yaml")
        try "format: cyberdrill/1\nid: x\ntitle: X\nduration: 1h\ninjects:\n  - { id: I1, at: 2h, title: T, chanel: email }\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", file.path])
        #expect(r.status == 1)
        #expect(r.out.contains("\(file.path):6:5: error: an inject is missing the required field 'channel'"))
        #expect(r.out.contains("\(file.path):6:33: error: unknown field 'chanel' in an inject; did you mean 'channel'?"))
        #expect(r.out.contains("\(file.path):6:19: error: inject I1 is planned at 2h, after the end of the exercise (duration 1h)"))
        #expect(r.out.hasSuffix("\(file.path): 3 errors, 1 warning\n"))
        let json = try CLI.run(["validate", "--format", "json", file.path])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let files = decoded?["files"] as? [[String: Any]]
        #expect(files?.first?["errors"] as? Int == 3)
        #expect(json.status == 1)
    }

    @Test func missingFilesAreUserErrors() throws {
        let r = try CLI.run(["validate", "does-not-exist.yaml"])
        #expect(r.status == 1)
        #expect(r.out.contains("does-not-exist.yaml:0:0: error: the file does not exist"))
        let t = try CLI.run(["timeline", "does-not-exist.yaml"])
        #expect(t.status == 1)
        #expect(t.err.contains("the scenario has errors"))
    }

    @Test func timelineLaysOutChineseByDisplayWidth() throws {
        let r = try CLI.run(["timeline", "scenarios/gulf-water-scada-ar.yaml"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        guard let header = lines.first(where: { $0.hasPrefix("TIME") }), let chinese = lines.first(where: { $0.contains("天穹") }) else {
            Issue.record("no header or Chinese row in:\n\(r.out)"); return
        }
        // The TASKS column ends at the same display column in the header and the Chinese row.
        func column(of text: String, in line: String) -> Int? {
            guard let range = line.range(of: text) else { return nil }
            return line[..<range.lowerBound].reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x2E80 && ($1.unicodeScalars.first?.value ?? 0) <= 0xFFEF ? 2 : 1) }
        }
        let idColumn = column(of: "ID", in: header)
        #expect(idColumn != nil && idColumn == column(of: "I07", in: chinese))
        let csv = try CLI.run(["timeline", "--format", "csv", "scenarios/telco-ransomware.yaml"])
        #expect(csv.out.hasPrefix("planned,planned_ms,trigger,id,channel,from,to,title,tasks,points\n"))
        #expect(csv.out.contains("\"I02 + 35m, when I02.c2 is correct\""))
        let json = try CLI.run(["timeline", "--format", "json", "scenarios/telco-ransomware.yaml"])
        let entries = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]]
        #expect(entries?.count == 12)
        #expect(entries?.first?["id"] as? String == "I01")
    }

    @Test(arguments: CLI.bundledScenarios)
    func rehearsalRunsToTheEndTwiceTheSame(scenario: String) throws {
        let args = ["rehearse", "scenarios/\(scenario).yaml", "--teams", "20", "--seed", "1"]
        let first = try CLI.run(args), second = try CLI.run(args)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out == second.out)
        #expect(first.out.split(separator: "\n").filter { $0.contains("  sim-") }.count == 20 - teamsDefined(scenario))
        let json = try CLI.run(args + ["--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect((decoded?["teams"] as? [Any])?.count == 20)
    }

    private func teamsDefined(_ scenario: String) -> Int {
        let text = (try? String(contentsOf: CLI.packageRoot.appendingPathComponent("scenarios/\(scenario).yaml"), encoding: .utf8)) ?? ""
        guard let start = text.range(of: "\nteams:"), let end = text.range(of: "\ninjects:") ?? text.range(of: "\ndefaults:") else { return 0 }
        return text[start.upperBound..<end.lowerBound].components(separatedBy: "\n  - ").count - 1
    }

    @Test func aDifferentSeedGivesADifferentRehearsal() throws {
        let a = try CLI.run(["rehearse", "scenarios/telco-ransomware.yaml", "--teams", "12", "--seed", "1"])
        let b = try CLI.run(["rehearse", "scenarios/telco-ransomware.yaml", "--teams", "12", "--seed", "2"])
        #expect(a.out != b.out)
    }

    @Test func helpHasAnExample() throws {
        for command in ["validate", "timeline", "rehearse", "replay", "verify"] {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.out.contains("Example:"), "\(command) --help has no example")
        }
    }
}

@Suite("serve and join, as a user starts them")
struct NetworkCommandTests {
    @Test func serveNeedsTeams() throws {
        let dir = try CLI.temporaryDirectory()
        let scenario = dir.appendingPathComponent("s.yaml")
        try "format: cyberdrill/1\nid: s\ntitle: S\nduration: 1h\ninjects:\n  - { id: I01, at: 0m, title: T, channel: email }\n"
            .write(to: scenario, atomically: true, encoding: .utf8)
        let r = try CLI.run(["serve", scenario.path, "--journal", dir.appendingPathComponent("s.journal").path, "--listen", "127.0.0.1:0"])
        #expect(r.status == 1)
        #expect(r.err.contains("the scenario has no teams; give a roster with --roster FILE"))
    }

    @Test func joinNeedsATokenAndAWebSocketAddress() throws {
        let noToken = try CLI.run(["join", "ws://127.0.0.1:1/ws"])
        #expect(noToken.status == 1)
        #expect(noToken.err.contains("give your token with --token TOKEN or in CYBERDRILL_TOKEN"))
        let badURL = try CLI.run(["join", "http://127.0.0.1:1/", "--token", "x"])
        #expect(badURL.status == 1)
        #expect(badURL.err.contains("is not a WebSocket address"))
        let help = try CLI.run(["join", "--help"])
        #expect(help.out.contains("answer I01.c2 203.0.113.66"))
        #expect(help.out.contains("release I02 [cirt-a,cirt-b]"))
    }
}
