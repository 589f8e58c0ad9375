import Foundation

/// The resident size of a process in MB, from `/proc/PID/status`: now, its peak, and of now the
/// part that maps files (the binary and its libraries, Foundation's ICU data among them) rather
/// than memory it allocated. NaN where the figure cannot be read (the process is gone, not Linux).
public func rss(of pid: Int32) -> (current: Double, peak: Double, files: Double) {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (.nan, .nan, .nan) }
    func field(_ name: String) -> Double {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return .nan }
        return (Double(line.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "") ?? .nan) / 1024
    }
    return (field("VmRSS:"), field("VmHWM:"), field("RssFile:"))
}
