import DrillText

/// A piece of a header line: text in a style.
public struct Segment: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One tab of a console's tab line: the key that shows it, its name and a count of what waits there.
public struct TabItem: Hashable, Sendable {
    public var key: String
    public var label: String
    public var badge: String
    public var selected: Bool
    public init(key: String, label: String, badge: String = "", selected: Bool = false) {
        self.key = key
        self.label = label
        self.badge = badge
        self.selected = selected
    }
}

/// A one-line message at the bottom of a console, in place of the key bar until the next key.
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(text, kind: .error) }
}

/// What every console has around its body: a header line, a tab line and, at the bottom, the key
/// bar or a status message.
enum ConsoleChrome {
    struct Areas {
        var header: Rect
        var tabs: Rect
        var body: Rect
        var bottom: Rect
    }

    static func areas(_ size: Size) -> Areas {
        let all = Rect(origin: Point(x: 0, y: 0), size: size)
        let (header, rest) = all.splitTop(1)
        let (tabs, rest2) = rest.splitTop(1)
        let body = Rect(x: rest2.x, y: rest2.y, width: rest2.width, height: max(0, rest2.height - 1))
        let bottom = Rect(x: 0, y: max(0, size.height - 1), width: size.width, height: min(1, size.height))
        return Areas(header: header, tabs: tabs, body: body, bottom: bottom)
    }

    /// Left segments from the left edge, right segments against the right edge; the left ones are
    /// cut first when both do not fit. The right segment at `elastic` (the connection's state,
    /// with its error) is shown whole when it fits, else cut at a word so that the first left
    /// segment (whose console it is) stays.
    static func drawHeader(left: [Segment], right: [Segment], elastic: Int? = nil, in area: Rect, on screen: inout Screen) {
        screen.fill(area, style: Theme.header)
        var right = right
        if let elastic, right.indices.contains(elastic) {
            let others = right.indices.filter { $0 != elastic }.reduce(0) { $0 + DisplayWidth.of(right[$1].text) }
            let room = area.width - others - (left.first.map { DisplayWidth.of($0.text) + 1 } ?? 0)
            let text = right[elastic].text
            if DisplayWidth.of(text) > room {
                let core = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
                right[elastic].text = room > 3 ? " " + TextLayout.truncateAtWord(core, width: room - 2) + " " : ""
            }
        }
        let rightWidth = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
        var x = max(area.x, area.maxX - rightWidth)
        let rightStart = x
        for segment in right {
            x = screen.put(segment.text, x: x, y: area.y, style: Theme.header.patched(with: segment.style), clip: area)
        }
        let leftArea = Rect(x: area.x, y: area.y, width: max(0, rightStart - area.x - 1), height: 1)
        x = area.x
        for segment in left {
            let room = leftArea.maxX - x
            guard room > 0 else { break }
            let fitted = TextLayout.fit(segment.text, width: room)
            x = screen.put(fitted.text, x: x, y: area.y, style: Theme.header.patched(with: segment.style), clip: leftArea)
        }
    }

    /// The header's mark of a network console's link to the server (none for a local one).
    static func connection(_ connection: TeamConsoleModel.Connection, texts t: Texts = .english) -> [Segment] {
        switch connection {
        case .local: []
        case .connected: [Segment(" ● \(t(.chromeOnline)) ", Style(foreground: .green))]
        case .reconnecting(let attempt): [Segment(" ◌ \(t(.chromeReconnecting, ["n": attempt])) ", Style(foreground: .yellow, attributes: .bold))]
        case .offline(let reason): [Segment(" ✗ \(t(.chromeOffline, ["reason": reason])) ", Style(foreground: .red, attributes: .bold))]
        }
    }

    static func drawTabs(_ tabs: [TabItem], trailing: [Segment] = [], in area: Rect, on screen: inout Screen) {
        screen.fill(area)
        var x = area.x
        for tab in tabs {
            let style: Style = tab.selected ? Style(attributes: [.bold, .underline]) : .plain
            if !tab.key.isEmpty { x = screen.put(" \(tab.key) ", x: x, y: area.y, style: .reverse, clip: area) }
            x = screen.put(tab.selected ? "▸\(tab.label)" : " \(tab.label)", x: x, y: area.y, style: style, clip: area)
            if !tab.badge.isEmpty {
                x = screen.put(" (\(tab.badge))", x: x, y: area.y, style: style.patched(with: Theme.notice), clip: area)
            }
            x += 2
        }
        let trailingWidth = trailing.reduce(0) { $0 + DisplayWidth.of($1.text) }
        var tx = area.maxX - trailingWidth
        guard tx >= x else { return }
        for segment in trailing { tx = screen.put(segment.text, x: tx, y: area.y, style: segment.style, clip: area) }
    }

