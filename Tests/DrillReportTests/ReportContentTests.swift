import DrillCore
import Foundation
import Testing
import DrillText
@testable import DrillReport

@Suite("After-action reports of rehearsed exercises")
struct ReportContentTests {
    @Test(arguments: Fixtures.bundled)
    func everySectionIsPresentInEveryFormat(_ name: String) throws {
        let report = try AfterActionReport(try Fixtures.exercise(name))
        let md = report.markdown(), html = report.html()
        // The report speaks the scenario's language by default (English for the English scenarios).
        let t = Texts(Language(tag: try Fixtures.scenario(name).language) ?? .en)
        for key: Msg in [.reportHOverview, .reportHSummary, .reportHObjectives, .reportHAnalysis, .reportHPlan, .reportHTimeline,
                         .reportHScorecards, .reportHResponse, .reportHNotes, .reportHTasks] {
            let heading = t(key)
            #expect(md.contains("## \(heading)"), "\(name): no '\(heading)' in the Markdown")
            #expect(html.contains(">\(heading.replacingOccurrences(of: "'", with: "&#39;"))</h2>"), "\(name): no '\(heading)' in the HTML")
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4, "four charts")
        let scenario = try Fixtures.scenario(name)
        #expect(!report.summary.isEmpty)
        #expect(report.objectives.count == scenario.objectives.count)
        #expect(report.teams.count == 6)
        #expect(report.timeline.count == scenario.injects.count)
        #expect(report.tasks.count == scenario.injects.reduce(0) { $0 + $1.tasks.count })
    }

    @Test(arguments: Fixtures.bundled)
    func figuresAreTheScorecards(_ name: String) throws {
        let input = try Fixtures.exercise(name)
        let scorecard = input.state.scorecard()
        let report = try AfterActionReport(input)
        #expect(report.teams.map(\.id) == scorecard.teams.map(\.team), "regional order is the ranking")
        for team in report.teams {
            let score = try #require(scorecard.team(team.id ?? ""))
            #expect(team.points == score.points)
            #expect(team.availablePoints == score.availablePoints)
            #expect(team.totalPoints == score.totalPoints)
            #expect(team.percent == score.percentOfAvailable)
            #expect(team.rank == score.rank)
            #expect(team.outcomes == score.outcomes)
            #expect(team.tasks.map(\.task) == score.tasks.map(\.task.description))
            #expect(team.tasks.map(\.points) == score.tasks.map(\.points))
            #expect(team.tasks.map(\.reason) == score.tasks.map(\.reason))
            #expect(team.tasks.map(\.outcome) == score.tasks.map(\.outcome))
            // The same points, summed in time order rather than scenario order.
            #expect(abs((team.scoreOverTime.last?.points ?? 0) - score.points) < 1e-9)
            for (o, objective) in zip(team.objectives, scorecard.objectives) {
                let evidence = objective.teams.first { $0.team == team.id }
                #expect(o.percent == evidence?.percent && o.rating == evidence?.rating)
            }
        }
        for (o, score) in zip(report.objectives, scorecard.objectives) {
            #expect(o.objective == score.objective)
            #expect(o.points == score.points && o.possiblePoints == score.possiblePoints)
            #expect(o.percent == score.percent && o.rating == score.rating)
            #expect(o.ratingCounts.p + o.ratingCounts.s + o.ratingCounts.m + o.ratingCounts.u == score.teams.filter { $0.possiblePoints > 0 }.count)
        }
        for (c, score) in zip(report.capabilities, scorecard.capabilities) {
            #expect(c.capability == score.capability && c.percent == score.percent && c.rating == score.rating)
        }
        for entry in report.timeline {
            let score = try #require(scorecard.injects.first { $0.inject == entry.inject })
            #expect(entry.averagePercent == score.averagePercent && entry.outcomes == score.outcomes && entry.teamsReached == score.teamsReached)
        }
        let points = scorecard.teams.reduce(0) { $0 + $1.points }, available = scorecard.teams.reduce(0) { $0 + $1.availablePoints }
        #expect(report.overview.percent == Scorecard.percent(points, of: available))
    }

    @Test func aTeamReportCarriesThatTeamsOwnFigures() throws {
        let input = try Fixtures.exercise("telco-ransomware")
        let scorecard = input.state.scorecard()
        for id in input.state.teamOrder {
            let report = try AfterActionReport(input, options: ReportOptions(team: id))
            let score = try #require(scorecard.team(id))
            #expect(report.audience.kind == .team)
            #expect(report.teams.count == 1 && report.teams[0].id == id)
            #expect(report.teams[0].points == score.points && report.teams[0].rank == score.rank)
            for (o, objective) in zip(report.objectives, scorecard.objectives) {
                let own = objective.teams.first { $0.team == id }
                #expect(o.percent == own?.percent && o.rating == own?.rating, "a team report rates the team's own objectives")
                #expect(o.teams.isEmpty, "no other team by name")
                #expect(o.spread?.count == objective.teams.filter { $0.possiblePoints > 0 }.count)
            }
            #expect(report.region.teams == scorecard.teams.count)
            #expect(report.overview.teams == [report.teams[0].team])
        }
    }

