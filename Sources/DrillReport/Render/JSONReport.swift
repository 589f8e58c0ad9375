import Foundation

extension AfterActionReport {
    /// The report as JSON (`cyberdrill-aar/1`, docs/report-schema.md): sorted keys, pretty printed,
    /// UTF-8 text unescaped; absent values are left out.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a report back from its JSON.
    public static func decode(json data: Data) throws -> AfterActionReport {
        try JSONDecoder().decode(AfterActionReport.self, from: data)
    }
}
