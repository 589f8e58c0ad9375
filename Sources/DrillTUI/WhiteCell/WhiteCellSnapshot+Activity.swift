import DrillCore
import DrillText

extension WhiteCellSnapshot {
    /// One line of the activity feed: something that happened, newest first.
    public struct ActivityRow: Sendable, Hashable {
        public var time: Millis
        public var mark: Theme.Mark?
        /// The row in the words of the snapshot's language.
        public var text: String
        /// The message and its arguments, to put the row into another language's words.
        var key: Msg
        var args: [String: ActivityArgument]

        init(time: Millis, mark: Theme.Mark?, key: Msg, args: [String: ActivityArgument], texts: Texts) {
            self.time = time
            self.mark = mark
            self.key = key
            self.args = args
            text = ""
            localize(texts)
        }

        /// Puts the row into `texts`' words.
        mutating func localize(_ texts: Texts) {
            var filled: [String: any TextArgument] = [:]
            for (name, value) in args {
                switch value {
                case .text(let s): filled[name] = s
                case .number(let n): filled[name] = n
                case .party(let key): filled[name] = texts(key)
                }
            }
            text = texts(key, filled)
        }
    }

    /// A value in an activity row: as is, a number (plurals, digits), or a party named by the catalog.
    enum ActivityArgument: Sendable, Hashable {
        case text(String)
        case number(Int)
        case party(Msg)
    }

    /// A party as an activity argument: a team by its name, the white cell and all teams in words.
    static func partyArgument(_ party: Party, _ names: [String: String]) -> ActivityArgument {
        switch party {
        case .team(let id): .text(names[id] ?? id)
        case .whiteCell: .party(.partyWhiteCell)
        case .all: .party(.partyAllTeams)
        }
    }

    /// `white-cell` for `facilitator:white-cell`.
    static func person(_ actor: String) -> String {
        actor.hasPrefix("facilitator:") ? String(actor.dropFirst("facilitator:".count)) : actor
    }

    /// What happened, before it is put into words (only the latest few are).
    private enum Happening {
        case released(inject: Int, teams: Int)
        case answered(team: String, ref: TaskRef, values: [String], credit: Double, isReport: Bool)
        case graded(team: String, ref: TaskRef, score: Double, by: String)
        case message(Message)
        case note(TimedNote)
    }

    /// The latest `limit` things that happened: releases, answers (with how they were judged),
    /// grades, messages and notes, newest first. Everything is collected as plain values and only
    /// the latest are put into words: a big exercise has tens of thousands of answers.
    static func activity(state: ExerciseState, now: Millis, names: [String: String], texts: Texts = .english, limit: Int = 60) -> [ActivityRow] {
        let scenario = state.scenario
        // First only the times, to find how recent a happening must be to be among the latest.
        var times: [Millis] = []
        for id in state.teamOrder {
            guard let team = state.teams[id] else { continue }
            for position in team.releaseOrder { if let t = team.released[position], t <= now { times.append(t) } }
            for progress in team.progress.values {
                for submission in progress.submissions where submission.time <= now { times.append(submission.time) }
                for grade in progress.grades where grade.time <= now { times.append(grade.time) }
            }
        }
        for timed in state.messages where timed.time <= now { times.append(timed.time) }
        for note in state.notes where note.time <= now { times.append(note.time) }
        let threshold: Millis
        if times.count > limit {
            times.sort(by: >)
            threshold = times[limit - 1]
        } else {
            threshold = .min
        }
        let window = threshold...now

        var happenings: [(time: Millis, order: Int, what: Happening)] = []
        var releases: [Millis: [Int: Int]] = [:]
        for id in state.teamOrder {
            guard let team = state.teams[id] else { continue }
            for position in team.releaseOrder {
                if let t = team.released[position], window.contains(t) { releases[t, default: [:]][position, default: 0] += 1 }
            }
            for (ref, progress) in team.progress {
                for submission in progress.submissions where window.contains(submission.time) {
                    let isReport = state.index.task(ref)?.type == .report
                    happenings.append((submission.time, happenings.count,
                                       .answered(team: id, ref: ref, values: submission.values, credit: submission.evaluation.credit, isReport: isReport)))
                }
                for grade in progress.grades where window.contains(grade.time) {
                    happenings.append((grade.time, happenings.count, .graded(team: id, ref: ref, score: grade.score, by: grade.by)))
                }
            }
        }
        for (time, byInject) in releases {
            for (position, count) in byInject { happenings.append((time, happenings.count, .released(inject: position, teams: count))) }
        }
        for timed in state.messages where window.contains(timed.time) { happenings.append((timed.time, happenings.count, .message(timed.message))) }
        for note in state.notes where window.contains(note.time) { happenings.append((note.time, happenings.count, .note(note))) }

        var rows: [ActivityRow] = []
        for (time, _, what) in happenings.sorted(by: { $0.time != $1.time ? $0.time > $1.time : $0.order > $1.order }).prefix(limit * 2) {
            switch what {
            case .released(let position, let count):
                rows.append(ActivityRow(time: time, mark: nil,
                                        key: .activityReleased, args: ["inject": .text(scenario.injects[position].id), "n": .number(count),
                                                                                 "title": .text(scenario.injects[position].title)],
                                        texts: texts))
            case .answered(let team, let ref, let values, let credit, let isReport):
                let name = names[team] ?? team
                let mark: Theme.Mark? = isReport ? nil : credit >= 1 ? .correct : credit > 0 ? .partial : .wrong
                let args: [String: ActivityArgument] = isReport ? ["team": .text(name), "task": .text(ref.description)]
                    : ["team": .text(name), "task": .text(ref.description), "values": .text(values.joined(separator: ", "))]
                rows.append(ActivityRow(time: time, mark: mark, key: isReport ? .activityReport : .activityAnswered, args: args, texts: texts))
            case .graded(let team, let ref, let score, let by):
                rows.append(ActivityRow(time: time, mark: score >= 1 ? .correct : score > 0 ? .partial : .wrong,
                                        key: .activityGraded, args: ["by": .text(person(by)), "team": .text(names[team] ?? team),
                                                                                "task": .text(ref.description), "p": .number(Int((score * 100).rounded()))],
                                        texts: texts))
            case .message(let m):
                let args: [String: ActivityArgument] = ["from": partyArgument(m.from, names), "to": partyArgument(m.to, names), "text": .text(m.text)]
                rows.append(ActivityRow(time: time, mark: nil, key: m.kind == .rfi ? .activityRfi : .activityMessage, args: args, texts: texts))
            case .note(let note):
                rows.append(ActivityRow(time: time, mark: nil, key: .activityNote, args: ["by": .text(person(note.by)), "text": .text(note.note.text)], texts: texts))
            }
        }
        // Same-time rows in a stable, readable order.
        rows.sort { $0.time != $1.time ? $0.time > $1.time : $0.text < $1.text }
        return Array(rows.prefix(limit))
    }
}
