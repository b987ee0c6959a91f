import ZhiliText

/// Removes the pinyin that some Simplified-to-Traditional conversion pages print after a character
/// (`矛盾糾紛即調(diào)機制`, `首問負(fù)責(zé)制`): a parenthesised syllable of Latin letters holding
/// a tone-marked vowel, right after a Han character. Parentheses around anything else (English
/// words, `(件)`, `(ODR)`, pinyin without tone marks) are kept.
///
/// Lines without a tone-marked vowel (their UTF-8 lead bytes 0xC3, 0xC4, 0xC5 or 0xC7) are
/// returned as they are after one byte scan.
public struct PinyinDebris: Sendable {
    /// Creates the step.
    public init() {}

    /// Vowels with a pinyin tone mark, and ü.
    static let toneVowels: ScalarSet = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"

    /// `line` without pinyin debris.
    public func repair(_ line: String) -> String {
        guard ByteSearch.contains(in: line, where: { $0 == 0xC3 || $0 == 0xC4 || $0 == 0xC5 || $0 == 0xC7 }) else { return line }
        let scalars = Array(line.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            result.append(scalar)
            index += 1
            guard CharacterClass.isHan(scalar), index < scalars.count, scalars[index] == "(" || scalars[index] == "（" else { continue }
            if let end = Self.syllableEnd(scalars, from: index + 1) { index = end }
        }
        return String(result)
    }

    /// The index just past the closing parenthesis when `scalars[start...]` is a pinyin syllable
    /// (one to seven letters, one of them tone-marked) and `)` or `）`; else nil.
    static func syllableEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        var toned = false
        while index < scalars.count, index - start < 7 {
            let scalar = scalars[index]
            if scalar == ")" || scalar == "）" { return toned && index > start ? index + 1 : nil }
            if toneVowels.contains(scalar) {
                toned = true
            } else if !CharacterClass.isASCIILetter(scalar) {
                return nil
            }
            index += 1
        }
        return nil
    }
}
