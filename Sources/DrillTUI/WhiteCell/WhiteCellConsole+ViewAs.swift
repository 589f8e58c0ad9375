import DrillCore
import DrillText

extension WhiteCellConsole {
    /// `v`: the team under the cursor's console, read-only, opened by whoever runs the console.
    mutating func viewAsSelectedTeam() -> [ConsoleRequest] {
        guard let team = selectedTeam else { status = .error(texts(.viewasNoTeam)); return [] }
        return [.viewAsTeam(team.id)]
    }
}
