import DrillCore
import DrillJournal
import DrillWire
import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket

/// One client's WebSocket: `hello` and its token first, then the feed out and requests in. The
/// connection speaks for exactly the identity its token maps to; nothing a client writes (a team
/// field, an actor) changes who it acts as.
struct Connection: Sendable {
    let server: ExerciseServer
    let outbound: WebSocketOutboundWriter
    let remote: String
    let channel: any NIOCore.Channel
    var logger: Logger { server.configuration.logger }

    func serve(_ inbound: WebSocketInboundStream) async {
        var reader = MessageReader(inbound)
        // No hello in time: close. The timer is cancelled once hello is read.
        let timeout = server.configuration.helloTimeout
        let clock = server.configuration.clock
        let timer = Task {
            try await clock.sleep(for: timeout)
            await writeDirect(ServerFrame(.error(WireError(.timeout, "no hello within \(timeout); send {\"v\":1,\"type\":\"hello\",\"token\":…} first"))))
            try? await outbound.close(.policyViolation, reason: "no hello")
        }
        let first = try? await reader.next()
        timer.cancel()
        guard let first else { return }
        guard let authenticated = await authenticate(first) else {
            try? await outbound.close(.policyViolation, reason: "not authenticated")
            return
        }
        let (identity, lastSeq, ref) = authenticated
        // Out of the connection gate's watch: an authenticated connection may stay quiet.
        channel.triggerUserOutboundEvent(ConnectionGate.Authenticated(), promise: nil)
        logger.info("connected", metadata: ["identity": "\(identity)", "remote": "\(remote)", "lastSeq": "\(lastSeq)"])
        let subscription = await server.hub.subscribe(identity, lastSeq: lastSeq)
        let writer = Task { await write(subscription, identity: identity, ref: ref) }
        if identity.role != .observer { await server.presenceChanged() }
        let grace = server.configuration.slowReaderGrace
        subscription.outbox.onOverflow = { [self] in
            // Its writes are stuck behind a client that stopped reading. What it queued is
            // dropped; `tooSlow` and the close frame (1013) are queued behind what is already on
            // its way, and reach the client if it reads again within the grace period. Then the
            // connection is cut (the client sees it end without a close frame). It resumes its
            // feed when it comes back.
            logger.notice("too slow: closing", metadata: ["identity": "\(identity)", "remote": "\(remote)"])
            writer.cancel()
            Task {
                await writeDirect(ServerFrame(.error(WireError(.tooSlow, "your connection could not keep up; reconnect and resume from your last seq"))))
                try? await outbound.close(.unknown(1013), reason: "too slow")
            }
            Task {
                try? await server.configuration.clock.sleep(for: grace)
                channel.close(promise: nil)
            }
        }
        await read(&reader, identity: identity, outbox: subscription.outbox)
        await server.hub.unsubscribe(identity, id: subscription.id)
        if identity.role == .team { await server.presenceChanged() }
        subscription.outbox.close()
        await writer.value
        logger.info("disconnected", metadata: ["identity": "\(identity)", "remote": "\(remote)"])
    }

    // MARK: Authentication

    /// Checks `hello` and its token; answers the client itself when it fails.
    private func authenticate(_ first: MessageReader.Incoming) async -> (Identity, Int, String?)? {
        let frame: ClientFrame
        switch decode(first) {
        case .failure(let error):
            await writeDirect(ServerFrame(.error(error), ref: Self.ref(of: first)))
            return nil
        case .success(let f):
            frame = f
        }
        guard case .hello(let hello) = frame.message else {
            await writeDirect(ServerFrame(.error(WireError(.badHello, "the first message must be hello with your token")), ref: frame.ref))
            return nil
        }
        guard let identity = await server.checkToken(hello.token, from: remote, front: "ws") else {
            await writeDirect(ServerFrame(.error(WireError(.unauthorized, "this token is not valid for this exercise; check it with the white cell")), ref: frame.ref))
            return nil
        }
        await server.throttle.succeeded(remote)
        if let team = hello.asTeam {
            guard let viewer = await viewAs(team, by: identity, ref: frame.ref) else { return nil }
            return (viewer, hello.lastSeq, frame.ref)
        }
        return (identity, hello.lastSeq, frame.ref)
    }

    // MARK: Writing

