/// Writing HTML and SVG text that is always well-formed XML: every piece of text is escaped, and
/// characters XML forbids (C0 controls other than tab and line breaks) are dropped.
struct Markup {
    private(set) var out: String

    init(capacity: Int = 1 << 16) {
        out = ""
        out.reserveCapacity(capacity)
    }

    /// Markup written by the renderer itself, never text from the report.
    @inline(__always) mutating func raw(_ s: String) { out += s }

    /// Text content or an attribute value, escaped.
    mutating func text(_ s: String) { Markup.escape(s, into: &out) }

    /// `<tag attrs>text</tag>` with the text escaped.
    mutating func element(_ tag: String, _ attributes: String = "", _ text: String) {
        out += "<" + tag
        if !attributes.isEmpty { out += " " + attributes }
        out += ">"
        Markup.escape(text, into: &out)
        out += "</" + tag + ">"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        escape(s, into: &out)
        return out
    }

    static func escape(_ s: String, into out: inout String) {
        // Fast path: most text has nothing to escape.
        var clean = true
        for b in s.utf8 where b < 0x3F {
            if b == 0x3C || b == 0x3E || b == 0x26 || b == 0x22 || b == 0x27 || (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) {
                clean = false
                break
            }
        }
        if clean { out += s; return }
        var chunk = Substring.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<": out += String(chunk); chunk = .init(); out += "&lt;"
            case ">": out += String(chunk); chunk = .init(); out += "&gt;"
            case "&": out += String(chunk); chunk = .init(); out += "&amp;"
            case "\"": out += String(chunk); chunk = .init(); out += "&quot;"
            case "'": out += String(chunk); chunk = .init(); out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                chunk.append(scalar)
            }
        }
        out += String(chunk)
    }
}
