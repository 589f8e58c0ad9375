import DrillCore
import DrillWire

/// Derives every feed's durable messages from the journal's events, and nothing else: the same
/// events give the same messages under the same seqs, so a feed survives a restart of the server
/// (it is recomputed from the journal) and a client resuming with `lastSeq` gets exactly what it
/// missed. What a feed holds is decided here, once:
///
/// | event | team feed (own only) | white cell | observers |
/// |---|---|---|---|
/// | teamRegistered | — | `team` (with contact) | `team` |
/// | started, paused, resumed, speedChanged, ended | `phase` | `phase` | `phase` |
/// | injectReleased | `inject` (to each team reached) | `released` | `released` |
/// | injectHeld | — | `held` | `held` |
/// | injectRead | `read` | `read` | — |
/// | answerSubmitted | `ack` with its score | `answer` with values | `answer` without values |
/// | hintTaken | `hint` with text | `hint` with text | `hint` |
/// | graded | `graded` with its score | `graded` with the grade and who gave it | `graded` with the grade |
/// | deadlineExtended | `deadline` (teams concerned) | `deadline` | `deadline` |
/// | messageSent | `message` (sender, recipient, or all for broadcasts) | `message` | — |
/// | rfiAnswered | `rfiAnswer` (the team that asked) | `rfiAnswer` | — |
/// | noteAdded | — | `note` | — |
/// | injectComposed | — | `composed` (all of it) | — |
/// | taskReopened | `reopened` with its new score | `reopened` with who did it | `reopened` |
/// | feedbackOpened, ended (with a `feedback:` section) | `feedbackForm` | `feedbackForm` | — |
/// | feedbackAnswered | `feedbackAnswer` (its own) | `feedbackAnswer` | — |
///
/// Events the fold ignores (a retried submission, a second read mark) yield nothing.
struct FeedProjector {
    private(set) var state: ExerciseState
    private(set) var seqs: [Feed: Int] = [:]
    /// The artifact facts the journal's first event recorded, by inject and name (empty for older
    /// journals: deliveries then list names only).
    var artifacts: [String: [String: ArtifactRecord]] = [:]

    init(index: ScenarioIndex) {
        state = ExerciseState(index: index)
    }

    /// Whether `inject` has reached `team` (the fold of the journal so far).
    func isReleased(_ inject: String, to team: String) -> Bool {
        guard let position = state.index.injectPosition[inject], let progress = state.teams[team] else { return false }
        return progress.released[position] != nil
    }

    /// One message of a feed.
    struct Item {
        var feed: Feed
        var seq: Int
        var message: ServerMessage
    }

    /// The last seq of a feed (0 before its first message).
    func seq(of feed: Feed) -> Int { seqs[feed] ?? 0 }