    /// Welcome, then the missed part of the feed, then whatever comes; stops when the outbox closes.
    private func write(_ subscription: FeedHub.Subscription, identity: Identity, ref: String?) async {
        guard await send(await welcome(subscription, identity: identity, ref: ref)) else { return }
        let outbox = subscription.outbox
        if let journalSeq = subscription.replayThrough {
            do {
                let missed = try await server.hub.replayFeed(identity.feed, after: subscription.resumeFrom, through: subscription.feedSeq,
                                                             journalSeq: journalSeq)
                outbox.prepend(missed)
            } catch {
                logger.error("feed replay failed", metadata: ["identity": "\(identity)", "error": "\(error)"])
                await writeDirect(ServerFrame(.error(WireError(.internal, "the server could not read its journal to resume your feed"))))
                try? await outbound.close(.unexpectedServerError, reason: "journal")
                return
            }
        }
        var lastSeq = subscription.resumeFrom
        while let first = await outbox.next() {
            // What queued up meanwhile goes out with it, in one flush (one `writev` instead of
            // one a frame); a client that reads slowly holds its frames in its bounded outbox, not
            // in the channel (`send`).
            var batch: [OutFrame] = []
            for frame in CollectionOfOne(first) + outbox.takeAvailable(maxFrames: Self.batchFrames - 1, maxBytes: Self.batchBytes) {
                if let seq = frame.seq {
                    // A live delivery may repeat the end of a catch-up: each seq is written once.
                    guard seq > lastSeq else { continue }
                    lastSeq = seq
                }
                batch.append(frame)
            }
            if !(await send(batch)) { return }
        }
    }

    /// The most frames, and about the most bytes, one flush carries.
    static let batchFrames = 64
    static let batchBytes = 256 * 1024

    /// Built apart from the writer's loop, so that the roster it carries is not held for the
    /// connection's lifetime.
    private func welcome(_ subscription: FeedHub.Subscription, identity: Identity, ref: String?) async -> OutFrame {
        let team = identity.role == .team ? subscription.teams.first { $0.id == identity.id } : nil
        let welcome = Welcome(role: identity.role, identity: identity.description, name: identity.name, team: team,
                              feed: identity.feed, feedSeq: subscription.feedSeq, resumeFrom: subscription.resumeFrom,
                              scenario: ScenarioInfo(server.scenario, reader: team?.language), clock: await server.clockStatus(),
                              teams: subscription.teams, server: server.configuration.serverName)
        return OutFrame(ServerFrame(.welcome(welcome), ref: ref))
    }

    /// Writes one frame and returns once it is written (false: the connection is gone).
    private func send(_ frame: OutFrame) async -> Bool {
        await send([frame], waitUntilWritten: true)
    }

    /// Writes frames as text frames through the channel's pipeline (the same WebSocket encoder
    /// the outbound writer uses) with one flush. Every frame of this connection's feed and replies
    /// goes this way, handed to the event loop in order, so they keep their order; a close frame
    /// is written after a call that waited.
    ///
    /// A batch of the feed is not waited for while the connection's socket takes it (no task
    /// switch a batch); once the channel holds more than its high-water mark (a client reading
    /// slowly), the writer waits until the batch is written, so that the rest stays in the
    /// bounded outbox. Returns false when a write it waited for failed (the connection is gone).
    private func send(_ frames: [OutFrame], waitUntilWritten: Bool = false) async -> Bool {
        guard !frames.isEmpty else { return true }
        let channel = self.channel
        server.writeCounts.add(frames: frames.count)
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.eventLoop.execute {
            for (k, frame) in frames.enumerated() {
                let ws = WebSocketFrame(fin: true, opcode: .text, data: frame.bytes)
                if k == frames.count - 1 { channel.writeAndFlush(ws, promise: written) } else { channel.write(ws, promise: nil) }
            }
        }
        guard waitUntilWritten || !channel.isWritable else { return true }
        do {
            try await written.futureResult.get()
            return true
        } catch {
            return false
        }
    }

    /// Writes outside the outbox (before subscribing, or after it overflowed).
    func writeDirect(_ frame: ServerFrame) async {
        _ = await send(OutFrame(frame))
    }

    // MARK: Reading

    private func read(_ reader: inout MessageReader, identity: Identity, outbox: Outbox) async {
        let limits = server.configuration.messageBudget
        let clock = server.configuration.clock
        var budget = MessageBudget(limits, now: clock.uptime())
        while let incoming = try? await reader.next() {
            guard !outbox.isOverflowed else { return }
            switch budget.spend(now: clock.uptime()) {
            case .allowed:
                break
            case .refused:
                var ref: String?
                if case .text(let data) = incoming { ref = WireCoding.ref(of: data) }
                outbox.push(OutFrame(ServerFrame(.error(WireError(.rateLimited,
                    "too many messages: at most \(limits.perSecond) a second (\(limits.burst) at once); this one was not carried out")), ref: ref)))
                continue
            case .close:
                logger.notice("over its message budget: closing", metadata: ["identity": "\(identity)", "remote": "\(remote)"])
                outbox.push(OutFrame(ServerFrame(.error(WireError(.rateLimited,
                    "too many messages over the budget of \(limits.perSecond) a second: the connection is closed; reconnect and send less")))))
                // Let the writer send what is queued, then close.
                try? await clock.sleep(for: .milliseconds(200))
                try? await outbound.close(.policyViolation, reason: "rate limited")
                return
            }
            let frame: ClientFrame
            switch decode(incoming) {
            case .failure(let error):
                outbox.push(OutFrame(ServerFrame(.error(error), ref: Self.ref(of: incoming))))
                continue
            case .success(let f):
                frame = f
            }
            if let reply = await handle(frame, identity: identity) { outbox.push(reply) }
        }
    }

