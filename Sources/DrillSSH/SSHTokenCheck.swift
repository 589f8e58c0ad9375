import DrillServer
import Foundation
import NIOCore
import NIOSSH

/// Password authentication of one SSH connection: the password is a token of the exercise (a
/// team's, a facilitator's or an observer's), checked by the `ExerciseServer` with the same
/// per-address slow-down of bad tokens as the WebSocket's `hello`.
///
/// The user name is free text (`ssh kz-cert@host`, `ssh anna@host`), except that a user name
/// which is a team's id must come with that team's token: `ssh red@host` with blue's token is
/// refused, so that nobody lands in another team's console believing it is their own.
final class SSHTokenCheck: NIOSSHServerUserAuthenticationDelegate, @unchecked Sendable {
    /// Who the connection authenticated as, with the token (the session joins with it).
    struct Accepted: Sendable {
        var identity: Identity
        var user: String
        var token: String
    }

    private let server: ExerciseServer
    private let address: String
    private let teams: Set<String>
    private let lock = NSLock()
    private var _accepted: Accepted?

    init(server: ExerciseServer, address: String, teams: Set<String>) {
        self.server = server
        self.address = address
        self.teams = teams
    }

    var accepted: Accepted? { lock.withLock { _accepted } }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .password }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        guard case .password(let password) = request.request else {
            responsePromise.succeed(.failure)
            return
        }
        let user = request.username
        Task {
            guard let identity = await server.authenticate(token: password.password, from: address) else {
                responsePromise.succeed(.failure)
                return
            }
            if identity.role == .team, identity.id != user, teams.contains(user) {
                // Another team's valid token under this team's name: refused (a mix-up, not a guess).
                responsePromise.succeed(.failure)
                return
            }
            lock.withLock { _accepted = Accepted(identity: identity, user: user, token: password.password) }
            responsePromise.succeed(.success)
        }
    }
}
