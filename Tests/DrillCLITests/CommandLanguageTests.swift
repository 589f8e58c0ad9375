import Foundation
import Testing

/// The commands' own words (diagnostics, summaries, errors, serve's banner) follow `--lang`, else
/// `LC_ALL`/`LC_MESSAGES`/`LANG`; the machine-readable parts (`path:line:column: error:`, `ok:`,
/// JSON) stay as they are, and English output is what it always was.
@Suite("Commands speak the user's language", .serialized)
struct CommandLanguageTests {
    /// Runs the built binary with exactly `environment` (plus PATH and HOME), as a user whose locale it is.
    static func run(_ arguments: [String], environment: [String: String] = ["LC_ALL": "C"]) throws -> CLI.Result {
        var env = environment
        for name in ["PATH", "HOME", "TMPDIR"] { env[name] = ProcessInfo.processInfo.environment[name] }
        return try CLI.run(command: CLI.binary.path, arguments, environment: env)
    }

    static func brokenScenario() throws -> URL {
        let file = try CLI.temporaryDirectory().appendingPathComponent("broken.yaml")
        try "format: cyberdrill/1\nid: x\ntitle: X\nduration: 1h\ninjects:\n  - { id: I1, at: 2h, title: T, chanel: email }\n".write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A rehearsed exercise's journal, written by `rehearse` in English.
    static func journal() throws -> String {
        let path = try CLI.temporaryDirectory().appendingPathComponent("t.journal").path
        let r = try run(["rehearse", "scenarios/tutorial.yaml", "--journal", path])
        #expect(r.status == 0, "\(r.err)")
        return path
    }

    /// English sentences of the commands and diagnostics that must not survive translation.
    static let english = ["unknown field", "did you mean", "is missing the required field", "is planned at", "after the end of the exercise",
                          "errors", "warning,", "chain head", "gapless", " rows", "events", "teams", "no journal at", "check the path",
                          "the scenario has errors", "ended at seq", "serving on", "Tokens", "Give each team", "stopped"]

    static func expectNoEnglish(_ text: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for phrase in english {
            #expect(!text.contains(phrase), "\(context): English '\(phrase)' in:\n\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func englishOutputIsUnchanged() throws {
        let file = try Self.brokenScenario()
        let v = try Self.run(["validate", file.path])
        #expect(v.status == 1)
        #expect(v.out == [
            "\(file.path):1:1: warning: no teams: give a roster with --roster when you run or serve this scenario",
            "\(file.path):6:5: error: an inject is missing the required field 'channel'",
            "\(file.path):6:19: error: inject I1 is planned at 2h, after the end of the exercise (duration 1h)",
            "\(file.path):6:33: error: unknown field 'chanel' in an inject; did you mean 'channel'?",
            "\(file.path): 3 errors, 1 warning",
        ].joined(separator: "\n") + "\n", "\(v.out)")
        let ok = try Self.run(["validate", "scenarios/tutorial.yaml"])
        #expect(ok.out == "scenarios/tutorial.yaml: ok: 12 injects, 8 tasks, 3 teams\n")
        let path = try Self.journal()
        let verify = try Self.run(["verify", path])
        #expect(verify.out.hasPrefix("\(path): ok: 79 rows, seq 1…79 gapless, chain head "), "\(verify.out)")
        #expect(verify.out.contains("\(path): ended at seq 79; the anchor it carries matches the 78 rows before it\n"))
        let replay = try Self.run(["replay", path])
        #expect(replay.out.contains("78 events, ended at 0:20:00, 3 teams, 0 pauses\n"), "\(replay.out)")
        #expect(replay.out.contains("RANK  TEAM   NAME"))
        let missing = try Self.run(["verify", "/nonexistent/x.journal"])
        #expect(missing.status == 1)
        #expect(missing.err == "error: no journal at /nonexistent/x.journal: check the path, or create one by starting an exercise with --journal /nonexistent/x.journal\n")
    }

