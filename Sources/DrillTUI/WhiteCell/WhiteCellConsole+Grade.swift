import DrillCore
import DrillText

/// grade17: the grade form on a team × inject cell.
extension WhiteCellConsole {
    /// Opens the grade form for the selected team and inject: the draft if it is for them, else a new one.
    mutating func openGradeForm() {
        guard let team = selectedTeam, let column = selectedInject else { return }
        guard let inject = snapshot.injectDetails[column.id], !inject.tasks.isEmpty else {
            status = .error(texts(.gradeErrorNoTask, ["inject": column.id]))
            return
        }
        if let draft = gradeDraft, draft.team == team.id, draft.inject == column.id {
            overlay = .gradeForm
            return
        }
        gradeDraft = GradeForm(team: team.id, teamName: team.name, inject: inject, scores: snapshot.taskScores[team.id] ?? [], texts: texts)
        overlay = .gradeForm
    }

    mutating func handleGradeForm(_ key: Key) -> [ConsoleRequest] {
        handleForm(\.gradeDraft, key) { _, form in
            switch form.command() {
            case .failure(let error):
                form.error = error.message
                return nil
            case .success(let command):
                // The draft stays until the exercise took it.
                form.error = nil
                return [.command(command)]
            }
        }
    }

    static func isGradeFormCommand(_ command: Command) -> Bool {
        switch command {
        case .recordOutcome, .reopen: true
        default: false
        }
    }
}
