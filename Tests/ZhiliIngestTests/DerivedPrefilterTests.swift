import Foundation
import Testing
@testable import ZhiliIngest

/// Patterns are written once: the prefilters and tables the cleaner runs are derived from them.
@Suite struct DerivedPrefilterTests {
    /// A pattern added through the public configuration takes effect with no other edit: its
    /// prefilter literals come from the pattern itself.
    @Test func aBoilerplatePatternAddedThroughTheConfigurationTakesEffect() throws {
        let text = "北疆治理简报\n\n全市推进网格化管理，群众满意度持续提升。\n\n本期责任单位：市委政法委\n\n附件下载区\n\n其余内容。\n"
        let document = RawDocument(source: "brief.txt", bytes: Array(text.utf8))
        let before = try Cleaner().clean(document)
        #expect(before[0].paragraphs.contains("本期责任单位：市委政法委"))
        #expect(before[0].paragraphs.contains("其余内容。"))

        let file = Fixtures.temporaryDirectory().appendingPathComponent("extra.txt")
        try "drop 本期责任单位\\s*[:：].{0,20}\nend 附件下载区?\n".write(to: file, atomically: true, encoding: .utf8)
        let after = try Cleaner(configuration: CleanerConfiguration(boilerplateFiles: [file.path])).clean(document)
        #expect(after[0].paragraphs == ["全市推进网格化管理，群众满意度持续提升。"])
    }

    /// Every built-in boilerplate pattern has literals a line must hold: none runs on every line.
    @Test func everyBuiltInPatternHasRequiredLiterals() throws {
        for pattern in try BoilerplatePatterns.builtIn().patterns {
            #expect(RequiredLiterals.of(pattern.source) != nil, "\(pattern.source)")
        }
    }

    /// The literals derived for the extra patterns are what a hand-written prefilter would list.
    @Test func theAddedPatternsGetTheirOwnLiterals() {
        #expect(RequiredLiterals.of("本期责任单位\\s*[:：].{0,20}") == ["本期责任单位"])
        #expect(RequiredLiterals.prefixes(of: "附件下载区?").map(Set.init) == ["附件下载", "附件下载区"])
    }

    /// The metadata expressions' field words, derived from the expressions.
    @Test func metadataFieldWordsComeFromTheExpressions() {
        let extractor = MetadataExtractor()
        #expect(RequiredLiterals.of(extractor.editorLine.pattern) == ["编辑", "责编"])
        #expect(RequiredLiterals.of(extractor.datePrefix.pattern) == ["日期", "时间"])
        #expect(RequiredLiterals.of(extractor.sourceField.pattern) == ["出处", "来源", "来自", "稿源"])
        #expect(RequiredLiterals.of(extractor.authorField.pattern) == ["作者", "记者"])
        #expect(RequiredLiterals.of(extractor.footer.pattern) == ["客服", "版权所有", "联系方式"])
        #expect(RequiredLiterals.of(DateParser.pattern) == ["19", "20"])
    }

    /// Each row of the normalizer's table, applied character by character.
    @Test func theNormalizerFollowsItsTable() {
        let normalizer = TextNormalizer()
        for (from, to) in TextNormalizer.rewrites {
            let targets = Array(to.unicodeScalars)
            for (index, scalar) in from.unicodeScalars.enumerated() {
                let expected = targets.isEmpty ? "" : String(targets[targets.count == 1 ? 0 : index])
                #expect(normalizer.normalize("国\(scalar)家") == "国\(expected)家", "\(scalar.escaped(asASCII: true))")
            }
        }
        #expect(normalizer.normalize("a\r\nb\u{7}\u{9F}c\n") == "a\nbc\n")
        #expect(TextNormalizer.wordTestSuffices)
    }
}
