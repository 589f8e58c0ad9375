import DrillCore
import DrillText

/// How the consoles show outcomes, TLP markings, channels and the exercise clock. Every
/// distinction made with colour is also made with a symbol or a word, so the consoles read the
/// same under `NO_COLOR` and on a monochrome projector.
public enum Theme {
    /// The mark of a task (or an inject's tasks taken together) in the matrix and the lists.
    public enum Mark: UInt8, Sendable, Hashable, CaseIterable {
        /// Not released to the team (yet).
        case notReleased
        /// Released; its tasks wait for an answer or a grade.
        case pending
        case correct
        case partial
        case wrong
        case missed
        /// Released, with nothing to answer.
        case informational

        public var symbol: Character {
            switch self {
            case .notReleased: " "
            case .pending: "·"
            case .correct: "✓"
            case .partial: "◐"
            case .wrong: "✗"
            case .missed: "–"
            case .informational: "○"
            }
        }

        /// The mark's word in a language.
        public func label(_ t: Texts) -> String {
            switch self {
            case .notReleased: t(.outcomeNotReleased)
            case .pending: t(.outcomePending)
            case .correct: t(.outcomeCorrect)
            case .partial: t(.outcomePartial)
            case .wrong: t(.outcomeWrong)
            case .missed: t(.outcomeMissed)
            case .informational: t(.outcomeInformational)
            }
        }

        public var label: String {
            switch self {
            case .notReleased: "not released"
            case .pending: "pending"
            case .correct: "correct"
            case .partial: "partial"
            case .wrong: "wrong"
            case .missed: "missed"
            case .informational: "no task"
            }
        }

        public var style: Style {
            switch self {
            case .notReleased: .plain
            case .pending: Style(foreground: .gray)
            case .correct: Style(foreground: .green, attributes: .bold)
            case .partial: Style(foreground: .yellow, attributes: .bold)
            case .wrong: Style(foreground: .red, attributes: .bold)
            case .missed: Style(foreground: .magenta)
            case .informational: Style(foreground: .gray)
            }
        }

        public init(_ outcome: Outcome) {
            switch outcome {
            case .pending: self = .pending
            case .correct: self = .correct
            case .partial: self = .partial
            case .wrong: self = .wrong
            case .missed: self = .missed
            }
        }

        /// The mark of several task outcomes shown as one: pending while any is, correct when all
        /// are, wrong or missed when none earned anything, partial otherwise.
        public init(combining outcomes: some Sequence<Outcome>) {
            var any = false, pending = false, allCorrect = true, noCredit = true, wrong = false
            for outcome in outcomes {
                any = true
                switch outcome {
                case .pending: pending = true; allCorrect = false
                case .correct: noCredit = false
                case .partial: noCredit = false; allCorrect = false
                case .wrong: wrong = true; allCorrect = false
                case .missed: allCorrect = false
                }
            }
            if !any { self = .informational }
            else if pending { self = .pending }
            else if allCorrect { self = .correct }
            else if noCredit { self = wrong ? .wrong : .missed }
            else { self = .partial }
        }

        /// The marks shown in legends, in reading order.
        public static let legend: [Mark] = [.correct, .partial, .wrong, .missed, .pending, .informational]
    }

    /// The TLP marking as printed in an inject header (`TLP:AMBER+STRICT`).
    public static func tlpLabel(_ tlp: TLP?) -> String {
        guard let tlp else { return "" }
        return "TLP:" + tlp.rawValue.uppercased()
    }

    /// TLP 2.0 colours on a black background, as the standard prints them.
    public static func tlpStyle(_ tlp: TLP?) -> Style {
        switch tlp {
        case .red: Style(foreground: .brightRed, attributes: .bold)
        case .amber, .amberStrict: Style(foreground: .indexed(214), attributes: .bold)
        case .green: Style(foreground: .brightGreen, attributes: .bold)
        case .clear: Style(foreground: .brightWhite, attributes: .bold)
        case nil: .plain
        }
    }

    /// A short, fixed-width channel label for lists.
    public static func channelLabel(_ channel: Channel) -> String {
        switch channel {
        case .email: "mail"
        case .phone: "call"
        case .ticket: "tckt"
        case .siem: "siem"
        case .news: "news"
        case .social: "soc "
        case .chat: "chat"
        case .briefing: "brief"
        case .other: "othr"
        }
    }

    public static func phaseLabel(_ phase: ExerciseState.Phase) -> String {
        switch phase {
        case .notStarted: "NOT STARTED"
        case .running: "RUNNING"
        case .paused: "PAUSED"
        case .ended: "ENDED"
        }
    }

    public static func phaseStyle(_ phase: ExerciseState.Phase) -> Style {
        switch phase {
        case .notStarted: Style(foreground: .yellow, attributes: [.bold, .reverse])
        case .running: Style(foreground: .green, attributes: [.bold, .reverse])
        case .paused: Style(foreground: .yellow, attributes: [.bold, .reverse])
        case .ended: Style(foreground: .red, attributes: [.bold, .reverse])
        }
    }

    /// `10×`, `0.5×`.
    public static func speedLabel(_ speed: Double) -> String {
        let rounded = (speed * 100).rounded() / 100
        if rounded == rounded.rounded() { return "\(Int(rounded))×" }
        return "\(rounded)×"
    }

    /// A countdown in exercise time: `12:05`, `1:02:03`, `0:09`.
    public static func countdown(_ ms: Millis) -> String {
        let seconds = max(0, (ms + 999) / 1000)
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
        return "\(m):\(ss)"
    }

    /// Points without needless decimals: `10`, `7.5`, `6.67`.
    public static func points(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A percentage for reading: `87 %`, `—` when there is nothing to take a share of.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return "\(Int(value.rounded())) %"
    }

    public static let header = Style(attributes: [.bold, .reverse])
    public static let title = Style(attributes: .bold)
    public static let dimmed = Style(attributes: .dim)
    public static let error = Style(foreground: .red, attributes: .bold)
    public static let notice = Style(foreground: .cyan, attributes: .bold)
    public static let unread = Style(attributes: .bold)
}
