import ArgumentParser

// The options that several commands take, declared once each: a command includes the group
// with `@OptionGroup`, so that a flag's name, default and help are the same wherever it appears.

/// `--plain`: for every command that shows a console (`run`, `demo`, `serve`, `join`).
struct ConsoleOptions: ParsableArguments {
    @Flag(help: "Plain ANSI output instead of ncurses for the console.")
    var plain = false
}

/// `--roster`: the teams taking part, replacing the scenario's (`run`, `serve`).
struct RosterOption: ParsableArguments {
    @Option(help: "A roster file (CSV or YAML: id, name, country, contact) replacing the scenario's teams.")
    var roster: String?
}

/// `--format table|json`: a table for people or JSON for programs (`rehearse`, `replay`; the JSON
/// is `ScorecardJSON`).
struct TableOrJSONOption: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Output format: table or json.")
    var format: Format = .table
}

/// The journal that `replay`, `verify` and `report` read (only read: see docs/journal.md).
struct JournalArgument: ParsableArguments {
    @Argument(help: "A journal file written by serve, run, demo or rehearse.")
    var journal: String
}
