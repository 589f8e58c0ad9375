/// BCP 47 language tags (RFC 5646), checked for their form: `en`, `fr-SN`, `zh-Hans`, `ar-001`,
/// `es-419`, `sr-Latn-RS`. Irregular grandfathered tags (`i-klingon`) are not accepted.
public enum LanguageTag {
    /// Whether `tag` is a well-formed BCP 47 tag.
    public static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard let first = parts.first, !parts.contains(where: \.isEmpty) else { return false }
        func alpha(_ p: [UInt8]) -> Bool { p.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
        func digit(_ p: [UInt8]) -> Bool { p.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        func alnum(_ p: [UInt8]) -> Bool { p.allSatisfy { (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) } }
        if first == Array("x".utf8) || first == Array("X".utf8) {
            return parts.count > 1 && parts.dropFirst().allSatisfy { alnum($0) && $0.count <= 8 }
        }
        guard alpha(first), (2...8).contains(first.count) else { return false }
        var k = 1
        // Up to three extended language subtags after a 2–3 letter language.
        var extlangs = 0
        while first.count <= 3, k < parts.count, extlangs < 3, parts[k].count == 3, alpha(parts[k]) { k += 1; extlangs += 1 }
        if k < parts.count, parts[k].count == 4, alpha(parts[k]) { k += 1 }  // script
        if k < parts.count, (parts[k].count == 2 && alpha(parts[k])) || (parts[k].count == 3 && digit(parts[k])) { k += 1 }  // region
        while k < parts.count, alnum(parts[k]),  // variants
              (5...8).contains(parts[k].count) || (parts[k].count == 4 && digit([parts[k][0]])) { k += 1 }
        while k < parts.count, parts[k].count == 1, alnum(parts[k]), parts[k] != Array("x".utf8), parts[k] != Array("X".utf8) {
            k += 1  // extension: a singleton and one or more 2–8 character subtags
            let start = k
            while k < parts.count, (2...8).contains(parts[k].count), alnum(parts[k]) { k += 1 }
            if k == start { return false }
        }
        if k < parts.count, parts[k] == Array("x".utf8) || parts[k] == Array("X".utf8) {
            k += 1
            let start = k
            while k < parts.count, (1...8).contains(parts[k].count), alnum(parts[k]) { k += 1 }
            if k == start { return false }
        }
        return k == parts.count
    }

    /// Tags compare without regard to case (`fr-sn` is `fr-SN`).
    public static func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }

    /// The primary language subtag, lowercased: `fr` of `fr-SN`.
    public static func primary(_ tag: String) -> String {
        String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
    }
}
