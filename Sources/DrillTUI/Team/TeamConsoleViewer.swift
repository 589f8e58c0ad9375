import DrillCore
import DrillText

/// A team's console opened by the white cell to see exactly what the team sees (its language,
/// its injects, its messages, its score), read-only.
///
/// Keys move around the console as the team's would; everything that would act for the team is
/// refused on the spot with a status line: answering, writing a message, taking a hint, and any
/// command the console still asks for. Reading an inject marks nothing: the team's read marks are
/// journaled, and viewing must not change the team's state, so the console's own "read" mark is
/// undone and no `markRead` leaves. The key bar says whose console this is until a key shows
/// something else; Esc (or F10, F2) goes back to the white cell.
public struct TeamConsoleViewer: Sendable {
    public internal(set) var console: TeamConsole
    /// The marker's and the refusals' words: the console's language.
    let texts: Texts

    /// `language` is the team's (its roster language when the catalogs have it), so that the
    /// view reads as the team's console does.
    public init(model: TeamConsoleModel, language: Language, bidi: BidiMode = .program) {
        var console = TeamConsole(model: model, submissionPrefix: "view-\(model.team.id)", switchesConsoles: false, language: language)
        console.bidi = bidi
        self.console = console
        texts = Texts(language)
    }

    public var team: String { console.model.team.id }

    /// What the view shows now, whose status line says it is read-only.
    var marker: StatusMessage { StatusMessage(texts(.viewasMarker, ["team": console.model.team.name])) }
    var refusal: StatusMessage { .error(texts(.viewasRefused, ["team": console.model.team.name])) }

    /// Reacts to one key; false: the view is closed (back to the white cell).
    public mutating func handle(_ key: Key) -> Bool {
        if console.overlay == nil, console.mode == .browse {
            switch key {
            // Letters never close the view: typed on, they would reach the white cell's console.
            case .escape, .function(10), .function(2), .ctrl("o"), .ctrl("c"): return false
            // The team's quit dialog would say "leave the console", which the view does not.
            case .char("q"): return true
            default: break
            }
        }
        let unread = Set(console.model.inbox.filter { $0.readAt == nil }.map(\.id))
        let tab = console.tab
        let requests = console.handle(key)
        var refused = false
        // Typing an answer or a message would end in a command for the team: refused before a word is typed.
        if console.mode != .browse {
            console.mode = .browse
            console.tab = tab
            refused = true
        }
        if case .confirm(_, .hint) = console.overlay {
            console.overlay = nil
            refused = true
        }
        for request in requests {
            switch request {
            case .command(.markRead(let inject)):
                // Shown as read by the console at once; the team has not read it.
                if unread.contains(inject), let i = console.model.inbox.firstIndex(where: { $0.id == inject }) {
                    console.model.inbox[i].readAt = nil
                }
            case .command(let command):
                console.finished(command, .refused(nil, refusal.text))
                refused = true
            case .quit, .nextConsole:
                return false
            case .viewAsTeam:
                break
            }
        }
        if refused { console.status = refusal }
        return true
    }

    /// Replaces what the team's exercise shows (see `TeamConsole.update(_:)`).
    public mutating func update(_ model: TeamConsoleModel) { console.update(model) }

    public mutating func layout(_ size: Size) { console.layout(size) }

    /// The team's console, with the read-only marker in the key bar while nothing else is said.
    public func render(_ size: Size) -> Screen {
        var shown = console
        if shown.status == nil { shown.status = marker }
        return shown.render(size)
    }
}
