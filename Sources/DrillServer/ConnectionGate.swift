import Foundation
import HummingbirdCore
import Logging
import NIOCore

/// Keeps silent and half-open connections from using up the server's file descriptors.
///
/// Every TCP connection must complete a request (an HTTP request answered, or the WebSocket
/// handshake answered) within `deadline` of connecting, and each later request on a kept-alive
/// connection within `deadline` of its first byte; trickling bytes does not extend it. A
/// WebSocket that sent a valid `hello` is *authenticated* and leaves the gate's watch (its own
/// keep-alive pings take over).
///
/// Connections that are not authenticated are capped per address and in total: a new one over
/// either cap closes the oldest unauthenticated one of that address (or of all), so a fresh
/// connection that completes its `hello` quickly always gets in while silent ones are evicted.
/// Connections of every kind are capped in total below the open-file limit, leaving room for the
/// roster's authenticated connections: over it, a new connection is closed at once.
final class ConnectionGate: @unchecked Sendable {
    struct Limits: Sendable {
        /// Unauthenticated connections from one address.
        var perAddress: Int
        /// Unauthenticated connections in all.
        var unauthenticated: Int
        /// Connections in all.
        var total: Int
        /// To complete a request, counted from the connection (or the request's first byte).
        var deadline: TimeAmount

        /// Limits within `openFiles` descriptors, keeping 64 for the journal, logs and the SSH front,
        /// and room for `roster` identities to connect twice each.
        static func fitting(openFiles: Int, roster: Int, deadline: TimeAmount) -> Limits {
            let total = max(32, openFiles - 64)
            let room = max(32, 2 * roster + 16)
            let unauthenticated = max(16, min(4096, total - room))
            return Limits(perAddress: max(8, min(256, unauthenticated / 2)), unauthenticated: unauthenticated, total: total, deadline: deadline)
        }
    }

    /// The event a connection sends down its pipeline once its `hello` was accepted.
    struct Authenticated: Sendable {}

    private struct Entry {
        var address: String
        var channel: any Channel
        var order: Int
        var authenticated: Bool
    }

    let limits: Limits
    private let logger: Logger
    private let lock = NSLock()
    private var entries: [ObjectIdentifier: Entry] = [:]
    private var unauthenticatedByAddress: [String: Int] = [:]
    private var unauthenticatedCount = 0
    private var counter = 0
    private var refusedCount = 0
    private var evictedCount = 0

    init(limits: Limits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    /// Connections open now, unauthenticated ones, and how many were refused or evicted so far.
    var counts: (open: Int, unauthenticated: Int, refused: Int, evicted: Int) {
        lock.withLock { (entries.count, unauthenticatedCount, refusedCount, evictedCount) }
    }

    /// Registers a new connection; false: over the total cap, close it.
    func admit(_ channel: any Channel) -> Bool {
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        var evict: [any Channel] = []
        let admitted: Bool = lock.withLock {
            guard entries.count < limits.total else {
                refusedCount += 1
                return false
            }
            if unauthenticatedByAddress[address, default: 0] >= limits.perAddress, let oldest = oldestUnauthenticated(from: address) {
                evict.append(remove(oldest))
            }
            if unauthenticatedCount >= limits.unauthenticated, let oldest = oldestUnauthenticated(from: nil) {
                evict.append(remove(oldest))
            }
            counter += 1
            entries[ObjectIdentifier(channel)] = Entry(address: address, channel: channel, order: counter, authenticated: false)
            unauthenticatedByAddress[address, default: 0] += 1
            unauthenticatedCount += 1
            evictedCount += evict.count
            return true
        }
        for channel in evict { channel.close(promise: nil) }
        if !admitted || !evict.isEmpty {
            logger.notice(admitted ? "connection cap: oldest unauthenticated connection closed" : "connection cap: refused",
                          metadata: ["remote": "\(address)"])
        }
        return admitted
    }

    func authenticated(_ channel: any Channel) {
        lock.withLock {
            let key = ObjectIdentifier(channel)
            guard var entry = entries[key], !entry.authenticated else { return }
            entry.authenticated = true
            entries[key] = entry
            uncount(entry.address)
        }
    }

    func closed(_ channel: any Channel) {
        lock.withLock {
            let key = ObjectIdentifier(channel)
            guard entries[key] != nil else { return }
            _ = remove(key)
        }
    }

    /// Under the lock.
    private func oldestUnauthenticated(from address: String?) -> ObjectIdentifier? {
        entries.filter { !$0.value.authenticated && (address == nil || $0.value.address == address) }
            .min { $0.value.order < $1.value.order }?.key
    }

    /// Under the lock.
    private func remove(_ key: ObjectIdentifier) -> any Channel {
        let entry = entries.removeValue(forKey: key)!
        if !entry.authenticated { uncount(entry.address) }
        return entry.channel
    }

    private func uncount(_ address: String) {
        unauthenticatedCount -= 1
        let left = unauthenticatedByAddress[address, default: 1] - 1
        unauthenticatedByAddress[address] = left > 0 ? left : nil
    }
}

/// The gate's watch on one connection, first in its pipeline (it sees bytes, before TLS).
final class ConnectionGateHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let gate: ConnectionGate
    private var timer: Scheduled<Void>?
    private var authenticated = false

    init(gate: ConnectionGate) {
        self.gate = gate
    }

    private var started = false

    // An accepted connection is usually active before its pipeline is set up.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        guard gate.admit(context.channel) else {
            context.close(promise: nil)
            return
        }
        arm(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        gate.closed(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The first byte of a next request starts its deadline.
        if !authenticated, timer == nil { arm(context) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // An answer: the request was complete.
        timer?.cancel()
        timer = nil
        context.write(data, promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is ConnectionGate.Authenticated else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        authenticated = true
        timer?.cancel()
        timer = nil
        gate.authenticated(context.channel)
        promise?.succeed(())
    }

    private func arm(_ context: ChannelHandlerContext) {
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: gate.limits.deadline) {
            channel.close(promise: nil)
        }
    }
}

/// A server child channel with the gate's handler first in its pipeline.
struct GatedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let gate: ConnectionGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionGateHandler(gate: gate))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension ExerciseServer {
    /// For another front of the same process (the SSH server): counts `channel` against the
    /// connection caps until it closes. False: over the total cap, close it now. A new connection
    /// over the unauthenticated caps closes the oldest unauthenticated one instead.
    public func admitConnection(_ channel: any Channel) -> Bool {
        guard gate.admit(channel) else { return false }
        let gate = self.gate
        channel.closeFuture.whenComplete { _ in gate.closed(channel) }
        return true
    }

    /// `channel` (admitted with `admitConnection`) has authenticated: it no longer counts as unauthenticated.
    public func connectionAuthenticated(_ channel: any Channel) {
        gate.authenticated(channel)
    }
}
