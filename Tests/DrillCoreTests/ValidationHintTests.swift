import DrillCore
import Testing

/// Hints of `validate` that used to mislead: a team told to coordinate with itself, `pending` as
/// a branch outcome, and a decimal comma in a flow mapping.
@Suite("Validation hints")
struct ValidationHintTests {
    static let scenario = """
    format: cyberdrill/1
    id: hints
    title: Hints
    duration: 1h
    teams: [{ id: cirt-a, name: A }, { id: cirt-b, name: B }]
    injects:
      - id: I01
        at: 0m
        title: T
        channel: email
        to: [cirt-a]
        tasks:
          - { id: w, type: coordination, prompt: Warn, with: [cirt-aa, cirt-bb] }
          - { id: n, type: number, prompt: How many?, answer: 2,5 }
      - id: I02
        at: 5m
        title: U
        channel: email
        when: { task: I01.n, outcome: [pendng] }

    """

    @Test func hintsPointAtWhatToWrite() {
        let got = Fixture.diagnostics(Self.scenario)
        // The inject goes to cirt-a: it cannot coordinate with itself, so cirt-a is not suggested.
        #expect(got.contains { $0.contains("'with' names unknown team 'cirt-aa'") && !$0.contains("did you mean 'cirt-a'") }, "\(got)")
        #expect(got.contains { $0.contains("'with' names unknown team 'cirt-bb'; did you mean 'cirt-b'?") }, "\(got)")
        #expect(got.contains("14:61: error: unknown field '5' in a task; for the number 2,5 write 2.5: in a flow mapping { … } a comma separates entries"), "\(got)")
        #expect(got.contains("19:36: error: when.outcome 'pendng' is not one of correct, partial, wrong, missed"), "\(got)")
        #expect(!got.contains { $0.contains("pending") }, "pending is never offered")
    }
}
