import DrillCore
import DrillJournal
import DrillText
import Foundation

/// The language of a command's own human output (summaries, errors, the banner): chosen once
/// when the command starts, from `--lang`, else `LC_ALL`/`LC_MESSAGES`/`LANG`, else English.
/// Machine output (`--format json`, CSV) and the severity words `error:`/`warning:` stay English
/// identifiers (docs/cli.md, "Language of the output").
enum Words {
    private final class Chosen: @unchecked Sendable {
        let lock = NSLock()
        var texts = Texts(Language.fromEnvironment(ProcessInfo.processInfo.environment))
    }

    private static let chosen = Chosen()

    /// The texts of the command's language.
    static var t: Texts {
        chosen.lock.lock()
        defer { chosen.lock.unlock() }
        return chosen.texts
    }

    /// Sets the language for the rest of the process (a command's `run`/`validate` calls it first).
    static func use(_ language: Language) {
        chosen.lock.lock()
        defer { chosen.lock.unlock() }
        if chosen.texts.language != language { chosen.texts = Texts(language) }
    }

    /// `{n} things` in the chosen language; the figure without grouping, as seq numbers are shown.
    static func count(_ key: Msg, _ n: Int) -> String { t(key, ["n": Plain(n)]) }

    /// A count shown as its digits (no grouping), whose plural form still follows it.
    struct Plain: TextArgument {
        var value: Int
        init(_ value: Int) { self.value = value }
        func formatted(_ style: NumberStyle) -> String { String(value) }
        var pluralOperand: Double? { Double(value) }
    }

    /// A phase of the exercise as the consoles name it, in lower case where the language has case.
    static func phase(_ phase: ExerciseState.Phase) -> String {
        let key: Msg = switch phase {
        case .notStarted: .phaseNotStarted
        case .running: .phaseRunning
        case .paused: .phasePaused
        case .ended: .phaseEnded
        }
        return t(key).lowercased()
    }

    /// An error's sentence: a journal's problem from the catalog, anything else as it describes itself.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? JournalError else { return "\(error)" }
        switch error {
        case .fileNotFound(let path): return t(.cliJournalFileNotFound, ["path": path])
        case .alreadyExists(let path): return t(.cliJournalAlreadyExists, ["path": path])
        case .notAJournal(let path, let reason): return t(.cliJournalNotAJournal, ["path": path, "reason": reason])
        case .truncated(let path, let expected, let actual):
            return t(.cliJournalTruncated, ["path": path, "expected": String(expected), "actual": String(actual)])
        case .corrupt(let path, let detail): return t(.cliJournalCorrupt, ["path": path, "detail": detail])
        case .newerFormat(let path, let found, let supported):
            return t(.cliJournalNewerFormat, ["path": path, "found": String(found), "supported": String(supported)])
        case .olderFormat(let path, let found, let supported):
            return t(.cliJournalOlderFormat, ["path": path, "found": String(found), "supported": String(supported)])
        case .cannotCreate(let path, let detail): return t(.cliJournalCannotCreate, ["path": path, "detail": detail])
        case .invalidEntry(let reason): return t(.cliJournalInvalidEntry, ["reason": reason])
        case .writeFailed(let path, let detail): return t(.cliJournalWriteFailed, ["path": path, "detail": detail])
        case .readFailed(let path, let detail): return t(.cliJournalReadFailed, ["path": path, "detail": detail])
        case .diskFull(let path, let detail): return t(.cliJournalDiskFull, ["path": path, "detail": detail])
        case .closed(let path): return t(.cliJournalClosed, ["path": path])
        }
    }
}
