import ArgumentParser
import DrillText
import DrillTUI
import Foundation

/// `--lang` and `--bidi`, for every command that shows or writes text.
struct LanguageOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language of what cyberdrill writes: en, fr, es, ru, zh or ar (default: LC_ALL, LC_MESSAGES or LANG, else English).")
    var lang: String?

    @Option(help: ArgumentHelp("Right-to-left text in the consoles: program (reordered by cyberdrill, for terminals that do not; the default) or terminal (for terminals that reorder themselves). Default: CYBERDRILL_BIDI, else program.", valueName: "program|terminal"))
    var bidi: String?

    func validate() throws {
        if let lang, Language(tag: lang) == nil { throw ValidationError(LanguageError(given: lang).description) }
        if let bidi, BidiMode(rawValue: bidi) == nil { throw ValidationError(Texts(language)(.cliBidiBad)) }
    }

    /// `--lang`, else the environment's locale, else English.
    var language: Language {
        (try? Language.choose(lang, environment: ProcessInfo.processInfo.environment)) ?? .en
    }

    /// `--lang`, else `fallback` (the scenario's language for `report`), else the environment.
    func language(defaultingTo fallback: String?) -> Language {
        if let lang, let chosen = Language(tag: lang) { return chosen }
        if let fallback, let chosen = Language(tag: fallback) { return chosen }
        return language
    }

    var bidiMode: BidiMode {
        bidi.flatMap { BidiMode(rawValue: $0) } ?? BidiMode.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}
