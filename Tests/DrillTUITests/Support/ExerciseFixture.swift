import DrillTestSupport
import DrillCore
import Foundation
import Testing
@testable import DrillTUI

/// Bundled scenarios played by a script of commands, to a chosen exercise time.
enum ExerciseFixture {
    static let root = TestPackage.root

    static func scenario(_ name: String) throws -> Scenario {
        let load = ScenarioLoader.fileSystem.load(contentsOf: root.appendingPathComponent("scenarios/\(name).yaml").path)
        return try #require(load.scenario, "\(name): \(load.diagnostics.prefix(3))")
    }

    static func min(_ m: Double) -> Millis { Millis(m * 60_000) }

    typealias Script = [(time: Millis, actor: Actor, command: Command)]

    /// The scenario's teams registered and started at 0, then the script's commands up to `until`.
    static func play(_ scenario: Scenario, _ script: Script, until: Millis) -> ExerciseState {
        var machine = ExerciseMachine(index: ScenarioIndex(scenario))
        let white = Actor.facilitator("white-cell")
        for team in scenario.teams { _ = machine.handle(.registerTeam(team), by: white, at: 0) }
        _ = machine.handle(.start, by: white, at: 0)
        for step in script where step.time <= until {
            _ = machine.handle(step.command, by: step.actor, at: step.time)
        }
        _ = machine.advance(to: until)
        return machine.state
    }

    static let white = Actor.facilitator("white-cell")
    static func a(_ t: Double, _ c: Command) -> (Millis, Actor, Command) { (min(t), .team("tut-a"), c) }
    static func b(_ t: Double, _ c: Command) -> (Millis, Actor, Command) { (min(t), .team("tut-b"), c) }
    static func c(_ t: Double, _ c: Command) -> (Millis, Actor, Command) { (min(t), .team("tut-c"), c) }
    static func w(_ t: Double, _ c: Command) -> (Millis, Actor, Command) { (min(t), white, c) }
    static func ref(_ s: String) -> TaskRef { TaskRef(parsing: s) ?? TaskRef(inject: "?", task: "?") }

    /// The tutorial with three teams that do well, so-so and poorly; CIRT Charlie answers nothing
    /// (its forms are open at the times the tests pick).
    static let tutorialScript: Script = [
        a(1.2, .markRead(inject: "T01")), b(1.5, .markRead(inject: "T01")),
        a(2.5, .markRead(inject: "T02")),
        a(2.5, .submit(task: ref("T02.link"), submission: "a1", values: ["quota-check.test"])),
        b(2.6, .submit(task: ref("T02.link"), submission: "b1", values: ["mail.harbour.example"])),
        c(3.0, .sendMessage(to: .whiteCell, kind: .rfi, text: "Is mail.harbour.example the real webmail of Harbour Logistics?")),
        b(3.2, .takeHint(task: ref("T02.link"), hint: 0)),
        b(3.5, .submit(task: ref("T02.link"), submission: "b2", values: ["quota-check.test"])),
        a(4.5, .submit(task: ref("T03.what"), submission: "a2", values: [
            "Someone guessing the \"reception\" mailbox password from 203.0.113.9, then logging in and downloading mail"])),
        b(4.6, .submit(task: ref("T03.what"), submission: "b3", values: ["A mail server outage"])),
        w(5.0, .answerRFI(rfi: "M1", text: "Yes, mail.harbour.example is theirs; the link goes elsewhere.")),
        w(5.2, .addNote(Note(text: "CIRT Charlie has not answered T02: check that their mail client shows the underlying link.", inject: "T02", team: "tut-c"))),
        a(6.3, .submit(task: ref("T04.hosts"), submission: "a3", values: ["3"])),
        b(6.5, .submit(task: ref("T04.hosts"), submission: "b4", values: ["4"])),
        a(8.5, .submit(task: ref("T05.iocs"), submission: "a4", values: ["quota-check.test", "203.0.113.9", "mail.harbour.example"])),
        b(9.0, .submit(task: ref("T05.iocs"), submission: "b5", values: ["quota-check.test", "203.0.113.9", "192.0.2.200"])),
        w(12.2, .broadcast(text: "Reminder: the coordination tasks count only messages sent before their window closes.", team: nil)),
        a(12.5, .sendMessage(to: .team("tut-b"), kind: .message, text: "Heads-up: quota-check.test phishing wave; block 203.0.113.9 and 192.0.2.200. TLP:GREEN.")),
        a(14.5, .submit(task: ref("T08.report"), submission: "a5", values: [
            "What happened: phishing (quota-check.test) and a guessed password on 'reception'.\nWhat they did: blocked the domain, found 3 machines talking to 192.0.2.200.\nWe recommend: password resets, MFA, cleaning the 3 machines."])),
        b(14.8, .submit(task: ref("T08.report"), submission: "b6", values: ["Phishing wave; domain blocked."])),
        w(14.9, .grade(team: "tut-b", task: ref("T08.report"), score: 0.5, comment: "No recommendation")),
    ]

    static func tutorial(at minutes: Double) throws -> ExerciseState {
        play(try scenario("tutorial"), tutorialScript, until: min(minutes))
    }

    /// The Arabic scenario (with a Chinese inject, I07) one and a half hours in.
    static func gulf(at minutes: Double = 90) throws -> ExerciseState {
        let t: (Double, String, Command) -> (Millis, Actor, Command) = { (min($0), .team($1), $2) }
        return play(try scenario("gulf-water-scada-ar"), [
            t(12, "qn-cirt", .markRead(inject: "I02")),
            t(20, "qs-cirt", .sendMessage(to: .whiteCell, kind: .rfi, text: "هل تأكدتم من أن المقاول يستخدم الشبكة الافتراضية نفسها لدى الدول الأربع؟")),
            t(88, "qn-cirt", .submit(task: ref("I07.malware"), submission: "q1", values: ["沙蝎"])),
        ], until: min(minutes))
    }
}

extension TeamConsole {
    /// Types `text` key by key, as a person would.
    mutating func type(_ text: String) {
        for c in text { _ = handle(c == "\n" ? .enter : .char(c)) }
    }

    mutating func press(_ keys: Key...) -> [ConsoleRequest] {
        keys.flatMap { handle($0) }
    }
}

extension WhiteCellConsole {
    mutating func press(_ keys: Key...) -> [ConsoleRequest] {
        keys.flatMap { handle($0) }
    }
}

extension Screen {
    /// Renders a console the way the runner does: layout first, then the frame.
    static func of(_ console: WhiteCellConsole, _ size: Size) -> Screen {
        var console = console
        console.layout(size)
        return console.render(size)
    }

    static func of(_ console: TeamConsole, _ size: Size) -> Screen {
        var console = console
        console.layout(size)
        return console.render(size)
    }
}

let small = Size(width: 80, height: 24)
let large = Size(width: 160, height: 48)
