import ArgumentParser
import DrillClient
import DrillCore
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

            Team commands:
              read I01                      mark inject I01 as read
              answer I01.c2 203.0.113.66    answer a task (indicator lists and multiple choice: comma-separated)
              hint I01.c2 1                 take hint 1 of a task (costs points)
              msg cirt-b TEXT               message another team (msg whitecell TEXT: the white cell)
              rfi TEXT                      request for information to the white cell
            White cell commands:
              start | pause | resume | end | speed 60
              release I02 [cirt-a,cirt-b]   release now (to all teams still waiting, or the ones listed)
              hold I03                      keep an inject from its schedule
              extend I01.c2 10m [cirt-a]    move a task's deadline (for one team or all)
              grade cirt-a I01.advisory 0.5 [COMMENT]
              note TEXT                     an observation for the after-action report
              answer-rfi M3 TEXT            answer a request for information
              broadcast TEXT | tell cirt-a TEXT
              status                        where every inject stands for every team
            Everyone: scores, ping, pending (queued answers), help, quit.

            Example:
              cyberdrill join ws://192.0.2.10:8080/ws --token 3f9a…
              CYBERDRILL_TOKEN=3f9a… cyberdrill join wss://drill.example:8443/ws --ca-cert drill-ca.pem
              cyberdrill join ws://127.0.0.1:8080/ws --token 3f9a… --format json < commands.txt
              cyberdrill join ws://192.0.2.10:8080/ws --token 3f9a… --lines      (lines on a terminal)
            """
        )

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

        @Flag(help: "Plain ANSI output instead of ncurses for the console.")
        var plain = false

        @OptionGroup var words: LanguageOptions

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() async throws {
            signal(SIGPIPE, SIG_IGN)
            guard let token = token ?? ProcessInfo.processInfo.environment["CYBERDRILL_TOKEN"], !token.isEmpty else {
                Console.error("error: give your token with --token TOKEN or in CYBERDRILL_TOKEN")
                throw ExitCode(1)
            }
            var configuration = ExerciseClient.Configuration()
            configuration.queueFile = queueFile
            configuration.clientName = "cyberdrill-join/\(CyberDrill.configuration.version)"
            if let caCert {
                do {
                    var tls = TLSConfiguration.makeClientConfiguration()
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caCert))
                    configuration.tls = tls
                } catch {
                    Console.error("error: cannot read \(caCert): \(error)")
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
            var events = client.events.makeAsyncIterator()
            var failed = false
            if format == .text && !lines && isatty(0) != 0 && isatty(1) != 0 {
                // A console, once the welcome says whose the token is: a team's or the white cell's.
                while let event = await events.next() {
                    if case .connected(let welcome) = event, welcome.role == .team || welcome.role == .facilitator {
                        let reason: String?
                        if welcome.role == .team {
                            reason = try await NetworkTeamSession.run(client, early: [event], rest: &events, plain: plain,
                                                                  language: words.language, bidi: words.bidiMode)
                        } else {
                            reason = try await NetworkWhiteCellSession.run(client, early: [event], rest: &events, plain: plain,
                                                                       language: words.language, bidi: words.bidiMode)
                        }
                        await running.value
                        if let reason {
                            Console.error("stopped: \(reason)")
                            throw ExitCode(1)
                        }
                        return
                    }
                    console.show(event)
                    if case .stopped(let reason) = event, reason != "stopped" { failed = true }
                    if case .connected = event { break }
                }
            }
            let input = Task { await readCommands(client, console) }
            while let event = await events.next() {
                console.show(event)
                if case .stopped(let reason) = event, reason != "stopped" { failed = true }
            }
            input.cancel()
            await running.value
            if failed { throw ExitCode(1) }
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

/// Standard input as lines, read on a thread of its own.
enum StandardInput {
    static func lines() -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                while let line = readLine(strippingNewline: true) { continuation.yield(line) }
                continuation.finish()
            }
            thread.start()
        }
    }
}
