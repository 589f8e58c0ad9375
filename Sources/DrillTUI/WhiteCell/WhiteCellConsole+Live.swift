import DrillCore
import DrillText

// live17: the white cell composes live injects.
extension WhiteCellConsole {
    /// Opens the live inject form: the draft if one is kept (for the team given, if any), else a
    /// new one.
    mutating func openLiveForm(team: String?) {
        guard snapshot.phase != .ended else { status = .error(texts(.wcErrEnded)); return }
        let teams = snapshot.teams.map { (id: $0.id, name: $0.name) }
        if var draft = liveDraft {
            if let team, let i = draft.teams.firstIndex(where: { $0.id == team }) { draft.team = i }
            liveDraft = draft
        } else {
            liveDraft = LiveInjectForm(teams: teams, team: team, texts: texts)
        }
        overlay = .liveForm
    }

    mutating func handleLiveForm(_ key: Key) -> [ConsoleRequest] {
        handleForm(\.liveDraft, key) { console, form in
            switch form.inject(now: console.snapshot.now) {
            case .failure(let problem):
                console.status = .error(problem.text)
                return nil
            case .success(let live):
                // The draft stays until the exercise took the inject.
                return [.command(.compose(live))]
            }
        }
    }
}
