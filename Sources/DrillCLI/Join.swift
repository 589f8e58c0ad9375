import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import DrillClient
import DrillCore
import DrillText
import DrillWire
import Foundation
import NIOSSL

extension CyberDrill {
    /// `cyberdrill join`: a team's (or facilitator's) connection to a served exercise.
    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join a served exercise as a team, a facilitator or an observer (the token decides which).",
            discussion: """
            With a team's token on a terminal, shows the team console: inbox, inject reader, answer \
            forms, hints, messages and score, with the connection's state and the answers waiting to \
            be sent (? lists the keys). With a facilitator's token on a terminal, shows the white \
            cell's console, the same as serve's: several white-cell members can follow, grade and \
            control one exercise at once. Otherwise (an observer's token, output or input not a \
            terminal, --lines or --format json) prints what arrives (injects, acknowledgements with \
            scores, messages, the clock) and reads commands from standard input, one per line. The connection resumes by itself after a drop; answers given \
            meanwhile stay queued (in --queue-file if given) and are sent once it is back.

            \(commands)

            Example:
              cyberdrill join ws://192.0.2.10:8080/ws --token 3f9a…
              CYBERDRILL_TOKEN=3f9a… cyberdrill join wss://drill.example:8443/ws --ca-cert drill-ca.pem
              cyberdrill join ws://127.0.0.1:8080/ws --token 3f9a… --format json < commands.txt
              cyberdrill join ws://192.0.2.10:8080/ws --token 3f9a… --lines      (lines on a terminal)
              cyberdrill join ws://192.0.2.10:8080/ws --token 3f9a… --artifacts evidence   (save every artifact)
            """
        )

        /// The commands read from standard input, one per line: in `--help` and answered to `help`.
        static let commands = """
            Team commands:
              read I01                      mark inject I01 as read
              answer I01.c2 203.0.113.66    answer a task (indicator lists and multiple choice: comma-separated)
              hint I01.c2 1                 take hint 1 of a task (costs points)
              msg cirt-b TEXT               message another team (msg whitecell TEXT: the white cell)
              rfi TEXT                      request for information to the white cell
              feedback q1=4 | q2=yes | q3=TEXT  answer the hot wash once it is open
            White cell commands:
              start | pause | resume | end | speed 60
              release I02 [cirt-a,cirt-b]   release now (to all teams still waiting, or the ones listed)
              hold I03                      keep an inject from its schedule
              extend I01.c2 10m [cirt-a]    move a task's deadline (for one team or all)
              grade cirt-a I01.advisory 0.5 [COMMENT]
              outcome cirt-a I01.c2 0.5 phone [COMMENT]
                                            grade an answer given by phone, videoCall, inPerson or other
              reopen cirt-a I01.c2 10m REASON
                                            open a task again for a team (new window, attempts reset)
              open-feedback                 open the hot wash before the end
              note [strength|improvement] [objective=O2] [team=cirt-a] TEXT [| action: … | owner: … | due: …]
                                            a note for the after-action report
              answer-rfi M3 TEXT            answer a request for information
              broadcast TEXT | tell cirt-a TEXT
              status                        where every inject stands for every team
            Everyone: scores, ping, pending (queued answers), help, quit.
            """

        @Argument(help: "The server's WebSocket address, e.g. ws://192.0.2.10:8080/ws.")
        var url: String

        @Option(help: "Your token (or set CYBERDRILL_TOKEN, which keeps it out of the shell history).")
        var token: String?

        @Option(help: "Keep unacknowledged answers in this file, so they survive a restart of join.")
        var queueFile: String?

        @Option(help: "Trust this PEM certificate (or CA) for wss:// (a self-signed server certificate).")
        var caCert: String?

        @Option(help: "Output: text for people, json for programs (one server message per line).")
        var format: Format = .text

        @Flag(help: "Exit once standard input ends (after waiting for the answers already given).")
        var exitOnEof = false

        @Flag(help: "Print lines and read commands even on a terminal (no console).")
        var lines = false

        @OptionGroup var display: ConsoleOptions

        @Option(help: "Save every artifact in this folder as it becomes available (DIR/<inject>/<name>, SHA-256 checked).")
        var artifacts: String?

        @Option(name: .customLong("as-team"), help: "With a white cell's token: view this team's console read-only, exactly as the team sees it.")
        var asTeam: String?

        @OptionGroup var words: LanguageOptions

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() async throws {
            Words.use(words.language)
            signal(SIGPIPE, SIG_IGN)
            guard let token = token ?? ProcessInfo.processInfo.environment["CYBERDRILL_TOKEN"], !token.isEmpty else {
                Console.error("error: " + Words.t(.cliJoinNoToken))
                throw ExitCode(1)
            }
            var configuration = ExerciseClient.Configuration()
            configuration.queueFile = queueFile
            configuration.clientName = "cyberdrill-join/\(CyberDrill.configuration.version)"
            configuration.asTeam = asTeam
            if let caCert {
                do {
                    var tls = TLSConfiguration.makeClientConfiguration()
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caCert))
                    configuration.tls = tls
                } catch {
                    Console.error("error: " + Words.t(.cliJoinCannotRead, ["path": caCert, "error": "\(error)"]))
                    throw ExitCode(1)
                }
            }
            let client: ExerciseClient
            do { client = try ExerciseClient(url: url, token: token, configuration: configuration) } catch {
                Console.error("error: \(error)")
                throw ExitCode(1)
            }
            let console = JoinConsole(format: format)
            let running = Task { await client.run() }
            let stop = SignalWatcher.onTermination { Task { await client.stop() } }
            defer { stop.cancel() }
            let onTerminal = format == .text && !lines && isatty(0) != 0 && isatty(1) != 0
            var events = try saving(client, console: console, onTerminal: onTerminal).makeAsyncIterator()
            var failed = false
            if onTerminal {
                // A console, once the welcome says whose the token is: a team's or the white cell's.
                while let event = await events.next() {
                    if case .connected(let welcome) = event, welcome.role == .team || welcome.role == .facilitator {
                        let reason: String?
                        if welcome.role == .team {
                            reason = try await NetworkTeamSession.run(client, early: [event], rest: &events, terminal: .local(plain: display.plain),
                                                                      language: words.language, bidi: words.bidiMode, readOnly: asTeam != nil)
                        } else {
                            reason = try await NetworkWhiteCellSession.run(client, early: [event], rest: &events, terminal: .local(plain: display.plain),
                                                                           language: words.language, bidi: words.bidiMode)
                        }
                        await running.value
                        if let reason {
                            Console.error(Words.t(.cliJoinStopped, ["reason": reason]))
                            throw ExitCode(1)
                        }
                        return
                    }
                    console.show(event)
                    if case .stopped(let reason) = event, !reason.isRequested { failed = true }
                    if case .connected = event { break }
                }
            }
            let input = Task { await readCommands(client, console) }
            while let event = await events.next() {
                console.show(event)
                if case .stopped(let reason) = event, !reason.isRequested { failed = true }
            }
            input.cancel()
            await running.value
            if failed { throw ExitCode(1) }
        }

        /// The client's events, seen first by an `ArtifactSaver` with `--artifacts`.
        private func saving(_ client: ExerciseClient, console: JoinConsole, onTerminal: Bool) throws -> AsyncStream<ClientEvent> {
            guard let artifacts else { return client.events }
            let saver: ArtifactSaver
            do {
                // Under the full-screen console, lines would write over it: the files speak for themselves.
                let report: (@Sendable (String) -> Void)? = onTerminal ? nil : { @Sendable line in console.note(line) }
                saver = try ArtifactSaver(directory: artifacts, client: client, report: report)
            } catch {
                Console.error("error: " + Words.t(.cliJoinCannotCreateFolder, ["path": artifacts, "error": "\(error)"]))
                throw ExitCode(1)
            }
            let (relayed, continuation) = AsyncStream<ClientEvent>.makeStream(bufferingPolicy: .unbounded)
            Task {
                for await event in client.events {
                    await saver.observe(event)
                    continuation.yield(event)
                }
                continuation.finish()
            }
            return relayed
        }

        private func readCommands(_ client: ExerciseClient, _ console: JoinConsole) async {
            for await line in StandardInput.lines() {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                if text == "quit" || text == "exit" { break }
                await JoinCommand.run(text, client: client, console: console)
            }
            if exitOnEof {
                // Give queued answers a moment to be acknowledged.
                for _ in 0..<100 where !(await client.pendingAnswers.isEmpty) { try? await Task.sleep(for: .milliseconds(100)) }
            } else if isatty(0) == 0 {
                // Input was a file or a pipe: keep following the exercise until interrupted.
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            }
            await client.stop()
        }
    }
}

/// Standard input as lines, read on a thread of its own with `read(2)`: a line is handed on as
/// soon as it arrives (from a terminal or a pipe that stays open), and the thread never holds a
/// lock of the C library's `stdin` that printing would wait for.
enum StandardInput {
    static func lines(fd: Int32 = 0) -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                var splitter = LineSplitter()
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = read(fd, &buffer, buffer.count)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { break }
                    for line in splitter.append(buffer[0..<n]) { continuation.yield(line) }
                }
                if let last = splitter.finish() { continuation.yield(last) }
                continuation.finish()
            }
            thread.start()
        }
    }
}

/// Bytes in, whole lines (without their `\n` or `\r\n`) out.
struct LineSplitter {
    private var pending: [UInt8] = []

    mutating func append(_ bytes: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// What is left after the input ended without a final newline.
    mutating func finish() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}

/// Standard output written with `write(2)`: nothing waits in a buffer when it is a pipe.
enum StandardOutput {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }
}
