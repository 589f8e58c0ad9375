import DrillText
import DrillClient
import DrillCore
import DrillTUI
import DrillWire
import Foundation

/// A team console's model from what a network client received: the adapter `join` needs to show
/// a `TeamConsole` (see docs/tui.md, "Feeding a team console from the network").
///
/// Feed it every `ClientEvent` (after the `FeedView` has applied it) and ask for the model on each
/// event and once a second. It keeps what `FeedView` does not: the connection's state in words and
/// the team's own acknowledged answers.
struct TeamConsoleFeed: Sendable {
    /// The console's words, for the artifact notices and the reasons an answer is queued.
    var texts: Texts = .english
    private(set) var connection: TeamConsoleModel.Connection = .reconnecting(attempt: 1)
    /// The team's acknowledged answers by task, oldest first.
    private(set) var answers: [TaskRef: [[String]]] = [:]
    private var acknowledged: Set<String> = []
    /// Artifacts fetched and shown as text, or the notice shown instead, by `ArtifactKey`.
    private(set) var artifactTexts: [ArtifactKey: String] = [:]
    /// Where a binary artifact is downloaded from (nil: the notice says to ask the white cell).
    var server: ArtifactNotice.Server?

    /// An artifact of an inject.
    struct ArtifactKey: Hashable, Sendable {
        var inject: String
        var name: String
    }

    /// The largest artifact fetched to be shown as text.
    static let textLimit: Int64 = 1 << 20

    /// The artifacts of `inject` to fetch for showing as text; the others get their notice now.
    mutating func artifactsToFetch(_ inject: InjectDelivery) -> [ArtifactKey] {
        var fetch: [ArtifactKey] = []
        for a in inject.artifacts {
            let key = ArtifactKey(inject: inject.inject, name: a.name)
            guard artifactTexts[key] == nil else { continue }
            if ArtifactMedia.isText(a.mediaType ?? ArtifactMedia.type(forName: a.name)), (a.size ?? 0) <= Self.textLimit {
                fetch.append(key)
            } else {
                artifactTexts[key] = ArtifactNotice.remote(a, inject: inject.inject, server: server, texts: texts)
            }
        }
        return fetch
    }

    /// What a fetch gave: the text, or (nil: not text after all, refused, failed) the notice.
    mutating func fetched(_ key: ArtifactKey, text: String?, _ feed: FeedView) {
        if let text {
            artifactTexts[key] = text
        } else if let inject = feed.inject(key.inject), let info = inject.artifacts.first(where: { $0.name == key.name }) {
            artifactTexts[key] = ArtifactNotice.remote(info, inject: key.inject, server: server, texts: texts)
        }
    }

    mutating func observe(_ event: ClientEvent) {
        if let connection = TeamConsoleModel.Connection(event) { self.connection = connection }
        if case .message(let frame) = event, case .ack(let ack) = frame.message, acknowledged.insert(ack.submission).inserted {
            answers[ack.task, default: []].append(ack.values ?? [])
        }
    }

    /// The model at wall time `wall` (UTC ms); nil before the team's welcome.
    func model(_ feed: FeedView, wall: Millis, pending: [ClientMessage.Submission]) -> TeamConsoleModel? {
        guard let welcome = feed.welcome, let team = welcome.team else { return nil }
        let inbox = feed.injects.map { inject in
            TeamConsoleModel.InboxItem(
                id: inject.inject, title: inject.title, channel: inject.channel, from: inject.from, tlp: inject.tlp,
                releasedAt: inject.releasedAt,
                // The feed says whether, not when: the release time stands in.
                readAt: feed.read.contains(inject.inject) ? inject.releasedAt : nil,
                body: inject.body,
                artifacts: inject.artifacts.map { a in
                    .init(name: a.name, description: a.description,
                          text: artifactTexts[ArtifactKey(inject: inject.inject, name: a.name)] ?? ArtifactNotice.fetching(a, texts: texts))
                },
                tasks: inject.tasks.map { task(for: $0, feed) },
                untranslated: !(inject.untranslated ?? []).isEmpty)
        }
        let messages = feed.messages.map { m in
            TeamConsoleModel.MessageItem(id: m.id, time: m.at, from: m.from, to: m.to, kind: m.kind, text: m.text,
                                         answer: m.kind == .rfi ? feed.rfiAnswers[m.id]?.text : nil)
        }
        let queued = pending.map {
            TeamConsoleModel.QueuedAnswer(task: $0.task, submission: $0.submission, values: $0.values,
                                          reason: texts(feed.connected ? .queueWaitingServer : .queueWhenConnected))
        }
        var model = TeamConsoleModel(
            team: .init(id: team.id, name: team.name), scenarioTitle: welcome.scenario.title,
            exerciseTime: feed.exerciseTime(atWall: wall) ?? 0, duration: welcome.scenario.duration,
            phase: feed.clock?.phase ?? .notStarted, speed: feed.clock?.speed ?? 1, connection: connection,
            inbox: inbox, messages: messages, teams: feed.teams.map { .init(id: $0.id, name: $0.name) },
            score: feed.scoreboard, queued: queued)
        model.hotWash = HotWash(feed, team: team.id)
        return model
    }

    private func task(for brief: TaskBrief, _ feed: FeedView) -> TeamConsoleModel.TaskItem {
        let input: TeamConsoleModel.TaskInput
        switch brief.type {
        case .text: input = .text
        case .number: input = .number(unit: brief.unit ?? "")
        case .choice: input = .choice(options: brief.options ?? [], multiple: brief.multiple ?? false)
        case .indicators: input = .indicators
        case .report: input = .report
        case .coordination: input = .coordination(with: brief.with ?? [])
        }
        let taken = feed.hints[brief.task] ?? []
        let hints = brief.hintCosts.enumerated().map { n, cost in
            TeamConsoleModel.HintItem(cost: cost, text: taken.first { $0.hint == n }?.text)
        }
        return TeamConsoleModel.TaskItem(ref: brief.task, prompt: brief.prompt, input: input, points: brief.points,
                                         attempts: brief.attempts, penalty: brief.penalty, hints: hints,
                                         answers: answers[brief.task] ?? [], score: feed.scores[brief.task],
                                         dueAt: brief.dueAt, closesAt: brief.closesAt)
    }
}
