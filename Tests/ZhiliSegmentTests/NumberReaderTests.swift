import Testing
@testable import ZhiliSegment

@Suite struct NumberReaderTests {
    /// (text, value, value_max, expected read text)
    static let values: [(String, Double, Double?, String)] = [
        ("2000", 2000, nil, "2000"),
        ("23700人", 23700, nil, "23700"),
        ("41.3%", 41.3, nil, "41.3%"),
        ("99.5%", 99.5, nil, "99.5%"),
        ("４１．３％", 41.3, nil, "４１．３％"),
        ("２０２３", 2023, nil, "２０２３"),
        ("2.2万人", 22000, nil, "2.2万"),
        ("384.5万元", 3845000, nil, "384.5万"),
        ("1.5亿", 150000000, nil, "1.5亿"),
        ("1.2万余人次", 12000, nil, "1.2万余"),
        ("3万余", 30000, nil, "3万余"),
        ("3万4000", 34000, nil, "3万4000"),
        ("1,100万", 11000000, nil, "1,100万"),
        ("12,345,678元", 12345678, nil, "12,345,678"),
        ("2000余起", 2000, nil, "2000余"),
        ("2000多万", 20000000, nil, "2000多万"),
        ("5千万", 50000000, nil, "5千万"),
        ("100万", 1000000, nil, "100万"),
        ("十二", 12, nil, "十二"),
        ("十", 10, nil, "十"),
        ("一百零五", 105, nil, "一百零五"),
        ("两千三百", 2300, nil, "两千三百"),
        ("两千三", 2300, nil, "两千三"),
        ("三万五", 35000, nil, "三万五"),
        ("一百一十", 110, nil, "一百一十"),
        ("三万余元", 30000, nil, "三万余"),
        ("二十余", 20, nil, "二十余"),
        ("二十多个", 20, nil, "二十多"),
        ("一万二千三百四十五", 12345, nil, "一万二千三百四十五"),
        ("三千万", 30000000, nil, "三千万"),
        ("一亿二千万", 120000000, nil, "一亿二千万"),
        ("1亿2000万", 120000000, nil, "1亿2000万"),
        ("3万亿", 3e12, nil, "3万亿"),
        ("壹佰贰拾叁", 123, nil, "壹佰贰拾叁"),
        ("叁仟伍佰元", 3500, nil, "叁仟伍佰"),
        ("壹万", 10000, nil, "壹万"),
        ("三点五", 3.5, nil, "三点五"),
        ("一点五亿", 150000000, nil, "一点五亿"),
        ("二〇二三年", 2023, nil, "二〇二三"),
        ("百分之九十", 90, nil, "百分之九十"),
        ("百分之百", 100, nil, "百分之百"),
        ("百分之3.5", 3.5, nil, "百分之3.5"),
        ("千分之五", 5, nil, "千分之五"),
        ("5‰", 5, nil, "5‰"),
        ("8.96个百分点", 8.96, nil, "8.96个百分点"),
        ("3.2百分点", 3.2, nil, "3.2百分点"),
        ("三成", 30, nil, "三成"),
        ("八成以上", 80, nil, "八成"),
        ("九成五", 95, nil, "九成五"),
        ("10至20个", 10, 20, "10至20"),
        ("3~9人", 3, 9, "3~9"),
        ("3～9人", 3, 9, "3～9"),
        ("5-20%", 5, 20, "5-20%"),
        ("5%-20%", 5, 20, "5%-20%"),
        ("3到5", 3, 5, "3到5"),
        ("三到五年", 3, 5, "三到五"),
        ("3至5万元", 30000, 50000, "3至5万"),
        ("0.5", 0.5, nil, "0.5"),
        ("0", 0, nil, "0"),
        ("5百", 500, nil, "5百"),
    ]

    @Test(arguments: values)
    func readsValue(_ example: (String, Double, Double?, String)) throws {
        let (text, value, valueMax, covered) = example
        let number = try #require(NumberReader.read(in: text))
        #expect(number.value == value, "\(text)")
        #expect(number.valueMax == valueMax, "\(text)")
        #expect(number.start == 0)
        #expect(String(String.UnicodeScalarView(text.unicodeScalars.prefix(number.end))) == covered, "\(text)")
    }

    /// Values are computed from an integer mantissa and a decimal scale, so they are exact.
    static let exact: [(String, Int64, Int)] = [
        ("2.2万", 22000, 0), ("384.5万", 3845000, 0), ("41.3%", 413, 1), ("0.05", 5, 2),
        ("1.2345亿", 123450000, 0), ("8.96个百分点", 896, 2), ("3.14159", 314159, 5),
    ]

    @Test(arguments: exact)
    func exactValue(_ example: (String, Int64, Int)) throws {
        let number = try #require(NumberReader.read(in: example.0))
        #expect(number.exactValue == ExactDecimal(mantissa: example.1, scale: example.2))
    }

