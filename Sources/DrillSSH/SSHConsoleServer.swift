import DrillServer
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH

/// The SSH front of `serve --ssh`: an SSH server (swift-nio-ssh) whose only service is the
/// exercise console. Password = a token of the exercise (see `SSHTokenCheck`); each `session`
/// channel with a terminal and a `shell` request runs `console` on an `SSHTerminal` (see
/// `SSHSessionHandler`); `exec`, `subsystem`, port forwarding (`tcpip-forward` requests and
/// `direct-tcpip` channels) and every other channel type are refused.
///
/// What the console shows is up to the caller: `serve` runs the same consoles as `join`.
public final class SSHConsoleServer: Sendable {
    /// Runs a console on an SSH terminal until the person leaves; returns the exit status sent to
    /// the client.
    public typealias Console = @Sendable (SSHTerminal) async -> Int32

    public struct Configuration: Sendable {
        /// Host name or address to listen on, and port (0: any free port).
        public var host: String
        public var port: Int
        /// How long a connection may take to authenticate before it is closed.
        public var authenticationTimeout: TimeAmount = .seconds(60)
        /// Password attempts per connection (OpenSSH's client makes 3 by default).
        public var maxAuthAttempts = 6
        /// Its lines carry what SSH clients send (a terminal type, a request's name): control
        /// characters are dropped (`SafeLogHandler`).
        public var logger = Logger(label: "cyberdrill.ssh") { SafeLogHandler(StreamLogHandler.standardError(label: $0)) }

        public init(host: String = "127.0.0.1", port: Int = 0) {
            self.host = host
            self.port = port
        }
    }

    private let hostKey: SSHHostKey
    private let server: ExerciseServer
    private let configuration: Configuration
    private let console: Console

    public init(hostKey: SSHHostKey, server: ExerciseServer, configuration: Configuration, console: @escaping Console) {
        self.hostKey = hostKey
        self.server = server
        self.configuration = configuration
        self.console = console
    }

    /// Listens until cancelled; `onListening` gets the port actually bound (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let teams = server.teamIDs
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socket(SocketOptionLevel(SOL_SOCKET), SO_REUSEADDR), value: 1)
            .childChannelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), TCP_NODELAY), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.prepare(channel, teams: teams) }
            }
        let listener = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        await onListening(listener.localAddress?.port ?? 0)
        try await withTaskCancellationHandler {
            try await listener.closeFuture.get()
        } onCancel: {
            listener.close(promise: nil)
        }
    }

    /// One TCP connection: the SSH handler, with a token check of its own.
    private func prepare(_ channel: any Channel, teams: Set<String>) throws {
        let remote = channel.remoteAddress?.ipAddress ?? "unknown"
        // The web server's caps count SSH connections too (one open-file limit for both).
        guard server.admitConnection(channel) else { throw SSHRefusal.overCapacity }
        let server = self.server
        let check = SSHTokenCheck(server: server, address: remote, teams: teams)
        var ssh = SSHServerConfiguration(hostKeys: [hostKey.privateKey], userAuthDelegate: check, globalRequestDelegate: RefuseGlobalRequests())
        ssh.maxAuthAttempts = configuration.maxAuthAttempts
        let console = self.console, logger = configuration.logger
        let handler = NIOSSHHandler(role: .server(ssh), allocator: channel.allocator) { child, type in
            guard case .session = type else {
                logger.notice("ssh channel refused", metadata: ["type": "\(type)", "remote": "\(remote)"])
                return child.eventLoop.makeFailedFuture(SSHRefusal.channelType)
            }
            guard let accepted = check.accepted else { return child.eventLoop.makeFailedFuture(SSHRefusal.notAuthenticated) }
            server.connectionAuthenticated(channel)
            return child.eventLoop.makeCompletedFuture {
                try child.pipeline.syncOperations.addHandler(SSHSessionHandler(accepted: accepted, remote: remote, console: console, logger: logger))
            }
        }
        try channel.pipeline.syncOperations.addHandlers([handler, SSHErrorHandler(logger: logger, remote: remote)])
        channel.eventLoop.scheduleTask(in: configuration.authenticationTimeout) {
            if check.accepted == nil { channel.close(promise: nil) }
        }
    }
}

/// Why a channel or request is refused.
enum SSHRefusal: Error {
    case channelType
    case notAuthenticated
    /// Too many connections: see the connection caps in docs/protocol.md.
    case overCapacity
}

/// No port forwarding: every `tcpip-forward` (and its cancel) is refused.
struct RefuseGlobalRequests: GlobalRequestDelegate {
    func tcpForwardingRequest(_ request: GlobalRequest.TCPForwardingRequest, handler: NIOSSHHandler,
                              promise: EventLoopPromise<GlobalRequest.TCPForwardingResponse>) {
        promise.fail(SSHRefusal.channelType)
    }
}

/// Closes a connection whose SSH layer failed (a bad packet, a failed handshake).
final class SSHErrorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any
    let logger: Logger
    let remote: String

    init(logger: Logger, remote: String) {
        self.logger = logger
        self.remote = remote
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("ssh connection closed", metadata: ["remote": "\(remote)", "error": "\(error)"])
        context.close(promise: nil)
    }
}
