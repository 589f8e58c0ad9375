import Foundation
import Testing

/// Participant text cannot drive anybody's terminal: a team's message, RFI, a note and team names
/// from a roster, all full of ESC, BEL and C1 sequences, reach `join` in line mode (the other
/// team's and the white cell's), `replay`'s table and `report`'s CSV and Markdown without a single
/// control character, yet readable.
@Suite("Participant text loses its control characters on every text output", .serialized,
       .enabled(if: TmuxSession.available, "tmux is not installed"))
struct ParticipantTextTests {
    static let esc = "\u{1B}"
    static let bel = "\u{07}"
    static let csi = "\u{9B}"

    /// The bytes a terminal would act on: C0 other than line feed, carriage return and tab; DEL;
    /// and C1 (U+0080–U+009F).
    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { v in (v < 0x20 && v != 0x0A && v != 0x0D && v != 0x09) || (0x7F...0x9F).contains(v) }
    }

    @Test func messagesRFIsNotesAndRosterNamesReachEveryTextOutputWithoutControls() throws {
        let dir = try CLI.temporaryDirectory()
        try ConsoleEndToEndTests.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let roster = "id,name,country\nred,Red\(Self.esc)]0;owned\(Self.bel) Team,XA\nblue,=HYPERLINK(\"http://evil.example\"),XB\n"
        try roster.write(to: dir.appendingPathComponent("teams.csv"), atomically: true, encoding: .utf8)
        let serve = try TmuxSession([CLI.binary.path, "serve", "e2e.yaml", "--journal", "e2e.journal", "--roster", "teams.csv",
                                     "--listen", "127.0.0.1:0", "--headless"], width: 200, directory: dir)
        defer { serve.close() }
        guard let screen = serve.wait(for: "listening on port", timeout: 30),
              let line = screen.split(separator: "\n").first(where: { $0.contains("listening on port") }),
              let port = line.split(separator: " ").last.flatMap({ Int($0) }) else { return }
        let url = "ws://127.0.0.1:\(port)/ws"
        let tokens = try ConsoleEndToEndTests.tokens(in: dir)
        func token(_ role: String, _ id: String? = nil) throws -> String {
            try #require(tokens.first { $0["role"] as? String == role && (id == nil || $0["id"] as? String == id) }?["token"] as? String)
        }
        try ConsoleEndToEndTests.start(url, whiteCell: try token("facilitator"), in: dir)

        let red = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "red"), commands: """
            msg blue \(Self.esc)]0;pwned\(Self.bel)hello \(Self.esc)[2J\(Self.csi)31mBlue
            rfi which \(Self.esc)[5mshift\(Self.esc)[0m?

            """, in: dir)
        #expect(red.contains("ok: msg") && red.contains("ok: rfi"), "red's join:\n\(red)")
        let blue = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "blue"), commands: "ping\n", in: dir)
        #expect(blue.contains("]0;pwnedhello [2J31mBlue"), "blue's join shows the text, defused:\n\(blue)")
        let whiteCell = try ConsoleEndToEndTests.lineJoin(url, token: try token("facilitator"), commands: """
            answer-rfi M2 the night\(Self.esc)[8m shift
            note improvement \(Self.esc)]2;note title\(Self.bel)Escalation was slow
            end

            """, in: dir)
        #expect(whiteCell.contains("ok: note"), "white cell's join:\n\(whiteCell)")
        #expect(whiteCell.contains("which [5mshift[0m?"), "the RFI reaches the white cell, defused:\n\(whiteCell)")
        for (who, output) in [("red", red), ("blue", blue), ("white cell", whiteCell)] {
            #expect(Self.controls(output).isEmpty, "\(who)'s join printed controls \(Self.controls(output)):\n\(output)")
        }

        let journal = dir.appendingPathComponent("e2e.journal").path
        let replay = try CLI.run(["replay", journal])
        #expect(replay.status == 0, "\(replay.err)")
        #expect(replay.out.contains("Red]0;owned Team"), "the roster name, defused, in replay's table:\n\(replay.out)")
        #expect(Self.controls(replay.out).isEmpty, "replay printed controls:\n\(replay.out)")

        let reports = dir.appendingPathComponent("reports").path
        let report = try CLI.run(["report", journal, "--out", reports, "--format", "csv", "--format", "md", "--force"])
        #expect(report.status == 0, "\(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: reports).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".md") }
        #expect(files.count == 2, "\(files)")
        for name in files {
            let text = try String(contentsOfFile: reports + "/" + name, encoding: .utf8)
            #expect(Self.controls(text).isEmpty, "\(name) holds controls \(Self.controls(text))")
            #expect(text.contains("0;owned Team"), "\(name) names the team, defused")
            if name.hasSuffix(".csv") {
                // A roster name a spreadsheet would run as a formula is defused with a leading '.
                #expect(text.contains("'=HYPERLINK"), "\(text)")
                #expect(!text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"), "\(text)")
            } else {
                #expect(text.contains("Escalation was slow"), "the note reaches the Markdown report")
            }
        }
    }
}
