import ZhiliText

/// Step c: repairs lines in which a PDF extractor printed every run twice.
///
/// **The rule.** A line is repaired only when, ignoring spaces between runs, it is made
/// *entirely* of doubled runs — consecutive pieces of the form `XX` (a string immediately
/// followed by itself) — and pieces whose `X` is two or more characters long cover at least
/// half of the line. The repair keeps one copy of each `X` and single spaces between pieces:
/// `““普法早市普法早市””让法治观念深入人心让法治观念深入人心。。黄海龙黄海龙 摄摄`
/// → `“普法早市”让法治观念深入人心。黄海龙 摄`.
///
/// Genuine reduplication is never touched, because it never fills a whole line with doubled
/// pieces: `人人讲安全，个个会应急`, `说说话、动动嘴` hold undoubled text, and lines such as
/// `谢谢`, `常常` or `哈哈哈哈` are made only of one-character pieces (and are shorter than
/// four characters or fail the half-coverage test).
///
/// Lines longer than 2,000 scalars are left alone (doubling comes from short PDF text boxes),
/// and a parity test (every character must occur an even number of times) rejects ordinary
/// lines in O(n) before the search.
public struct DoubledRunRepair: Sendable {
    /// Creates the step.
    public init() {}

    /// The repaired line, or `line` itself when it is not made of doubled runs.
    ///
    /// - Complexity: O(n) for ordinary lines; O(n²) in the worst case for lines that pass the
    ///   parity test, with n ≤ 2,000.
    public func repair(_ line: String) -> String {
        guard line.utf8.count <= 8000, Self.mayBeDoubled(line) else { return line }
        return repairRuns(line)
    }

    /// ``repair(_:)`` without its byte tests, which only turn away lines this turns away too.
    func repairRuns(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        let count = scalars.count
        guard count >= 4, count <= 2000 else { return line }
        // Parity: in a line of doubled pieces every non-space character occurs an even number of times.
        // (A 4,096-bit set keyed by the low bits of each scalar: collisions can only let a line
        // through to the exact search below, never reject a doubled one.)
        var odd = [UInt64](repeating: 0, count: 64)
        var nonSpace = 0
        for scalar in scalars where !CharacterClass.isSpace(scalar) {
            nonSpace += 1
            let bit = Int(scalar.value & 0xFFF)
            odd[bit >> 6] ^= 1 << UInt64(bit & 63)
        }
        guard nonSpace >= 4, odd.allSatisfy({ $0 == 0 }) else { return line }

        // finishes[i]: the text from i on can be split into spaces and doubled pieces.
        // choice[i]: the length of X for the piece starting at i (0 for a space run).
        var finishes = [Bool](repeating: false, count: count + 1)
        var choice = [Int](repeating: -1, count: count + 1)
        finishes[count] = true
        var position = count - 1
        while position >= 0 {
            if CharacterClass.isSpace(scalars[position]) {
                var end = position
                while end < count, CharacterClass.isSpace(scalars[end]) { end += 1 }
                if finishes[end] { finishes[position] = true; choice[position] = 0 }
            } else {
                var length = 1
                while position + 2 * length <= count {
                    if finishes[position + 2 * length], isDoubled(scalars, at: position, length: length) {
                        finishes[position] = true
                        choice[position] = length
                        break
                    }
                    length += 1
                }
            }
            position -= 1
        }
        guard finishes[0] else { return line }

        var output = String.UnicodeScalarView()
        output.reserveCapacity(line.utf8.count / 2 + 1)
        var long = 0
        position = 0
        while position < count {
            let length = choice[position]
            if length == 0 {
                var end = position
                while end < count, CharacterClass.isSpace(scalars[end]) { end += 1 }
                if position > 0, end < count { output.append(" ") }
                position = end
            } else {
                // One scalar at a time: `append(contentsOf:)` of a slice goes through a generic map.
                for index in position..<(position + length) { output.append(scalars[index]) }
                if length >= 2 { long += 2 * length }
                position += 2 * length
            }
        }
        guard long * 2 >= nonSpace else { return line }
        return String(output)
    }

    /// A necessary condition for a repair, tested on the UTF-8 bytes without decoding: in a
    /// line of doubled pieces every non-space scalar occurs an even number of times, so every
    /// byte value outside spaces does too.
    static func mayBeDoubled(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            // The exclusive-or of all those bytes must then be zero: a one-pass first test.
            var sum: UInt8 = 0
            for byte in bytes where byte != 0x20 && byte != 0x09 { sum ^= byte }
            guard sum == 0 else { return false }
            var odd: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for byte in bytes where byte != 0x20 && byte != 0x09 {
                let bit: UInt64 = 1 << UInt64(byte & 63)
                switch byte >> 6 {
                case 0: odd.0 ^= bit
                case 1: odd.1 ^= bit
                case 2: odd.2 ^= bit
                default: odd.3 ^= bit
                }
            }
            return odd.0 | odd.1 | odd.2 | odd.3 == 0
        }
    }

    /// Whether the `length` scalars at `start` are followed by the same `length` scalars.
    private func isDoubled(_ scalars: [Unicode.Scalar], at start: Int, length: Int) -> Bool {
        for offset in 0..<length where scalars[start + offset] != scalars[start + length + offset] {
            return false
        }
        return true
    }
}