    static func drawBottom(keys: [KeyBar.Item], status: StatusMessage?, in area: Rect, on screen: inout Screen) {
        if let status {
            screen.fill(area)
            let style = status.kind == .error ? Theme.error : Theme.notice
            screen.put(TextLayout.truncate(status.text, width: area.width), x: area.x, y: area.y, style: style, clip: area)
        } else {
            KeyBar(keys).render(in: area, on: &screen)
        }
    }
}

/// The screen shown instead of a console when the terminal is smaller than it needs.
public enum TooSmallView {
    /// The smallest terminal the consoles are laid out for.
    public static let minimum = Size(width: 80, height: 24)

    public static func fits(_ size: Size) -> Bool {
        size.width >= minimum.width && size.height >= minimum.height
    }

    /// A centred "terminal too small: need 80×24, have W×H", wrapped when narrower than that.
    public static func render(_ size: Size, minimum: Size = TooSmallView.minimum, language: Language = .en) -> Screen {
        var screen = Screen(size: size)
        let text = Texts(language)(.chromeTooSmall, ["w": String(minimum.width), "h": String(minimum.height),
                                                      "cw": String(size.width), "ch": String(size.height)])
        let lines = TextLayout.wrap(text, width: max(1, size.width))
        let top = max(0, (size.height - lines.count) / 2)
        for (row, line) in lines.enumerated() where top + row < size.height {
            let x = max(0, (size.width - DisplayWidth.of(line)) / 2)
            screen.put(line, x: x, y: top + row, style: .bold)
        }
        return screen
    }
}

/// A centred box listing keys, over the dimmed console; scrolls when it does not fit.
public struct HelpOverlay: Sendable {
    public struct Section: Hashable, Sendable {
        public var title: String
        public var keys: [(String, String)]
        public init(_ title: String, _ keys: [(String, String)]) {
            self.title = title
            self.keys = keys
        }
        public static func == (a: Section, b: Section) -> Bool {
            a.title == b.title && a.keys.map(\.0) == b.keys.map(\.0) && a.keys.map(\.1) == b.keys.map(\.1)
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(title)
            for (k, v) in keys { hasher.combine(k); hasher.combine(v) }
        }
    }

    public var title: String
    public var sections: [Section]
    public var offset = 0

    /// The language of the footer ("any other key closes").
    public var language: Language = .en

    public init(title: String, sections: [Section], language: Language = .en) {
        self.title = title
        self.sections = sections
        self.language = language
    }

    /// The text of the help as shown: each key with its description wrapped beside it.
    func lines(width: Int) -> [(String, Style)] {
        let keyWidth = min(18, sections.flatMap { $0.keys.map { DisplayWidth.of($0.0) } }.max() ?? 4)
        var out: [(String, Style)] = []
        for (n, section) in sections.enumerated() {
            if n > 0 { out.append(("", .plain)) }
            out.append((TextLayout.truncate(section.title, width: width), Style(attributes: [.bold, .underline])))
            for (key, text) in section.keys {
                let wrapped = TextLayout.wrap(text, width: max(1, width - keyWidth - 2))
                for (row, line) in wrapped.enumerated() {
                    let lead = row == 0 ? TextLayout.pad(key, width: keyWidth) : String(repeating: " ", count: keyWidth)
                    out.append((lead + "  " + line, .plain))
                }
            }
        }
        return out
    }

    /// Up/Down/PgUp/PgDn scroll; any other key closes (returns false).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up, .char("k"): offset = max(0, offset - 1)
        case .down, .char("j"): offset += 1
        case .pageUp: offset = max(0, offset - 10)
        case .pageDown, .char(" "): offset += 10
        default: return false
        }
        return true
    }

    /// The widest the help box grows.
    static let maxWidth = 76

    public func render(in area: Rect, on screen: inout Screen) {
        let t = Texts(language)
        ScrollBox(title: title, lines: lines(width: ScrollBox.textWidth(in: area, maxWidth: Self.maxWidth)), offset: offset,
                  footer: t(.chromeHelpClose), more: t(.chromeHelpMore), maxWidth: Self.maxWidth)
            .render(in: area, on: &screen)
    }
}
