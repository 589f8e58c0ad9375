import DrillCore
import DrillHost
import DrillJournal
import DrillWire
import Foundation
import NIOCore

/// Turns the exercise's durable updates into each feed's messages and hands them to the
/// connections that follow the feed. It projects the journal in order (`FeedProjector`), keeps the
/// recent messages of every feed (`FeedLog`), and serves a resuming client from them, or, when it
/// missed more than they hold, from a replay of the journal.
actor FeedHub {
    let host: ExerciseHost
    private var projector: FeedProjector
    private var logs: [Feed: FeedLog] = [:]
    /// Journal seq of the last event projected.
    private(set) var journalSeq: Int64 = 0
    private var subscribers: [Feed: [Int: Subscriber]] = [:]
    private var nextConnection = 0
    /// Connections waiting for a submission to become durable (a retry that overtook it).
    private var submissionWaiters: [ExerciseState.SubmissionKey: [(id: Int, continuation: CheckedContinuation<Bool, Never>)]] = [:]
    private var nextWaiter = 0
    private var scoresChanged = true
    /// The scoreboard each team was last pushed (its exercise time left out) and the connections
    /// that had it then; the latest round of pushes (the next one waits for it).
    private var lastScoreboard: [String: (view: TeamView, connections: Set<Int>)] = [:]
    private var scoresPush: Task<[(Feed, Int)], Never>?
    private var cachedScorecard: (journalSeq: Int64, exerciseTime: Millis, at: Duration, scorecard: Scorecard)?
    private let limits: Limits
    private let clock: ServerClock
    /// One journal replay at a time: they are rare and each reads the whole journal.
    private var replaying = false
    private var replayQueue: [CheckedContinuation<Void, Never>] = []

    struct Limits: Sendable {
        /// Recent messages kept per team feed, and for the white cell's and observers' feeds; a
        /// client that missed more is served from the journal (slower, exact all the same).
        var teamLogBytes = 16 * 1024
        var sharedLogBytes = 2 << 20
        var outboxBytes = 4 << 20
        var outboxFrames = 8192
        /// At most one presence announcement to the white cell per this interval; a change waits
        /// at most this long.
        var presenceInterval: Duration = .milliseconds(250)
        /// A round of scoreboards goes out in slices of about this many connections, this far
        /// apart: 500 teams' scoreboards (about 12 MB) written at once held every answer's
        /// acknowledgement up for a tenth of a second; in slices of 25, each slice's writes are
        /// short, and 500 teams' round takes about two seconds to go out.
        var scoreboardSliceConnections = 25
        var scoreboardSliceGap: Duration = .milliseconds(100)
    }

    struct Subscriber {
        var identity: Identity
        var outbox: Outbox
    }

    /// A connection's place in its feed.
    struct Subscription: Sendable {
        var id: Int
        var outbox: Outbox
        var feedSeq: Int
        /// The replay starts after this seq.
        var resumeFrom: Int
        /// Set when the missed messages are no longer held in memory: replay the journal up to
        /// this journal seq, then the outbox's gate opens.
        var replayThrough: Int64?
        /// Every registered team as the identity may see it (one array shared by all connections).
        var teams: [TeamInfo]
    }

    /// The roster as teams and observers see it, and as the white cell does; rebuilt when a team
    /// registers.
    private var roster: (public: [TeamInfo], full: [TeamInfo])?

    private func teamInfos(withContact: Bool) -> [TeamInfo] {
        if roster == nil {
            let teams = projector.state.teamOrder.compactMap { projector.state.teams[$0]?.team }
            roster = (teams.map { TeamInfo($0, withContact: false) }, teams.map { TeamInfo($0, withContact: true) })
        }
        return withContact ? roster?.full ?? [] : roster?.public ?? []
    }

    init(host: ExerciseHost, limits: Limits = Limits(), clock: ServerClock = .system) async {
        self.host = host
        self.clock = clock
        projector = FeedProjector(index: ScenarioIndex(await host.scenario))
        self.limits = limits
    }

    // MARK: Following the journal

    /// Projects the journal so far, then every durable update as it comes, until the host closes.
    /// Returns once the journal so far is projected; `follow` runs until the updates end.
    func catchUpWithJournal() async throws -> AsyncStream<ExerciseHost.Update> {
        // Subscribe first, so that nothing appended while the journal is read is missed.
        let updates = await host.updates()
        let replay = try JournalReplay.load(host.journal)
        for record in replay.created.artifacts ?? [] { projector.artifacts[record.inject, default: [:]][record.name] = record }
        for (k, event) in replay.events.enumerated() {
            project(event, journalSeq: Int64(k) + 2)
        }
        return updates
    }

    /// Whether `inject` (and so its artifacts) has reached `team`, as far as the feeds know: an
    /// artifact is served once the team could have read the inject that hands it out.
    func isReleased(_ inject: String, to team: String) -> Bool {
        projector.isReleased(inject, to: team)
    }

    func follow(_ updates: AsyncStream<ExerciseHost.Update>) async {
        for await update in updates {
            for (k, event) in update.events.enumerated() {
                let seq = update.firstSeq + Int64(k)
                guard seq > journalSeq else { continue }
                project(event, journalSeq: seq)
            }
        }
        presenceFlush?.cancel()
        for feed in subscribers.values { for s in feed.values { s.outbox.close() } }
    }

    private func project(_ event: ExerciseEvent, journalSeq seq: Int64) {
        journalSeq = seq
        let items = projector.apply(event)
        // An event that reaches at most the team, the white cell and the observers (an answer,
        // a hint) gives each a different message: hashing them to share an encoding is waste.
        var memo: [ServerMessage: ByteBuffer]? = items.count > Self.feedsWithDistinctMessages ? [:] : nil
        for item in items {
            let frame = Self.feedFrame(item, memo: &memo)
            let maxBytes: Int
            if case .team = item.feed { maxBytes = limits.teamLogBytes } else { maxBytes = limits.sharedLogBytes }
            logs[item.feed, default: FeedLog(maxBytes: maxBytes)].append(frame)
            deliver(frame, to: item.feed)
        }
        switch event.body {
        case .answerSubmitted(let a):
            scoresChanged = true
            if let waiters = submissionWaiters.removeValue(forKey: ExerciseState.SubmissionKey(team: a.team, id: a.submission)) { for w in waiters { w.continuation.resume(returning: true) } }
        case .teamRegistered:
            scoresChanged = true
            roster = nil
        case .graded, .hintTaken, .deadlineExtended, .injectReleased, .started, .ended, .messageSent, .taskReopened:
            scoresChanged = true
        default:
            break
        }
    }

    /// Encodes a feed message once per distinct message of an event when given a memo (an inject
    /// released to 500 teams is encoded once), then sets its seq in front.
    static func feedFrame(_ item: FeedProjector.Item, memo: inout [ServerMessage: ByteBuffer]?) -> OutFrame {
        let body: ByteBuffer
        if let known = memo?[item.message] {
            body = known
        } else {
            body = OutFrame(ServerFrame(item.message)).bytes
            memo?[item.message] = body
        }
        // One allocation a frame (NIO rounds it up to a power of two; `FeedLog` counts that).
        let prefix = "{\"seq\":\(item.seq),"
        var bytes = ByteBufferAllocator().buffer(capacity: prefix.utf8.count + body.readableBytes - 1)
        bytes.writeString(prefix)
        bytes.writeImmutableBuffer(body.getSlice(at: body.readerIndex + 1, length: body.readableBytes - 1) ?? ByteBuffer())
        return OutFrame(seq: item.seq, bytes: bytes)
    }

    /// The most feeds an event reaches with a message of each one's own (team, white cell,
    /// observers); an event that reaches more shares encodings through a memo.
    static let feedsWithDistinctMessages = 3

    private func deliver(_ frame: OutFrame, to feed: Feed) {
        guard let followers = subscribers[feed] else { return }
        for (id, s) in followers where !s.outbox.push(frame) {
            dropSubscriber(feed, id)
        }
    }

    // MARK: Connections

    /// Registers a connection on its identity's feed, with what it missed after `lastSeq`.
    func subscribe(_ identity: Identity, lastSeq: Int) -> Subscription {
        nextConnection += 1
        let feed = identity.feed
        let feedSeq = projector.seq(of: feed)
        let resumeFrom = lastSeq > feedSeq || lastSeq < 0 ? 0 : lastSeq
        let outbox = Outbox(maxBytes: limits.outboxBytes, maxFrames: limits.outboxFrames, gated: true)
        var replayThrough: Int64?
        if let held = (logs[feed] ?? FeedLog(maxBytes: 0)).frames(after: resumeFrom, through: feedSeq) {
            outbox.prepend(held)
        } else {
            replayThrough = journalSeq
        }
        subscribers[feed, default: [:]][nextConnection] = Subscriber(identity: identity, outbox: outbox)
        countMember(identity, 1)
        return Subscription(id: nextConnection, outbox: outbox, feedSeq: feedSeq, resumeFrom: resumeFrom, replayThrough: replayThrough,
                            teams: teamInfos(withContact: identity.role == .facilitator))
    }

    func unsubscribe(_ identity: Identity, id: Int) {
        dropSubscriber(identity.feed, id)
        if subscribers[identity.feed]?.isEmpty == true { subscribers[identity.feed] = nil }
    }

    /// Forgets a connection (closed, or cut for not keeping up): it is no longer counted present.
    private func dropSubscriber(_ feed: Feed, _ id: Int) {
        guard let gone = subscribers[feed]?.removeValue(forKey: id) else { return }
        countMember(gone.identity, -1)
    }

    /// Recomputes a feed's messages `(after, through]` from the journal (a client that missed more
    /// than memory holds), one replay at a time.
    func replayFeed(_ feed: Feed, after: Int, through last: Int, journalSeq: Int64) async throws -> [OutFrame] {
        if replaying { await withCheckedContinuation { replayQueue.append($0) } }
        replaying = true
        defer {
            replaying = false
            if !replayQueue.isEmpty { replayQueue.removeFirst().resume() }
        }
        let journal = host.journal
        return try await Task.detached(priority: .utility) {
            try Self.replay(journal: journal, feed: feed, after: after, through: last, journalSeq: journalSeq)
        }.value
    }

    nonisolated static func replay(journal: Journal, feed: Feed, after: Int, through last: Int, journalSeq: Int64) throws -> [OutFrame] {
        let replay = try JournalReplay.load(journal)
        var projector = FeedProjector(index: replay.index)
        var frames: [OutFrame] = []
        // One feed: nothing worth sharing.
        var memo: [ServerMessage: ByteBuffer]?
        for (k, event) in replay.events.enumerated() where Int64(k) + 2 <= journalSeq {
            for item in projector.apply(event, wanted: { $0 == feed }) where item.seq > after && item.seq <= last {
                frames.append(feedFrame(item, memo: &memo))
            }
        }
        return frames
    }

    /// True once a submission id is journaled and projected; false if that does not happen within
    /// `timeout` (its first attempt failed to reach the disk).
    func waitUntilRecorded(_ submission: String, team: String, timeout: Duration = .seconds(30)) async -> Bool {
        let key = ExerciseState.SubmissionKey(team: team, id: submission)
        if projector.state.submissionIds[key] != nil { return true }
        nextWaiter += 1
        let id = nextWaiter
        Task {
            try? await self.clock.sleep(for: timeout)
            self.expireWaiter(key, id)
        }
        return await withCheckedContinuation { submissionWaiters[key, default: []].append((id, $0)) }
    }

    private func expireWaiter(_ submission: ExerciseState.SubmissionKey, _ id: Int) {
        guard let k = submissionWaiters[submission]?.firstIndex(where: { $0.id == id }) else { return }
        submissionWaiters[submission]?.remove(at: k).continuation.resume(returning: false)
        if submissionWaiters[submission]?.isEmpty == true { submissionWaiters[submission] = nil }
    }

    // MARK: Live messages

    /// Sends a live message to every connection (or to those `to` accepts).
    func broadcast(_ frame: OutFrame, to accepts: (Identity) -> Bool = { _ in true }) {
        for (feed, followers) in subscribers {
            for (id, s) in followers where accepts(s.identity) && !s.outbox.push(frame) {
                dropSubscriber(feed, id)
            }
        }
    }

    /// The scores of the exercise now; recomputed at most once a second.
    func scorecard(exerciseTime: Millis) -> Scorecard {
        let now = clock.uptime()
        if let c = cachedScorecard, c.journalSeq == journalSeq, now - c.at < .seconds(1) || c.exerciseTime == exerciseTime {
            return c.scorecard
        }
        let scorecard = Scorecard(state: projector.state, now: max(exerciseTime, projector.state.exerciseTime))
        cachedScorecard = (journalSeq, exerciseTime, now, scorecard)
        return scorecard
    }

    /// What an identity may see of the scores now, as a live message.
    func scores(for identity: Identity, exerciseTime: Millis, ref: String?) -> OutFrame {
        let scorecard = scorecard(exerciseTime: exerciseTime)
        switch identity.role {
        case .team:
            guard let view = scorecard.teamView(for: identity.id) else {
                return OutFrame(ServerFrame(.error(WireError(.forbidden, "team '\(identity.id)' is not registered in this exercise")), ref: ref))
            }
            return OutFrame(ServerFrame(.scoreboard(view), ref: ref))
        case .facilitator:
            return OutFrame(ServerFrame(.scorecard(scorecard), ref: ref))
        case .observer:
            return OutFrame(ServerFrame(.standings(Standings(scorecard)), ref: ref))
        }
    }

    /// Pushes each connection the scores it may see, if anything changed since the last push
    /// (or `force`): teams their scoreboard, the white cell and observers the standings. A team is
    /// sent its scoreboard only when its view differs from the one it was last sent (a forced round
    /// sends every team its own again); a connection opened since then gets it all the same, so
    /// a new member does not wait for the next change. The views are computed here; their JSON is encoded off
    /// the hub (500 teams' scoreboards take a good part of a second), so that feed frames keep
    /// moving meanwhile, and queued in slices (`Limits.scoreboardSliceConnections`, one
    /// `scoreboardSliceGap` apart; the standings first), so that no connection's writes wait
    /// behind a whole round's. Rounds push in the order they were asked for, so that an older
    /// scoreboard never overtakes a newer one. Returns once this round's frames are queued.
    func pushScores(exerciseTime: Millis, force: Bool) async {
        guard force || scoresChanged, !subscribers.isEmpty else { return }
        scoresChanged = false
        let scorecard = scorecard(exerciseTime: exerciseTime)
        var teams: [(feed: Feed, view: TeamView, outboxes: [(Int, Outbox)])] = []
        var shared: [(feed: Feed, outboxes: [(Int, Outbox)])] = []
        for (feed, followers) in subscribers where !followers.isEmpty {
            let outboxes = followers.map { ($0.key, $0.value.outbox) }
            switch feed {
            case .team(let id):
                guard let view = scorecard.teamView(for: id) else { continue }
                // The view carries the exercise time it was computed at: it alone is no change.
                var content = view
                content.exerciseTime = 0
                let connections = Set(followers.keys)
                if !force, let last = lastScoreboard[id], last.view == content {
                    // Unchanged: only the team's connections that opened since its last push get it.
                    let new = outboxes.filter { !last.connections.contains($0.0) }
                    lastScoreboard[id] = (content, connections)
                    if !new.isEmpty { teams.append((feed, view, new)) }
                    continue
                }
                lastScoreboard[id] = (content, connections)
                teams.append((feed, view, outboxes))
            case .whiteCell, .observers:
                shared.append((feed, outboxes))
            }
        }
        let previous = scoresPush
        let (sliceConnections, gap, clock) = (limits.scoreboardSliceConnections, limits.scoreboardSliceGap, self.clock)
        let round = Task.detached(priority: .utility) { () -> [(Feed, Int)] in
            _ = await previous?.value
            var dropped: [(Feed, Int)] = []
            if !shared.isEmpty {
                let standings = OutFrame(ServerFrame(.standings(Standings(scorecard))))
                for feed in shared { for (id, outbox) in feed.outboxes where !outbox.push(standings) { dropped.append((feed.feed, id)) } }
            }
            // Each slice is encoded and queued, then the next waits its turn (a team is never split).
            var queued = 0
            for team in teams {
                if queued >= sliceConnections {
                    try? await clock.sleep(for: gap)
                    queued = 0
                }
                let frame = OutFrame(ServerFrame(.scoreboard(team.view)))
                for (id, outbox) in team.outboxes where !outbox.push(frame) { dropped.append((team.feed, id)) }
                queued += team.outboxes.count
            }
            return dropped
        }
        scoresPush = round
        // A server shutting down does not wait out the slices' gaps.
        let dropped = await withTaskCancellationHandler { await round.value } onCancel: { round.cancel() }
        for (feed, id) in dropped { dropSubscriber(feed, id) }
    }

    /// Every inject's status for every team, at `exerciseTime`.
    func exerciseStatus(exerciseTime: Millis) -> ExerciseStatus {
        let state = projector.state
        let now = max(exerciseTime, state.exerciseTime)
        let injects = state.scenario.injects.enumerated().map { position, inject in
            ExerciseStatus.InjectProgress(inject: inject.id, title: inject.title, held: state.held.contains(inject.id), teams: state.teamOrder.map { team in
                let readAt = state.teams[team]?.read[position] ?? nil
                switch state.status(of: position, for: team, now: now) {
                case .released(let at): return .init(team: team, status: "released", at: at, reason: nil, readAt: readAt)
                case .scheduled(let at): return .init(team: team, status: "scheduled", at: at, reason: nil, readAt: nil)
                case .waiting(let why): return .init(team: team, status: "waiting", at: nil, reason: why, readAt: nil)
                case .held: return .init(team: team, status: "held", at: nil, reason: nil, readAt: nil)
                case .skipped(let why): return .init(team: team, status: "skipped", at: nil, reason: why, readAt: nil)
                case .notAddressed: return .init(team: team, status: "notAddressed", at: nil, reason: nil, readAt: nil)
                // live17
                case .onDemand: return .init(team: team, status: "onDemand", at: nil, reason: nil, readAt: nil)
                }
            })
        }
        return ExerciseStatus(phase: state.phase, exerciseTime: now, speed: state.speed, injects: injects)
    }

    // MARK: Presence

    /// Teams connected at least once since the server started.
    private var presenceSeen: Set<String> = []
    /// Exercise time at which each team's last connection closed (while none is open).
    private var presenceDropped: [String: Millis] = [:]
    /// Each team's members connected now (its own token; a white cell viewing it is not one), kept
    /// as connections come and go, so that counting never scans the connections.
    private var memberCounts: [String: Int] = [:]
    /// Teams whose member count changed since their seen/dropped marks were last brought up to date.
    private var presenceTouched: Set<String> = []
    /// A change not yet announced; the latest exercise time the server gave with one.
    private var presenceDirty = false
    private var presenceExerciseTime: Millis = 0
    /// When the last announcement went out (`clock.uptime()`), and the one waiting for its turn.
    private var presenceAnnouncedAt: Duration?
    private var presenceFlush: Task<Void, Never>?
    private var presenceWatchers: [Int: AsyncStream<Presence>.Continuation] = [:]
    private var nextPresenceWatcher = 0

    private func countMember(_ identity: Identity, _ delta: Int) {
        guard identity.role == .team, identity.viewer == nil else { return }
        let members = (memberCounts[identity.id] ?? 0) + delta
        memberCounts[identity.id] = members > 0 ? members : nil
        presenceTouched.insert(identity.id)
    }

    /// Brings the seen/dropped marks of the teams whose members changed up to `exerciseTime`.
    private func notePresence(at exerciseTime: Millis) {
        for id in presenceTouched {
            if memberCounts[id] != nil {
                presenceSeen.insert(id)
                presenceDropped[id] = nil
            } else if presenceSeen.contains(id), presenceDropped[id] == nil {
                presenceDropped[id] = exerciseTime
            }
        }
        presenceTouched.removeAll(keepingCapacity: true)
    }

    /// Every team's connections now, noting when a team's last one closed.
    func presence(at exerciseTime: Millis) -> Presence {
        notePresence(at: exerciseTime)
        let teams = projector.state.teamOrder.map { id in
            let members = memberCounts[id] ?? 0
            return Presence.Team(team: id, members: members, droppedAt: members > 0 ? nil : presenceDropped[id], seen: presenceSeen.contains(id))
        }
        return Presence(teams: teams, at: exerciseTime)
    }

    /// Tells every white-cell connection (and the console in this process) who is connected:
    /// live, never journaled. Coalesced: when connections come and go in a burst (4,000 members
    /// connecting at the start of a drill), at most one announcement goes out per
    /// `Limits.presenceInterval`, always with the latest counts, at most that long after the change.
    func announcePresence(at exerciseTime: Millis) {
        notePresence(at: exerciseTime)
        presenceExerciseTime = max(presenceExerciseTime, exerciseTime)
        presenceDirty = true
        guard presenceFlush == nil else { return }
        let now = clock.uptime()
        if let last = presenceAnnouncedAt, now - last < limits.presenceInterval {
            let wait = limits.presenceInterval - (now - last)
            presenceFlush = Task {
                try? await self.clock.sleep(for: wait)
                self.flushPresence()
            }
        } else {
            flushPresence()
        }
    }

    private func flushPresence() {
        presenceFlush = nil
        guard presenceDirty else { return }
        presenceDirty = false
        presenceAnnouncedAt = clock.uptime()
        let presence = presence(at: presenceExerciseTime)
        // The white cell's feed holds exactly its connections: no scan of the others.
        deliver(OutFrame(ServerFrame(.presence(presence))), to: .whiteCell)
        for watcher in presenceWatchers.values { watcher.yield(presence) }
    }

    /// Every presence announced from now on (the console of `serve`, beside the server).
    func presenceUpdates() -> AsyncStream<Presence> {
        let (stream, continuation) = AsyncStream<Presence>.makeStream(bufferingPolicy: .bufferingNewest(1))
        nextPresenceWatcher += 1
        let id = nextPresenceWatcher
        presenceWatchers[id] = continuation
        continuation.onTermination = { _ in Task { await self.dropPresenceWatcher(id) } }
        return stream
    }

    private func dropPresenceWatcher(_ id: Int) { presenceWatchers[id] = nil }

    // MARK: Status

    struct Counts: Sendable {
        var connections: Int
        var teamsConnected: Int
        var facilitators: Int
        var observers: Int
    }

    func counts() -> Counts {
        var c = Counts(connections: 0, teamsConnected: 0, facilitators: 0, observers: 0)
        for (feed, followers) in subscribers where !followers.isEmpty {
            c.connections += followers.count
            switch feed {
            case .team: c.teamsConnected += 1
            case .whiteCell: c.facilitators += followers.count
            case .observers: c.observers += followers.count
            }
        }
        return c
    }

    var state: ExerciseState { projector.state }
    func feedSeq(_ feed: Feed) -> Int { projector.seq(of: feed) }
}
