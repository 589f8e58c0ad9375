import ArgumentParser
import DrillJournal
import DrillText

/// Opening journals for commands, with errors that say what to do.
enum JournalFile {
    /// Opens for reading only: a journal on read-only media reads, and reading writes nothing.
    static func open(_ path: String) throws -> Journal {
        do { return try Journal.openForReading(at: path) } catch { throw fail(path, error) }
    }

    /// The journal's events folded, once its chain verifies. A journal that does not verify is
    /// refused (exit 1): its figures cannot be trusted. With `force` it is read anyway, with a
    /// warning on standard error, so that what survives of a damaged journal can be looked at.
    static func replay(_ path: String, force: Bool) throws -> JournalReplay {
        let journal = try open(path)
        defer { try? journal.close() }
        let check: JournalVerification
        do { check = try journal.verify() } catch { throw fail(path, error) }
        if let problem = check.firstProblem {
            guard force else {
                Console.error("error: " + Words.t(.cliJournalRefused, ["path": path, "seq": String(problem.seq), "kind": problem.kind.rawValue,
                                                                       "detail": problem.detail, "command": "cyberdrill verify \(path)"]))
                throw ExitCode(1)
            }
            Console.error(tamperedWarning(path, problem))
        }
        do {
            return try JournalReplay.load(journal)
        } catch {
            throw fail(path, error)
        }
    }

    static func tamperedWarning(_ path: String, _ problem: JournalProblem) -> String {
        "warning: " + Words.t(.cliJournalForced, ["path": path, "seq": String(problem.seq), "kind": problem.kind.rawValue, "detail": problem.detail])
    }

    static func fail(_ path: String, _ error: Error) -> ExitCode {
        Console.error("error: " + Words.describe(error))
        return ExitCode(1)
    }
}
