import ZhiliText

/// Step b (within a line): removes the spaces that newspaper justification puts between characters.
///
/// - A run of two or more single Han characters, digits or punctuation marks separated by
///   spaces is closed up: `国 家 安 全` → `国家安全`, `观 ， 坚 持` → `观，坚持`,
///   `收 取 2 6 0 0 元` → `收取2600元`, `赛娜 通 讯 员 张家欣` → `赛娜 通讯员 张家欣`.
/// - Spaces between a Han character and an ASCII digit go: `收取 2600元` → `收取2600元`.
/// - Spaces between words of two or more characters stay: `深化基层治理 筑牢社会安全屏障`,
///   `黄海龙 摄`.
public struct JustificationSpaces: Sendable {
    /// Creates the step.
    public init() {}

    /// The punctuation that justification spreads like a character, full-width and ASCII (the
    /// text of many pages mixes them), and the ASCII digits.
    static let marks: ScalarSet = "，。、；：！？“”‘’（）《》〈〉【】「」『』…—·%,.;:!?()0123456789"

    /// A Han character or one of ``marks``: what a spread line holds between its spaces.
    @inline(__always)
    static func isSpread(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isHan(scalar) || marks.contains(scalar) }

    /// Returns `line` with justification spaces removed.
    ///
    /// Works on the UTF-8 bytes (a space or tab is one byte and never part of another
    /// character); a line without removable spaces is returned as it is, without a copy.
    /// - Complexity: O(n) in UTF-8 bytes.
    public func repair(_ line: String) -> String {
        var copy = line
        let repaired: String? = copy.withUTF8 { bytes in
            var output: [UInt8] = []
            // Bytes before `copied` are settled: either in `output` or, while nothing was
            // removed, still only in `bytes`.
            var copied = 0
            var changed = false
            let count = bytes.count
            // Nothing changes before the first space (a line without one is returned as it is).
            var index = ByteSearch.firstSpace(in: bytes, from: 0)
            while index < count {
                guard TextShape.isSpace(byte: bytes[index]), index > 0 else {
                    index = ByteSearch.firstSpace(in: bytes, from: index + 1)
                    continue
                }
                var end = index
                while end < count, TextShape.isSpace(byte: bytes[end]) { end += 1 }
                let remove: Bool
                if end == count {
                    remove = true  // trailing spaces: dropped
                } else {
                    let (left, leftStart) = UTF8Cursor.scalar(endingAt: index, in: bytes)
                    let (right, rightLength) = UTF8Cursor.scalar(startingAt: end, in: bytes)
                    remove = (CharacterClass.isHan(left) && CharacterClass.isASCIIDigit(right))
                        || (CharacterClass.isASCIIDigit(left) && CharacterClass.isHan(right))
                        || (Self.isSpread(left) && Self.isSpread(right)
                            && (leftStart == 0 || TextShape.isSpace(byte: bytes[leftStart - 1]))
                            && (end + rightLength == count || TextShape.isSpace(byte: bytes[end + rightLength])))
                }
                if remove {
                    if !changed {
                        changed = true
                        output.reserveCapacity(count)
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    copied = end
                }
                index = end
            }
            guard changed else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
            return String(decoding: output, as: UTF8.self)
        }
        return repaired ?? line
    }
}
