/// A modal box centred over the view: a title, a wrapped message and a row of buttons.
public struct Dialog: Sendable {
    /// How the user closed the dialog.
    public enum Outcome: Hashable, Sendable {
        case chosen(Int)
        case cancelled
    }

    public var title: String
    public var message: String
    public var buttons: [String]
    public var selected: Int
    /// Widest the box grows, borders included.
    public var maxWidth: Int
    /// Dims everything outside the box so that it reads as modal.
    public var dimsBackground: Bool

    public init(title: String, message: String, buttons: [String] = ["OK"], selected: Int = 0,
                maxWidth: Int = 60, dimsBackground: Bool = true) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selected = min(max(0, selected), max(0, buttons.count - 1))
        self.maxWidth = maxWidth
        self.dimsBackground = dimsBackground
    }

    /// A Yes/No question; `.chosen(0)` is yes.
    public static func confirm(title: String, message: String, yes: String = "Yes", no: String = "No") -> Dialog {
        Dialog(title: title, message: message, buttons: [yes, no], selected: 1)
    }

    /// Left/Right/Tab/Backtab move between buttons, Enter chooses, Esc cancels, and a button's
    /// first letter chooses it. Returns nil while the dialog stays open.
    public mutating func handle(_ key: Key) -> Outcome? {
        guard !buttons.isEmpty else { return key == .escape || key == .enter ? .cancelled : nil }
        switch key {
        case .left, .backTab: selected = (selected + buttons.count - 1) % buttons.count
        case .right, .tab: selected = (selected + 1) % buttons.count
        case .enter: return .chosen(selected)
        case .escape: return .cancelled
        case .char(let grapheme):
            let typed = String(grapheme).lowercased()
            if let index = buttons.firstIndex(where: { $0.first.map { String($0).lowercased() } == typed }) {
                selected = index
                return .chosen(index)
            }
        default: break
        }
        return nil
    }

    private var buttonRow: String { buttons.map { "[ \($0) ]" }.joined(separator: "  ") }

    /// The box the dialog takes when drawn over `area`.
    public func frame(in area: Rect) -> Rect {
        let widest = min(maxWidth, area.width)
        let messageLines = TextLayout.wrap(message, width: max(1, widest - 4))
        let content = max(messageLines.map { DisplayWidth.of($0) }.max() ?? 0,
                          DisplayWidth.of(buttonRow), DisplayWidth.of(title) + 2)
        let width = min(widest, content + 4)
        let height = messageLines.count + 4
        return area.centered(Size(width: width, height: height))
    }

    public func render(in area: Rect, on screen: inout Screen) {
        let area = area.intersection(screen.bounds)
        guard !area.isEmpty else { return }
        if dimsBackground { screen.restyle(area) { $0.attributes.insert(.dim) } }
        let box = frame(in: area)
        let inner = Pane(title: title, focused: true).render(in: box, on: &screen)
        guard inner.height > 0 else { return }
        let text = inner.inset(left: 1, right: 1)
        let lines = TextLayout.wrap(message, width: max(1, text.width))
        // The buttons always take the last inner row; the message gets what is above it.
        for (row, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            screen.put(line, x: text.x, y: text.y + row, clip: text)
        }
        var x = text.x + max(0, (text.width - DisplayWidth.of(buttonRow)) / 2)
        let y = inner.maxY - 1
        for (index, button) in buttons.enumerated() {
            let style: Style = index == selected ? .reverse : .plain
            x = screen.put("[ \(button) ]", x: x, y: y, style: style, clip: text) + 2
        }
    }
}