    /// Applies one event and returns its messages for the feeds `wanted` accepts; the seqs of the
    /// others advance all the same (building a message costs, counting it does not).
    mutating func apply(_ event: ExerciseEvent, wanted: (Feed) -> Bool = { _ in true }) -> [Item] {
        var items: [Item] = []
        func emit(_ feed: Feed, _ build: () -> ServerMessage?) {
            if wanted(feed) {
                guard let message = build() else { return }
                let seq = (seqs[feed] ?? 0) + 1
                seqs[feed] = seq
                items.append(Item(feed: feed, seq: seq, message: message))
            } else {
                seqs[feed, default: 0] += 1
            }
        }
        let t = event.exerciseTime
        // What the event changes, read before it is applied (copying the state would cost a copy
        // of every team's progress per event).
        let phaseBefore = state.phase, speedBefore = state.speed
        let feedbackWasOpen = state.isFeedbackOpen
        let fresh = isFresh(event)
        let reached = newlyReached(event)
        state.apply(event)
        guard fresh else { return items }
        let teams = state.teamOrder
        switch event.body {
        case .exerciseCreated:
            break
        case .teamRegistered(let team):
            emit(.whiteCell) { .team(TeamInfo(team, withContact: true)) }
            emit(.observers) { .team(TeamInfo(team, withContact: false)) }
        case .started, .paused, .resumed, .speedChanged, .ended:
            guard phaseBefore != state.phase || speedBefore != state.speed else { break }
            let change = PhaseChange(event: event.type, phase: state.phase, exerciseTime: t, speed: state.speed)
            for id in teams { emit(.team(id)) { .phase(change) } }
            emit(.whiteCell) { .phase(change) }
            emit(.observers) { .phase(change) }
            // grade17: the end opens the hot wash.
            if !feedbackWasOpen, state.isFeedbackOpen {
                let form = FeedbackForm(questions: state.scenario.feedback, early: false, at: t)
                for id in teams { emit(.team(id)) { .feedbackForm(form) } }
                emit(.whiteCell) { .feedbackForm(form) }
            }
        case .injectReleased(let release):
            guard let position = state.index.injectPosition[release.inject], !reached.isEmpty else { break }
            for id in reached { emit(.team(id)) { .inject(delivery(position, team: id, at: t)) } }
            let notice = ReleaseNotice(inject: release.inject, title: state.scenario.injects[position].title, teams: reached,
                                       manual: release.manual, at: t)
            emit(.whiteCell) { .released(notice) }
            emit(.observers) { .released(notice) }
        case .injectHeld(let hold):
            emit(.whiteCell) { .held(HoldNotice(inject: hold.inject, at: t)) }
            emit(.observers) { .held(HoldNotice(inject: hold.inject, at: t)) }
        case .injectRead(let read):
            let notice = ReadNotice(team: read.team, inject: read.inject, at: t)
            emit(.team(read.team)) { .read(notice) }
            emit(.whiteCell) { .read(notice) }
        case .answerSubmitted(let answer):
            guard let score = state.score(team: answer.team, task: answer.task, now: t) else { break }
            emit(.team(answer.team)) {
                .ack(AnswerNotice(team: answer.team, submission: answer.submission, task: answer.task, values: answer.values, at: t,
                                  score: teamView(score)))
            }
            emit(.whiteCell) {
                .answer(AnswerNotice(team: answer.team, submission: answer.submission, task: answer.task, values: answer.values, at: t,
                                     score: TeamTaskView(score, showsPoints: true)))
            }
            emit(.observers) {
                .answer(AnswerNotice(team: answer.team, submission: answer.submission, task: answer.task, values: nil, at: t,
                                     score: TeamTaskView(score, showsPoints: true)))
            }
        case .hintTaken(let h):
            let hint = state.index.task(h.task).flatMap { $0.hints.indices.contains(h.hint) ? $0.hints[h.hint] : nil }
            let full = HintNotice(team: h.team, task: h.task, hint: h.hint, text: hint?.text, cost: hint?.cost, at: t)
            emit(.team(h.team)) {
                // The team reads the hint in its language; the white cell in the scenario's.
                guard let p = state.index.taskPosition[h.task] else { return .hint(full) }
                let task = state.scenario.localizedInject(at: p.inject, to: state.teams[h.team]?.team.language).tasks[p.task]
                var own = full
                if task.hints.indices.contains(h.hint) { own.text = task.hints[h.hint].text }
                return .hint(own)
            }
            emit(.whiteCell) { .hint(full) }
            emit(.observers) { .hint(HintNotice(team: h.team, task: h.task, hint: h.hint, text: nil, cost: hint?.cost, at: t)) }
        case .graded(let g):
            let score = state.score(team: g.team, task: g.task, now: t)
            emit(.team(g.team)) {
                .graded(GradeNotice(team: g.team, task: g.task, grade: nil, comment: g.comment, at: t, score: score.map(teamView), via: g.via))
            }
            let full = GradeNotice(team: g.team, task: g.task, grade: g.score, comment: g.comment, at: t,
                                   score: score.map { TeamTaskView($0, showsPoints: true) }, via: g.via)
            emit(.whiteCell) {
                var signed = full
                signed.by = event.actor.description
                return .graded(signed)
            }
            emit(.observers) { .graded(full) }
        case .deadlineExtended(let x):
            for id in x.team.map({ [$0] }) ?? teams where state.teams[id] != nil {
                let released = state.index.taskPosition[x.task].map { state.teams[id]?.released[$0.inject] != nil } ?? false
                let score = released ? state.score(team: id, task: x.task, now: t) : nil
                emit(.team(id)) { .deadline(DeadlineNotice(task: x.task, team: x.team, by: x.by, at: t, score: score.map(teamView))) }
            }
            let notice = DeadlineNotice(task: x.task, team: x.team, by: x.by, at: t, score: nil)
            emit(.whiteCell) { .deadline(notice) }
            emit(.observers) { .deadline(notice) }
        case .messageSent(let m):
            let notice = MessageNotice(m, at: t)
            var recipients: [String] = []
            if case .team(let from) = m.from { recipients.append(from) }
            switch m.to {
            case .team(let to): if !recipients.contains(to) { recipients.append(to) }
            case .all: recipients += teams.filter { !recipients.contains($0) }
            case .whiteCell: break
            }
            for id in recipients where state.teams[id] != nil { emit(.team(id)) { .message(notice) } }
            emit(.whiteCell) { .message(notice) }
        case .rfiAnswered(let answer):
            guard let asked = state.messages.first(where: { $0.message.id == answer.rfi && $0.message.kind == .rfi })?.message else { break }
            let notice = RFIAnswerNotice(rfi: answer.rfi, to: asked.from, question: asked.text, text: answer.text, at: t)
            if case .team(let id) = asked.from, state.teams[id] != nil { emit(.team(id)) { .rfiAnswer(notice) } }
            emit(.whiteCell) { .rfiAnswer(notice) }
        case .noteAdded(let note):
            emit(.whiteCell) { .note(NoteNotice(note, by: event.actor.description, at: t)) }
        // live17
        case .injectComposed(let live):
            // The white cell only: answers and guides never reach a team, and teams learn of
            // the inject when it is released to them (`inject`), like any other.
            emit(.whiteCell) { .composed(ComposedNotice(inject: live, at: t, by: event.actor.description)) }
        // grade17
        case .taskReopened(let r):
            guard state.teams[r.team] != nil, state.index.taskPosition[r.task] != nil else { break }
            let score = state.score(team: r.team, task: r.task, now: t)
            emit(.team(r.team)) { .reopened(ReopenNotice(team: r.team, task: r.task, window: r.window, reason: r.reason, at: t, score: score.map(teamView))) }
            let full = ReopenNotice(team: r.team, task: r.task, window: r.window, reason: r.reason, at: t,
                                    score: score.map { TeamTaskView($0, showsPoints: true) })
            emit(.whiteCell) {
                var signed = full
                signed.by = event.actor.description
                return .reopened(signed)
            }
            emit(.observers) { .reopened(full) }
        case .feedbackOpened:
            guard !feedbackWasOpen, state.isFeedbackOpen else { break }
            let form = FeedbackForm(questions: state.scenario.feedback, early: true, at: t)
            for id in teams { emit(.team(id)) { .feedbackForm(form) } }
            emit(.whiteCell) { .feedbackForm(form) }
        case .feedbackAnswered(let a):
            guard state.teams[a.team] != nil else { break }
            let notice = FeedbackNotice(team: a.team, member: a.member, answers: a.answers, at: t)
            emit(.team(a.team)) { .feedbackAnswer(notice) }
            emit(.whiteCell) { .feedbackAnswer(notice) }
        }
        return items
    }

