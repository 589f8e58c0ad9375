/// UTC dates for the report, from journal wall times, without a calendar library (and so
/// identical on every platform): `2025-12-09T10:00:00Z`.
enum WallDate {
    static func iso(_ ms: Int64) -> String {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil from days (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let h = secondOfDay / 3600, m = secondOfDay % 3600 / 60, s = secondOfDay % 60
        return "\(year)-\(two(month))-\(two(day))T\(two(h)):\(two(m)):\(two(s))Z"
    }

    /// `2025-12-09 10:00 UTC`, for reading.
    static func readable(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        let date = iso.prefix(10), time = iso.dropFirst(11).prefix(5)
        return "\(date) \(time) UTC"
    }
}
