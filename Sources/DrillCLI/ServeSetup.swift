import ArgumentParser
import DrillCore
import DrillText
import DrillHost
import DrillJournal
import DrillServer
import DrillWire
import Foundation

/// What `serve` does before listening: creates or reopens the exercise, and issues, loads or
/// renews its tokens.
struct ServeSetup {
    let command: CyberDrill.Serve

    struct Prepared {
        var host: ExerciseHost
        var credentials: CredentialStore
        var title: String
        /// Tokens were printed: `serve` says how to use them once it knows its address.
        var tokensPrinted = false
        /// The artifact files teams may fetch, checked against the journal on a restart.
        var artifacts: ArtifactCatalog
    }

    func prepare() async throws -> Prepared {
        let journal = command.journal
        let roster = try command.participants.roster.map(RosterFile.load)
        if FileManager.default.fileExists(atPath: journal) {
            return try await reopen(journal, roster: roster)
        }
        return try await create(journal, roster: roster)
    }

    // MARK: First start

    private func create(_ journal: String, roster: Roster?) async throws -> Prepared {
        let scenario = try ScenarioFile.load(command.scenario)
        let source = try String(contentsOfFile: command.scenario, encoding: .utf8)
        let teams = try RosterFile.teams(of: scenario, scenarioPath: command.scenario,
                                         roster: roster.flatMap { r in command.participants.roster.map { (roster: r, path: $0) } })
        let artifacts = try ArtifactFiles.scan(scenario, scenarioPath: command.scenario)
        let host: ExerciseHost
        do {
            host = try await ExerciseHost.create(journalPath: journal, scenario: scenario, source: source, scenarioPath: command.scenario,
                                                 teams: teams, wall: SystemClock(), artifacts: artifacts.records)
        } catch {
            Console.error("error: " + Words.t(.cliServeCannotCreateJournal, ["path": journal, "error": Words.describe(error)]))
            throw ExitCode(1)
        }
        let identities = teams.map { Identity(role: .team, id: $0.id, name: $0.name) } + staffIdentities(existing: [])
        let (store, issued) = issue(identities, into: CredentialStore([]))
        try save(journal, digest: host.journal.scenarioDigest, store: store, issued: issued)
        printTokens(issued, journal: journal, first: true)
        print(Words.t(.cliServeCreated, ["title": scenario.title, "teams": Words.count(.cliCountTeams, teams.count), "path": journal]))
        return Prepared(host: host, credentials: store, title: scenario.title, tokensPrinted: true, artifacts: artifacts)
    }

    // MARK: Restart

