/// A terminal colour: the terminal's default, one of the 256 indexed colours, or true colour.
public enum Color: Hashable, Sendable {
    case `default`
    /// 0–7 the standard colours, 8–15 their bright forms, 16–255 the xterm palette.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let gray = Color.indexed(8)
    public static let brightRed = Color.indexed(9)
    public static let brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13)
    public static let brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)

    /// The nearest of the 256 indexed colours (true colour folded onto the 6×6×6 cube or grey ramp).
    public var paletteIndex: Int? {
        switch self {
        case .default: return nil
        case .indexed(let index): return Int(index)
        case .rgb(let r, let g, let b):
            if r == g && g == b {
                if r < 8 { return 16 }
                if r > 248 { return 231 }
                return 232 + (Int(r) - 8) * 24 / 241
            }
            func level(_ c: UInt8) -> Int { c < 48 ? 0 : c < 115 ? 1 : (Int(c) - 35) / 40 }
            return 16 + 36 * level(r) + 6 * level(g) + level(b)
        }
    }
}

/// Text attributes that survive `NO_COLOR`.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let reverse = Attributes(rawValue: 1 << 3)
}

/// How a cell is drawn: foreground and background colour plus attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
    public static let bold = Style(attributes: .bold)
    public static let dim = Style(attributes: .dim)
    public static let underline = Style(attributes: .underline)
    public static let reverse = Style(attributes: .reverse)

    /// This style with `other`'s colours where they are not default and both attribute sets.
    public func patched(with other: Style) -> Style {
        Style(foreground: other.foreground == .default ? foreground : other.foreground,
              background: other.background == .default ? background : other.background,
              attributes: attributes.union(other.attributes))
    }

    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
