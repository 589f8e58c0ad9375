import DrillCore
import Testing

@Suite("Scenario validation: files, syntax, triggers and artifacts")
struct ValidationRulesTests {
    @Test func emptyBinaryAndNonUTF8FilesAreNamed() {
        let loader = Fixture.loader
        func first(_ bytes: [UInt8]) -> String {
            loader.load(bytes: bytes, path: "t.yaml").diagnostics.map(\.description).joined(separator: "\n")
        }
        #expect(first([]) == "t.yaml:1:1: error: the file is empty (0 bytes); a scenario starts with 'format: cyberdrill/1'")
        #expect(first(Array("  \n\n ".utf8)) == "t.yaml:1:1: error: the file holds only whitespace; a scenario starts with 'format: cyberdrill/1'")
        #expect(first(Array("# just a comment\n".utf8)) == "t.yaml:1:1: error: the file holds no YAML document; a scenario starts with 'format: cyberdrill/1'")
        #expect(first(Array("format: x\n".utf8) + [0, 1, 2]) == "t.yaml:2:1: error: the file holds a NUL byte: it looks binary, not a YAML scenario")
        #expect(first(Array("id: a\ntitle: caf".utf8) + [0xE9, 0x0A]) == "t.yaml:2:11: error: the file is not valid UTF-8 (bad byte 0xE9 at offset 16); save it as UTF-8")
        #expect(first([0xFF, 0xFE, 0x66, 0x00]) == "t.yaml:1:1: error: the file is UTF-16; save it as UTF-8")
    }

    @Test func yamlSyntaxErrorsCarryTheirPosition() {
        let broken = Fixture.base.replacingOccurrences(of: "    title: First", with: "    title: [First")
        #expect(Fixture.diagnostics(broken) == ["14:12: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence)"])
        let tab = Fixture.base.replacingOccurrences(of: "    at: 0m", with: "\tat: 0m")
        #expect(Fixture.diagnostics(tab).first?.hasPrefix("12:1: error: YAML syntax:") == true)
    }

    @Test func duplicateKeysInOneMappingAreReported() {
        let twice = Fixture.base.replacingOccurrences(of: "    title: First", with: "    title: First\n    title: Again")
        #expect(Fixture.diagnostics(twice) == ["14:5: error: duplicate field 'title' in the same mapping (first set on line 13)"])
    }

    @Test func unknownFormatIsAnError() {
        let other = Fixture.base.replacingOccurrences(of: "format: cyberdrill/1", with: "format: cyberdrill/2")
        #expect(Fixture.diagnostics(other) == ["1:9: error: format 'cyberdrill/2' is not understood by this cyberdrill; use 'cyberdrill/1'"])
    }

    @Test func triggerCyclesAreFound() {
        let cycle = Fixture.base
            .replacingOccurrences(of: "    at: 0m", with: "    after: { inject: I02, delay: 5m }")
            .replacingOccurrences(of: "    when: { task: I01.c2, outcome: [wrong, missed] }\n", with: "")
        #expect(Fixture.diagnostics(cycle) == ["12:12: error: trigger cycle: I01 → I02 → I01; none of these injects can ever be released"])
    }

