import DrillClient
import DrillCore
import DrillText
import DrillWire
import Foundation

/// Prints what a joined client receives: readable text, or one JSON message per line.
final class JoinConsole: @unchecked Sendable {
    private let format: CyberDrill.Join.Format
    private let lock = NSLock()
    /// Tasks seen in injects, to know which answers take several values.
    private var tasks: [TaskRef: TaskBrief] = [:]

    init(format: CyberDrill.Join.Format) {
        self.format = format
    }

    /// Multiple-choice and indicator answers are typed comma-separated.
    func splitsValues(of ref: TaskRef) -> Bool {
        lock.withLock {
            guard let task = tasks[ref] else { return false }
            return task.type == .indicators || task.multiple == true
        }
    }

    func note(_ text: String) {
        guard format == .text else { return }
        out(text)
    }

    func show(_ event: ClientEvent) {
        if case .message(let frame) = event, case .inject(let inject) = frame.message {
            lock.withLock { for t in inject.tasks { tasks[t.task] = t } }
        }
        switch format {
        case .json: showJSON(event)
        case .text: out(text(event))
        }
    }

    /// Writes whole lines straight to standard output, so that each reaches a pipe at once.
    /// Participant text is in them (messages, RFIs, answers, notes, team names): its control
    /// characters are dropped (`SafeText`), so nobody can drive the reader's terminal.
    ///
    /// Not `print` + `fflush(nil)`: flushing every stream waits for the lock of standard input,
    /// which the reading thread holds while it waits for a line, so the feed froze until Enter.
    private func out(_ text: String) {
        guard !text.isEmpty else { return }
        let safe = SafeText.text(text)
        lock.withLock { StandardOutput.write(safe + "\n") }
    }

    private func showJSON(_ event: ClientEvent) {
        switch event {
        case .message(let frame):
            if let data = try? WireCoding.encode(frame) { out(String(decoding: data, as: UTF8.self)) }
        case .connected(let welcome):
            if let data = try? WireCoding.encode(ServerFrame(.welcome(welcome))) { out(String(decoding: data, as: UTF8.self)) }
        case .stopped(let reason):
            Console.error(SafeText.line(Words.t(.cliJoinStopped, ["reason": reason.description])))
        case .disconnected(let reason, let retry):
            Console.error(Words.t(.cliJoinDisconnected, ["reason": SafeText.line(reason), "seconds": retry]))
        case .connecting, .caughtUp:
            break
        }
    }

    private func text(_ event: ClientEvent) -> String {
        switch event {
        case .connecting(let attempt):
            return attempt == 1 ? "" : "connecting (attempt \(attempt))…"
        case .connected(let w):
            let who = w.team.map { "team \($0.id) (\($0.name))" } ?? "\(w.role.rawValue) \(w.name)"
            return "connected as \(who) to “\(w.scenario.title)”: \(clock(w.clock))"
                + (w.resumeFrom > 0 ? "; resuming after message \(w.resumeFrom)" : "")
        case .caughtUp(let seq):
            return seq > 0 ? "(up to date: \(seq) messages)" : ""
        case .disconnected(let reason, let retry):
            return Words.t(.cliJoinDisconnected, ["reason": reason, "seconds": retry])
        case .stopped(let reason):
            return Words.t(.cliJoinStopped, ["reason": reason.description])
        case .message(let frame):
            return text(frame.message)
        }
    }

    private func clock(_ c: ClockStatus) -> String {
        "\(c.phase.rawValue) at \(DurationText.clock(c.exerciseTime)) ×\(c.speed.clean)"
    }

