import DrillCore
import DrillText

extension AfterActionReport {
    /// The catalog of the report's own words (English for a report that names none).
    var texts: Texts { Texts(audience.language.flatMap(Language.init(tag:)) ?? .en) }
}

extension AfterActionReport {
    /// Builds the report of an exercise for an audience, from the journal's facts alone.
    /// Throws `ReportError.unknownTeam` when `options.team` did not take part.
    public init(_ input: ReportInput, options: ReportOptions = ReportOptions()) throws {
        let context = try ReportContext(input, options)
        let notes = NoteSection(context)
        let teams = context.shownTeams.map { TeamReport(context, $0) }
        let tasks = TaskSummary.all(context)
        let objectives = ObjectiveResult.all(context)
        let analysis = Analysis(context, tasks: tasks, teams: teams, notes: notes)
        let overview = Overview(context)
        let region = RegionalDistribution(context)
        self.init(
            format: Self.currentFormat,
            audience: Audience(kind: options.team == nil ? .regional : .team, anonymized: options.anonymize,
                               team: options.team.map(context.labels.label), language: context.texts.language.rawValue),
            overview: overview,
            summary: [],
            objectives: objectives,
            capabilities: analysis.capabilities,
            tasks: tasks,
            notes: notes.entries,
            improvementPlan: analysis.improvementPlan,
            timeline: TimelineEntry.all(context),
            teams: teams,
            region: region,
            responseTimes: ResponseTimes(teams: teams)
        )
        summary = ExecutiveSummary(report: self, context: context).sentences
        artifacts = ArtifactEntry.all(context)
        gradeChanges = GradeHistory.all(context)
        feedback = FeedbackResult.all(context)
    }
}
