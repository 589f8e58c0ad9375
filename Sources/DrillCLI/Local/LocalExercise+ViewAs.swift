import DrillCore
import DrillText
import DrillTUI

extension LocalExercise {
    /// Opens `team`'s console read-only over the white cell's, in the team's language (its roster
    /// language when the catalogs have it, else the white cell's).
    mutating func view(as team: String) {
        let now = Self.now(state, clock, wall)
        guard let model = teamModel(team, now: now) else { return }
        let language = state.teams[team]?.team.language.flatMap { Language(tag: $0) } ?? facilitator.language
        viewing = TeamConsoleViewer(model: model, language: language, bidi: facilitator.bidi)
    }

    /// What `team` sees now, as its own console builds it (answers queued for it included).
    func teamModel(_ team: String, now: Millis) -> TeamConsoleModel? {
        let artifacts = self.artifacts
        return TeamConsoleModel(state: state, team: team, now: now, queued: queued[team] ?? [],
                                artifactText: { artifacts.text(inject: $0.id, artifact: $1.name) })
    }
}