    private func text(_ message: ServerMessage) -> String {
        switch message {
        case .welcome, .pong, .ok, .artifact, .unknown:
            return ""
        case .error(let e):
            return "! \(e.code): \(e.message)"
        case .clock:
            return ""
        case .presence(let p):
            let online = p.teams.filter { $0.members > 0 }.map { "\($0.team) (\($0.members))" }
            let offline = p.teams.filter { $0.members == 0 }.map { t in
                let why = t.droppedAt.map { " (dropped at \(DurationText.clock($0)))" } ?? (t.seen ? "" : " (never connected)")
                return t.team + why
            }
            return "· connected: " + (online.isEmpty ? "no team" : online.joined(separator: ", "))
                + (offline.isEmpty ? "" : "; not connected: " + offline.joined(separator: ", "))
        case .phase(let p):
            return "== exercise \(p.event) (\(p.phase.rawValue) at \(DurationText.clock(p.exerciseTime)) ×\(p.speed.clean))"
        case .inject(let i):
            var lines = ["", "━━ \(i.inject) · \(i.channel.rawValue) · \(i.title)" + (i.tlp.map { " · TLP:\($0.rawValue.uppercased())" } ?? "")]
            if !i.from.isEmpty { lines.append("From: \(i.from)") }
            lines.append("Released at \(DurationText.clock(i.releasedAt))")
            if !i.body.isEmpty { lines.append(""); lines.append(i.body.trimmingCharacters(in: .newlines)) }
            for a in i.artifacts { lines.append("[artifact] \(a.name)\(a.description.isEmpty ? "" : ": \(a.description)")") }
            for t in i.tasks {
                var line = "  task \(t.task) (\(t.type.rawValue), \(t.points.clean) pts, due \(DurationText.clock(t.dueAt))): \(t.prompt)"
                if let options = t.options { line += "\n      options: \(options.joined(separator: " | "))\(t.multiple == true ? " (several, comma-separated)" : "")" }
                if let unit = t.unit { line += " [\(unit)]" }
                if let with = t.with { line += "\n      message: \(with.joined(separator: ", "))" }
                if !t.hintCosts.isEmpty { line += "\n      hints: \(t.hintCosts.enumerated().map { "\($0.offset + 1) (−\($0.element.clean))" }.joined(separator: ", "))" }
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        case .ack(let a):
            return "✓ \(a.task) recorded: \(score(a.score))"
        case .answer(let a):
            return "· \(a.team) answered \(a.task)\(a.values.map { ": \($0.joined(separator: ", "))" } ?? ""): \(score(a.score))"
        // live17
        case .composed(let c):
            return "· live inject \(c.inject.id) composed: \(c.inject.title) (\(c.inject.tasks.count) task\(c.inject.tasks.count == 1 ? "" : "s"))"
        case .released(let r):
            return "· \(r.inject) released to \(r.teams.joined(separator: ", "))\(r.manual ? " (by hand)" : "")"
        case .held(let h):
            return "· \(h.inject) held"
        case .team(let t):
            return "· team \(t.id) (\(t.name)) registered"
        case .read(let r):
            return "· \(r.team) read \(r.inject)"
        case .hint(let h):
            return "? hint \(h.hint + 1) for \(h.task)\(h.text.map { ": \($0)" } ?? "")\(h.cost.map { " (−\($0.clean))" } ?? "")"
        case .graded(let g):
            return "✎ \(g.team) \(g.task) graded\(g.grade.map { " \($0.clean)" } ?? "")\(g.via.map { " (\($0.rawValue))" } ?? "")"
                + "\(g.by.map { " by \($0)" } ?? "")\(g.score.map { ": \(score($0))" } ?? "")\(g.comment.isEmpty ? "" : " — \(g.comment)")"
        // grade17
        case .feedbackForm(let f):
            var lines = ["", "━━ Feedback (hot wash): answer with  feedback ID=VALUE | ID=VALUE …"]
            for q in f.questions {
                switch q.type {
                case .scale: lines.append("  \(q.id) (1–5): \(q.prompt)")
                case .choice: lines.append("  \(q.id) (\(q.options.joined(separator: " | "))): \(q.prompt)")
                case .text: lines.append("  \(q.id) (text): \(q.prompt)")
                }
            }
            return lines.joined(separator: "\n")
        case .feedbackAnswer(let a):
            return "✎ feedback from \(a.team) (\(a.member)): " + a.answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        case .reopened(let r):
            return "↺ \(r.team) \(r.task) reopened, due in \(DurationText.format(r.window))\(r.by.map { " by \($0)" } ?? "")"
                + "\(r.score.map { ": \(score($0))" } ?? "") — \(r.reason)"
        case .deadline(let d):
            return "⏱ \(d.task) deadline +\(DurationText.format(d.by))\(d.team.map { " for \($0)" } ?? "")"
        case .message(let m):
            return "✉ \(m.kind == .rfi ? "RFI " : "")\(m.id) \(m.from) → \(m.to): \(m.text)"
        case .rfiAnswer(let r):
            return "✉ answer to \(r.rfi) (“\(r.question)”): \(r.text)"
        case .note(let n):
            let about = [n.kind?.rawValue, n.team, n.inject, n.objective, n.capability].compactMap { $0 }
            let plan = [n.action.map { "action: \($0)" }, n.owner.map { "owner: \($0)" }, n.due.map { "due: \($0)" }].compactMap { $0 }
            return "✎ note by \(n.by)\(about.isEmpty ? "" : " [\(about.joined(separator: ", "))]"): \(n.text)"
                + (plan.isEmpty ? "" : " (\(plan.joined(separator: "; ")))")
        case .scoreboard(let v):
            var lines = ["score: " + (v.points.map { "\($0.clean) points" + (v.percentOfAvailable.map { String(format: " (%.0f %% of available)", $0) } ?? "") } ?? "hidden until the end")]
            if let rank = v.rank { lines[0] += ", rank \(rank)" }
            for t in v.tasks { lines.append("  \(t.task): \(score(t))") }
            if let standings = v.standings { lines.append("standings: " + standings.map { "\($0.rank). \($0.name) \($0.points.clean)" }.joined(separator: " · ")) }
            return lines.joined(separator: "\n")
        case .standings(let s):
            return "standings: " + s.teams.map { "\($0.rank). \($0.team) \($0.points.clean)" }.joined(separator: " · ")
        case .status(let s):
            return "MSEL at \(DurationText.clock(s.exerciseTime)):\n" + s.injects.map { i in
                var counts: [String: Int] = [:]
                for t in i.teams { counts[t.status, default: 0] += 1 }
                return "  \(i.inject) \(i.title)\(i.held ? " [held]" : ""): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            }.joined(separator: "\n")
        case .scenario(let s):
            return "scenario \(s.id) (\(s.source.count) characters, sha256 \(s.digest.prefix(12))…)"
        case .scorecard(let c):
            return "scores at \(DurationText.clock(c.exerciseTime)):\n" + c.teams.map { "  \($0.rank). \($0.team) \($0.points.clean) / \($0.availablePoints.clean)" }.joined(separator: "\n")
        }
    }

    private func score(_ s: TeamTaskView) -> String {
        "\(s.reason)" + (s.points.map { " — \($0.clean)/\(s.maxPoints.clean) points" } ?? "")
    }
}
