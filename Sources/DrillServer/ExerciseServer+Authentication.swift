/// Token checks for every front (`hello` on the WebSocket, artifact downloads, the SSH server of
/// `serve --ssh`), with one per-address slow-down of bad tokens.
extension ExerciseServer {
    /// Who `token` stands for, or nil. A good token is let in at once; a bad one from `address`
    /// (an IP address, without the port) is refused after its turn in the address's bounded
    /// queue (`AuthThrottle`), or at once when that queue is full.
    public func authenticate(token: String, from address: String) async -> Identity? {
        await checkToken(token, from: address, front: "ssh")
    }

    func checkToken(_ token: String, from address: String, front: String) async -> Identity? {
        if let identity = credentials.identity(for: token) {
            await throttle.succeeded(address)
            return identity
        }
        let turn = await throttle.refuse(address)
        if case .wait(let ms) = turn {
            if ms > 0 { try? await configuration.clock.sleep(for: .milliseconds(ms)) }
            await throttle.leave(address)
        }
        let failures = await throttle.failures(address)
        configuration.logger.notice("bad token", metadata: ["remote": "\(address)", "failures": "\(failures)", "front": "\(front)",
                                                            "queue": "\(turn == .full ? "full" : "waited")"])
        return nil
    }

    /// The ids of the teams that hold a token.
    public var teamIDs: Set<String> {
        Set(credentials.credentials.filter { $0.role == .team }.map(\.id))
    }
}
