@testable import DrillTUI

/// The style layer of a golden screen: one character per terminal column naming the class of the
/// cell's style, so that a lost selection highlight or a wrong outcome colour fails a golden test
/// (the text layer cannot see either). Like ratatui's buffer tests, but kept apart from the text
/// so that the text goldens read as the screen does.
///
/// A class is the cell's foreground colour as a letter (the standard colour and its bright form
/// share one), in upper case when the cell is drawn in reverse video. Bold, dim and underline are
/// left out: they do not carry the meanings checked here, and dimming behind an overlay would
/// hide the rest.
enum GoldenStyle {
    /// Heads every style file, so that it can be read without this source.
    static let legend = [
        "# One character per terminal column: the cell's style class (Tests/DrillTUITests/Support/GoldenStyle.swift).",
        "# .  default colour        #  default colour, reverse video (a selection, the header, key names)",
        "# g  green (correct, running)        y  yellow (partial, a warning, late)",
        "# r  red (wrong, an error, ended)    m  magenta (missed)",
        "# k  gray (pending, no task)         c  cyan (the focused pane, a notice)",
        "# b  blue   w  white   n  black   o  another of the 256 colours (TLP:AMBER)",
        "# @  a background colour",
        "# A capital letter is that colour in reverse video (the phase, a selected cell of the matrix).",
        "# Trailing default cells are left out.",
    ]

    static func symbol(_ style: Style) -> Character {
        if style.background != .default { return "@" }
        let letter: Character
        switch style.foreground.paletteIndex {
        case nil: letter = "."
        case 0?: letter = "n"
        case 1?, 9?: letter = "r"
        case 2?, 10?: letter = "g"
        case 3?, 11?: letter = "y"
        case 4?, 12?: letter = "b"
        case 5?, 13?: letter = "m"
        case 6?, 14?: letter = "c"
        case 7?, 15?: letter = "w"
        case 8?: letter = "k"
        default: letter = "o"
        }
        guard style.attributes.contains(.reverse) else { return letter }
        return letter == "." ? "#" : Character(letter.uppercased())
    }

    /// The style file of `screen`: the legend, then one row of classes per screen row.
    static func layer(_ screen: Screen) -> String {
        var rows = legend
        for y in 0..<screen.height {
            var row = String((0..<screen.width).map { symbol(screen[$0, y].style) })
            while row.last == "." { row.removeLast() }
            rows.append(row)
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
