/// Step b (within a line): removes the spaces that newspaper justification puts between characters.
///
/// - A run of two or more single Han characters separated by spaces is closed up:
///   `国 家 安 全` → `国家安全`, `赛娜 通 讯 员 张家欣` → `赛娜 通讯员 张家欣`.
/// - Spaces between a Han character and an ASCII digit go: `收取 2600元` → `收取2600元`.
/// - Spaces between words of two or more characters stay: `深化基层治理 筑牢社会安全屏障`,
///   `黄海龙 摄`.
public struct JustificationSpaces: Sendable {
    /// Creates the step.
    public init() {}

    /// Returns `line` with justification spaces removed.
    ///
    /// - Complexity: O(n) in Unicode scalars.
    public func repair(_ line: String) -> String {
        guard line.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else { return line }
        let scalars = Array(line.unicodeScalars)
        // A "single" is a Han character with a space or the line edge on both sides.
        func isSingle(_ index: Int) -> Bool {
            guard index >= 0, index < scalars.count, TextShape.isHan(scalars[index]) else { return false }
            let before = index == 0 || TextShape.isSpace(scalars[index - 1])
            let after = index == scalars.count - 1 || TextShape.isSpace(scalars[index + 1])
            return before && after
        }
        var output = String.UnicodeScalarView()
        var index = 0
        var changed = false
        while index < scalars.count {
            let scalar = scalars[index]
            guard TextShape.isSpace(scalar), index > 0 else {
                output.append(scalar)
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, TextShape.isSpace(scalars[end]) { end += 1 }
            guard end < scalars.count else { break }  // trailing spaces: dropped
            let left = scalars[index - 1]
            let right = scalars[end]
            let remove = (TextShape.isHan(left) && TextShape.isDigit(right))
                || (TextShape.isDigit(left) && TextShape.isHan(right))
                || (isSingle(index - 1) && isSingle(end))
            if remove {
                changed = true
            } else {
                output.append(contentsOf: scalars[index..<end])
            }
            index = end
        }
        return changed || output.count != scalars.count ? String(output) : line
    }
}
