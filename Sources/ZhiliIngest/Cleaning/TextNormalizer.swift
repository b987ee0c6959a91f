import ZhiliText

/// Step a: Unicode clean-up before any layout decision, driven by one table, ``rewrites``.
///
/// - Full-width ASCII letters and digits become half-width (`１２３` → `123`, `ＯＤＲ` → `ODR`);
///   Chinese punctuation (`，。（）：`) stays full-width.
/// - Line endings (`\r\n`, `\r`, U+0085, U+2028, U+2029) become `\n`.
/// - Zero-width characters and control characters other than `\n` are dropped; a tab becomes a space.
/// - NBSP, the other Unicode spaces and the ideographic space U+3000 become a plain space.
public struct TextNormalizer: Sendable {
    /// Creates a normalizer.
    public init() {}

    /// Every rewrite, one row each: each character on the left becomes the one at the same place
    /// on the right, or the right's only character, or nothing when the right is empty. Control
    /// characters (general category Cc) not listed are dropped too; `\n` stays; a `\r\n` pair
    /// becomes one `\n`. A character rewritten must be below U+10000 and becomes ASCII or nothing.
    static let rewrites: [(from: String, to: String)] = [
        ("０１２３４５６７８９", "0123456789"),
        ("ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        ("ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ", "abcdefghijklmnopqrstuvwxyz"),
        // Carriage return, next line, line separator, paragraph separator.
        ("\r\u{85}\u{2028}\u{2029}", "\n"),
        // Tab, no-break space, en quad … hair space (U+2000…U+200A), narrow no-break space,
        // medium mathematical space, ideographic space.
        ("\t\u{A0}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{202F}\u{205F}\u{3000}", " "),
        // Zero-width space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen.
        ("\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{AD}", ""),
    ]

    /// What becomes of each scalar below U+10000 (``rewrites`` compiled): ``keep``, ``drop``
    /// or the ASCII byte written instead.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: keep, count: 0x10000)
        for value in 0..<0xA0 where Unicode.Scalar(value)!.properties.generalCategory == .control && value != 0x0A {
            table[value] = drop
        }
        for (from, to) in rewrites {
            let targets = Array(to.unicodeScalars)
            for (index, scalar) in from.unicodeScalars.enumerated() {
                let target = targets.isEmpty ? nil : targets[targets.count == 1 ? 0 : index]
                precondition(scalar.value < 0x10000 && target.map(\.isASCII) ?? true, "rewrite out of range: \(scalar)")
                table[Int(scalar.value)] = target.map { UInt8($0.value) } ?? drop
            }
        }
        return table
    }()
    private static let keep: UInt8 = 0
    private static let drop: UInt8 = 0xFF

    /// The UTF-8 bytes that start a character ``table`` rewrites.
    private static let special: [Bool] = {
        var special = [Bool](repeating: false, count: 256)
        for value in 0..<0x10000 where table[value] != keep {
            special[Int(String(Unicode.Scalar(UInt32(value)) ?? " ").utf8.first!)] = true
        }
        return special
    }()

    /// Whether ``mayHoldSpecial(_:)`` flags every byte of ``special``, so that words it passes
    /// may be skipped whole (true for the table above; a new lead byte only turns the skip off).
    static let wordTestSuffices = (0..<256).allSatisfy { !special[$0] || mayHoldSpecial(UInt64($0) &* 0x0101_0101_0101_0101) }

    /// Returns `text` normalized.
    ///
    /// Works on the UTF-8 bytes: every rewrite makes a character shorter or keeps its length,
    /// so the result is built in one buffer of the input's size.
    /// - Complexity: O(n) in UTF-8 bytes, one pass, no intermediate strings.
    public func normalize(_ text: String) -> String {
        var text = text
        // Most documents need no rewrite at all: then the text is returned as it is, without
        // building (and validating) a copy.
        guard text.withUTF8({ Self.rewrites(in: $0, into: nil) > 0 }) else { return text }
        return text.withUTF8 { input in
            String(unsafeUninitializedCapacity: input.count) { Self.rewrites(in: input, into: $0) }
        }
    }

    /// Whether `word` may hold a byte below 0x20 or one of 7F, C2, E2, E3 and EF (the lead bytes
    /// of ``special``): false only when none of its eight bytes is one.
    @inline(__always)
    private static func mayHoldSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let below = (word &- ones &* 0x20) & ~word & (ones &* 0x80)
        return below | ByteSearch.bytes(word, equalTo: 0x7F) | ByteSearch.bytes(word, equalTo: 0xC2)
            | ByteSearch.bytes(word | ones, equalTo: 0xE3) | ByteSearch.bytes(word, equalTo: 0xEF) != 0
    }

    /// Normalizes valid UTF-8 `input` into `output` (at least as large) and returns the number of
    /// bytes written; without `output`, returns 1 as soon as a character needs a rewrite, or 0.
    ///
    /// Text between rewrites is copied in runs; ``special`` bytes are looked for eight bytes at
    /// a time, and character by character only in words that may hold one.
    private static func rewrites(in input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>?) -> Int {
        let skipWords = wordTestSuffices
        let count = input.count
        var read = 0
        var copied = 0  // input[copied..<read] is still to be copied
        var looked = 0  // bytes before this were in a word that may hold a special byte
        var written = 0
        func flush() {
            guard let output, read > copied else { return }
            UnsafeMutableRawPointer(output.baseAddress! + written).copyMemory(from: input.baseAddress! + copied, byteCount: read - copied)
            written += read - copied
        }
        return special.withUnsafeBufferPointer { special in
            table.withUnsafeBufferPointer { table in
                while read < count {
                    let byte = input[read]
                    if skipWords, read >= looked, read + 8 <= count {
                        guard mayHoldSpecial(UnsafeRawPointer(input.baseAddress! + read).loadUnaligned(as: UInt64.self)) else {
                            read += 8
                            continue
                        }
                        looked = read + 8
                    }
                    // Characters are stepped over whole (a continuation byte, after a skipped word, by itself).
                    let length = byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                    guard special[Int(byte)] else { read += length; continue }
                    let value = length == 1 ? Int(byte)
                        : length == 2 ? Int(byte & 0x1F) << 6 | Int(input[read + 1] & 0x3F)
                        : Int(byte & 0x0F) << 12 | Int(input[read + 1] & 0x3F) << 6 | Int(input[read + 2] & 0x3F)
                    let action = table[value]
                    if action == keep { read += length; continue }
                    guard let output else { return 1 }
                    flush()
                    if action != drop {
                        output[written] = action
                        written += 1
                    }
                    read += length
                    // `\r\n` is one line break.
                    if byte == 0x0D, read < count, input[read] == 0x0A { read += 1 }
                    copied = read
                }
                if output == nil { return 0 }
                read = count
                flush()
                return written
            }
        }
    }
}
