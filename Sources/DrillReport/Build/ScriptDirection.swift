/// Whether a language is written right to left, from its BCP 47 tag.
enum ScriptDirection {
    /// Primary subtags of languages written in Arabic, Hebrew, Thaana, Syriac or N'Ko script.
    private static let rightToLeft: Set<String> = ["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "nqo", "ps", "sd", "syr", "ug", "ur", "yi"]

    static func of(language tag: String) -> String {
        let lower = tag.lowercased()
        let primary = String(lower.split(separator: "-").first ?? "")
        if lower.contains("-arab") || lower.contains("-hebr") { return "rtl" }
        if lower.contains("-latn") || lower.contains("-cyrl") { return "ltr" }
        return rightToLeft.contains(primary) ? "rtl" : "ltr"
    }
}
