/// What the group-commit writer of one open `Journal` has done so far.
public struct JournalStatistics: Sendable, Equatable {
    /// `append` calls acknowledged.
    public var appendCalls: Int = 0
    /// Rows written.
    public var rows: Int = 0
    /// Write transactions committed; fewer than `appendCalls` means commits were shared.
    public var transactions: Int = 0
    /// Rows in the largest transaction.
    public var largestTransaction: Int = 0

    public init() {}
}