    /// Whether the fold takes the event into account (a retried submission or a second read mark
    /// changes nothing, and yields nothing).
    private func isFresh(_ event: ExerciseEvent) -> Bool {
        switch event.body {
        case .teamRegistered(let team): return state.teams[team.id] == nil
        case .injectHeld(let hold): return !state.held.contains(hold.inject)
        case .injectRead(let read):
            guard let position = state.index.injectPosition[read.inject], let team = state.teams[read.team] else { return false }
            return team.read[position] == nil
        case .answerSubmitted(let answer):
            return state.recordedTask(ofSubmission: answer.submission, team: answer.team) == nil && state.index.taskPosition[answer.task] != nil
                && state.teams[answer.team] != nil
        case .hintTaken(let h):
            guard let team = state.teams[h.team] else { return false }
            return team.progress[h.task]?.hints.contains(h.hint) != true
        case .graded(let g): return state.teams[g.team] != nil
        default: return true
        }
    }

    /// The registered teams an inject release reaches for the first time.
    private func newlyReached(_ event: ExerciseEvent) -> [String] {
        guard case .injectReleased(let release) = event.body, let position = state.index.injectPosition[release.inject] else { return [] }
        var seen = Set<String>()
        return release.teams.filter { id in
            guard let team = state.teams[id], team.released[position] == nil else { return false }
            return seen.insert(id).inserted
        }
    }

