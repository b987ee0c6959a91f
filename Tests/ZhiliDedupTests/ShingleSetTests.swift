import Testing
import ZhiliDedup

@Suite struct ShingleSetTests {
    @Test func scriptPunctuationAndSpacesDoNotCount() {
        let simplified = ShingleSet(text: "综治中心覆盖率达100%，网格员2300名。")
        let traditional = ShingleSet(text: "綜治中心覆蓋率達 100% , 網格員 2300 名")
        #expect(simplified == traditional)
        #expect(simplified.containment(with: traditional) == 1)
    }

    @Test func containmentIsTheShareOfTheShorterText() {
        let long = ShingleSet(text: "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸", sampling: 1)
        let short = ShingleSet(text: "五六七八九十甲乙", sampling: 1)
        #expect(short.count == 5)
        #expect(long.containment(with: short) == 1)
        #expect(long.jaccard(with: short) == 5.0 / Double(long.count))
    }

    @Test func emptyAndShortTexts() {
        #expect(ShingleSet(text: "").count == 0)
        #expect(ShingleSet(text: "。。").count == 0)
        #expect(ShingleSet(text: "网格", sampling: 1).count == 1)
        #expect(ShingleSet(text: "").containment(with: ShingleSet(text: "网格")) == 0)
    }
}

@Suite struct MinHashTests {
    @Test func samplingKeepsAQuarterConsistently() {
        let text = (0..<300).map { "第\($0)段网格化服务管理" }.joined()
        let all = ShingleSet(text: text, sampling: 1), sampled = ShingleSet(text: text)
        #expect(abs(Double(sampled.count) / Double(all.count) - 0.25) < 0.05)
        #expect(Set(sampled.hashes).isSubset(of: Set(all.hashes)))
    }

    @Test func estimatesJaccard() {
        let base = (0..<400).map { "第\($0)段网格化服务管理" }.joined()
        let edited = (0..<400).map { $0 % 2 == 0 ? "第\($0)段网格化服务管理" : "第\($0)条矛盾纠纷化解" }.joined()
        let a = ShingleSet(text: base), b = ShingleSet(text: edited)
        let estimate = MinHash(a).similarity(to: MinHash(b))
        #expect(abs(estimate - a.jaccard(with: b)) < 0.15)
        #expect(MinHash(a) == MinHash(ShingleSet(text: base)))
    }
}
