import DrillText
import ArgumentParser
import DrillCore
import DrillJournal
import DrillServer
import DrillSSH
import DrillTUI
import DrillWire
import Foundation
import Logging
import NIOSSL

extension CyberDrill {
    /// `cyberdrill serve`: hosts an exercise for teams joining over the network.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Host an exercise over the network: teams and facilitators join with `cyberdrill join`.",
            discussion: """
            On first start the journal is created, one token per team, per facilitator and per observer is \
            generated, printed once and written to <journal>.tokens (mode 0600); the server keeps only their \
            SHA-256 hashes (<journal>.auth). Started again on the same journal, the exercise comes back paused \
            where it stopped, the old tokens still work, and clients resume their feeds.

            Clients connect to ws://HOST:PORT/ws (wss:// with --tls-cert and --tls-key). GET /health answers \
            the exercise's state as JSON. The protocol is in docs/protocol.md. A team downloads the artifacts \
            of the injects it received from http(s)://HOST:PORT/artifacts/<inject>/<name> with the header \
            'Authorization: Bearer <token>' (or with join --artifacts DIR); their SHA-256 are recorded in the \
            journal, and a restart with a changed artifact file is refused.

            With --ssh HOST:PORT, serve is also an SSH server: a team member types `ssh -p PORT TEAM@HOST`, \
            gives the team's token as password and gets the same team console as `join` (a facilitator's \
            token: the white cell's console). The server's host key is made on first start and kept in \
            <journal>.ssh-host-key (mode 0600); its fingerprint (SHA256:…) is printed for the teams to check. \
            No shell, commands, file transfer or port forwarding: see docs/ssh.md.

            On a terminal, serve then shows the white cell's console (as `run` does, without the team \
            consoles): ? lists the keys and, first, the address and the token file again; the server's \
            log goes to <journal>.log meanwhile. Quitting the console (q) pauses a running exercise and \
            stops the server. With --headless, or when standard input or output is not a terminal, serve \
            prints a status line every --status-every seconds instead. Either way, more white-cell \
            members join with `cyberdrill join` and a facilitator token: on a terminal they get the same \
            console.

            Example:
              cyberdrill serve scenarios/telco-ransomware.yaml --journal drill.journal --listen 0.0.0.0:8080
              cyberdrill serve scenarios/tutorial.yaml --journal t.journal --roster teams.csv --facilitators 2
              cyberdrill serve scenarios/tutorial.yaml --journal t.journal --tls-cert cert.pem --tls-key key.pem
              cyberdrill serve scenarios/tutorial.yaml --journal t.journal --ssh 0.0.0.0:2222
            """
        )

        @Argument(help: "The scenario file (on restart, the journal's own copy is used).")
        var scenario: String

        @Option(help: "The exercise journal: created if missing, resumed if it exists.")
        var journal: String

        @Option(help: "Address and port to listen on (HOST:PORT; port 0 picks a free one).")
        var listen: String = "0.0.0.0:8080"

        @Option(help: "Also serve the consoles over SSH on HOST:PORT (e.g. 0.0.0.0:2222; port 0 picks a free one).")
        var ssh: String?

        @OptionGroup var participants: RosterOption

        @Option(help: "PEM certificate chain: serve wss:// (needs --tls-key).")
        var tlsCert: String?

        @Option(help: "PEM private key of --tls-cert.")
        var tlsKey: String?

        @Flag(help: "No console, even on a terminal: print a status line periodically.")
        var headless = false

        @OptionGroup var display: ConsoleOptions

        @OptionGroup var words: LanguageOptions

        @Option(parsing: .unconditional, help: "How many facilitator (white cell) tokens to issue.")
        var facilitators: Int = 1

        @Option(parsing: .unconditional, help: "How many observer (read-only) tokens to issue.")
        var observers: Int = 1

        @Flag(help: "Replace every token of an existing exercise with new ones (the old ones stop working).")
        var newTokens = false

        @Option(parsing: .unconditional, help: "Seconds between status lines.")
        var statusEvery: Double = 10

        @Option(help: "Log level of the server's log on standard error: trace, debug, info, notice, warning, error.")
        var logLevel: String = "warning"

        func validate() throws {
            Words.use(words.language)
            guard (1...20).contains(facilitators) else { throw ValidationError(Words.t(.cliServeBadFacilitators)) }
            guard (0...20).contains(observers) else { throw ValidationError(Words.t(.cliServeBadObservers)) }
            guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError(Words.t(.cliServeTlsPair)) }
            guard ListenAddress(listen) != nil else { throw ValidationError(Words.t(.cliServeBadListen)) }
            if let ssh { guard ListenAddress(ssh) != nil else { throw ValidationError(Words.t(.cliServeBadSSH)) } }
            guard statusEvery > 0 else { throw ValidationError(Words.t(.cliServeBadStatusEvery)) }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError(Words.t(.cliServeBadLogLevel)) }
        }

        func run() async throws {
            Words.use(words.language)
            signal(SIGPIPE, SIG_IGN)
            let t = Texts(words.language)
            // One server per journal: a second one is refused before it touches the journal.
            let lock = try journalLock(t)
            defer { lock.release() }
            // The ports next: a busy one stops serve before anything is created.
            for value in [listen] + (ssh.map { [$0] } ?? []) {
                guard let address = ListenAddress(value), let problem = PortCheck.problem(host: address.host, port: address.port) else { continue }
                Console.error(t(.servePortBusy, ["address": value, "reason": problem]))
                throw ExitCode(1)
            }
            ResourceLimits.raiseOpenFiles()
            // The host key: an unreadable one stops serve before anything is created.
            let hostKey = try sshHostKey()
            let setup = try await ServeSetup(command: self).prepare()
            let address = ListenAddress(listen)!
            var configuration = ExerciseServer.Configuration(host: address.host, port: address.port, tls: try tlsConfiguration())
            // Its lines carry text from the network: no control character reaches the log.
            var logger = Logger(label: "cyberdrill.server") { SafeLogHandler(StreamLogHandler.standardError(label: $0)) }
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
            configuration.logger = logger
            configuration.serverName = "cyberdrill \(CyberDrill.configuration.version)"
            configuration.artifacts = setup.artifacts
            let server = await ExerciseServer(host: setup.host, credentials: setup.credentials, configuration: configuration)
            let scheme = tlsCert == nil ? "ws" : "wss"
            let shown = address.host == "0.0.0.0" || address.host == "::" ? ProcessInfo.processInfo.hostName : address.host
            let (ports, portContinuation) = AsyncStream<Listening>.makeStream()
            let sshAddress = ssh.flatMap(ListenAddress.init)
            let sshLogger = logger
            let serving = Task {
                defer { portContinuation.finish() }
                try await withThrowingDiscardingTaskGroup { group in
                    let (webPorts, webPort) = AsyncStream<Int>.makeStream()
                    group.addTask {
                        try await server.run { port in
                            portContinuation.yield(.web(port))
                            webPort.yield(port)
                            webPort.finish()
                        }
                    }
                    if let sshAddress, let hostKey {
                        group.addTask {
                            var web = webPorts.makeAsyncIterator()
                            guard let port = await web.next() else { return }
                            let (url, tls) = SSHConsole.loopback(listen: address, port: port, tls: scheme == "wss")
                            let shownURL = "\(scheme)://\(shown):\(port)\(Wire.path)"
                            var sshConfiguration = SSHConsoleServer.Configuration(host: sshAddress.host, port: sshAddress.port)
                            sshConfiguration.logger = sshLogger
                            let front = SSHConsoleServer(hostKey: hostKey, server: server, configuration: sshConfiguration) { terminal in
                                await SSHConsole.run(terminal, url: url, tls: tls, shownURL: shownURL,
                                                       language: words.language, bidi: words.bidiMode)
                            }
                            try await front.run { port in portContinuation.yield(.ssh(port)) }
                        }
                    }
                }
            }
            var listening = ports.makeAsyncIterator()
            guard case .web(let port) = await listening.next() else {
                try? await setup.host.close()
                if case .failure(let error) = await serving.result { Console.error("error: " + Words.t(.cliServeCannotStart, ["address": listen, "error": Words.describe(error)])) }
                throw ExitCode(2)
            }
            let url = "\(scheme)://\(shown):\(port)\(Wire.path)"
            print(Words.t(.cliServeServing, ["title": setup.title, "url": url, "health": "http\(scheme == "wss" ? "s" : "")://\(shown):\(port)/health"]))
            if !setup.artifacts.files.isEmpty {
                let bytes = setup.artifacts.files.reduce(Int64(0)) { $0 + $1.record.size }
                print(Words.t(.cliServeArtifacts, ["files": Words.count(.cliCountFiles, setup.artifacts.files.count), "size": ArtifactNotice.byteCount(bytes),
                                                   "url": "http\(scheme == "wss" ? "s" : "")://\(shown):\(port)\(Wire.artifactsPath)/<inject>/<name>"]))
            }
            print("listening on port \(port)")
            var sshLine: String?
            if let sshAddress, let hostKey {
                guard case .ssh(let sshPort) = await listening.next() else {
                    serving.cancel()
                    let failure: String = if case .failure(let error) = await serving.result { "\(error)" } else { Words.t(.cliServeItStopped) }
                    try? await setup.host.close()
                    Console.error("error: " + Words.t(.cliServeSshCannotStart, ["address": ssh ?? "", "error": failure]))
                    throw ExitCode(2)
                }
                let sshShown = sshAddress.host == "0.0.0.0" || sshAddress.host == "::" ? ProcessInfo.processInfo.hostName : sshAddress.host
                let line = "ssh -p \(sshPort) TEAM@\(sshShown)"
                print(Words.t(.cliServeSsh, ["command": line]))
                print(Words.t(.cliServeSshFingerprint, ["fingerprint": hostKey.fingerprint, "path": SSHHostKey.path(journal: journal)]))
                print("ssh listening on port \(sshPort)")
                sshLine = "\(line) · host key \(hostKey.fingerprint)"
            }
            lock.announce("pid \(getpid()), \(url)")
            if setup.tokensPrinted { print(ServeSetup.joinHint(url: url)) }
            fflush(nil)
            if !headless && isatty(0) != 0 && isatty(1) != 0 {
                try await runConsole(setup, server: server, serving: serving, url: url, ssh: sshLine)
            } else {
                try await runHeadless(setup, server: server, serving: serving)
            }
        }

        /// The white cell's console beside the server, until the facilitator quits; the server's log
        /// (standard error) goes to <journal>.log meanwhile, so that it does not write over the console.
        private func runConsole(_ setup: ServeSetup.Prepared, server: ExerciseServer, serving: Task<Void, any Error>, url: String, ssh: String?) async throws {
            let log = journal + ".log"
            let tokens = CredentialFiles.tokensPath(journal: journal)
            let stderrKept = StandardError.redirect(to: log)
            let directory = (scenario as NSString).deletingLastPathComponent
            let t = Texts(words.language)
            let resume = t(.quitServeResume)
            var failure: (any Error)?
            do {
                try await LocalSession.run(setup.host, LocalSession.Options(
                    hotSeat: false, plain: display.plain, quitMessage: resume,
                    quitMessageWhenEnded: t(.quitServeEnded, ["command": "cyberdrill report \(journal) --out reports"]),
                    whiteCell: .facilitator("host"),
                    scenarioDirectory: directory.isEmpty ? "." : directory, paces: false, closesHost: false,
                    session: [(t(.sessionAddress), url)] + (ssh.map { [("ssh", $0)] } ?? [])
                        + [(t(.sessionTokens), t(.sessionTokensFile, ["path": tokens])), (t(.sessionJournal), journal), (t(.sessionLog), log)],
                    greeting: StatusMessage(t(.greetServing, ["url": url, "tokens": tokens])),
                    presence: await server.presenceUpdates(),
                    notices: journalNotices(server, t),
                    language: words.language, bidi: words.bidiMode))
            } catch {
                failure = error
            }
            serving.cancel()
            _ = await serving.result
            try? await setup.host.close()
            StandardError.restore(stderrKept)
            if let failure {
                Console.error("error: " + Words.t(.cliServeConsoleStopped, ["error": "\(failure)", "log": log]))
                throw ExitCode(2)
            }
            print(Words.t(.cliServeStoppedWithLog, ["path": journal, "log": log]))
            print(ChainHead.line(setup.host.journal))
        }

        /// A full disk, and its end, as the console's notices, in the console's language.
        private func journalNotices(_ server: ExerciseServer, _ t: Texts) -> AsyncStream<StatusMessage> {
            let notices = server.journalNotices()
            return AsyncStream { continuation in
                let task = Task {
                    for await notice in notices { continuation.yield(Self.message(notice, t)) }
                    continuation.finish()
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }

        private static func message(_ notice: JournalNotice, _ t: Texts) -> StatusMessage {
            switch notice {
            case .diskFull(let reason): .error(t(.serveDiskFull, ["reason": reason]))
            case .writable: StatusMessage(t(.serveDiskRecovered))
            }
        }

        /// A status line every --status-every seconds until SIGINT or SIGTERM.
        private func runHeadless(_ setup: ServeSetup.Prepared, server: ExerciseServer, serving: Task<Void, any Error>) async throws {
            // A full disk is said at once on standard error, in the user's language.
            let t = Texts(words.language)
            let notices = server.journalNotices()
            let alarm = Task { for await notice in notices { Console.error(Self.message(notice, t).text) } }
            defer { alarm.cancel() }
            let status = Task {
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(Int(statusEvery * 1000)))
                    print(StatusLine.text(await server.status()))
                    fflush(nil)
                }
            }
            let stop = SignalWatcher.onTermination { serving.cancel() }
            defer { stop.cancel() }
            do {
                try await serving.value
            } catch is CancellationError {
            } catch {
                status.cancel()
                try? await setup.host.close()
                Console.error("error: " + Words.t(.cliServeServerStopped, ["error": Words.describe(error)]))
                throw ExitCode(2)
            }
            status.cancel()
            try? await setup.host.close()
            print(Words.t(.cliServeStopped, ["path": journal]))
            print(ChainHead.line(setup.host.journal))
        }

        /// The journal's lock, or exit 1 naming the server that holds it.
        private func journalLock(_ t: Texts) throws -> JournalLock {
            do {
                return try JournalLock.acquire(journal: journal)
            } catch let held as JournalLock.Held {
                Console.error(t(.serveJournalInUse, ["journal": journal, "holder": held.holder.isEmpty ? held.path : held.holder]))
                throw ExitCode(1)
            } catch {
                Console.error("error: \(error)")
                throw ExitCode(1)
            }
        }

        /// What a listener reports once bound.
        private enum Listening {
            case web(Int)
            case ssh(Int)
        }

        /// With --ssh: the host key beside the journal, made on first start; nil without --ssh.
        private func sshHostKey() throws -> SSHHostKey? {
            guard ssh != nil else { return nil }
            let path = SSHHostKey.path(journal: journal)
            do {
                let (key, created) = try SSHHostKey.loadOrCreate(at: path)
                if created { print(Words.t(.cliServeSshKeyMade, ["path": path])) }
                return key
            } catch {
                Console.error("error: \(error)")
                throw ExitCode(1)
            }
        }

        private func tlsConfiguration() throws -> TLSConfiguration? {
            guard let tlsCert, let tlsKey else { return nil }
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(tlsCert).map { NIOSSLCertificateSource.certificate($0) }
                let key = try NIOSSLPrivateKey(file: tlsKey, format: .pem)
                return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            } catch {
                Console.error("error: " + Words.t(.cliServeTlsUnreadable, ["cert": tlsCert, "key": tlsKey, "error": "\(error)"]))
                throw ExitCode(1)
            }
        }
    }
}

