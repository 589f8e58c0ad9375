import DrillClient
import DrillCore
import DrillTUI
import DrillWire

extension ExerciseClient {
    /// Asks the server for a console's command and says how it ended, as a local host would.
    /// (Answers do not come here: they go through `submit`, which queues them.)
    func carryOut(_ command: Command) async -> CommandResult {
        guard let message = ClientMessage(command: command) else { return .refused(.forbidden, "no client may do that") }
        do {
            _ = try await request(message)
            return .done
        } catch ClientError.refused(let error) {
            return CommandResult(error)
        } catch {
            return .refused(nil, "\(error)")
        }
    }
}

extension CommandResult {
    /// A server's refusal, with its code when the engine knows it.
    init(_ error: WireError) {
        self = .refused(CommandError.Code(rawValue: error.code), error.message)
    }
}

extension TeamConsoleModel.Connection {
    /// The link's state after a client event; nil for events that do not change it.
    init?(_ event: ClientEvent) {
        switch event {
        case .connecting(let attempt): self = .reconnecting(attempt: attempt)
        case .connected: self = .connected
        case .disconnected(let reason, _): self = .offline(reason: reason)
        case .stopped(let reason): self = .offline(reason: reason.description)
        case .caughtUp, .message: return nil
        }
    }
}
