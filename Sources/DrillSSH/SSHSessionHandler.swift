import DrillServer
import DrillTUI
import Foundation
import Logging
import NIOCore
import NIOSSH

/// One `session` channel: collects `pty-req` and `env`, starts the console on `shell`, feeds it
/// the bytes typed and the `window-change`s, and closes the channel with `exit-status` when the
/// console ends. Everything else a session may ask is refused: `exec` (`ssh host command`),
/// `subsystem` (`sftp`, `-s`), a `shell` without a terminal, signals and X11 or agent forwarding.
final class SSHSessionHandler: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    private let accepted: SSHTokenCheck.Accepted
    private let remote: String
    private let console: SSHConsoleServer.Console
    private let logger: Logger
    private var pty: SSHChannelRequestEvent.PseudoTerminalRequest?
    /// The size from `pty-req`, then from each `window-change`.
    private var size = Size(width: 80, height: 24)
    private var environment: [String: String] = [:]
    private var terminal: SSHTerminal?
    /// Bytes typed before the shell started (a fast typist, a pasted line).
    private var early: [UInt8] = []

    /// Environment variables taken from the client; others are ignored (and said to be).
    static let acceptedEnvironment: Set<String> = ["NO_COLOR", "LANG", "LC_ALL", "LC_MESSAGES", "TERM", "COLORTERM"]

    init(accepted: SSHTokenCheck.Accepted, remote: String, console: @escaping SSHConsoleServer.Console, logger: Logger) {
        self.accepted = accepted
        self.remote = remote
        self.console = console
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).assumeIsolated().whenFailure { error in
            context.fireErrorCaught(error)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        // Standard input only; extended data (stderr) from a client means nothing here.
        guard case .channel = message.type, case .byteBuffer(let bytes) = message.data else { return }
        let typed = bytes.readableBytesView
        if let terminal { terminal.input.feed(typed) } else if early.count < 4096 { early += typed }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            pty = request
            size = Size(width: request.terminalCharacterWidth > 0 ? request.terminalCharacterWidth : 80,
                        height: request.terminalRowHeight > 0 ? request.terminalRowHeight : 24)
            reply(context, request.wantReply, true)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let taken = Self.acceptedEnvironment.contains(request.name)
            if taken { environment[request.name] = request.value }
            reply(context, request.wantReply, taken)
        case let request as SSHChannelRequestEvent.ShellRequest:
            startShell(context, wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            guard request.terminalCharacterWidth > 0, request.terminalRowHeight > 0 else { break }
            size = Size(width: request.terminalCharacterWidth, height: request.terminalRowHeight)
            terminal?.resize(size)
        case let request as SSHChannelRequestEvent.ExecRequest:
            refuse(context, request.wantReply, "exec", "this server runs the exercise console only; connect without a command")
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            refuse(context, request.wantReply, "subsystem \(request.subsystem)", "no subsystems here (no sftp, no scp): artifacts are downloaded over HTTP")
        case is SSHChannelRequestEvent.SignalRequest, is SSHChannelRequestEvent.LocalFlowControlRequest:
            break
        case let event as ChannelEvent where event == .inputClosed:
            terminal?.input.end()
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The terminal was closed (or the link dropped): the console ends as if input ended.
        terminal?.close()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("ssh session error", metadata: ["remote": "\(remote)", "error": "\(error)"])
        context.close(promise: nil)
    }

    private func startShell(_ context: ChannelHandlerContext, wantReply: Bool) {
        guard terminal == nil else { return reply(context, wantReply, false) }
        guard let pty else {
            refuse(context, wantReply, "shell without a terminal", "the console needs a terminal: connect with ssh -t (or without -T)")
            return
        }
        reply(context, wantReply, true)
        let term = environment["TERM"] ?? pty.term
        let terminal = SSHTerminal(identity: accepted.identity, user: accepted.user, token: accepted.token, term: term,
                                   environment: environment, remote: remote, size: size,
                                   channel: context.channel)
        self.terminal = terminal
        if !early.isEmpty { terminal.input.feed(early) }
        early = []
        logger.info("ssh console", metadata: ["identity": "\(accepted.identity)", "remote": "\(remote)", "term": "\(term)"])
        let channel = context.channel, console = self.console, logger = self.logger, remote = self.remote
        Task {
            let status = await console(terminal)
            logger.info("ssh console ended", metadata: ["remote": "\(remote)", "status": "\(status)"])
            channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: Int(status))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    private func reply(_ context: ChannelHandlerContext, _ wantReply: Bool, _ success: Bool) {
        guard wantReply else { return }
        context.triggerUserOutboundEvent(success ? ChannelSuccessEvent() as Any : ChannelFailureEvent() as Any, promise: nil)
    }

    /// Says no (and why, on the client's standard error), then closes the channel.
    private func refuse(_ context: ChannelHandlerContext, _ wantReply: Bool, _ what: String, _ why: String) {
        logger.notice("ssh request refused", metadata: ["request": "\(what)", "remote": "\(remote)"])
        let text = context.channel.allocator.buffer(string: "cyberdrill: \(what) refused: \(why)\r\n")
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .stdErr, data: .byteBuffer(text))), promise: nil)
        reply(context, wantReply, false)
        let channel = context.channel
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: 1)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
