/// How a team gave an answer the white cell graded without a submission (grade17).
public enum GradeChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case phone
    case videoCall
    case inPerson
    case other
}
