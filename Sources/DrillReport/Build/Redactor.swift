/// Replaces every occurrence of team identifiers (ids, names, parts of names, contacts, country
/// codes) in free text: scenario titles and prompts, notes, requests for information.
///
/// One pass over the text's UTF-8 bytes with a byte trie, longest match first, so hundreds of
/// teams cost no more than a few. A needle matches only as a whole word: an ASCII letter or digit
/// at its edge must not touch another one in the text ("Team 1" does not match in "Team 10").
/// Names and ids match regardless of ASCII case; country codes only in capitals (`IT`, not "it").
/// A needle marked `wholeWord` that ends in a letter also takes the rest of a longer word
/// ("Aldonia" takes "Aldonian"), so a demonym does not give a country away.
struct Redactor: Sendable {
    struct Needle: Sendable {
        var text: String
        var replacement: String
        var caseSensitive: Bool
        var wholeWord = false
    }

    private struct Terminal: Sendable {
        var bytes: [UInt8]
        var replacement: String
        var caseSensitive: Bool
        var wholeWord: Bool
    }

    private struct Node: Sendable {
        var next: [UInt8: Int32] = [:]
        var terminals: [Terminal] = []
    }

    private var nodes = [Node()]
    /// Bytes that start at least one needle (folded), to skip the rest quickly.
    private var starts = [Bool](repeating: false, count: 256)

    var isEmpty: Bool { nodes.count == 1 }

    init(_ needles: [Needle]) {
        for needle in needles {
            let bytes = Array(needle.text.utf8)
            guard bytes.count >= 2 else { continue }
            var node = 0
            for b in bytes {
                let f = Self.fold(b)
                if let n = nodes[node].next[f] {
                    node = Int(n)
                } else {
                    nodes.append(Node())
                    nodes[node].next[f] = Int32(nodes.count - 1)
                    node = nodes.count - 1
                }
            }
            nodes[node].terminals.append(Terminal(bytes: bytes, replacement: needle.replacement, caseSensitive: needle.caseSensitive,
                                                  wholeWord: needle.wholeWord && Self.isLetter(bytes[bytes.count - 1])))
            starts[Int(Self.fold(bytes[0]))] = true
        }
    }

    /// The text with every needle replaced; the same string when nothing matches.
    func callAsFunction(_ text: String) -> String {
        if isEmpty { return text }
        var out: [UInt8]? = nil
        let bytes = Array(text.utf8)
        var copiedUpTo = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard starts[Int(Self.fold(b))], i == 0 || !Self.isWordByte(bytes[i - 1]) || !Self.isWordByte(b) else {
                i += 1
                continue
            }
            if let (length, replacement) = longestMatch(bytes, at: i) {
                if out == nil { out = []; out?.reserveCapacity(bytes.count + 16) }
                out?.append(contentsOf: bytes[copiedUpTo..<i])
                out?.append(contentsOf: replacement.utf8)
                i += length
                copiedUpTo = i
            } else {
                i += 1
            }
        }
        guard var result = out else { return text }
        result.append(contentsOf: bytes[copiedUpTo...])
        return String(decoding: result, as: UTF8.self)
    }

    private func longestMatch(_ bytes: [UInt8], at start: Int) -> (Int, String)? {
        var node = 0
        var best: (Int, String)?
        var i = start
        while i < bytes.count, let n = nodes[node].next[Self.fold(bytes[i])] {
            node = Int(n)
            i += 1
            let length = i - start
            let midWord = i < bytes.count && Self.isWordByte(bytes[i - 1]) && Self.isWordByte(bytes[i])
            for t in nodes[node].terminals where !t.caseSensitive || bytes[start..<i].elementsEqual(t.bytes) {
                if !midWord {
                    if (best?.0 ?? 0) <= length { best = (length, t.replacement) }
                } else if t.wholeWord, Self.isLetter(bytes[i]) {
                    // The needle starts a longer word: the whole word goes.
                    var end = i
                    while end < bytes.count, Self.isLetter(bytes[end]) { end += 1 }
                    if end < bytes.count, Self.isWordByte(bytes[end]) { continue }
                    if (best?.0 ?? 0) < end - start { best = (end - start, t.replacement) }
                } else {
                    continue
                }
                break
            }
        }
        return best
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

    @inline(__always) static func fold(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// ASCII letters and digits; every other byte (spaces, punctuation, non-ASCII) is a boundary.
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }
}
