import Foundation

/// `journal-harness`: the journal's crash-test writer and its benchmark. Not shipped.
///
///     journal-harness crash-writer JOURNAL [--submitters N]
///     journal-harness bench [--quick] [--dir DIR]
///     journal-harness raw [--quick] [--dir DIR] [--rows-per-commit N]
///
/// `raw` measures only the raw SQLite baselines and prints them on one line of `key=value` pairs,
/// for benchmarks in other processes (drill-load's answers row) to print beside their figures.
@main
struct JournalHarness {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "crash-writer":
                guard arguments.count >= 2 else { usage() }
                let submitters = Int(value(of: "--submitters", in: arguments) ?? "") ?? 8
                try await CrashWriter(path: arguments[1], submitters: submitters).run()
            case "bench":
                try await Bench(
                    quick: arguments.contains("--quick"),
                    directory: value(of: "--dir", in: arguments)
                ).run()
            case "raw":
                try RawSQLite.printBaselines(
                    quick: arguments.contains("--quick"), directory: value(of: "--dir", in: arguments),
                    rowsPerCommit: Int(value(of: "--rows-per-commit", in: arguments) ?? "") ?? Bench.submitters)
            default:
                usage()
            }
        } catch {
            FileHandle.standardError.write(Data("journal-harness: \(error)\n".utf8))
            exit(2)
        }
    }

    static func value(of option: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("""
            usage: journal-harness crash-writer JOURNAL [--submitters N]
                   journal-harness bench [--quick] [--dir DIR]
                   journal-harness raw [--quick] [--dir DIR] [--rows-per-commit N]

            """.utf8))
        exit(1)
    }

    /// Wall clock in UTC milliseconds: the harness is a host, it may read the clock.
    static func wallNow() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
