import Foundation

/// A small mutual-exclusion helper over `NSLock`.
final class Lock: @unchecked Sendable {
    private let lock = NSLock()

    func with<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
