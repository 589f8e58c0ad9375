/// One key press (or one paste) decoded from the terminal's input bytes.
public indirect enum Key: Hashable, Sendable {
    /// A printable grapheme cluster, typed or composed (multi-byte UTF-8 included).
    case char(Character)
    case enter, tab, backTab, backspace, delete, insert, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1 … F12 (`.function(1)` is F1).
    case function(Int)
    /// Ctrl with a letter (lowercase `a`…`z`) or with one of `@ \ ] ^ _` and space.
    case ctrl(Character)
    /// Alt (Meta) with a printable grapheme, sent as ESC followed by it.
    case alt(Character)
    /// A navigation or function key held with modifiers (e.g. Ctrl-Left).
    case modified(Key, Modifiers)
    /// Text pasted while bracketed paste was on, newlines normalised to `\n`.
    case paste(String)

    /// Shift, Alt and Ctrl as xterm encodes them in `CSI 1;m X`.
    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let shift = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
        public static let ctrl = Modifiers(rawValue: 4)
    }
}

extension Key {
    /// The key without its modifiers (`.modified(.left, .ctrl)` → `.left`).
    public var base: Key {
        if case .modified(let key, _) = self { return key.base }
        return self
    }

    /// Whether this key moves one word left: Ctrl-Left, Alt-Left or Alt-b.
    public var isWordLeft: Bool {
        switch self {
        case .modified(.left, let m): return m.contains(.ctrl) || m.contains(.alt)
        case .alt("b"): return true
        default: return false
        }
    }

    /// Whether this key moves one word right: Ctrl-Right, Alt-Right or Alt-f.
    public var isWordRight: Bool {
        switch self {
        case .modified(.right, let m): return m.contains(.ctrl) || m.contains(.alt)
        case .alt("f"): return true
        default: return false
        }
    }
}
