import BenchSupport
import Foundation

extension AnswersBenchmark {
    /// Prints the row and its details; false when an answer was lost or repeated (whatever the
    /// timing: timing depends on the machine, losing an answer never does).
    func summarize(_ sent: [(team: String, records: [AnswerClient.Record])], otherErrors: [String], journaled: [String: Int],
                   start: UInt64, cpuSeconds: Double, clientCPUSeconds: Double, serverRSS: Double, raw: RawSQLiteBaseline) -> Bool {
        var total = 0, acknowledged = 0, unanswered = 0, lost = 0, duplicated = 0
        var refusals: [String: Int] = [:]
        var fromDue: [Double] = [], fromWrite: [Double] = [], senderLag: [Double] = []
        var lastAck: UInt64 = start
        var perSecond = [Int](repeating: 0, count: max(1, Int(seconds.rounded(.up))))
        // Latencies by the second the answer fell due in: a tail from periodic work (the
        // scoreboards every 10 s, a checkpoint) shows as a few bad seconds, a saturated server as
        // every second bad.
        var byDueSecond = [[Double]](repeating: [], count: perSecond.count)
        var keys = Set<String>()
        for (team, records) in sent {
            for record in records {
                total += 1
                let key = team + "/" + record.submission
                keys.insert(key)
                let times = journaled[key] ?? 0
                if times > 1 || record.oks > 1 || record.feedAcks > 1 { duplicated += 1 }
                if let written = record.written { senderLag.append(ms(written &- record.due)) }
                guard let ack = record.acknowledged else {
                    if let code = record.refusal { refusals[code, default: 0] += 1 } else { unanswered += 1 }
                    continue
                }
                acknowledged += 1
                if times == 0 { lost += 1 }
                fromDue.append(ms(ack &- record.due))
                if record.due >= start, case let second = Int((record.due - start) / 1_000_000_000), second < byDueSecond.count {
                    byDueSecond[second].append(ms(ack &- record.due))
                }
                if let written = record.written { fromWrite.append(ms(ack &- written)) }
                lastAck = max(lastAck, ack)
                if ack >= start {
                    let second = Int((ack - start) / 1_000_000_000)
                    if second < perSecond.count { perSecond[second] += 1 }
                }
            }
        }
        let extra = Set(journaled.keys).subtracting(keys).count
        let refused = refusals.values.reduce(0, +)
        let elapsed = Double(lastAck &- start) / 1e9
        let ackRate = Double(acknowledged) / max(elapsed, 1e-9)
        let p99 = percentile(fromDue, 0.99)
        // Lost: acknowledged, yet not in the journal. An answer still unanswered when the wait ended
        // (the server had not read it yet) is a MISS, not a loss: nobody was told it was kept.
        let correct = lost == 0 && duplicated == 0 && extra == 0
        // Open loop: a server that keeps up acknowledges what is offered; 0.5 % allows for the
        // edges of the window (the last answers are acknowledged after it).
        let kept = rate >= Self.targetRate && ackRate >= 0.995 * rate
        let pass = correct && refused == 0 && unanswered == 0 && kept && p99 < Self.targetP99
        report("answers \(teams)×\((rate / Double(teams)).clean)/s×\(seconds.clean) s", "\(grouped(ackRate))/s acked, ack p99 \(String(format: "%.1f", p99)) ms",
               "≥10k/s p99<10ms", pass,
               "raw SQLite 1-row commits \(grouped(raw.oneRowPerSecond))/s (" + String(format: "×%.1f", ackRate / raw.oneRowPerSecond)
               + "), \(raw.rowsPerCommit)-row batches \(grouped(raw.batchedPerSecond))/s (" + String(format: "×%.2f", ackRate / raw.batchedPerSecond) + ")")
        print(String(format: "  %d answers, %d acknowledged after their commit, %d unanswered when the wait ended; %d lost (acknowledged, not in the journal), %d duplicated, %d in the journal unsent (journal checked after kill -9)",
                     total, acknowledged, unanswered, lost, duplicated, extra)
              + (refused == 0 ? "; none refused" : "; refused: " + refusals.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")))
        print(String(format: "  ack latency from due time p50 %.2f ms, p99 %.2f ms, max %.1f ms; from write p50 %.2f ms, p99 %.2f ms; sender lag p99 %.2f ms (raw SQLite 1-row commit p99 %.2f ms)",
                     percentile(fromDue, 0.5), p99, fromDue.max() ?? .nan, percentile(fromWrite, 0.5), percentile(fromWrite, 0.99),
                     percentile(senderLag, 0.99), raw.oneRowP99Milliseconds))
        let secondP99 = byDueSecond.enumerated().filter { !$0.element.isEmpty }.map { (second: $0.offset, p99: percentile($0.element, 0.99)) }
        let worst = secondP99.sorted { $0.p99 > $1.p99 }.prefix(3).map { String(format: "%d s: %.1f ms", $0.second, $0.p99) }
        print(String(format: "  ack p99 of the answers due in each second: median second %.2f ms, worst ", percentile(secondP99.map(\.p99), 0.5))
              + worst.joined(separator: ", "))
        let full = perSecond.count > 2 ? Array(perSecond.dropLast()) : perSecond
        print("  acknowledged per second: slowest \(grouped(Double(full.min() ?? 0))), fastest \(grouped(Double(full.max() ?? 0))) (offered \(grouped(rate)))"
              + String(format: "; server CPU %.2f cores over the run, peak RSS %.0f MB", cpuSeconds / max(elapsed, 1e-9), serverRSS))
        print(String(format: "  CPU per 1,000 answers: server %.0f ms, load generator %.0f ms (%.2f cores over the run)",
                     cpuSeconds * 1e6 / Double(max(total, 1)), clientCPUSeconds * 1e6 / Double(max(total, 1)), clientCPUSeconds / max(elapsed, 1e-9)))
        if !otherErrors.isEmpty { print("  other errors: \(otherErrors.count), first: \(otherErrors[0])") }
        fflush(nil)
        return correct
    }

    func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let digits = Array(String(Int(value.rounded())))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
