import Foundation
import Testing

/// `--lang` reaches the consoles on a real terminal (the environment fallback is tested in
/// DrillTextTests: this machine has no Russian or French locale for ncurses to start under).
@Suite("Consoles in the chosen language, under tmux", .serialized)
struct LanguageEndToEndTests {
    @Test("run --lang fr: the white cell starts with F3, F2 shows a French team console")
    func french() throws {
        guard TmuxSession.which("tmux") != nil else { return }
        let dir = try CLI.temporaryDirectory()
        let scenario = CLI.packageRoot.appendingPathComponent("scenarios/tutorial.yaml").path
        let term = try TmuxSession([CLI.binary.path, "run", scenario, "--journal", "fr.journal", "--lang", "fr"], directory: dir)
        defer { term.close() }
        term.wait(for: "PAS COMMENCÉ")
        term.send("F3")
        term.wait(for: "Démarrer l'exercice")
        term.send("Left", "Enter")
        term.wait(for: "EN COURS")
        term.send("F2")
        guard let team = term.wait(for: "Réception") else { return }
        #expect(team.contains("Lecture") || team.contains("T01"))
        #expect(!team.contains("Inbox"))
        // Below 80×24 the console says so in French, growing it brings the console back.
        term.resize(width: 70, height: 20)
        term.wait(for: "terminal trop petit : il faut 80×24, il fait 70×20")
        term.resize(width: 100, height: 30)
        term.wait(for: "Réception")
        term.send("F10")
        // The quit dialog says how to resume in French too.
        term.wait(for: "Le journal est fr.journal ; pour")
        term.wait(for: "Quitter la console ?")
        term.send("F10")
        term.wait(for: "exercice joué : First Light")
    }
}
