import DrillCore

/// An error frame's body: a code for programs and a sentence for people.
public struct WireError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The protocol's own codes; the engine's refusals (`CommandError.Code`) pass through with their
    /// own names (`notRunning`, `notReleased`, …), so a code is kept as text.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The frame is larger than `Wire.maxMessageBytes`.
        case tooLarge
        /// Not JSON, not an object, a binary frame, or a field of the wrong kind or missing.
        case malformed
        /// `v` is missing or not a version this server speaks.
        case badVersion
        /// `type` names no message the server knows.
        case unknownType
        /// The first message was not `hello`, or `hello` came twice.
        case badHello
        /// The token is not valid for this exercise.
        case unauthorized
        /// No `hello` arrived in time.
        case timeout
        /// The connection could not keep up with its messages; reconnect and resume.
        case tooSlow
        /// The role of this connection may not send that message (e.g. a team sending `start`).
        case forbidden
        /// The server could not write its journal; the exercise is stopped.
        case `internal`
        /// The server is shutting down; reconnect and resume later.
        case shuttingDown
        /// No such artifact for this connection: it does not exist, or (for a team) its inject has
        /// not reached the team. Both get the same answer, so that a team learns nothing of
        /// artifacts it has not received.
        case notFound
        /// `offset` is negative or past the end of the file, or `length` is not positive.
        case badRange

        // MARK: avail20
        /// The journal cannot be written now (the disk is full): the request was not carried
        /// out; send it again once the server says the journal can be written.
        case diskFull
        /// The connection sent more messages than its budget allows; nothing was done. Too many
        /// of these and the connection is closed (1008).
        case rateLimited
    }

    public var code: String
    public var message: String
    /// For a refused `submit`: the submission id it was about.
    public var submission: String?

    public init(_ code: Code, _ message: String, submission: String? = nil) {
        self.code = code.rawValue
        self.message = message
        self.submission = submission
    }

    /// An engine refusal, under the engine's code.
    public init(_ refusal: CommandError, submission: String? = nil) {
        code = refusal.code.rawValue
        message = refusal.message
        self.submission = submission
    }

    public var description: String { "\(code): \(message)" }
}
