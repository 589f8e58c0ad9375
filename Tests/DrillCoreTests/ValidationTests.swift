import DrillCore
import Testing

@Suite("Scenario validation points at each problem")
struct ValidationTests {
    @Test func theBaseFixtureIsValid() {
        let load = Fixture.loader.load(bytes: Array(Fixture.base.utf8), path: "t.yaml")
        #expect(load.diagnostics.isEmpty)
        #expect(load.scenario?.injects.count == 2)
    }

    @Test("each rule gives its message at the offending node", arguments: [
        // Unknown fields, with a suggestion when close.
        ("    title: First", "    tittle: First",
         ["11:5: error: an inject is missing the required field 'title'", "13:5: error: unknown field 'tittle' in an inject; did you mean 'title'?"]),
        ("duration: 2h", "duration: 2h\ncolour: red",
         ["5:1: error: unknown field 'colour' in the scenario; known fields: format, id, title, summary, language, languages, duration, scoreboard, objectives, teams, defaults, ratings, injects, translations, feedback"]),
        // Wrong types.
        ("teams:\n  - { id: a, name: Alpha }\n  - { id: b, name: Bravo }", "teams: Alpha",
         ["5:8: warning: no teams: give a roster with --roster when you run or serve this scenario", "5:8: error: teams must be a list, not the value 'Alpha'"]),
        ("attempts: 3 }", "attempts: [3] }",
         ["17:80: error: attempts must be a single value, not a list", "21:36: warning: I01.c2 allows unlimited attempts, so its outcome is never 'wrong'; set 'attempts' or branch on 'missed'"]),
        ("attempts: 3 }", "attempts: many }",
         ["17:80: error: attempts must be a whole number, not 'many'", "21:36: warning: I01.c2 allows unlimited attempts, so its outcome is never 'wrong'; set 'attempts' or branch on 'missed'"]),
        // Missing required fields.
        ("id: test-drill\n", "",
         ["1:1: error: the scenario is missing the required field 'id'"]),
        ("    channel: siem", "    channel:",
         ["23:13: error: 'channel' in an inject needs a value"]),
        // Duplicate ids.
        ("  - { id: b, name: Bravo }", "  - { id: a, name: Bravo }",
         ["7:11: error: duplicate team id 'a'"]),
        ("{ id: sev,", "{ id: c2,",
         ["18:15: error: duplicate task id 'c2' in inject I01"]),
        ("  - id: I02", "  - id: I01",
         ["19:9: error: duplicate inject id 'I01'"]),
        // References.
        ("{ inject: I01, delay", "{ inject: I1, delay",
         ["20:22: error: 'after' refers to unknown inject 'I1'; did you mean 'I01'?"]),
        ("task: I01.c2", "task: I01.c3",
         ["21:19: error: 'when' refers to unknown task 'c3' of inject I01; did you mean 'c2'?"]),
        ("objectives: [O1]", "objectives: [O2]",
         ["9:5: warning: objective 'O1' is not tested by any inject or task; it will be rated U", "15:18: error: unknown objective 'O2'; did you mean 'O1'?"]),
        ("    channel: siem", "    channel: siem\n    to: [a, c]",
         ["24:13: error: 'to' names unknown team 'c'; did you mean 'a'?"]),
        // Durations.
        ("    at: 0m", "    at: 10 minutes",
         ["12:9: error: at '10 minutes' is not a duration; write it like 90s, 15m, 1h30m or 01:30:00"]),
        ("delay: 10m", "delay: 1:5",
         ["20:34: error: after.delay '1:5' is not a duration; write it like 90s, 15m, 1h30m or 01:30:00"]),
        // Injects after the end.
        ("    at: 0m", "    at: 2h30m",
         ["12:9: error: inject I01 is planned at 2h30m, after the end of the exercise (duration 2h)", "20:12: error: inject I02 is planned at 2h40m, after the end of the exercise (duration 2h)"]),
        // Choice answers, empty accept.
        ("answer: high }", "answer: critical }",
         ["18:82: error: answer 'critical' is not among the options (low, high)"]),
        ("accept: [\"203.0.113.66\"]", "accept: []",
         ["17:52: error: text task I01.c2 needs at least one accepted answer in 'accept'"]),
        // ATT&CK and TLP.
        ("    channel: email", "    channel: email\n    attack: [T1071.001, T10710, t1566]",
         ["15:25: error: 'T10710' is not a MITRE ATT&CK technique id; write it like T1566 or T1071.001", "15:33: error: 't1566' is not a MITRE ATT&CK technique id; write it like T1566 or T1071.001"]),
        ("    channel: email", "    channel: email\n    tlp: amber-strict",
         ["15:10: error: tlp 'amber-strict' is not one of clear, green, amber, amber+strict, red; did you mean 'amber+strict'?"]),
        ("    channel: email", "    channel: mail",
         ["14:14: error: channel 'mail' is not one of email, phone, ticket, siem, news, social, chat, briefing, other; did you mean 'email'?"]),
        // Regexes.
        ("accept: [\"203.0.113.66\"]", "match: regex, accept: [\"203\\\\.0\\\\.113\\\\.(66\"]",
         ["17:67: error: '203\\.0\\.113\\.(66' is not a valid regular expression"]),
    ] as [(String, String, [String])])
    func rule(old: String, new: String, expected: [String]) {
        let got = Fixture.diagnostics(replacing: old, with: new)
        #expect(got == expected, "replacing \(old.debugDescription)")
    }
}
