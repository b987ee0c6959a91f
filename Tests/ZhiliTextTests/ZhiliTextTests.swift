import Foundation
import Testing
import ZhiliText

@Suite struct UTF8CursorTests {
    static let samples = [
        "", "a", "网格员2000余起。", "é—ü", "𠀀𪚥 extension B", "混合 mixed ＡＢＣ１２３ “引号”", "\u{FFFD}\u{10FFFF}",
    ]

    @Test(arguments: samples)
    func decodesLikeString(_ text: String) {
        var text = text
        let (scalars, offsets) = text.withUTF8 { UTF8Cursor.decode($0) }
        #expect(scalars == Array(text.unicodeScalars))
        #expect(offsets.count == scalars.count + 1)
        #expect(offsets.last.map(Int.init) == text.utf8.count)
        // Each offset is where its scalar's bytes start.
        var expected: [Int32] = []
        var position = 0
        for scalar in text.unicodeScalars {
            expected.append(Int32(position))
            position += String(scalar).utf8.count
        }
        #expect(Array(offsets.dropLast()) == expected)
        #expect(UTF8Cursor.scalarCount(text) == scalars.count)
    }

    @Test(arguments: samples)
    func stepsBackwardLikeForward(_ text: String) {
        let expected = Array(text.unicodeScalars)
        var text = text
        text.withUTF8 { bytes in
            var end = bytes.count
            var backward: [Unicode.Scalar] = []
            while end > 0 {
                let (scalar, start) = UTF8Cursor.scalar(endingAt: end, in: bytes)
                #expect(UTF8Cursor.scalar(startingAt: start, in: bytes).length == end - start)
                backward.append(scalar)
                end = start
            }
            #expect(backward.reversed() == expected)
        }
    }

    @Test func countsUpToALimit() {
        #expect(UTF8Cursor.scalarCount("一二三四五", limit: 3) == 3)
        #expect(UTF8Cursor.scalarCount("一二", limit: 3) == 2)
    }
}

@Suite struct CharacterClassTests {
    /// One row per class: characters in it, characters not in it.
    static let rows: [(name: String, test: @Sendable (Unicode.Scalar) -> Bool, members: String, others: String)] = [
        ("han", CharacterClass.isHan, "网格员㐀𠀀豈", "a1，。ＡＡ〇"),
        ("digit", CharacterClass.isDigit, "0129０９", "a一〇."),
        ("ascii digit", CharacterClass.isASCIIDigit, "0129", "０a"),
        ("ascii letter", CharacterClass.isASCIILetter, "azAZ", "0@[`{Ａ"),
        ("space", CharacterClass.isSpace, " \t", "\n　a"),
        ("sentence end", CharacterClass.isSentenceEnd, "。！？!?", "，；…;．"),
        ("line end", CharacterClass.isLineEnd, "。！？!?…；;．", "，、：,"),
        ("closer", CharacterClass.isCloser, "”’」』）)\"'》】]", "“（(《【["),
        ("clause break", CharacterClass.isClauseBreak, "。！？!?，,；;：:\n…—|｜", "、“”（ "),
        ("sentence punctuation", CharacterClass.isSentencePunctuation, "，,。；;！!？?、…", "：:“”"),
    ]

    @Test func eachClassHoldsItsCharactersAndNoOthers() {
        for row in Self.rows {
            for scalar in row.members.unicodeScalars { #expect(row.test(scalar), "\(row.name) should hold \(scalar)") }
            for scalar in row.others.unicodeScalars { #expect(!row.test(scalar), "\(row.name) should not hold \(scalar)") }
        }
    }

    @Test func utf16HanAgreesWithScalarHanOnTheBasicPlane() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else {
                #expect(!CharacterClass.isHan(utf16: UInt16(value)))  // surrogates
                continue
            }
            #expect(CharacterClass.isHan(utf16: UInt16(value)) == CharacterClass.isHan(scalar))
        }
    }
}

@Suite struct FNV1aTests {
    /// Published FNV-1a 64-bit test vectors.
    @Test func matchesReferenceVectors() {
        #expect(FNV1a.hash([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    @Test func hexDigitsArePaddedLowerCase() {
        var hash = FNV1a()
        hash.add("a")
        #expect(hash.hexDigits == "af63dc4c8601ec8c")
        #expect(FNV1a().hexDigits.count == 16)
    }
}

@Suite struct JSONStringTests {
    static func encoded(_ string: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode([string]), as: UTF8.self)
    }

    @Test(arguments: ["", "plain", "引号\"与\\反斜杠", "a/b", "\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}\u{7F}", "长长的中文文本，不需要转义。"])
    func writesWhatJSONEncoderWrites(_ string: String) throws {
        #expect(JSONString.array([string]) == (try Self.encoded(string)))
    }

    @Test func arraysJoinWithCommas() {
        #expect(JSONString.array([]) == "[]")
        #expect(JSONString.array(["a", "乙"]) == #"["a","乙"]"#)
    }

    /// The eight-byte scan agrees with a byte-by-byte check.
    @Test func needsEscapeAgreesWithEachByte() {
        var generator = SystemRandomNumberGenerator()
        // Random words, and words built from the bytes around the boundaries.
        let edges: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for round in 0..<20_000 {
            var bytes = [UInt8](repeating: 0, count: 8)
            for index in 0..<8 {
                bytes[index] = round.isMultiple(of: 2) ? UInt8.random(in: 0...255, using: &generator) : edges.randomElement(using: &generator)!
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
            #expect(JSONString.needsEscape(word) == expected, "\(bytes)")
        }
    }
}