    /// A task score as its team may see it at this point of the exercise.
    private func teamView(_ score: TaskScore) -> TeamTaskView {
        TeamTaskView(score, scoreboard: state.scenario.scoreboard, phase: state.phase)
    }

    /// An inject as `team` receives it, with its tasks' windows for that team.
    private func delivery(_ position: Int, team: String, at t: Millis) -> InjectDelivery {
        let scenario = state.scenario, wanted = state.teams[team]?.team.language
        let inject = scenario.localizedInject(at: position, to: wanted)
        let untranslated = scenario.untranslatedFields(ofInject: position, for: wanted)
        let tasks = inject.tasks.map { task -> TaskBrief in
            let ref = TaskRef(inject: inject.id, task: task.id)
            let score = state.score(team: team, task: ref, now: t)
            let dueAt = score?.dueAt ?? t + task.due
            return TaskBrief.init(task: ref, team: team, task, dueAt: dueAt, closesAt: score?.closesAt ?? dueAt + task.late)
        }
        return InjectDelivery(inject: inject.id, title: inject.title, channel: inject.channel, from: inject.from, tlp: inject.tlp,
                              attack: inject.attack, objectives: inject.objectives, body: inject.body,
                              artifacts: inject.artifacts.map { a in
                                  let record = artifacts[inject.id]?[a.name]
                                  return ArtifactInfo(name: a.name, description: a.description, size: record?.size, sha256: record?.sha256,
                                                      mediaType: ArtifactMedia.type(forName: a.name))
                              },
                              releasedAt: t, tasks: tasks,
                              language: scenario.languages.count > 1 ? scenario.contentLanguage(for: wanted) : nil,
                              untranslated: untranslated.isEmpty ? nil : untranslated)
    }
}

extension TaskBrief {
    /// What a team is told of a task: never its accepted answers.
    init(task ref: TaskRef, team: String, _ task: DrillTask, dueAt: Millis, closesAt: Millis) {
        var options: [String]?, multiple: Bool?, unit: String?, rubric: [RubricLevel]?, with: [String]?
        switch task.kind {
        case .choice(let o, _, let m, _): options = o; multiple = m
        case .number(_, _, let u): unit = u.isEmpty ? nil : u
        case .report(let r): rubric = r
        case .coordination(let w): with = w
        case .text, .indicators: break
        }
        self.init(task: ref, type: task.type, prompt: task.prompt, points: task.points, options: options, multiple: multiple, unit: unit,
                  rubric: rubric, with: with, hintCosts: task.hints.map(\.cost), attempts: task.attempts, penalty: task.penalty,
                  dueAt: dueAt, closesAt: closesAt, floor: task.floor)
    }
}