    @Test func theOverviewReadsDatesPausesHoldsAndFacilitatorsFromTheJournal() throws {
        let report = try AfterActionReport(try Fixtures.exercise("telco-ransomware"))
        let o = report.overview
        #expect(o.startedWall == "2025-12-09T08:00:00Z")
        #expect(o.phase == "ended")
        #expect(o.actualDuration == o.plannedDuration)
        #expect(o.wallDuration == o.plannedDuration + Fixtures.pauseWall)
        #expect(o.pauses == [PauseSpan(from: Fixtures.pauseAt, to: Fixtures.pauseAt, fromWall: "2025-12-09T08:30:00Z",
                                       toWall: "2025-12-09T08:42:00Z", length: Fixtures.pauseWall)])
        #expect(o.pausedTotal == Fixtures.pauseWall)
        #expect(o.facilitators == ["rehearsal", "Amina"])
        #expect(report.timeline.contains { $0.heldAt == [Fixtures.pauseAt] })
        #expect(report.summary.contains { $0.contains("paused 1 time") })
        #expect(report.summary.contains { $0.contains("held 1 inject") })
    }

    @Test func notesFillTheAnalysisAndTheImprovementPlan() throws {
        let report = try AfterActionReport(try Fixtures.exercise("telco-ransomware"))
        #expect(report.notes.count == 3)
        let improvement = try #require(report.notes.first { $0.kind == .improvement })
        #expect(improvement.text == "Several teams waited for the white cell before warning neighbours.")
        #expect(improvement.action == "Agree a regional warning template")
        #expect(improvement.owner == "Regional coordinator")
        #expect(improvement.due == "2026-03-01")
        let row = try #require(report.improvementPlan.first { $0.source == "note" && $0.area == improvement.text })
        #expect(row.action == improvement.action && row.owner == improvement.owner && row.due == improvement.due)
        #expect(report.capabilities[0].improvements.contains { $0.kind == .note && $0.text == improvement.text })
        #expect(report.capabilities[0].strengths.contains { $0.kind == .note })
        // An observation with an action about an inject fills the plan rows of that inject, or gets its own.
        let observation = try #require(report.notes.first { $0.kind == .observation })
        #expect(observation.action == "Brief duty officers on the inbox")
        #expect(report.improvementPlan.contains { $0.action == observation.action })
        // Rows from the scores name their task, objective and capability; the rest is left to fill in.
        let fromScores = report.improvementPlan.filter { $0.source == "scores" }
        #expect(!fromScores.isEmpty)
        #expect(fromScores.allSatisfy { $0.task != nil && !$0.objectives.isEmpty && !$0.capability.isEmpty })
    }

    @Test func theNoteFormsFieldsFillTheImprovementPlanAndTheCapabilities() throws {
        var input = try Fixtures.exercise("telco-ransomware")
        let scenario = input.state.scenario
        let objective = try #require(scenario.objectives.last)
        let white = Actor.facilitator("Amina")
        var events = input.events
        let at = events.last?.exerciseTime ?? 0
        let team = try #require(input.state.teamOrder.first)
        events.append(ExerciseEvent(at: at, by: white, .noteAdded(Note(
            text: "Nobody owned the press line.", team: team, kind: .improvement, objective: objective.id,
            action: "Name a spokesperson per shift", owner: "Head of CIRT", due: "2026-04-30"))))
        events.append(ExerciseEvent(at: at, by: white, .noteAdded(Note(
            text: "Indicators shared within minutes.", kind: .strength, capability: objective.capability))))
        events.append(ExerciseEvent(at: at, by: white, .noteAdded(Note(text: "The room was quiet after lunch.", kind: .observation))))
        input = ReportInput(state: ExerciseState.fold(events, index: ScenarioIndex(scenario)), events: events,
                            walls: input.walls + [input.walls.last ?? 0, input.walls.last ?? 0, input.walls.last ?? 0])
        let report = try AfterActionReport(input)
        let row = try #require(report.improvementPlan.first { $0.area == "Nobody owned the press line." })
        #expect(row.source == "note" && row.action == "Name a spokesperson per shift" && row.owner == "Head of CIRT" && row.due == "2026-04-30")
        #expect(row.capability == objective.capability && row.objectives == [objective.id])
        let capability = try #require(report.capabilities.first { $0.capability == objective.capability })
        #expect(capability.improvements.contains { $0.text == "Nobody owned the press line." })
        #expect(capability.strengths.contains { $0.text == "Indicators shared within minutes." })
        #expect(report.notes.first { $0.text == "The room was quiet after lunch." }?.kind == .observation)
        let markdown = report.markdown()
        #expect(markdown.contains("Name a spokesperson per shift") && markdown.contains("Head of CIRT") && markdown.contains("2026-04-30"))
    }

    @Test func noteTagsAreReadFromTagsAndLines() throws {
        let scenario = try Fixtures.scenario("telco-ransomware")
        let tags = NoteTags(Note(text: "Slow escalation.\n- owner = SOC lead\nDUE: Q2", inject: "I02", tags: ["AFI", "action: Run a tabletop"]), scenario: scenario)
        #expect(tags.kind == .improvement)
        #expect(tags.text == "Slow escalation.")
        #expect(tags.action == "Run a tabletop" && tags.owner == "SOC lead" && tags.due == "Q2")
        var expected: [String] = []
        for o in (scenario.inject("I02").map { $0.objectives + $0.tasks.flatMap(\.objectives) } ?? []) where !expected.contains(o) { expected.append(o) }
        #expect(!expected.isEmpty && tags.objectives == expected)
        let byObjective = NoteTags(Note(text: "Good.", tags: ["strength", "objective:O2"]), scenario: scenario)
        #expect(byObjective.kind == .strength && byObjective.objectives == ["O2"] && byObjective.capabilities == [scenario.objective("O2")?.capability ?? ""])
    }

    @Test(arguments: Fixtures.bundled)
    func jsonDecodesBackIntoTheSameReport(_ name: String) throws {
        let input = try Fixtures.exercise(name)
        for options in [ReportOptions(), ReportOptions(anonymize: true), ReportOptions(team: input.state.teamOrder[1])] {
            let report = try AfterActionReport(input, options: options)
            #expect(try AfterActionReport.decode(json: try report.json()) == report)
        }
    }

    @Test(arguments: Fixtures.bundled)
    func csvHasOneRowPerTeamAndReleasedTask(_ name: String) throws {
        let input = try Fixtures.exercise(name)
        let scorecard = input.state.scorecard()
        let report = try AfterActionReport(input)
        let records = CSVRecords.parse(report.csv())
        #expect(records.first == AfterActionReport.csvColumns)
        #expect(records.count - 1 == scorecard.teams.reduce(0) { $0 + $1.tasks.count })
        #expect(records.dropFirst().allSatisfy { $0.count == AfterActionReport.csvColumns.count })
        let id = input.state.teamOrder[0]
        let own = try AfterActionReport(input, options: ReportOptions(team: id))
        #expect(CSVRecords.parse(own.csv()).count - 1 == scorecard.team(id)?.tasks.count)
    }

    @Test func anExerciseThatHasNotStartedStillReports() throws {
        let scenario = try Fixtures.scenario("tutorial")
        let index = ScenarioIndex(scenario)
        let events = scenario.teams.map { ExerciseEvent(at: 0, by: .facilitator("f"), .teamRegistered($0)) }
        let input = ReportInput(state: ExerciseState.fold(events, index: index), events: events, walls: events.map { _ in 0 })
        let report = try AfterActionReport(input)
        #expect(report.overview.phase == "notStarted")
        #expect(report.summary.contains { $0.contains("provisional") })
        #expect(report.responseTimes.bins.isEmpty)
        _ = report.html()
        _ = report.markdown()
    }

    @Test func aJournalThatStopsWhilePausedIsProvisional() throws {
        let full = try Fixtures.exercise("telco-ransomware", extras: false)
        // A crash an hour in: the exercise comes back paused at the last durable event.
        var events = full.events.filter { $0.exerciseTime <= 3_600_000 && $0.type != "ended" }
        events.append(ExerciseEvent(at: 3_600_000, by: .facilitator("host"), .paused))
        let input = ReportInput(state: ExerciseState.fold(events, index: full.state.index), events: events,
                                walls: events.map { Fixtures.startWall + $0.exerciseTime })
        let report = try AfterActionReport(input)
        #expect(report.overview.phase == "paused")
        #expect(report.overview.endedWall == nil)
        #expect(report.overview.actualDuration == 3_600_000)
        #expect(report.overview.pauses.count == 1 && report.overview.pauses[0].to == nil && report.overview.pauses[0].length == nil)
        #expect(report.summary.contains { $0.contains("provisional") })
        #expect(report.teams.allSatisfy { $0.tasks.allSatisfy { ($0.releasedAt ?? 0) <= 3_600_000 } })
        #expect(report.markdown().contains("not ended"))
    }

    @Test func anUnknownTeamIsRefusedWithTheTeamsThatTookPart() throws {
        let input = try Fixtures.exercise("tutorial", teams: 3)
        #expect(throws: ReportError.unknownTeam("nope", known: input.state.teamOrder)) {
            try AfterActionReport(input, options: ReportOptions(team: "nope"))
        }
    }
}

/// A strict RFC 4180 reader, to count records whatever their quoted commas and line breaks.
enum CSVRecords {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, afterQuote = false
        var chars = Array(text)
        if chars.last != "\n" && chars.last != "\r\n" { chars.append("\r\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false; afterQuote = true }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty && !afterQuote {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""; afterQuote = false
            } else if c == "\r\n" || c == "\n" {
                record.append(field); field = ""; afterQuote = false
                records.append(record); record = []
            } else {
                field.append(c)
            }
            i += 1
        }
        return records
    }
}