/// `HOST:PORT`, with `[::1]:PORT` for IPv6.
struct ListenAddress {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}

/// The line `serve --headless` prints.
enum StatusLine {
    static func text(_ s: ExerciseServer.Status) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return SafeText.line(Words.t(.cliServeStatus, [
            "time": formatter.string(from: Date()), "phase": Words.phase(s.phase), "clock": DurationText.clock(s.exerciseTime), "speed": s.speed.clean,
            "connected": Words.t(.cliServeTeamsConnected, ["n": String(s.teamsConnected), "total": String(s.teams)]),
            "facilitators": Words.count(.cliCountFacilitators, s.facilitatorsConnected), "observers": Words.count(.cliCountObservers, s.observersConnected),
            "seq": String(s.journalSeq),
        ]) + (s.reason.map { " · \(s.status): \($0)" } ?? ""))
    }
}

/// Standard error sent to a file while a console owns the terminal.
enum StandardError {
    /// Appends standard error to `path` from now on; returns the descriptor to restore (-1: unchanged).
    static func redirect(to path: String) -> Int32 {
        fflush(nil)
        let file = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard file >= 0 else { return -1 }
        defer { close(file) }
        let kept = dup(2)
        guard kept >= 0 else { return -1 }
        guard dup2(file, 2) >= 0 else {
            close(kept)
            return -1
        }
        return kept
    }

    static func restore(_ kept: Int32) {
        guard kept >= 0 else { return }
        fflush(nil)
        dup2(kept, 2)
        close(kept)
    }
}

/// Runs a closure on SIGINT or SIGTERM.
enum SignalWatcher {
    static func onTermination(_ body: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        let sources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { body() }
            source.resume()
            return source
        }
        let box = SourcesBox(sources)
        return Task {
            await withTaskCancellationHandler {
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            } onCancel: {
                box.cancel()
            }
        }
    }

    private final class SourcesBox: @unchecked Sendable {
        let sources: [DispatchSourceSignal]
        init(_ sources: [DispatchSourceSignal]) { self.sources = sources }
        func cancel() { for s in sources { s.cancel() } }
    }
}
