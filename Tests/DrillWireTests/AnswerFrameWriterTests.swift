import DrillCore
import DrillWire
import Foundation
import Testing

/// The hand-written `ack` and `answer` frames must read, with `JSONDecoder`, exactly as the
/// `JSONEncoder` ones do: clients decode both the same way.
@Suite("Hand-written ack and answer frames decode as JSONEncoder's do")
struct AnswerFrameWriterTests {
    static let awkward = [
        "", "plain", "say \"hi\" \\ back\\", "line\nbreak\r\ttab", "bell\u{07} nul\u{00} esc\u{1B}[31m us\u{1F} del\u{7F}",
        "Äbçdé ñ 中文 العربية русский", "emoji 🚨🔥👩🏽‍💻 flag 🇫🇷", "slash / and </script>", "\u{2028}\u{2029}", "203.0.113.66",
    ]

    static func view(_ json: String) throws -> TeamTaskView {
        try JSONDecoder().decode(TeamTaskView.self, from: Data(json.utf8))
    }

    static func scores() throws -> [TeamTaskView] {
        [
            // Pending, hidden points, no why.
            try view(#"{"task":"I01.c2","outcome":"pending","isFinal":false,"maxPoints":10,"reason":"answered, waiting","wrongAttempts":0,"hintsTaken":0}"#),
            // Every optional field, fractional figures, a why with hints, costs, coordination and via.
            try view(#"""
                {"task":"I-07.t_3","outcome":"partial","isFinal":true,"decidedAt":3600000,"points":6.666666666666667,"maxPoints":12.5,
                 "reason":"partial (2 of 3 teams told), 6 min late (×0.83), hint 1 (−0.1)","why":{"outcome":"partial","isFinal":true,
                 "credit":0.3333333333333333,"wrong":2,"falseItems":1,"answeredAt":3600000,"dueAt":3240000,"hintCount":2,"attempts":5,
                 "penalty":1e-05,"factor":0.83,"hints":[0,2],"hintCosts":[0.1,3,1e+20],"teamsTold":2,"teamsToTell":3,"figures":true,
                 "via":"videoCall"},"wrongAttempts":2,"hintsTaken":2,"releasedAt":0,"answeredAt":3600000,"dueAt":3240000,
                 "closesAt":9007199254740993}
                """#),
            // Without figures, negative and large numbers.
            try view(#"""
                {"task":"I01.c2","outcome":"wrong","isFinal":true,"decidedAt":-5,"points":-4,"maxPoints":0,"reason":"wrong \"x\"\n",
                 "why":{"outcome":"wrong","isFinal":true,"credit":0,"wrong":0,"falseItems":0,"hintCount":0,"penalty":0,"factor":1,
                 "hints":[],"hintCosts":[],"figures":false},"wrongAttempts":3,"hintsTaken":0,"releasedAt":9223372036854775807}
                """#),
        ]
    }

    static func frames() throws -> [ServerFrame] {
        var frames: [ServerFrame] = []
        let scores = try scores()
        for (k, text) in awkward.enumerated() {
            let score = scores[k % scores.count]
            var withText = score
            withText.reason = text
            let notice = AnswerNotice(team: "cirt-\(text)", submission: text, task: TaskRef(inject: "I\(k)", task: "c\(k)"),
                                      values: [text, "second", text + text], at: Millis(k) * 60_000, score: withText)
            var blind = notice
            blind.values = nil
            var empty = notice
            empty.values = []
            frames += [
                ServerFrame(.ack(notice), seq: k + 1), ServerFrame(.answer(notice), seq: 1_000_000 + k),
                ServerFrame(.answer(blind), seq: k), ServerFrame(.ack(empty), seq: nil, ref: text), ServerFrame(.answer(notice), ref: "r\(k)"),
            ]
        }
        return frames
    }

    @Test func everyAckAndAnswerDecodesAsTheEncodersDoes() throws {
        let frames = try Self.frames()
        #expect(frames.count == Self.awkward.count * 5)
        for frame in frames {
            let written = try #require(AnswerFrameWriter.encode(frame))
            try Self.expectSameAsEncoder(frame, written)
        }
    }

    /// What the writer wrote reads back as the frame, as `JSONEncoder`'s text does, and is the
    /// same JSON object, field for field (no stray or missing key).
    static func expectSameAsEncoder(_ frame: ServerFrame, _ written: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fromWriter = try WireCoding.decodeServer(Data(written))
        let encoded = try WireCoding.encode(frame)
        let fromEncoder = try WireCoding.decodeServer(encoded)
        #expect(fromWriter == fromEncoder, "\(String(decoding: written, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(fromWriter == frame, sourceLocation: sourceLocation)
        let a = try JSONSerialization.jsonObject(with: Data(written)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
        #expect(a != nil && a == b, "\(String(decoding: written, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    /// `ok`, the reply to every submission (and to the white cell's commands), bare or with its
    /// submission id and `duplicate`.
    @Test func everyOkDecodesAsTheEncodersDoes() throws {
        var frames: [ServerFrame] = [ServerFrame(.ok(Done())), ServerFrame(.ok(Done()), ref: "r1"), ServerFrame(.ok(Done(duplicate: false)), seq: 3)]
        for text in Self.awkward {
            frames += [
                ServerFrame(.ok(Done(submission: text)), ref: text),
                ServerFrame(.ok(Done(submission: text, duplicate: true)), ref: "r-\(text)"),
                ServerFrame(.ok(Done(submission: text, duplicate: true))),
            ]
        }
        for frame in frames {
            let written = try #require(AnswerFrameWriter.encode(frame), "ok is written by hand")
            #expect(!written.contains { $0 < 0x20 }, "a raw control byte in the JSON text")
            try Self.expectSameAsEncoder(frame, written)
        }
    }

    @Test func controlCharactersNeverLeaveRaw() throws {
        let frame = try #require(try Self.frames().first { $0.ref == Self.awkward[4] })
        let written = try #require(AnswerFrameWriter.encode(frame))
        #expect(!written.contains { $0 < 0x20 }, "a raw control byte in the JSON text")
    }

    @Test func otherMessagesAndNonFiniteNumbersAreLeftToTheEncoder() throws {
        #expect(AnswerFrameWriter.encode(ServerFrame(.pong)) == nil)
        #expect(AnswerFrameWriter.encode(ServerFrame(.error(WireError(.forbidden, "no")))) == nil)
        var score = try Self.scores()[1]
        score.points = .nan
        let notice = AnswerNotice(team: "a", submission: "s", task: TaskRef(inject: "I1", task: "t"), values: nil, at: 0, score: score)
        #expect(AnswerFrameWriter.encode(ServerFrame(.ack(notice), seq: 1)) == nil)
        score.points = 1
        score.maxPoints = .infinity
        #expect(AnswerFrameWriter.encode(ServerFrame(.answer(AnswerNotice(team: "a", submission: "s", task: TaskRef(inject: "I1", task: "t"),
                                                                          values: nil, at: 0, score: score)), seq: 1)) == nil)
    }

    static func teamViews() throws -> [TeamView] {
        let tasks = try scores()
        var views: [TeamView] = []
        for (k, text) in awkward.enumerated() {
            // Under `hidden`: no figures at all, no tasks.
            views.append(TeamView(team: text, name: text, scoreboard: .hidden, phase: .running, exerciseTime: Millis(k),
                                  showsPoints: false, tasks: [], outcomes: OutcomeCounts()))
            // Under `own`: the team's figures, every edge of a number.
            var withText = tasks
            withText[k % tasks.count].reason = text
            views.append(TeamView(team: "cirt-\(k)", name: text, scoreboard: .own, phase: [.notStarted, .paused, .ended][k % 3],
                                  exerciseTime: [0, -1, Millis.max, 3_600_000][k % 4], showsPoints: true, tasks: withText,
                                  outcomes: OutcomeCounts(pending: 1, correct: Int.max, partial: 0, wrong: 3, missed: k),
                                  points: 6.666666666666667, availablePoints: 0, totalPoints: 1e20,
                                  percentOfAvailable: [0.1, 1e-05, -0.0, 100][k % 4], percentOfTotal: 33.33333333333333))
            // Under `live`: rank and every team's standing, names with the awkward text.
            views.append(TeamView(team: "a", name: "Alpha", scoreboard: .live, phase: .ended, exerciseTime: 60_000, showsPoints: true,
                                  tasks: [tasks[1]], outcomes: OutcomeCounts(correct: 1), points: 10, availablePoints: 10, totalPoints: 12.5,
                                  percentOfAvailable: 100, percentOfTotal: 80, rank: k + 1,
                                  standings: [Standing(rank: 1, team: "a", name: "Alpha", points: 10),
                                              Standing(rank: 2, team: text, name: text, points: -0.5),
                                              Standing(rank: Int.max, team: "z", name: "", points: 1e-300)]))
        }
        // `live` with nobody yet.
        views.append(TeamView(team: "a", name: "A", scoreboard: .live, phase: .notStarted, exerciseTime: 0, showsPoints: true,
                              tasks: [], outcomes: OutcomeCounts(), points: 0, rank: 1, standings: []))
        return views
    }

    @Test func everyScoreboardDecodesAsTheEncodersDoes() throws {
        let views = try Self.teamViews()
        #expect(views.count == Self.awkward.count * 3 + 1)
        for (k, view) in views.enumerated() {
            for frame in [ServerFrame(.scoreboard(view)), ServerFrame(.scoreboard(view), ref: Self.awkward[k % Self.awkward.count]),
                          ServerFrame(.scoreboard(view), seq: k)] {
                let written = try #require(AnswerFrameWriter.encode(frame), "scoreboard is written by hand")
                #expect(!written.contains { $0 < 0x20 }, "a raw control byte in the JSON text")
                try Self.expectSameAsEncoder(frame, written)
            }
        }
    }

    @Test func aScoreboardWithANonFiniteFigureIsLeftToTheEncoder() throws {
        var view = try #require(try Self.teamViews().last)
        view.points = .infinity
        #expect(AnswerFrameWriter.encode(ServerFrame(.scoreboard(view))) == nil)
        view.points = 1
        view.standings = [Standing(rank: 1, team: "a", name: "A", points: .nan)]
        #expect(AnswerFrameWriter.encode(ServerFrame(.scoreboard(view))) == nil)
    }
}
