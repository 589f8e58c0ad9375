import Foundation
import Testing
@testable import DrillTUI

/// Golden files: a screen's lines compared with `Golden/<name>.txt`, and for the screens where
/// style carries meaning (a selection, outcome colours, warnings) the style of every cell compared
/// with `Golden/<name>.style.txt` (see `GoldenStyle`).
///
/// `UPDATE_GOLDEN=1 swift test --filter DrillTUITests` writes the files instead of comparing;
/// review the diff before committing them.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"].map { !$0.isEmpty && $0 != "0" } ?? false }

    /// The screen as stored: its lines without trailing blanks.
    static func text(_ screen: Screen) -> String {
        screen.lines.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// Compares the screen's text with `<name>.txt` and, when `styled`, its style classes with
    /// `<name>.style.txt`.
    static func check(_ screen: Screen, _ name: String, styled: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        compare(text(screen), with: "\(name).txt", what: name, sourceLocation: sourceLocation)
        if styled {
            compare(GoldenStyle.layer(screen), with: "\(name).style.txt", what: "the style of \(name)", sourceLocation: sourceLocation)
        }
    }

    private static func compare(_ actual: String, with file: String, what name: String, sourceLocation: SourceLocation) {
        let url = directory.appendingPathComponent(file)
        if updating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(file); run with UPDATE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(a.count, e.count) where (i < a.count ? a[i] : "") != (i < e.count ? e[i] : "") {
            diff.append("line \(i + 1):\n  expected: \(i < e.count ? e[i] : "")\n  actual:   \(i < a.count ? a[i] : "")")
        }
        let shown = diff.prefix(8).joined(separator: "\n")
        Issue.record("\(name) differs from its golden file:\n\(shown)", sourceLocation: sourceLocation)
    }
}
