import DrillClient
import DrillCore
import DrillWire
import Foundation

/// One line typed into `join`, turned into a request.
enum JoinCommand {
    /// `note [KIND] [objective=ID] [capability=NAME] [team=ID] TEXT [| action: … | owner: … | due: …]`:
    /// the fields of the console's note form, on one line.
    static func note(_ args: [String]) -> Note? {
        var words = args[...]
        var note = Note(text: "")
        if let first = words.first, let kind = Note.Kind(rawValue: first.lowercased()) {
            note.kind = kind
            words = words.dropFirst()
        }
        while let word = words.first, let eq = word.firstIndex(of: "="),
              ["objective", "capability", "team"].contains(word[..<eq].lowercased()) {
            let value = String(word[word.index(after: eq)...])
            switch word[..<eq].lowercased() {
            case "objective": note.objective = value
            case "capability": note.capability = value
            default: note.team = value
            }
            words = words.dropFirst()
        }
        let parts = words.joined(separator: " ").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let text = parts.first, !text.isEmpty else { return nil }
        note.text = text
        for part in parts.dropFirst() {
            guard let colon = part.firstIndex(of: ":") else { note.text += " | " + part; continue }
            let value = part[part.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch part[..<colon].lowercased().trimmingCharacters(in: .whitespaces) {
            case "action": note.action = value
            case "owner": note.owner = value
            case "due": note.due = value
            default: note.text += " | " + part
            }
        }
        return note
    }

    /// This console's member id for the hot wash: one per `join` process (answering again replaces).
    static let member = "join-" + UUID().uuidString.prefix(8).lowercased()

    static func run(_ line: String, client: ExerciseClient, console: JoinConsole) async {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return }
        let args = Array(words.dropFirst())
        func rest(from k: Int) -> String { args.dropFirst(k).joined(separator: " ") }
        func task(_ k: Int) -> TaskRef? { args.count > k ? TaskRef(parsing: args[k]) : nil }
        func usage(_ text: String) { console.note("usage: \(text)") }

        let message: ClientMessage
        switch verb {
        case "help", "?":
            console.note(CyberDrill.Join.commands)
            return
        case "pending":
            let pending = await client.pendingAnswers
            console.note(pending.isEmpty ? "no answer waiting" : pending.map { "\($0.task) \($0.values.joined(separator: ", ")) (\($0.submission))" }.joined(separator: "\n"))
            return
        case "answer":
            guard let ref = task(0), args.count > 1 else { return usage("answer INJECT.TASK VALUE") }
            let text = rest(from: 1)
            let values = console.splitsValues(of: ref) ? text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : [text]
            let id = await client.submit(task: ref, values: values)
            console.note("answer \(ref) queued (\(id.prefix(8))…)")
            return
        case "ping": message = .ping
        case "scores": message = .scores
        case "status": message = .status
        case "read":
            guard args.count == 1 else { return usage("read INJECT") }
            message = .read(inject: args[0])
        case "hint":
            guard let ref = task(0), args.count == 2, let n = Int(args[1]), n >= 1 else { return usage("hint INJECT.TASK N (N from 1)") }
            message = .hint(task: ref, hint: n - 1)
        case "msg":
            guard args.count >= 2 else { return usage("msg TEAM|whitecell TEXT") }
            let to: Party = args[0] == "whitecell" ? .whiteCell : .team(args[0])
            message = .send(to: to, kind: .message, text: rest(from: 1))
        case "rfi":
            guard !args.isEmpty else { return usage("rfi TEXT") }
            message = .send(to: .whiteCell, kind: .rfi, text: rest(from: 0))
        case "start": message = .start
        case "pause": message = .pause
        case "resume": message = .resume
        case "end": message = .end
        case "speed":
            guard args.count == 1, let speed = Double(args[0].replacingOccurrences(of: "x", with: "")) else { return usage("speed 60") }
            message = .speed(speed)
        case "release":
            guard args.count == 1 || args.count == 2 else { return usage("release INJECT [TEAM,TEAM]") }
            message = .release(inject: args[0], teams: args.count == 2 ? args[1].split(separator: ",").map(String.init) : nil)
        case "hold":
            guard args.count == 1 else { return usage("hold INJECT") }
            message = .hold(inject: args[0])
        case "extend":
            guard let ref = task(0), args.count >= 2, let by = DurationText.parse(args[1]), args.count <= 3 else {
                return usage("extend INJECT.TASK DURATION [TEAM]   (e.g. extend I01.c2 10m cirt-a)")
            }
            message = .extend(task: ref, team: args.count == 3 ? args[2] : nil, by: by)
        case "grade":
            guard args.count >= 3, let ref = task(1), let score = Double(args[2]) else { return usage("grade TEAM INJECT.TASK SCORE [COMMENT]") }
            message = .grade(team: args[0], task: ref, score: score, comment: rest(from: 3))
        // grade17
        case "outcome":
            guard args.count >= 4, let ref = task(1), let score = Double(args[2]), let via = GradeChannel(rawValue: args[3]) else {
                return usage("outcome TEAM INJECT.TASK SCORE phone|videoCall|inPerson|other [COMMENT]")
            }
            message = .outcome(team: args[0], task: ref, score: score, via: via, comment: rest(from: 4))
        case "reopen":
            guard args.count >= 4, let ref = task(1), let window = DurationText.parse(args[2]) else {
                return usage("reopen TEAM INJECT.TASK DURATION REASON   (e.g. reopen cirt-a I01.c2 10m the portal was down)")
            }
            message = .reopen(team: args[0], task: ref, window: window, reason: rest(from: 3))
        case "open-feedback":
            message = .openFeedback
        case "feedback":
            let parts = rest(from: 0).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            var answers: [String: String] = [:]
            for part in parts {
                guard let eq = part.firstIndex(of: "=") else { return usage("feedback ID=VALUE | ID=VALUE …   (e.g. feedback q1=4 | q2=yes | q3=more time)") }
                answers[part[..<eq].trimmingCharacters(in: .whitespaces)] = part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            }
            guard !answers.isEmpty else { return usage("feedback ID=VALUE | ID=VALUE …") }
            message = .feedback(member: Self.member, answers: answers)
        case "note":
            guard let note = Self.note(args) else {
                return usage("note [strength|improvement|observation] [objective=ID] [capability=NAME] [team=ID] TEXT [| action: … | owner: … | due: …]")
            }
            message = .note(note)
        case "answer-rfi":
            guard args.count >= 2 else { return usage("answer-rfi RFI-ID TEXT") }
            message = .answerRFI(rfi: args[0], text: rest(from: 1))
        case "broadcast":
            guard !args.isEmpty else { return usage("broadcast TEXT") }
            message = .broadcast(text: rest(from: 0), team: nil)
        case "tell":
            guard args.count >= 2 else { return usage("tell TEAM TEXT") }
            message = .broadcast(text: rest(from: 1), team: args[0])
        default:
            console.note("unknown command '\(verb)'; type help")
            return
        }
        // Typed (or piped) before the connection is up: wait for it a little.
        for _ in 0..<100 where !(await client.isCaughtUp) { try? await Task.sleep(for: .milliseconds(100)) }
        do {
            let reply = try await client.request(message)
            if case .ok = reply.message { console.note("ok: \(verb)") }
        } catch ClientError.refused {
            // The error frame itself is printed as it arrives.
        } catch {
            console.note("\(verb): \(error)")
        }
    }
}
