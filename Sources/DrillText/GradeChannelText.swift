import DrillCore

extension Texts {
    /// Where a grade-channel word stands (grade17).
    public enum ChannelUse: Sendable { case reason, name }

    /// How an answer graded by the white cell was given: in a score reason ("given by phone") or
    /// as a name in a form or a report ("phone").
    public func gradeChannel(_ via: GradeChannel, in use: ChannelUse = .name) -> String {
        switch (via, use) {
        case (.phone, .reason): self(.reasonViaPhone)
        case (.videoCall, .reason): self(.reasonViaVideoCall)
        case (.inPerson, .reason): self(.reasonViaInPerson)
        case (.other, .reason): self(.reasonViaOther)
        case (.phone, .name): self(.channelPhone)
        case (.videoCall, .name): self(.channelVideoCall)
        case (.inPerson, .name): self(.channelInPerson)
        case (.other, .name): self(.channelOther)
        }
    }
}
