import DrillClient
import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import NIOWebSocket
import Testing

/// The server takes its time injected (`ExerciseServer.Configuration.clock`): what it stamps and
/// every wait it makes follow the clock a test drives. Each test here fails if the server read the
/// system's wall clock or slept on the system's clock again.
@Suite("The server runs on its injected clock", .serialized)
struct ServerClockTests {
    /// The clock in `welcome` and in the periodic clock message is the injected wall time (2027
    /// here, not today), and the period is the injected clock's: an hour of it passes at once.
    @Test func theServerStampsAndWaitsByItsInjectedClock() async throws {
        let clock = TestClock(start: 1_800_000_000_000)
        let server = try await TestServer.start(clock: clock) { $0.clockInterval = .seconds(3600) }
        defer { Task { await server.stop() } }
        let alpha = try await RawSocket.open(server.url)
        try await alpha.hello(server.token("team:cirt-a"))
        let welcome = try await alpha.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }
        #expect(welcome.clock.wall == 1_800_000_000_000, "the welcome's wall time is the injected one")
        try await server.pingBarrier(alpha, "before")
        #expect(!alpha.frames.contains { if case .clock = $0.message { true } else { false } }, "no clock message before its hour")

        try await clock.waitForSleeper(dueIn: .seconds(3600))
        clock.advance(by: .seconds(3600))
        let pushed = try await alpha.waitFor("the hourly clock message") { if case .clock(let c) = $0.message { c } else { nil } }
        #expect(pushed.wall == 1_800_000_000_000 + 3_600_000)
        #expect(pushed.phase == .notStarted)
        await alpha.close()
    }

    /// A connection that never says hello is told and closed when `helloTimeout` has passed on the
    /// server's clock, not before.
    @Test func aConnectionWithoutHelloTimesOutOnTheServersClock() async throws {
        let clock = TestClock()
        let server = try await TestServer.start(clock: clock) { $0.helloTimeout = .seconds(45) }
        defer { Task { await server.stop() } }
        let silent = try await RawSocket.open(server.url)
        try await clock.waitForSleeper(dueIn: .seconds(45))
        clock.advance(by: .seconds(44))
        #expect(clock.pending.contains(.seconds(1)), "the hello timer has a second left")
        #expect(silent.frames.isEmpty && !silent.isClosed)
        clock.advance(by: .seconds(1))
        let error = try await silent.waitFor("timeout") { $0.error }
        #expect(error.code == "timeout")
        #expect(await silent.waitUntilClosed(timeout: .seconds(20)))
        #expect(silent.closeCode == .policyViolation)
    }
}
