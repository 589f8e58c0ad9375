/// A benchmark that cannot go on (a timeout, a server that did not start, a journal that does not
/// verify); the executable prints it and exits non-zero.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
