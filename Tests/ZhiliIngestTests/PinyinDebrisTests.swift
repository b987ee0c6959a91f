import Testing
@testable import ZhiliIngest

@Suite struct PinyinDebrisTests {
    @Test(arguments: [
        ("建立矛盾糾紛即調(diào)機制。", "建立矛盾糾紛即調機制。"),
        ("實行首問負(fù)責(zé)制和月結(jié)月清機制", "實行首問負責制和月結月清機制"),
        ("內蒙古自治區(qū)司法廳", "內蒙古自治區司法廳"),
        ("网格(wǎng)员（yuán）", "网格员"),
    ])
    func removesTonedSyllablesAfterHanCharacters(_ line: String, _ expected: String) {
        #expect(PinyinDebris().repair(line) == expected)
    }

    @Test(arguments: [
        "打造矛盾纠纷在线调解平台(ODR)。",
        "分发了2500份(件)宣传单。",
        "Café (crème) à la carte",
        "拼音写作(wang ge)时不标声调。",
        "网格(wǎng ge yuan)三个音节。",
    ])
    func keepsOtherParentheses(_ line: String) {
        #expect(PinyinDebris().repair(line) == line)
    }
}
