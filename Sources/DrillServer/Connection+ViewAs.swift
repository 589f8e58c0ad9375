import DrillWire

extension Connection {
    /// The identity of a white cell's connection that views `team` read-only (`hello` with
    /// `asTeam`): the team's own identity, so that the feed, the welcome, scores and artifacts
    /// are exactly the team's, marked with the viewer, whom nothing lets act. Refused (and
    /// answered) for any other token and for a team the exercise does not have.
    func viewAs(_ team: String, by identity: Identity, ref: String?) async -> Identity? {
        guard identity.role == .facilitator, identity.viewer == nil else {
            await writeDirect(ServerFrame(.error(WireError(.forbidden, "only a white cell's token can view a team's console")), ref: ref))
            return nil
        }
        guard let credential = server.credentials.credentials.first(where: { $0.role == .team && $0.id == team }) else {
            await writeDirect(ServerFrame(.error(WireError(.notFound, "no team '\(team.prefix(64))' in this exercise")), ref: ref))
            return nil
        }
        return Identity(role: .team, id: credential.id, name: credential.name, viewer: identity.id)
    }
}