    static let flagged: [(String, NumberFlags)] = [
        ("41.3%", [.arabic, .decimal, .percent]),
        ("2.2万", [.arabic, .decimal, .multiplier]),
        ("1,100万", [.arabic, .thousandsSeparator, .multiplier]),
        ("百分之九十", [.chinese, .percent]),
        ("8.96个百分点", [.arabic, .decimal, .percentagePoints]),
        ("10至20", [.arabic, .range]),
        ("三成", [.chinese, .percent, .cheng]),
        ("壹佰", [.chinese, .financial]),
        ("二〇二三", [.chinese, .digitSequence]),
        ("0471", [.arabic, .leadingZero]),
        ("2023.10.5", [.arabic, .decimal, .dotted]),
        ("１２", [.arabic, .fullWidth]),
        ("五", [.chinese, .singleChineseCharacter]),
        ("十二", [.chinese]),
    ]

    @Test(arguments: flagged)
    func flags(_ example: (String, NumberFlags)) throws {
        let number = try #require(NumberReader.read(in: example.0))
        #expect(number.flags == example.1, "\(example.0): \(number.flags.rawValue)")
    }

    /// Phrases where a Chinese numeral is part of a word: the reader reads at most the lone
    /// numeral and flags it, so the caller can refuse it without a measure word.
    static let wordNumerals: [(String, Int)] = [
        ("一起", 0), ("统一", 1), ("五化同推", 0), ("两会", 0), ("一格一长", 0), ("一格一长", 2),
        ("一站式", 0), ("三查一控", 0), ("三查一控", 2), ("万一", 1), ("一些", 0), ("四个意识", 0),
    ]

    @Test(arguments: wordNumerals)
    func loneNumeralIsFlagged(_ example: (String, Int)) throws {
        let number = try #require(NumberReader.read(in: example.0, at: example.1))
        #expect(number.length == 1)
        #expect(number.isSingleChineseCharacter)
        #expect(number.isChineseOnly)
    }

    /// Phrases that are no numbers at all.
    static let nonNumbers: [(String, Int)] = [
        ("百姓", 0), ("千万不要", 0), ("万一", 0), ("统一", 0), ("成为", 0), ("", 0), ("abc", 0),
        ("%", 0), ("点五", 0), ("亿万", 0), ("多年", 0), ("余额", 0),
    ]

    @Test(arguments: nonNumbers)
    func readsNothing(_ example: (String, Int)) {
        #expect(NumberReader.read(in: example.0, at: example.1) == nil, "\(example.0)")
    }

    /// Expressions that are numbers but not quantities.
    @Test(arguments: [("第八个", 1), ("第2名", 1), ("电话0471-1234567", 2), ("2023.10.5", 0)])
    func neverQuantity(_ example: (String, Int)) throws {
        let number = try #require(NumberReader.read(in: example.0, at: example.1))
        #expect(number.isNeverQuantity, "\(example.0)")
    }

    /// Things that look like ranges or suffixes but are not.
    static let notRanges: [(String, String)] = [
        ("2023-10-05", "2023"), ("0471-1234567", "0471"), ("20至10", "20"), ("一成不变", "一"),
        ("三成员", "三"), ("三点钟", "三"), ("10,00", "10"), ("1,2345", "1"), ("3-", "3"),
        ("十一五规划", "十一"), ("2019年至2023年", "2019"),
    ]

    @Test(arguments: notRanges)
    func stopsAt(_ example: (String, String)) throws {
        let number = try #require(NumberReader.read(in: example.0))
        #expect(String(String.UnicodeScalarView(example.0.unicodeScalars.prefix(number.end))) == example.1, "\(example.0)")
        #expect(number.valueMax == nil)
        #expect(!number.flags.contains(.percent))
    }

    @Test func qualifier() throws {
        #expect(NumberReader.read(in: "2000余起")?.qualifier == .余)
        #expect(NumberReader.read(in: "二十多个")?.qualifier == .多)
        #expect(NumberReader.read(in: "2000起")?.qualifier == nil)
        #expect(NumberReader.read(in: "3万余")?.numeralEnd == 2)
    }

    @Test func readsInsideText() throws {
        let text = "累计排查化解矛盾纠纷2000余起，化解成功率41.3%"
        let units = Array(text.utf16)
        let number = try #require(units.withUnsafeBufferPointer { NumberReader.read($0, at: 10) })
        #expect(number.value == 2000)
        #expect(number.end == 15)
        let scalars = Array(text.unicodeScalars)
        let percent = try #require(scalars.withUnsafeBufferPointer { NumberReader.read($0, at: 22) })
        #expect(percent.value == 41.3)
        #expect(percent.end == scalars.count)
    }

    @Test func hugeNumbersDoNotCrash() throws {
        let number = try #require(NumberReader.read(in: "123456789012345678901234567890"))
        #expect(number.flags.contains(.overflow))
        #expect(number.exactValue == nil)
        #expect(number.value > 1e29)
    }

    @Test(arguments: [("22000", ExactDecimal(mantissa: 22000)), ("41.3", ExactDecimal(mantissa: 413, scale: 1)),
                      ("0.05", ExactDecimal(mantissa: 5, scale: 2)), ("-1.5", ExactDecimal(mantissa: -15, scale: 1))])
    func decimalDescription(_ example: (String, ExactDecimal)) {
        #expect(example.1.description == example.0)
    }
}
