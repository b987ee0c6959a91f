import Testing
@testable import ZhiliIngest

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("１２３", "123"),
        ("ＯＤＲ平台", "ODR平台"),
        ("ａｂｃ", "abc"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\u{2028}b", "a\nb"),
        ("零\u{200B}宽\u{FEFF}字\u{200D}符", "零宽字符"),
        ("控\u{0007}制\u{0000}符", "控制符"),
        ("不\u{00A0}换行", "不 换行"),
        ("\u{3000}\u{3000}首行缩进", "  首行缩进"),
        ("tab\there", "tab here"),
        // Chinese punctuation stays full-width.
        ("市、区、镇（街道）三级，", "市、区、镇（街道）三级，"),
        ("％＋：；", "％＋：；"),
        ("普通文本。", "普通文本。"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(TextNormalizer().normalize(input) == expected)
    }
}
