import DrillText
import DrillCore

/// What a console asks of whoever runs it, in answer to a key.
public enum ConsoleRequest: Sendable, Hashable {
    /// Carry out this command on the exercise, as the console's actor (a team or the white cell).
    case command(Command)
    /// Show the next console (hot-seat `run`: white cell → team 1 → team 2 …).
    case nextConsole
    /// End the program.
    case quit
    /// Open this team's console read-only (the white cell's `v`, see `TeamConsoleViewer`).
    case viewAsTeam(String)
}

/// How a command a console asked for ended.
public enum CommandResult: Sendable, Hashable {
    case done
    /// Refused by the exercise (with its code) or lost on the way (no code), and why.
    case refused(CommandError.Code?, String)
}

/// A one-line text prompt over a console: broadcasts, messages, RFI answers, notes.
struct TextPrompt: Sendable {
    var title: String
    /// Shown above the field (the question being answered, who it goes to).
    var context: String
    var editor: LineEditor
    /// The footer's language.
    var texts: Texts = .english

    func render(in area: Rect, on screen: inout Screen) {
        screen.restyle(area) { $0.attributes.insert(.dim) }
        let width = min(area.width - 4, 78)
        let inner = width - 4
        let contextLines = context.isEmpty ? [] : Array(TextLayout.wrap(context, width: inner).prefix(max(1, area.height - 8)))
        let height = contextLines.count + (contextLines.isEmpty ? 0 : 1) + 5
        let box = area.centered(Size(width: width, height: height))
        let content = Pane(title: title, focused: true).render(in: box, on: &screen).inset(left: 1, right: 1)
        var y = content.y
        for line in contextLines {
            screen.put(line, x: content.x, y: y, clip: content)
            y += 1
        }
        if !contextLines.isEmpty { y += 1 }
        screen.put("›", x: content.x, y: y, style: Theme.title, clip: content)
        let field = Rect(x: content.x + 2, y: y, width: content.width - 2, height: 1)
        var editor = editor
        editor.keepCursorVisible(width: field.width)
        editor.render(in: field, on: &screen, style: .underline)
        let footer = texts(.wcPromptFooter)
        screen.put(TextLayout.truncate(footer, width: content.width), x: content.x, y: content.maxY - 1, style: Theme.dimmed, clip: content)
    }
}
