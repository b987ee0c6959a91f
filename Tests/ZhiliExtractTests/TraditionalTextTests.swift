import Testing
import ZhiliCore
import ZhiliICU
import ZhiliSegment
@testable import ZhiliExtract

/// Text in Traditional characters is matched as Simplified and quoted as written.
@Suite struct TraditionalTextTests {
    @Test(arguments: [
        ("網格員", "网格员"), ("矛盾糾紛多元化解機制", "矛盾纠纷多元化解机制"), ("錫林郭勒盟", "锡林郭勒盟"),
        ("楓橋經驗", "枫桥经验"), ("1.67萬人", "1.67万人"), ("48個", "48个"), ("312處", "312处"),
    ])
    func foldsTraditionalCharacters(_ written: String, _ simplified: String) {
        #expect(TraditionalFolding.fold(written) == simplified)
        #expect(written.unicodeScalars.count == simplified.unicodeScalars.count)
    }

    @Test(arguments: ["网格员化解矛盾纠纷2000余起。", "ODR平台 2023年", "𠀀𪚥 extension B"])
    func leavesSimplifiedTextAlone(_ text: String) {
        #expect(TraditionalFolding.folded(text) == nil)
    }

    @Test func figuresOfTraditionalTextQuoteItAsWritten() throws {
        let record = try ExtractionFixture.record("錫林郭勒盟共設立護邊驛站312處,救助群眾2100人次,化解率高達99.63%。")
        #expect(record.figures.map(\.text) == ["312處", "2100人次", "99.63%"])
        #expect(record.figures.map(\.unit) == ["处", "人次", "%"])
        #expect(record.figures.first?.sentence.hasPrefix("錫林郭勒盟") == true)
        #expect(record.figures.first?.region?.name == "锡林郭勒盟")
        #expect(record.regions.first?.name == "锡林郭勒盟")
    }

    /// A Traditional-character copy of each seed gives the same figures, programs and regions as
    /// the Simplified original.
    @Test func traditionalSeedsExtractLikeTheOriginals() throws {
        let extractor = try Extractor()
        let toTraditional = try Transform("Simplified-Traditional")
        for file in try GoldScorer.loadGold() {
            for (index, gold) in file.articles.enumerated() {
                let original = GoldScorer.article(gold, source: file.source, index: index)
                let converted = Article(
                    source: original.source, index: original.index, title: try original.title.map { try toTraditional.apply($0) },
                    date: original.date, paragraphs: try original.paragraphs.map { try toTraditional.apply($0) })
                #expect(converted.text != original.text)
                let simplified = try extractor.extract(original)
                let traditional = try extractor.extract(converted)
                let label = "\(file.source.prefix(3))#\(index)"
                #expect(traditional.figures.map(\.value) == simplified.figures.map(\.value), "\(label)")
                #expect(traditional.figures.map(\.unit) == simplified.figures.map(\.unit), "\(label)")
                #expect(traditional.figures.map(\.start) == simplified.figures.map(\.start), "\(label)")
                #expect(traditional.figures.map(\.change) == simplified.figures.map(\.change), "\(label)")
                #expect(traditional.programs.map(\.name) == simplified.programs.map(\.name), "\(label)")
                #expect(traditional.regions.map(\.code) == simplified.regions.map(\.code), "\(label)")
            }
        }
    }
}
