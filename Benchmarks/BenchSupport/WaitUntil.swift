/// Polls `condition` every 20 ms until it holds, or throws once `timeout` seconds have passed:
/// every wait of a benchmark is bounded in time.
@MainActor
public func waitUntil(_ what: String, timeout: Double, _ condition: () -> Bool) async throws {
    let deadline = now() + UInt64(timeout * 1e9)
    while now() < deadline {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw BenchError("timed out: \(what)")
}
