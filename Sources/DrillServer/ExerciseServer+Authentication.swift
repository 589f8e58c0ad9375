/// Token checks for fronts other than the WebSocket (the SSH server of `serve --ssh`), with the
/// same per-address slow-down of bad tokens as `hello`.
extension ExerciseServer {
    /// Who `token` stands for, or nil. An attempt from `address` (an IP address, without the port)
    /// first waits its turn as the WebSocket's do: each failure from that address doubles the
    /// wait of the next attempt; a good token clears it.
    public func authenticate(token: String, from address: String) async -> Identity? {
        let wait = await throttle.admit(address)
        if wait > 0 { try? await Task.sleep(for: .milliseconds(wait)) }
        guard let identity = credentials.identity(for: token) else {
            await throttle.failed(address)
            let failures = await throttle.failures(address)
            configuration.logger.notice("bad token", metadata: ["remote": "\(address)", "failures": "\(failures)", "front": "ssh"])
            return nil
        }
        await throttle.succeeded(address)
        return identity
    }

    /// The ids of the teams that hold a token.
    public var teamIDs: Set<String> {
        Set(credentials.credentials.filter { $0.role == .team }.map(\.id))
    }
}
