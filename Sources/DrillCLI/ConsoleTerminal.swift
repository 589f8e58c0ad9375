import DrillSSH
import DrillTUI

/// Where a networked console runs: this process's own terminal (`join`), or an SSH session's
/// (`serve --ssh`), whose keys come from the channel and whose frames go back into it. The
/// consoles themselves do not know which.
struct ConsoleTerminal: Sendable {
    private enum Kind: Sendable {
        case local(plain: Bool)
        case ssh(SSHTerminal)
    }

    private let kind: Kind

    /// The terminal `join` runs on: ncurses, or plain ANSI with `plain`.
    static func local(plain: Bool) -> ConsoleTerminal { ConsoleTerminal(kind: .local(plain: plain)) }

    /// An SSH session's terminal.
    static func ssh(_ terminal: SSHTerminal) -> ConsoleTerminal { ConsoleTerminal(kind: .ssh(terminal)) }

    /// A runner reading this terminal's keys.
    func runner<Message: Sendable>() -> TerminalRunner<Message> {
        switch kind {
        case .local: TerminalRunner()
        case .ssh(let terminal): TerminalRunner(input: terminal.input)
        }
    }

    /// A backend drawing on this terminal (not started yet).
    func backend() -> any TerminalBackend {
        switch kind {
        case .local(let plain): TerminalBackends.preferred(plain: plain)
        case .ssh(let terminal): terminal.makeBackend()
        }
    }

    /// Whether the console runs in the server's process for someone far away (then "join" is not
    /// what they typed).
    var isRemote: Bool {
        if case .ssh = kind { true } else { false }
    }
}