    @Test func validateInFrenchAndInRussianFromTheLocale() throws {
        let file = try Self.brokenScenario()
        let fr = try Self.run(["validate", "--lang", "fr", file.path])
        #expect(fr.status == 1)
        #expect(fr.out.contains("\(file.path):6:33: error: champ inconnu « chanel » dans un stimulus ; vouliez-vous dire « channel » ?"), "\(fr.out)")
        #expect(fr.out.contains("\(file.path):6:5: error: un stimulus : il manque le champ obligatoire « channel »"), "\(fr.out)")
        #expect(fr.out.contains("\(file.path):6:19: error: le stimulus I1 est prévu à 2h, après la fin de l'exercice (durée 1h)"))
        #expect(fr.out.hasSuffix("\(file.path) : 3 erreurs, 1 avertissement\n"), "\(fr.out)")
        Self.expectNoEnglish(fr.out, "validate --lang fr")

        let ru = try Self.run(["validate", file.path], environment: ["LANG": "ru_RU.UTF-8"])
        #expect(ru.status == 1)
        #expect(ru.out.contains("\(file.path):6:33: error: неизвестное поле «chanel» в «вводная»; может быть, «channel»?"), "\(ru.out)")
        #expect(ru.out.hasSuffix("\(file.path): 3 ошибки, 1 предупреждение\n"), "\(ru.out)")
        Self.expectNoEnglish(ru.out, "validate with LANG=ru_RU.UTF-8")

        // --lang beats the locale; LC_ALL beats LANG; JSON stays identifiers and English messages.
        let zh = try Self.run(["validate", "--lang", "zh", "scenarios/tutorial.yaml"], environment: ["LANG": "ru_RU.UTF-8"])
        #expect(zh.out == "scenarios/tutorial.yaml: ok: 12 个注入事件，8 个任务，3 支队伍\n", "\(zh.out)")
        let ar = try Self.run(["validate", "scenarios/tutorial.yaml"], environment: ["LC_ALL": "ar_EG.UTF-8", "LANG": "fr_FR.UTF-8"])
        #expect(ar.out.contains("مُدخلًا"), "\(ar.out)")
        let json = try Self.run(["validate", "--format", "json", file.path], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(json.out.contains("\"message\" : \"unknown field 'chanel' in an inject; did you mean 'channel'?\""), "\(json.out)")
        #expect(json.out.contains("\"severity\" : \"error\""))
    }

    @Test func verifyReplayAndErrorsInFrenchAndInRussian() throws {
        let path = try Self.journal()
        let verify = try Self.run(["verify", "--lang", "fr", path])
        #expect(verify.status == 0)
        #expect(verify.out.hasPrefix("\(path): ok: 79 lignes, seq 1…79 sans trou, tête de chaîne "), "\(verify.out)")
        #expect(verify.out.contains("\(path) : terminé à seq 79 ; l'ancre qu'il porte correspond aux 78 lignes qui la précèdent"), "\(verify.out)")
        Self.expectNoEnglish(verify.out, "verify --lang fr")

        let replay = try Self.run(["replay", path], environment: ["LANG": "ru_RU.UTF-8"])
        #expect(replay.status == 0)
        #expect(replay.out.contains("78 событий, завершено на 0:20:00, 3 команды, 0 пауз"), "\(replay.out)")
        #expect(replay.out.contains("МЕСТО  КОМАНДА"), "\(replay.out)")
        // The title and the objectives' titles are the scenario's own (English) text; the rest is ours.
        let ours = replay.out.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("O") }.joined(separator: "\n")
        Self.expectNoEnglish(ours, "replay with LANG=ru_RU.UTF-8")

        let missing = try Self.run(["verify", "--lang", "fr", "/nonexistent/x.journal"])
        #expect(missing.status == 1)
        #expect(missing.err.hasPrefix("error: aucun journal à /nonexistent/x.journal : vérifiez le chemin"), "\(missing.err)")
        Self.expectNoEnglish(missing.err, "verify --lang fr of a missing journal")

        let broken = try Self.brokenScenario()
        let rehearse = try Self.run(["rehearse", broken.path], environment: ["LANG": "ru_RU.UTF-8"])
        #expect(rehearse.status == 1)
        #expect(rehearse.err.contains("в сценарии есть ошибки; исправьте их (cyberdrill validate \(broken.path))"), "\(rehearse.err)")
        Self.expectNoEnglish(rehearse.err, "rehearse with LANG=ru_RU.UTF-8 of a broken scenario")

        let usage = try Self.run(["rehearse", "--lang", "fr", "--teams", "-1", "scenarios/tutorial.yaml"])
        #expect(usage.err.contains("--teams doit être entre 1 et"), "\(usage.err)")
    }

    @Test func servesBannerInFrench() throws {
        let dir = try CLI.temporaryDirectory()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "scenarios/tutorial.yaml", "--journal", dir.appendingPathComponent("s.journal").path,
                             "--listen", "127.0.0.1:0", "--headless", "--lang", "fr", "--status-every", "0.2"]
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let buffer = Buffer()
        out.fileHandleForReading.readabilityHandler = { handle in buffer.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let deadline = Date().addingTimeInterval(90)
        // The banner, then a status line (every 0.2 s).
        while !buffer.text.contains("équipes connectées"), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let banner = buffer.text
        #expect(banner.contains("listening on port"), "\(banner)")
        #expect(banner.contains(": nouvel exercice, 3 équipes, journal "), "\(banner)")
        // Standard output is a pipe here: only where the tokens are, never the tokens themselves.
        #expect(banner.contains("Jetons écrits dans "), "\(banner)")
        #expect(!banner.contains("Jetons (affichés une seule fois"), "\(banner)")
        #expect(banner.contains(" : servi sur ws://127.0.0.1:"), "\(banner)")
        #expect(banner.contains("Donnez à chaque équipe son seul jeton : cyberdrill join ws://127.0.0.1:"), "\(banner)")
        #expect(banner.contains("] pas commencé 0:00:00 ×1 · 0/3 équipes connectées · 0 animateur · 0 observateur · journal seq "), "\(banner)")
        Self.expectNoEnglish(banner, "serve --lang fr")
        process.terminate()
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
    }

    final class Buffer: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}