    private func reopen(_ journal: String, roster: Roster?) async throws -> Prepared {
        let host: ExerciseHost
        do {
            host = try await ExerciseHost.open(journalPath: journal, wall: SystemClock())
        } catch {
            Console.error("error: " + Words.t(.cliServeCannotReopenJournal, ["path": journal, "error": Words.describe(error)]))
            throw ExitCode(1)
        }
        let scenario = await host.scenario
        if let text = try? String(contentsOfFile: command.scenario, encoding: .utf8), text != host.journal.scenarioSource {
            Console.error("warning: " + Words.t(.cliServeScenarioDiffers, ["file": command.scenario]))
        }
        let artifacts: ArtifactCatalog
        do { artifacts = try ArtifactFiles.scanForRestart(scenario, scenarioPath: command.scenario, journal: host.journal) } catch {
            try? await host.close()
            throw error
        }
        let digest = host.journal.scenarioDigest
        var store: CredentialStore
        var issued: [IssuedToken] = []
        let state = await host.state
        if command.newTokens {
            let teams = state.teamOrder.compactMap { state.teams[$0]?.team }
            (store, issued) = issue(teams.map { Identity(role: .team, id: $0.id, name: $0.name) } + staffIdentities(existing: []),
                                    into: CredentialStore([]))
        } else {
            do { store = try CredentialFiles.load(journal: journal, scenarioDigest: digest) } catch {
                Console.error("error: " + Words.describe(error))
                throw ExitCode(1)
            }
        }
        // Teams a roster adds to a running exercise, and facilitators or observers asked for now.
        var added: [Identity] = []
        if let roster, let path = command.participants.roster {
            try RosterFile.check(roster, at: path, against: scenario, scenarioPath: command.scenario)
            for team in roster.teams where state.teams[team.id] == nil {
                if case .failure(let e) = await host.handle(.registerTeam(team), by: .system) {
                    Console.error("error: " + Words.t(.cliServeCannotAddTeam, ["id": team.id, "error": Words.describe(e)]))
                    throw ExitCode(1)
                }
                added.append(Identity(role: .team, id: team.id, name: team.name))
            }
            let listed = Set(roster.teams.map(\.id))
            for id in state.teamOrder where !listed.contains(id) {
                Console.error("warning: " + Words.t(.cliServeTeamNotInRoster, ["id": id, "path": path]))
            }
        }
        added += staffIdentities(existing: store.credentials.map(\.identity)).filter { !store.contains($0) }
        let more: [IssuedToken]
        (store, more) = issue(added, into: store)
        issued += more
        if !issued.isEmpty {
            try save(journal, digest: digest, store: store, issued: issued)
            printTokens(issued, journal: journal, first: false)
        }
        let after = await host.state
        print(Words.t(.cliServeResumed, ["title": scenario.title, "phase": Words.phase(after.phase), "clock": DurationText.clock(after.exerciseTime),
                                           "teams": Words.count(.cliCountTeams, after.teamOrder.count), "path": journal]))
        return Prepared(host: host, credentials: store, title: scenario.title, tokensPrinted: !issued.isEmpty, artifacts: artifacts)
    }

    // MARK: Tokens

    /// `whitecell`, `whitecell-2`, … and `observer`, `observer-2`, …, up to the counts asked for.
    private func staffIdentities(existing: [Identity]) -> [Identity] {
        func names(_ base: String, _ n: Int) -> [String] { (1...max(1, n)).map { $0 == 1 ? base : "\(base)-\($0)" }.prefix(n).map { $0 } }
        return names("whitecell", command.facilitators).map { Identity(role: .facilitator, id: $0, name: $0) }
            + (command.observers > 0 ? names("observer", command.observers).map { Identity(role: .observer, id: $0, name: $0) } : [])
    }

    private func issue(_ identities: [Identity], into store: CredentialStore) -> (CredentialStore, [IssuedToken]) {
        var store = store
        var issued: [IssuedToken] = []
        for identity in identities {
            let token = IssuedToken.generate(for: identity)
            store.add(Credential(token))
            issued.append(token)
        }
        return (store, issued)
    }

    private func save(_ journal: String, digest: String, store: CredentialStore, issued: [IssuedToken]) throws {
        do {
            try CredentialFiles.save(journal: journal, scenarioDigest: digest, store: store, issued: issued)
        } catch {
            Console.error("error: " + Words.t(.cliServeCannotWriteTokens, ["path": journal, "error": "\(error)"]))
            throw ExitCode(1)
        }
    }

    /// How to hand the tokens out, with the address the server actually listens on.
    static func joinHint(url: String) -> String {
        Words.t(.cliServeJoinHint, ["command": "cyberdrill join \(url) --token TOKEN"])
    }

    /// On a terminal, the tokens themselves (shown once). Elsewhere (a service's standard output
    /// usually ends in a log), only where the tokens file is.
    private func printTokens(_ issued: [IssuedToken], journal: String, first: Bool) {
        guard isatty(1) != 0 else {
            print(Texts(command.words.language)(.serveTokensFileOnly, ["path": CredentialFiles.tokensPath(journal: journal)]))
            return
        }
        print(Words.t(first ? .cliServeTokensFirst : .cliServeTokensAdded, ["path": CredentialFiles.tokensPath(journal: journal)]))
        let rows = issued.map { [$0.role.rawValue, $0.id, $0.name == $0.id ? "" : $0.name, $0.token] }
        print(TextTable(headers: ["ROLE", "ID", "NAME", "TOKEN"], rows: rows).render())
    }
}
