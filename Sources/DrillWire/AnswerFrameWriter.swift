import DrillCore

/// Writes `ack` and `answer` frames (and `ok`, a submission's reply, and `scoreboard`, which every
/// team is pushed after its answers are scored) as JSON by hand. Every answer
/// makes three feed frames (the team's ack, the white cell's and the observers' answer) and
/// `JSONEncoder` spent a quarter of the server's time on them under load; this writer produces
/// text that `JSONDecoder` reads to the same `ServerFrame` (field order and number spelling may
/// differ from `JSONEncoder`'s, the values do not). Returns nil for every other message, and for a
/// non-finite number (which `JSONEncoder` refuses too), so that callers fall back to
/// `WireCoding.encode`.
public enum AnswerFrameWriter {
    public static func encode(_ frame: ServerFrame) -> [UInt8]? {
        let notice: AnswerNotice
        switch frame.message {
        case .ack(let n), .answer(let n): notice = n
        case .ok(let done): return encode(done, frame)
        case .scoreboard(let view): return encode(view, frame)
        default: return nil
        }
        let w = envelope(frame, capacity: 512) { w in
            w.field("team"); w.string(notice.team)
            w.field("submission"); w.string(notice.submission)
            w.field("task"); w.string(notice.task.description)
            if let values = notice.values {
                w.field("values"); w.array(values) { w, v in w.string(v) }
            }
            w.field("at"); w.int(notice.at)
            w.field("score"); write(notice.score, to: &w)
        }
        return w.failed ? nil : w.bytes
    }

    /// `ok`: a submission's reply (its id, and `duplicate` for a retry), or a bare `ok`.
    static func encode(_ done: Done, _ frame: ServerFrame) -> [UInt8] {
        envelope(frame, capacity: 96) { w in
            if let v = done.submission { w.field("submission"); w.string(v) }
            if let v = done.duplicate { w.field("duplicate"); w.bool(v) }
        }.bytes
    }

    /// `scoreboard`: a team's own scores (`TeamView`); nil for a non-finite figure.
    static func encode(_ view: TeamView, _ frame: ServerFrame) -> [UInt8]? {
        let w = envelope(frame, capacity: 256 + 384 * view.tasks.count + 64 * (view.standings?.count ?? 0)) { w in
            w.field("team"); w.string(view.team)
            w.field("name"); w.string(view.name)
            w.field("scoreboard"); w.string(view.scoreboard.rawValue)
            w.field("phase"); w.string(view.phase.rawValue)
            w.field("exerciseTime"); w.int(view.exerciseTime)
            w.field("showsPoints"); w.bool(view.showsPoints)
            w.field("tasks"); w.array(view.tasks) { w, task in write(task, to: &w) }
            let o = view.outcomes
            w.field("outcomes"); w.open()
            w.field("pending"); w.int(Int64(o.pending))
            w.field("correct"); w.int(Int64(o.correct))
            w.field("partial"); w.int(Int64(o.partial))
            w.field("wrong"); w.int(Int64(o.wrong))
            w.field("missed"); w.int(Int64(o.missed))
            w.close()
            if let v = view.points { w.field("points"); w.double(v) }
            if let v = view.availablePoints { w.field("availablePoints"); w.double(v) }
            if let v = view.totalPoints { w.field("totalPoints"); w.double(v) }
            if let v = view.percentOfAvailable { w.field("percentOfAvailable"); w.double(v) }
            if let v = view.percentOfTotal { w.field("percentOfTotal"); w.double(v) }
            if let v = view.rank { w.field("rank"); w.int(Int64(v)) }
            if let standings = view.standings {
                w.field("standings")
                w.array(standings) { w, s in
                    w.open()
                    w.field("rank"); w.int(Int64(s.rank))
                    w.field("team"); w.string(s.team)
                    w.field("name"); w.string(s.name)
                    w.field("points"); w.double(s.points)
                    w.close()
                }
            }
        }
        return w.failed ? nil : w.bytes
    }

    /// A frame's object: `v`, `type`, `seq` and `ref` as every frame carries them, then `body`.
    static func envelope(_ frame: ServerFrame, capacity: Int, _ body: (inout JSONWriter) -> Void) -> JSONWriter {
        var w = JSONWriter(capacity: capacity)
        w.open()
        w.field("v"); w.int(Int64(Wire.version))
        w.field("type"); w.string(frame.message.type)
        if let seq = frame.seq { w.field("seq"); w.int(Int64(seq)) }
        if let ref = frame.ref { w.field("ref"); w.string(ref) }
        body(&w)
        w.close()
        return w
    }

    static func write(_ s: TeamTaskView, to w: inout JSONWriter) {
        w.open()
        w.field("task"); w.string(s.task.description)
        w.field("outcome"); w.string(s.outcome.rawValue)
        w.field("isFinal"); w.bool(s.isFinal)
        if let v = s.decidedAt { w.field("decidedAt"); w.int(v) }
        if let v = s.points { w.field("points"); w.double(v) }
        w.field("maxPoints"); w.double(s.maxPoints)
        w.field("reason"); w.string(s.reason)
        if let why = s.why { w.field("why"); write(why, to: &w) }
        w.field("wrongAttempts"); w.int(Int64(s.wrongAttempts))
        w.field("hintsTaken"); w.int(Int64(s.hintsTaken))
        if let v = s.releasedAt { w.field("releasedAt"); w.int(v) }
        if let v = s.answeredAt { w.field("answeredAt"); w.int(v) }
        if let v = s.dueAt { w.field("dueAt"); w.int(v) }
        if let v = s.closesAt { w.field("closesAt"); w.int(v) }
        w.close()
    }

    static func write(_ r: ScoreReason, to w: inout JSONWriter) {
        w.open()
        w.field("outcome"); w.string(r.outcome.rawValue)
        w.field("isFinal"); w.bool(r.isFinal)
        w.field("credit"); w.double(r.credit)
        w.field("wrong"); w.int(Int64(r.wrong))
        w.field("falseItems"); w.int(Int64(r.falseItems))
        if let v = r.answeredAt { w.field("answeredAt"); w.int(v) }
        if let v = r.dueAt { w.field("dueAt"); w.int(v) }
        w.field("hintCount"); w.int(Int64(r.hintCount))
        if let v = r.attempts { w.field("attempts"); w.int(Int64(v)) }
        w.field("penalty"); w.double(r.penalty)
        w.field("factor"); w.double(r.factor)
        w.field("hints"); w.array(r.hints) { w, h in w.int(Int64(h)) }
        w.field("hintCosts"); w.array(r.hintCosts) { w, c in w.double(c) }
        if let v = r.teamsTold { w.field("teamsTold"); w.int(Int64(v)) }
        if let v = r.teamsToTell { w.field("teamsToTell"); w.int(Int64(v)) }
        w.field("figures"); w.bool(r.figures)
        if let v = r.via { w.field("via"); w.string(v.rawValue) }
        w.close()
    }
}
