import ArgumentParser

/// The `cyberdrill` command: runs cyber-drill exercises in the terminal.
public struct CyberDrill: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cyberdrill",
        abstract: "Run cyber-drill exercises for incident response teams in the terminal.",
        subcommands: []
    )

    public init() {}
}
