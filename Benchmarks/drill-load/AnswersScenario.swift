import BenchSupport
/// The scenario of the answers benchmark: open text tasks for every connection to answer in turn
/// (10 tasks an inject, every inject released at the start, windows open for hours, unlimited
/// attempts). Every answer is wrong on purpose, so a task stays open and is answered again on the
/// next round: each answer is accepted and journaled as `answerSubmitted`, never refused as closed.
/// 100 tasks a team (the size of a long drill's task list) keep the release at the start small
/// beside the run: 10 injects to 500 teams, where 600 tasks (one per answer of a 30-second run)
/// made it 60 injects, 30,000 deliveries of 2 KB.
struct AnswersScenario {
    static let tasksPerInject = 10
    let taskCount: Int

    /// Tasks for `answersPerTeam` answers, at most `cap` (answers beyond it answer a task again).
    init(answersPerTeam: Int, cap: Int = 100) {
        taskCount = max(1, min(cap, answersPerTeam))
    }

    var injectCount: Int { (taskCount + Self.tasksPerInject - 1) / Self.tasksPerInject }

    /// The task the n-th answer of a team (from 0) goes to, as `inject.task`.
    func task(forAnswer n: Int) -> String {
        let k = n % taskCount
        return String(format: "A%03d.t%02d", k / Self.tasksPerInject + 1, k % Self.tasksPerInject + 1)
    }

    var yaml: String {
        var out = """
            format: cyberdrill/1
            id: answers-load
            title: Answers load
            duration: 12h
            scoreboard: own
            defaults: { due: 10h, late: 1h }
            injects:

            """
        for i in 1...injectCount {
            out += """
                  - id: \(String(format: "A%03d", i))
                    at: 0m
                    title: Answer batch \(i)
                    channel: siem
                    body: Answer each task; the benchmark's answers are wrong on purpose, so the tasks stay open.
                    tasks:

                """
            let first = (i - 1) * Self.tasksPerInject
            for t in 1...min(Self.tasksPerInject, taskCount - first) {
                out += "      - { id: \(String(format: "t%02d", t)), type: text, prompt: Question \(t), accept: [right], points: 1 }\n"
            }
        }
        return out
    }
}
