import Foundation
import Testing

/// Usage errors, limits and hostile input at the command line.
@Suite("command-line limits and usage errors")
struct BoundedCommandTests {
    @Test("negative numbers are read as numbers out of range, and usage errors exit 64 as docs/cli.md says",
          arguments: [
              (["rehearse", "scenarios/tutorial.yaml", "--teams", "-1"], "--teams must be between"),
              (["rehearse", "scenarios/tutorial.yaml", "--teams", "10001"], "--teams must be between"),
              (["demo", "--speed", "-5"], "--speed must be between"),
          ])
    func negativeNumbersAreOutOfRange(arguments: [String], message: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64, "\(r.err)")
        #expect(r.err.contains(message), "\(r.err)")
        #expect(!r.err.contains("Missing value"), "\(r.err)")
        let docs = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        #expect(docs.contains("**64** usage error"))
    }

    @Test("validate refuses a scenario too large to be journaled, naming the limit")
    func validateRefusesAScenarioTheJournalCannotHold() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("huge.yaml")
        var text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("scenarios/tutorial.yaml"), encoding: .utf8)
        let line = "# " + String(repeating: "padding ", count: 128) + "\n"
        text += String(repeating: line, count: (25 << 20) / line.utf8.count)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", file.path])
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect((r.out + r.err).contains("at most 25165824"), "\(r.out)\(r.err)")
        let docs = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        #expect(docs.contains("24 MiB"))
    }

    @Test("validate lists an alias bomb's problems once each, with the expansion refused")
    func validateBoundsAnAliasBomb() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("bomb.yaml")
        let task = "x-task: &t {id: t, type: text, prompt: p, accept: [a], bogus: 1}\n"
        let tasks = "x-tasks: &ts [" + Array(repeating: "*t", count: 1_000).joined(separator: ", ") + "]\n"
        let inject = "x-inject: &i {id: i, at: 0m, title: t, body: b, tasks: *ts}\n"
        let injects = "injects: [" + Array(repeating: "*i", count: 1_000).joined(separator: ", ") + "]\n"
        try ("format: cyberdrill/1\nid: bomb\ntitle: bomb\nduration: 1h\n" + task + tasks + inject + injects)
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", file.path])
        #expect(r.status == 1)
        let lines = r.out.split(separator: "\n")
        #expect(lines.count < 50, "\(lines.count) lines")
        #expect(lines.count { $0.contains("unknown field 'bogus'") } == 1)
        #expect(r.out.contains("expands through aliases"))
    }

    @Test("a scenario's own roster over 10,000 teams is refused, as --teams over 10,000 is")
    func scenarioRosterIsCapped() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("crowd.yaml")
        var text = "format: cyberdrill/1\nid: crowd\ntitle: crowd\nduration: 1h\nteams:\n"
        for i in 0 ... 10_000 { text += "  - {id: t\(i), name: T\(i)}\n" }
        text += "injects:\n  - {id: i1, at: 0m, title: t, channel: email, body: b}\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        for command in [["validate", file.path], ["rehearse", file.path]] {
            let r = try CLI.run(command)
            #expect(r.status == 1, "\(command[0]): \(r.out.suffix(300))\(r.err.suffix(300))")
            #expect((r.out + r.err).contains("at most 10000"), "\(command[0]): \(r.out.suffix(300))\(r.err.suffix(300))")
        }
    }
}
