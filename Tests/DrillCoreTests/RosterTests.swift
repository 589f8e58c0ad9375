import DrillCore
import Testing

@Suite("Rosters replace the scenario's teams")
struct RosterTests {
    @Test func aCSVRosterWithQuotesAndAnyColumnOrder() {
        let roster = Roster.load(text: "name,id,country,contact\n\"CIRT Alpha, national\",cirt-a,XA,soc@a.example\nCIRT Bravo,cirt-b,XB,\n\n", path: "teams.csv")
        #expect(roster.diagnostics.isEmpty)
        #expect(roster.teams == [Team(id: "cirt-a", name: "CIRT Alpha, national", country: "XA", contact: "soc@a.example"),
                                 Team(id: "cirt-b", name: "CIRT Bravo", country: "XB")])
    }

    @Test func aYAMLRosterAsAListOrUnderTeams() {
        let list = Roster.load(text: "- { id: cirt-a, name: CIRT Alpha }\n- { id: cirt-b, name: CIRT Bravo, country: XB }\n", path: "teams.yaml")
        #expect(list.teams.map(\.id) == ["cirt-a", "cirt-b"])
        let mapping = Roster.load(text: "teams:\n  - id: cirt-c\n    name: CIRT Charlie\n    contact: \"+1 555 0100\"\n", path: "teams.yaml")
        #expect(mapping.teams == [Team(id: "cirt-c", name: "CIRT Charlie", contact: "+1 555 0100")])
    }

    @Test func everyProblemIsReportedWithItsPlace() {
        let csv = Roster.load(text: "id,name,email\ncirt-a,Alpha,x\ncirt a,Bad,y\ncirt-a,Again,z\ncirt-d,,w\n", path: "teams.csv")
        let messages = csv.diagnostics.map(\.description)
        #expect(messages.contains("teams.csv:1:3: error: unknown column 'email'; a roster's columns are id, name, country, contact and language"))
        #expect(messages.contains("teams.csv:5:2: error: team 'cirt-d' has no name"))
        #expect(messages.contains { $0.contains("team id 'cirt a' may hold only letters, digits, '-' and '_'") })
        #expect(messages.contains { $0.contains("duplicate team id 'cirt-a'") })
        let yaml = Roster.load(text: "- { id: cirt-a, nom: Alpha }\n", path: "teams.yaml")
        #expect(yaml.diagnostics.map(\.description).contains("teams.yaml:1:17: error: unknown field 'nom' in a team; a team has id, name, country, contact and language"))
        #expect(yaml.hasErrors)
    }

    @Test func aRosterWithoutATeamTheScenarioNamesIsAcceptedWithWarnings() throws {
        let text = """
            format: cyberdrill/1
            id: r
            title: R
            duration: 1h
            teams: [{ id: cirt-a, name: A }, { id: cirt-b, name: B }]
            injects:
              - id: I01
                at: 0m
                title: T
                channel: email
                to: [cirt-b]
                tasks: [{ id: warn, type: coordination, prompt: Warn A, with: [cirt-a] }]
            """
        let scenario = try #require(ScenarioLoader { _ in true }.load(text: text, path: "r.yaml").scenario)
        let roster = Roster.load(text: "id,name\ncirt-a,Alpha\ncirt-c,Charlie\n", path: "teams.csv")
        // A country that drops out: accepted, with a warning for each thing skipped for it.
        let problems = roster.check(against: scenario, scenarioPath: "r.yaml", rosterPath: "teams.csv")
        #expect(problems.map(\.message) == ["r.yaml: inject I01 is addressed ('to:') to team 'cirt-b', which this roster lacks: it is skipped for that team (and so released to no team)"])
        #expect(problems.allSatisfy { $0.severity == .warning } && !problems.hasErrors)
        let withoutA = Roster.load(text: "id,name\ncirt-b,Bravo\n", path: "teams.csv").check(against: scenario, scenarioPath: "r.yaml", rosterPath: "teams.csv")
        #expect(withoutA.map(\.message) == ["r.yaml: task I01.warn asks to coordinate ('with:') with team 'cirt-a', which this roster lacks: no team is left to tell, so the task is not scored"])
        #expect(!withoutA.hasErrors)
        let full = Roster.load(text: "id,name\ncirt-a,Alpha\ncirt-b,Bravo\n", path: "teams.csv")
        #expect(full.check(against: scenario, scenarioPath: "r.yaml", rosterPath: "teams.csv").isEmpty)
    }
}