    /// The `ref` of a message that could not be read as a request, when it can be found (a text
    /// frame holding a JSON object with a string `ref`), so that its error carries it.
    static func ref(of incoming: MessageReader.Incoming) -> String? {
        if case .text(let data) = incoming { return WireCoding.ref(of: data) }
        return nil
    }

    private func decode(_ incoming: MessageReader.Incoming) -> Result<ClientFrame, WireError> {
        switch incoming {
        case .text(let data): WireCoding.decodeClient(data)
        case .binary: .failure(WireError(.malformed, "binary frames are not part of the protocol; send JSON text frames"))
        case .tooLarge(let bytes): .failure(WireError(.tooLarge, "the message is \(bytes) bytes; the limit is \(Wire.maxMessageBytes)"))
        }
    }

    /// Carries out one request; the reply (nil: none) goes out after its events are durable.
    private func handle(_ frame: ClientFrame, identity: Identity) async -> OutFrame? {
        let ref = frame.ref
        func error(_ e: WireError) -> OutFrame { OutFrame(ServerFrame(.error(e), ref: ref)) }
        switch frame.message {
        case .hello:
            return error(WireError(.badHello, "this connection is already authenticated; hello is sent once"))
        case .ping:
            return OutFrame(ServerFrame(.pong, ref: ref))
        case .scores:
            return await server.hub.scores(for: identity, exerciseTime: await server.host.exerciseTime, ref: ref)
        case .status:
            guard identity.role != .team else { return error(WireError(.forbidden, "the MSEL status is for the white cell and observers")) }
            return OutFrame(ServerFrame(.status(await server.hub.exerciseStatus(exerciseTime: await server.host.exerciseTime)), ref: ref))
        case .artifact(let request):
            return await server.artifactReply(request, identity: identity, ref: ref)
        case .scenario:
            guard identity.role == .facilitator else { return error(WireError(.forbidden, "the scenario (with its answers) is for the white cell")) }
            let journal = server.host.journal
            return OutFrame(ServerFrame(.scenario(ScenarioSource(id: server.scenario.id, digest: journal.scenarioDigest,
                                                                 source: journal.scenarioSource)), ref: ref))
        default:
            break
        }
        guard let command = frame.message.command else { return nil }
        if identity.viewer != nil {
            return error(WireError(.forbidden, "this connection views team \(identity.id) read-only; it cannot act for the team"))
        }
        guard let actor = identity.actor else {
            return error(WireError(.forbidden, "observers watch the exercise; they cannot act on it"))
        }
        if identity.role == .team, !command.isTeamCommand {
            return error(WireError(.forbidden, "teams cannot control the exercise; ask the white cell"))
        }
        if identity.role == .facilitator, command.isTeamCommand {
            return error(WireError(.forbidden, "only a team can do that; the white cell writes to teams with broadcast"))
        }
        var submission: String?
        if case .submit(let s) = frame.message { submission = s.submission }
        switch await server.host.handle(command, by: actor) {
        case .success(let step):
            guard let id = submission else { return OutFrame(ServerFrame(.ok(Done()), ref: ref)) }
            let recorded = step.events.contains {
                if case .answerSubmitted(let a) = $0.body { return a.submission == id && a.team == identity.id }
                return false
            }
            // A retry: the first attempt may still be on its way to the disk; answer only once it
            // is durable.
            if !recorded, !(await server.hub.waitUntilRecorded(id, team: identity.id)) {
                return error(WireError(.internal, "your earlier attempt of this answer has not reached the journal; send it again later",
                                       submission: id))
            }
            return OutFrame(ServerFrame(.ok(Done(submission: id, duplicate: recorded ? nil : true)), ref: ref))
        case .failure(.refused(let refusal)):
            return error(WireError(refusal, submission: submission))
        case .failure(.journal(let e)):
            if case .diskFull? = e as? JournalError {
                return error(WireError(.diskFull, "the server's disk is full: this was not carried out (nothing is lost); keep it and send it again once the server can write its journal",
                                       submission: submission))
            }
            logger.critical("journal write failed", metadata: ["error": "\(e)"])
            return error(WireError(.internal, "the server could not write its journal; the exercise is stopped. Tell the white cell."))
        }
    }
}
