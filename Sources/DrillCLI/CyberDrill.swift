import ArgumentParser

/// The `cyberdrill` command: runs cyber-drill exercises in the terminal.
@available(macOS 14, *)
public struct CyberDrill: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cyberdrill",
        abstract: "Run cyber-drill exercises for incident response teams in the terminal.",
        discussion: """
        A facilitator loads a scripted scenario (the MSEL) from YAML; injects are released to teams at \
        their time, answers are scored, everything is journaled and replayable.

        Example:
          cyberdrill demo
          cyberdrill validate scenarios/*.yaml
          cyberdrill timeline scenarios/telco-ransomware.yaml
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Timeline.self, Rehearse.self, Demo.self, Run.self, Serve.self, Join.self, Replay.self, Verify.self, Report.self]
    )

    public init() {}
}

/// How a command prints what it found.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension CyberDrill {
    /// Parses the process arguments and runs the command asynchronously; what `main.swift` calls.
    public static func runAsRoot() async {
        let root: any AsyncParsableCommand.Type = CyberDrill.self
        await root.main(nil)
    }
}
