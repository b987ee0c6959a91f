import Testing
@testable import ZhiliIngest

@Suite struct RequiredLiteralsTests {
    @Test(arguments: [
        ("(编辑|责任编辑|责编|审核)\\s*[:：].{0,40}", ["审核", "编辑", "责编"]),
        ("[^。，,]{1,60}(>|＞)\\s*正文", ["正文"]),
        ("[^。，,]{0,40}(>>|＞＞|»)[^。，,]{0,80}", [">>", "»", "＞＞"]),
        ("【?打印】?|返回顶部", ["打印", "返回顶部"]),
        ("(小字号|中字号|字号\\s*[:：]?\\s*[大中小 ]*)", ["字号"]),
        ("(版权所有|Copyright|©).{0,120}", ["Copyright", "©", "版权所有"]),
        ("(凡注明|凡本网注明)[“\"]?来源", ["凡本网注明\"来源", "凡本网注明“来源", "凡本网注明来源", "凡注明\"来源", "凡注明“来源", "凡注明来源"]),
        ("</?[A-Za-z][^<>]{0,300}>", ["<"]),
        ("&(nbsp|amp|#[0-9]{1,6});", ["&"]),
        ("[A-Za-z0-9_./:-]{1,200}\\.(jpg|png)\\b", [".jpg", ".png"]),
        ("(?<name>ab)c", ["abc"]),
        ("x{2,3}", ["x"]),
        ("\\.\\[a", [".[a"]),
    ])
    func findsTheLiteralsEveryMatchContains(pattern: String, expected: [String]) {
        #expect(RequiredLiterals.of(pattern) == expected)
    }

    @Test(arguments: [
        ".*", "a?b?", "a|.", "[^a]+", "\\d{4}", "(?i)abc", "(?x) a b", "a\\Qb\\E", "(a)\\1", "[[a-z]&&[b]]", "\\p{Han}+",
        "(?#comment)abc", "a{0,3}", "(?=abc)", "(ab", "ab)", "[ab", "\\",
    ])
    func givesNothingWhenAMatchNeedsNoLiteralOrTheSyntaxIsUnknown(pattern: String) {
        #expect(RequiredLiterals.of(pattern) == nil)
    }

    @Test(arguments: [
        ("(编辑|责任编辑|责编|审核)\\s*[:：].{0,40}", ["审核", "编辑", "责任编辑", "责编"]),
        ("【?打印】?|返回顶部", ["【打印】", "【打印", "打印】", "打印", "返回顶部"]),
        ("(凡注明|凡本网注明)[“\"]?来源.{0,200}", ["凡本网注明\"来源", "凡本网注明“来源", "凡本网注明来源", "凡注明\"来源", "凡注明“来源", "凡注明来源"]),
        ("[\\[【(（]\\s*(编辑|责编)", ["[", "【", "(", "（"]),
        ("(小字号|字号\\s*[:：]?)", ["小字号", "字号"]),
        ("x{2,3}y", ["x"]),
        ("(?=ab)c", ["c"]),
        ("a?b", ["ab", "b"]),
    ])
    func findsTheLiteralsEveryMatchStartsWith(pattern: String, expected: [String]) {
        #expect(RequiredLiterals.prefixes(of: pattern).map(Set.init) == Set(expected))
    }

    @Test(arguments: ["[^。，,]{1,60}(>|＞)\\s*正文", ".*abc", "a?", "(a|.)b", "\\d+年", "(?i)abc", "ab|c?"])
    func givesNoPrefixWhenAMatchMayStartAnywhere(pattern: String) {
        #expect(RequiredLiterals.prefixes(of: pattern) == nil)
    }

    @Test(arguments: [
        ("", false), ("a", false), ("x<y", true), ("北疆新闻", true), ("北新疆", false), ("新闻北疆", true), ("ab北", true),
        ("编辑", true), ("编", false), ("责任编辑：王", true), ("😀a", false), ("😀ab北", true),
    ])
    func scannerFindsLiteralsOfEveryLength(text: String, expected: Bool) {
        let scanner = LiteralScanner(["<", "ab", "北疆", "编辑"])
        #expect(scanner.occurs(in: text) == expected)
    }
}
