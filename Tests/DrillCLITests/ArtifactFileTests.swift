@testable import DrillCLI
import DrillCore
import DrillJournal
import DrillText
import DrillWire
import Foundation
import Testing

@Suite("Artifact files on the edge: local texts, safe names, download notices")
struct ArtifactFileTests {
    @Test("run shows a text artifact, and for a binary one its size, SHA-256 and path; a link out of the folder is not read")
    func localTexts() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("root:x:0:0\n".utf8).write(to: outside.appendingPathComponent("passwd"))
        try Data("line one\nline two ✓\n".utf8).write(to: dir.appendingPathComponent("notes.log"))
        let dump = Data([0, 1, 2, 0, 255, 0])
        try dump.write(to: dir.appendingPathComponent("dump.bin"))
        // A text file that is not text: shown as a binary one.
        try Data([0x41, 0, 0x42]).write(to: dir.appendingPathComponent("odd.txt"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.log").path,
                                                   withDestinationPath: outside.appendingPathComponent("passwd").path)
        let scenario = Scenario(id: "t", title: "T", duration: 60_000, injects: [
            Inject(id: "I1", trigger: .at(0), title: "One", channel: .email, artifacts: [Artifact(name: "notes.log", path: "notes.log"), Artifact(name: "dump.bin", path: "dump.bin"),
                                                       Artifact(name: "odd.txt", path: "odd.txt"), Artifact(name: "link.log", path: "link.log")]),
        ])
        let texts = ArtifactTexts(scenario: scenario, directory: dir.path)
        #expect(texts.text(inject: "I1", artifact: "notes.log") == "line one\nline two ✓\n")
        let binary = try #require(texts.text(inject: "I1", artifact: "dump.bin"))
        #expect(binary.contains("SHA-256 \(ArtifactCatalog.sha256(dump))"))
        #expect(binary.contains("6 bytes"))
        #expect(binary.contains("dump.bin"))
        #expect(texts.text(inject: "I1", artifact: "odd.txt")?.contains("SHA-256") == true)
        #expect(texts.text(inject: "I1", artifact: "link.log") == nil)
    }

    @Test("saved names never leave the folder")
    func safeNames() {
        #expect(ArtifactSaver.safeName("capture.pcap") == "capture.pcap")
        #expect(ArtifactSaver.safeName("../../etc/passwd") == "_._.._etc_passwd")
        #expect(ArtifactSaver.safeName("..") == "_")
        #expect(ArtifactSaver.safeName(".") == "_")
        #expect(ArtifactSaver.safeName("") == "_")
        #expect(ArtifactSaver.safeName("a\u{1B}[2Jb\nc") == "a_[2Jb_c")
        #expect(ArtifactSaver.safeName(#"C:\x?.txt"#) == "C__x_.txt")
        #expect(!ArtifactSaver.safeName(String(repeating: "é", count: 300)).contains("/"))
        #expect(ArtifactSaver.safeName(String(repeating: "é", count: 300)).utf8.count <= 200)
    }

    @Test("a binary artifact's notice gives the real address, the token as $TOKEN, and join --artifacts")
    func notice() throws {
        let server = try #require(ArtifactNotice.Server(webSocket: "wss://drill.example:8443/ws"))
        #expect(server.http == "https://drill.example:8443")
        let info = ArtifactInfo(name: "beacon capture.pcap", description: "tcpdump", size: 3_000_000, sha256: String(repeating: "ab", count: 32),
                                mediaType: "application/vnd.tcpdump.pcap")
        let text = ArtifactNotice.remote(info, inject: "I01", server: server)
        #expect(text.contains("curl -fo 'beacon capture.pcap' -H \"Authorization: Bearer $TOKEN\""))
        #expect(text.contains("https://drill.example:8443/artifacts/I01/beacon%20capture.pcap"))
        #expect(text.contains("cyberdrill join wss://drill.example:8443/ws --token \"$TOKEN\" --artifacts DIR"))
        #expect(text.contains("SHA-256 " + String(repeating: "ab", count: 32)))
        #expect(text.contains("2.9 MiB"))
        #expect(ArtifactNotice.shellQuoted("it's") == #"'it'\''s'"#)
    }

    @Test("artifact notices and queued answers' reasons in the team console's language: the commands stay, no English is left",
          arguments: [Language.fr, .es, .ru, .zh, .ar])
    func noticeInLanguage(_ language: Language) throws {
        let t = Texts(language)
        let server = try #require(ArtifactNotice.Server(webSocket: "wss://drill.example:8443/ws"))
        let info = ArtifactInfo(name: "capture.pcap", description: "tcpdump", size: 3_000_000, sha256: String(repeating: "ab", count: 32),
                                mediaType: "application/vnd.tcpdump.pcap")
        let remote = ArtifactNotice.remote(info, inject: "I01", server: server, texts: t)
        let texts = [remote, ArtifactNotice.remote(info, inject: "I01", server: nil, texts: t),
                     ArtifactNotice.local(info, path: "/tmp/capture.pcap", texts: t), ArtifactNotice.fetching(info, texts: t)]
        for text in texts {
            for english in ["Download it", "or have every", "Check it", "Ask the white cell", "This file is not text", "fetching", "close this view"] {
                #expect(!text.contains(english), "\(language): '\(english)' in\n\(text)")
            }
        }
        #expect(remote.contains("cyberdrill join wss://drill.example:8443/ws --token \"$TOKEN\" --artifacts DIR"))
        #expect(remote.contains(t(.artifactCheck, ["file": ArtifactNotice.shellQuoted("capture.pcap"), "sha": String(repeating: "ab", count: 32)])))
        for key in [Msg.queueWaitingServer, .queueWhenConnected, .queueWhenResumes] { #expect(t(key) != Texts.english(key)) }
    }
}
