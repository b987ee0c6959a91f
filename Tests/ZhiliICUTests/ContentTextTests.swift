import Testing
import ZhiliICU

@Suite struct ContentTextTests {
    static func text(_ input: String) -> String {
        String(String.UnicodeScalarView(ContentText.scalars(of: input).compactMap(Unicode.Scalar.init)))
    }

    @Test(arguments: [
        ("網格員 2,300 名。", "网格员2300名"),
        ("“枫桥经验”：ODR平台（Online）", "枫桥经验odr平台online"),
        ("１２３ＡＢｃ", "123abc"),
        ("兴安盟——科右前旗……\n第二段", "兴安盟科右前旗第二段"),
        ("𠀀汉字 Ürümqi", "𠀀汉字Ürümqi"),   // only ASCII letters are lower-cased
        ("", ""),
    ])
    func keepsOnlyFoldedLettersAndDigits(input: String, expected: String) {
        #expect(Self.text(input) == expected)
    }

    @Test func identifierIgnoresFormNotContent() {
        let simplified = ContentText.identifier(title: "兴安盟网格化", paragraphs: ["划分网格4580个。", "配备网格员。"])
        #expect(ContentText.identifier(title: "興安盟 網格化", paragraphs: ["劃分網格 4580 個，配備網格員"]) == simplified)
        #expect(ContentText.identifier(title: "兴安盟网格化", paragraphs: ["划分网格4581个。"]) != simplified)
        #expect(simplified.utf8.count == 16)
    }
}
