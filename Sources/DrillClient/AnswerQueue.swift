import DrillCore
import DrillWire
import Foundation

/// Answers not yet acknowledged by the server, in the order they were given; optionally kept in a
/// file so that answers typed during an outage survive a restart of the client.
struct AnswerQueue {
    private(set) var pending: [ClientMessage.Submission] = []
    let path: String?

    init(path: String?) {
        self.path = path
        if let path, let data = FileManager.default.contents(atPath: path),
           let saved = try? JSONDecoder().decode(Saved.self, from: data) {
            pending = saved.pending
        }
    }

    private struct Saved: Codable {
        var pending: [ClientMessage.Submission]
    }

    mutating func append(_ submission: ClientMessage.Submission) {
        pending.append(submission)
        save()
    }

    /// Forgets a submission (acknowledged, or refused for good); true if it was queued.
    @discardableResult
    mutating func remove(_ id: String) -> Bool {
        guard let k = pending.firstIndex(where: { $0.submission == id }) else { return false }
        pending.remove(at: k)
        save()
        return true
    }

    func contains(_ id: String) -> Bool { pending.contains { $0.submission == id } }

    private func save() {
        guard let path, let data = try? JSONEncoder().encode(Saved(pending: pending)) else { return }
        try? PrivateFile.write(data, to: path)
    }
}
