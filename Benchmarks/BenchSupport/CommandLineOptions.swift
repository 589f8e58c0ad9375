import Foundation

/// The value after `name` on the command line (`--teams 500`), nil when it is absent or last.
public func option(_ name: String) -> String? {
    let arguments = Array(CommandLine.arguments.dropFirst())
    return arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

/// The `cyberdrill` binary that a load benchmark starts: `--cyberdrill PATH`, else the one built
/// beside the benchmark itself (same build directory, same configuration).
public func cyberdrillBinary() -> String {
    option("--cyberdrill") ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cyberdrill").path
}
