import DrillCore

/// A small SVG writer for the report's charts: a fixed-width view box scaled to the page, left to
/// right whatever the page's direction (time runs left to right in every language here), text
/// escaped, numbers with one decimal at most.
struct SVG {
    let width: Double
    let height: Double
    private(set) var body = Markup(capacity: 1 << 14)

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished `<svg>` element, with an accessible title.
    func document(title: String, description: String = "") -> String {
        var m = Markup(capacity: body.out.utf8.count + 512)
        m.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"100%\" direction=\"ltr\" role=\"img\" class=\"chart\">")
        m.element("title", "", title)
        if !description.isEmpty { m.element("desc", "", description) }
        m.raw(body.out)
        m.raw("</svg>")
        return m.out
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, extra: String = "") {
        body.raw("<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\"")
        if let stroke { body.raw(" stroke=\"\(stroke)\"") }
        if !extra.isEmpty { body.raw(" " + extra) }
        body.raw("/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body.raw("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"")
        if let dash { body.raw(" stroke-dasharray=\"\(dash)\"") }
        body.raw("/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, opacity: Double = 1, dash: String? = nil) {
        guard !points.isEmpty else { return }
        body.raw("<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"")
        if opacity < 1 { body.raw(" stroke-opacity=\"\(Self.n(opacity, places: 2))\"") }
        if let dash { body.raw(" stroke-dasharray=\"\(dash)\"") }
        body.raw(" points=\"")
        for (k, p) in points.enumerated() {
            if k > 0 { body.raw(" ") }
            body.raw(Self.n(p.0) + "," + Self.n(p.1))
        }
        body.raw("\"/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard !points.isEmpty else { return }
        body.raw("<polygon fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity, places: 2))\" points=\"")
        for (k, p) in points.enumerated() {
            if k > 0 { body.raw(" ") }
            body.raw(Self.n(p.0) + "," + Self.n(p.1))
        }
        body.raw("\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ x: Double, _ y: Double, _ text: String, anchor: Anchor = .start, size: Double = 11,
                       fill: String = "#333", weight: String? = nil, rotate: Double? = nil) {
        body.raw("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" fill=\"\(fill)\"")
        if anchor != .start { body.raw(" text-anchor=\"\(anchor.rawValue)\"") }
        if let weight { body.raw(" font-weight=\"\(weight)\"") }
        if let rotate { body.raw(" transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"") }
        body.raw(">")
        body.text(text)
        body.raw("</text>")
    }

    /// A tooltip for the element just opened with `group`.
    mutating func group(title: String?) {
        body.raw("<g>")
        if let title { body.element("title", "", title) }
    }

    mutating func endGroup() { body.raw("</g>") }

    mutating func raw(_ s: String) { body.raw(s) }

    /// A coordinate with one decimal at most.
    static func n(_ v: Double, places: Int = 1) -> String { ReportText.decimal(v, places: places, trim: true) }

    /// Round axis steps: 1, 2, 5 × 10^k, giving about `ticks` steps up to `maximum`.
    static func niceStep(_ maximum: Double, ticks: Int = 5) -> Double {
        guard maximum > 0 else { return 1 }
        let raw = maximum / Double(ticks)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for f in [1.0, 2, 2.5, 5, 10] where f * magnitude >= raw { return f * magnitude }
        return 10 * magnitude
    }

    /// Time-axis steps in ms: 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6 h.
    static func timeStep(_ span: Millis, ticks: Int = 8) -> Millis {
        let steps: [Millis] = [60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000]
        return steps.first { span / $0 <= Millis(ticks) } ?? steps[steps.count - 1]
    }

    /// `0:30`, `1:45` for the time axis.
    static func clockLabel(_ ms: Millis) -> String {
        let minutes = ms / 60_000
        let m = minutes % 60
        return "\(minutes / 60):" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// Text cut to a number of characters for a chart label.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// The colours and symbols of the report, chosen so that every chart reads without colour too.
enum Palette {
    static let teams = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#79706e"]
    static let ink = "#2b2b2b"
    static let muted = "#6b6b6b"
    static let grid = "#e3e3e3"
    static let read = "#9ecae1"
    static let answer = "#3a6ea5"

    static func fill(_ outcome: Outcome?) -> String {
        switch outcome {
        case .correct: "#9fd3ae"
        case .partial: "#f3d98b"
        case .wrong: "#eba59e"
        case .missed: "#cfcfcf"
        case .pending: "#b6cfee"
        case nil: "#ffffff"
        }
    }

    /// Read without colour: ✓ correct, ½ partial, ✗ wrong, – missed, … pending (symbols every
    /// common font has, so they keep their size in any script's fallback font).
    static func symbol(_ outcome: Outcome?) -> String {
        switch outcome {
        case .correct: "✓"
        case .partial: "½"
        case .wrong: "✗"
        case .missed: "–"
        case .pending: "…"
        case nil: ""
        }
    }

    static func rating(_ r: HSEEPRating?) -> String {
        switch r {
        case .p: "#3b8b5a"
        case .s: "#8aae4f"
        case .m: "#d99a2b"
        case .u: "#c2553f"
        case nil: "#9a9a9a"
        }
    }

    static func band(_ r: HSEEPRating) -> String {
        switch r {
        case .p: "#e2f1e6"
        case .s: "#eef4e0"
        case .m: "#fbefd9"
        case .u: "#f7e0db"
        }
    }
}
