import DrillClient
import DrillSSH
import DrillText
import DrillTUI
import DrillWire
import Foundation
import NIOSSL

/// What an SSH session of `serve --ssh` runs: exactly `join`'s console, on the SSH terminal.
///
/// The session joins the exercise as a client of the server's own WebSocket listener, on
/// loopback, with the token the person typed as password. It therefore gets everything `join`
/// gets, with nothing written twice: its own feed, resume after a drop, answers queued until the
/// server acknowledges them (once journaled), and the server's checks of what a token may do.
enum SSHConsole {
    /// Runs the console for `terminal`'s token against the server at `url` (loopback); returns the
    /// exit status the SSH client gets. `shownURL` is the address the teams use (serve prints it):
    /// the artifact download commands name it, not loopback.
    static func run(_ terminal: SSHTerminal, url: String, tls: TLSConfiguration?, shownURL: String,
                    language fallback: Language = .en, bidi: BidiMode = .program) async -> Int32 {
        if terminal.identity.role == .observer {
            // The white cell's console shows what each task accepts; observers never get the
            // scenario's answers (the protocol refuses them the scenario too).
            terminal.write(Texts(Self.language(team: nil, sent: terminal.environment, fallback: fallback))(.cliSshObserverRefused))
            return 1
        }
        var configuration = ExerciseClient.Configuration()
        configuration.clientName = "cyberdrill-ssh/\(CyberDrill.configuration.version)"
        configuration.tls = tls
        let client: ExerciseClient
        do { client = try ExerciseClient(url: url, token: terminal.token, configuration: configuration) } catch {
            terminal.write(Texts(Self.language(team: nil, sent: terminal.environment, fallback: fallback))(.cliSshCannotReach, ["error": "\(error)"]))
            return 2
        }
        let running = Task { await client.run() }
        // Closing the terminal before the console is up ends the session too.
        let watch = Task {
            for await _ in terminal.ended {}
            if !Task.isCancelled { await client.stop() }
        }
        defer { watch.cancel() }
        var events = client.events.makeAsyncIterator()
        while let event = await events.next() {
            switch event {
            case .connected(let welcome):
                let reason: String?
                let language = Self.language(team: welcome.team, sent: terminal.environment, fallback: fallback)
                do {
                    watch.cancel()
                    if welcome.role == .team {
                        reason = try await NetworkTeamSession.run(client, early: [event], rest: &events, terminal: .ssh(terminal),
                                                                  shownURL: shownURL, language: language, bidi: bidi)
                    } else {
                        reason = try await NetworkWhiteCellSession.run(client, early: [event], rest: &events, terminal: .ssh(terminal),
                                                                       language: language, bidi: bidi)
                    }
                } catch {
                    reason = "\(error)"
                    await client.stop()
                }
                await running.value
                if let reason {
                    terminal.write("cyberdrill: stopped: \(reason)\r\n")
                    return 1
                }
                return 0
            case .stopped(let reason):
                if !reason.isRequested { terminal.write("cyberdrill: \(reason)\r\n") }
                await running.value
                return reason.isRequested ? 0 : 1
            default:
                continue
            }
        }
        await running.value
        return 1
    }

    /// The language an SSH console speaks. The server renders it, so the roster's language of the
    /// team comes first (the organisers' choice for that team); else the language the client's
    /// `LC_ALL`/`LC_MESSAGES`/`LANG` names (OpenSSH sends them with `SendEnv LANG LC_*`, as
    /// Debian's and macOS's default configurations do); else `serve --lang`.
    static func language(team: TeamInfo?, sent environment: [String: String], fallback: Language) -> Language {
        if let tag = team?.language, let language = Language(tag: tag) { return language }
        // As in POSIX, the first of them that is set decides (`C` or a language cyberdrill does
        // not speak leaves the choice to serve).
        let decisive = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return decisive.flatMap { Language(tag: $0) } ?? fallback
    }

    /// The WebSocket address the SSH sessions join: the listener itself, on loopback when it
    /// listens on every address. The traffic never leaves this machine, so a TLS listener's
    /// certificate is not checked (it names the host the teams use, not 127.0.0.1).
    static func loopback(listen: ListenAddress, port: Int, tls: Bool) -> (url: String, tls: TLSConfiguration?) {
        var host = listen.host
        if host == "0.0.0.0" || host == "*" { host = "127.0.0.1" }
        if host == "::" { host = "::1" }
        if host.contains(":") { host = "[\(host)]" }
        guard tls else { return ("ws://\(host):\(port)\(Wire.path)", nil) }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return ("wss://\(host):\(port)\(Wire.path)", configuration)
    }
}
