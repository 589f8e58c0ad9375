import ArgumentParser
import DrillJournal
import DrillText
import Foundation

extension CyberDrill {
    /// `cyberdrill verify`: the hash chain and sequence of a journal, and its end against a head
    /// kept elsewhere.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a journal's hash chain and sequence; exit 1 if a row was altered, removed or inserted.",
            discussion: """
            The journal is opened read-only and not changed. A journal whose exercise ended checks \
            its own end: the ended row records how many rows came before it and their head. Rows \
            removed from the end of a journal are found against a chain head kept elsewhere: give \
            it with --head, or give a report written from the journal with --report.

            Example:
              cyberdrill verify drill.journal
              cyberdrill verify drill.journal --head 0738ec55…
              cyberdrill verify drill.journal --report reports/report.html
            """
        )

        @OptionGroup var source: JournalArgument
        var journal: String { source.journal }

        @Option(help: "A chain head kept elsewhere (64 hex digits, as serve, run, rehearse and every report print it).")
        var head: String?

        @Option(help: "A report written from this journal (md, html, json or csv): check the chain head it names.")
        var report: String?

        @OptionGroup var words: LanguageOptions

        func validate() throws {
            if let head, ChainHead.parse(head) == nil {
                Words.use(words.language)
                throw ValidationError(Words.t(.cliVerifyBadHead, ["given": head]))
            }
        }

        func run() throws {
            Words.use(words.language)
            let file = try JournalFile.open(journal)
            defer { try? file.close() }
            let result: JournalVerification
            do { result = try file.verify() } catch { throw JournalFile.fail(journal, error) }
            if let problem = result.firstProblem {
                print(Words.t(.cliVerifyTampered, ["path": journal, "seq": String(problem.seq), "kind": problem.kind.rawValue, "detail": problem.detail]))
                throw ExitCode(1)
            }
            print(Words.t(.cliVerifyOk, ["path": journal, "rows": Words.count(.cliCountRows, Int(result.intactThrough)),
                                         "last": String(result.intactThrough), "head": result.headHashHex ?? "-"]))
            print(ChainHead.endLine(journal, result))
            var expected: [(source: String, head: Data)] = []
            if let head, let bytes = ChainHead.parse(head) { expected.append(("--head", bytes)) }
            if let report {
                do {
                    expected.append((report, try ChainHead.named(inReport: report, scenarioDigest: file.scenarioDigest)))
                } catch let error as ChainHead.ReportProblem {
                    Console.error("error: \(report): \(error.message)")
                    throw ExitCode(1)
                }
            }
            var missing = false
            for (source, head) in expected {
                let seq: Int64?
                do { seq = try file.seq(ofRowHash: head) } catch { throw JournalFile.fail(journal, error) }
                let hex = ChainHead.hex(head)
                switch seq {
                case .some(let seq) where seq == result.intactThrough:
                    print(Words.t(.cliVerifyHeadIsLast, ["path": journal, "head": hex, "source": source, "seq": String(seq)]))
                case .some(let seq):
                    print(Words.t(.cliVerifyHeadAppended, ["path": journal, "head": hex, "source": source, "seq": String(seq),
                                                           "n": Words.Plain(Int(result.intactThrough - seq))]))
                case .none:
                    missing = true
                    print(Words.t(.cliVerifyHeadMissing, ["path": journal, "head": hex, "source": source,
                                                          "seq": String(result.intactThrough), "last": result.headHashHex ?? "-"]))
                }
            }
            if missing { throw ExitCode(1) }
        }
    }
}