    @Test func whenOnALaterInjectIsRefused() {
        let later = Fixture.base
            .replacingOccurrences(of: "    after: { inject: I01, delay: 10m }", with: "    at: 5m")
            .replacingOccurrences(of: "    at: 0m", with: "    at: 30m")
        #expect(Fixture.diagnostics(later) == [
            "21:19: error: 'when' refers to I01.c2 of inject I01, planned at 30m, later than this inject (5m): its outcome cannot be known in time",
        ])
    }

    @Test func whenOnAnInjectForOtherTeamsIsUnreachable() {
        let split = Fixture.base
            .replacingOccurrences(of: "    channel: email", with: "    channel: email\n    to: [a]")
            .replacingOccurrences(of: "    channel: siem", with: "    channel: siem\n    to: [b]")
        #expect(Fixture.diagnostics(split) == [
            "22:19: error: 'when' refers to I01.c2, but inject I01 goes to none of the teams this inject is for, so the branch can never be taken",
        ])
    }

    @Test func missingAndEscapingArtifactsAreErrors() {
        let loader = ScenarioLoader { $0 == "dir/artifacts/present.csv" }
        let text = Fixture.base.replacingOccurrences(of: "    channel: email", with: """
            channel: email
            artifacts:
              - { name: a, path: artifacts/present.csv }
              - { name: b, path: artifacts/missing.csv }
              - { name: c, path: ../secret.txt }
        """)
        let got = loader.load(bytes: Array(text.utf8), path: "dir/t.yaml").diagnostics.map(\.description)
        #expect(got == [
            "dir/t.yaml:17:26: error: artifact file 'artifacts/missing.csv' does not exist (paths are relative to the scenario file)",
            "dir/t.yaml:18:26: error: artifact path '../secret.txt' must stay inside the scenario's folder (relative, without '..')",
        ])
    }

    @Test func tasksWithoutAWayToScore() {
        let text = Fixture.base.replacingOccurrences(of: "rubric: [{ score: 1, text: Good }, { score: 0, text: Bad }] }", with: """
        rubric: [] }
              - { id: w, type: coordination, prompt: Warn, with: [] }
              - { id: z, type: number, prompt: Zero, answer: 1, points: 0 }
              - { id: m, type: choice, prompt: Pick, options: [x, y], answer: [x, y] }
        """)
        #expect(Fixture.diagnostics(text) == [
            "25:55: error: report task I02.r needs a 'rubric' to be graded against",
            "26:58: error: coordination task I02.w needs the teams to coordinate with in 'with'",
            "27:65: warning: task I02.z is worth 0 points: it cannot be scored",
            "28:71: error: choice task I02.m has several answers; add 'multiple: true' or keep one",
        ])
    }

    @Test func everyProblemIsReportedAtOnceAndSortedByPosition() {
        let text = Fixture.base
            .replacingOccurrences(of: "duration: 2h", with: "duration: two hours")
            .replacingOccurrences(of: "    channel: siem", with: "    channel: fax")
            .replacingOccurrences(of: "answer: high }", with: "answer: hihg }")
        let got = Fixture.diagnostics(text)
        #expect(got.count == 3)
        #expect(got.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == ["4:11", "18:82", "23:14"])
        #expect(got[1].hasSuffix("did you mean 'high'?"))
    }

    @Test func emptyIdsAndNumberTasksWithoutAnswerAreErrors() {
        let text = Fixture.base
            .replacingOccurrences(of: "{ id: sev,", with: "{ id: \"\",")
            .replacingOccurrences(of: "rubric: [{ score: 1, text: Good }, { score: 0, text: Bad }] }", with: "rubric: [{ score: 1, text: Good }] }\n      - { id: n, type: number, prompt: How many? }")
        #expect(Fixture.diagnostics(text) == [
            "18:15: error: task id must not be empty",
            "26:9: error: number task n needs an 'answer'",
        ])
    }

    @Test func whenOnATaskOfTheSameInjectIsNamedAsSuch() {
        let text = Fixture.base.replacingOccurrences(of: "task: I01.c2", with: "task: I02.r")
        #expect(Fixture.diagnostics(text) == [
            "21:19: error: 'when' refers to a task of this same inject; its outcome cannot be known before the inject is released",
        ])
    }

    @Test func aRecipientListedInWithIsWarned() {
        let text = Fixture.base.replacingOccurrences(of: "rubric: [{ score: 1, text: Good }, { score: 0, text: Bad }] }",
                                                     with: "rubric: [{ score: 1, text: Good }] }\n      - { id: w, type: coordination, prompt: Warn, with: [a] }")
        #expect(Fixture.diagnostics(text) == [
            "26:58: warning: 'a' receives this inject and is listed in 'with': a team cannot tell itself, so I02.w is at most partial for it; send the inject only to the teams that must act",
        ])
    }
}
