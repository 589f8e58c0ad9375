/// The Latin letter printed on the same physical key of a Russian (ЙЦУКЕН) or Arabic (101)
/// keyboard, so that the white cell's letter commands (`c`, `g`, `i`, `v`, `W`…) work without
/// switching layouts. Only for command keys: text fields always take the character typed.
/// (Chinese input methods type Latin letters when the IME is off; function keys cover the rest.)
public enum KeyboardLayout {
    /// The Latin letter for `c`, or nil when `c` is not a letter of those layouts.
    public static func latin(for c: Character) -> Character? { table[c] }

    private static let table: [Character: Character] = {
        var t: [Character: Character] = [:]
        let latin = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,.")
        let russian = Array("йцукенгшщзхъфывапролджэячсмитьбю")
        for (r, l) in zip(russian, latin) where l.isLetter {
            t[r] = l
            if let upperR = r.uppercased().first, let upperL = l.uppercased().first { t[upperR] = upperL }
        }
        // Arabic 101, unshifted (its shifted layer holds diacritics and punctuation, not capitals).
        let arabic = Array("ضصثقفغعهخحشسيبلاتنمئءؤرىة")
        let arabicLatin = Array("qwertyuiopasdfghjklzxcvnm")
        for (a, l) in zip(arabic, arabicLatin) { t[a] = l }
        return t
    }()
}
