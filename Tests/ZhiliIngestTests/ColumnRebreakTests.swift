import Foundation
import Testing
import ZhiliText
import ZhiliCore
@testable import ZhiliIngest

/// The seeds' gold paragraphs and ``TestArticles`` re-broken into newspaper columns come back
/// unbroken: no body character is lost (``CleaningInvariant``), and almost every column joint
/// is rejoined, also with a photo caption printed twice and with justified lines.
@Suite struct ColumnRebreakTests {
    /// How the columns are set.
    enum Variant: String, CaseIterable, Sendable {
        /// Plain columns.
        case plain
        /// With a credit printed twice inside the longest paragraph (at a column joint) and a
        /// photo line printed twice, a blank line apart, after the first paragraph.
        case doubledCaption
        /// With every third line justified: a space between each two of its characters.
        case justified
    }

    /// A credit and a photo line written for the test.
    static let credit = "民警在社区向居民讲解防范电信诈骗知识 王刚 摄"
    static let photoLine = "网格员入户走访群众。"

    /// `paragraphs` set in columns of `width` characters, each paragraph indented with two
    /// ideographic spaces as newspapers do, under `title`; with `variant`'s additions.
    static func columns(title: String, paragraphs: [String], width: Int, variant: Variant = .plain) -> String {
        var lines = [title, ""]
        let broken = paragraphs.map { paragraph -> [String] in
            let characters = Array(paragraph)
            return stride(from: 0, to: characters.count, by: width).map { String(characters[$0..<min($0 + width, characters.count)]) }
        }
        let longest = broken.indices.max { broken[$0].count < broken[$1].count } ?? 0
        for (index, paragraphLines) in broken.enumerated() {
            let joint = variant == .doubledCaption && index == longest ? captionJoint(in: paragraphLines) : nil
            for (number, line) in paragraphLines.enumerated() {
                if number == joint { lines += ["", credit, credit, ""] }
                lines.append(number == 0 ? "\u{3000}\u{3000}" + line : line)
            }
            if variant == .doubledCaption, index == 0, paragraphs[0].hasSuffix("。") { lines += ["", photoLine, "", photoLine, ""] }
        }
        if variant == .justified {
            // The spaces a line starts with stay; those between its characters become the justification.
            for index in lines.indices where index % 3 == 1 && !lines[index].isEmpty {
                let indent = lines[index].prefix { $0 == "\u{3000}" || $0 == " " }
                lines[index] = indent + lines[index].dropFirst(indent.count).filter { $0 != " " }.map(String.init).joined(separator: " ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where a caption may interrupt a paragraph's lines: the first joint from the middle on
    /// inside a sentence, with punctuation before it, and a sentence end after it; nil when there
    /// is none. (A fragment without punctuation reads as a heading and one ending a sentence as a
    /// paragraph: no page gap is joined after either.)
    static func captionJoint(in lines: [String]) -> Int? {
        guard lines.count >= 3 else { return nil }
        return (lines.count / 2..<lines.count).first { joint in
            let before = lines[..<joint].joined()
            return before.unicodeScalars.contains(where: CharacterClass.isSentencePunctuation)
                && !TextShape.endsSentence(before) && lines[joint...].joined().hasSuffix("。")
        }
    }

    /// Every article the test re-breaks: the seeds' gold articles and ``TestArticles``.
    static func articles() throws -> [(name: String, title: String, paragraphs: [String])] {
        var articles: [(name: String, title: String, paragraphs: [String])] = []
        for seed in Fixtures.seeds {
            for article in try GoldenTests.gold(seed).articles { articles.append((seed, article.title ?? "标题", article.paragraphs)) }
        }
        for (index, article) in TestArticles.all.enumerated() { articles.append(("test article \(index)", article.title, article.paragraphs)) }
        return articles
    }

    @Test(arguments: Variant.allCases)
    func reBrokenArticlesLoseNoCharacterAndKeepTheirJoints(variant: Variant) throws {
        let cleaner = try Cleaner()
        var joints = 0, leftBroken = 0, checked = 0
        for article in try Self.articles() {
            for width in stride(from: 6, through: 22, by: 4) {
                let text = Self.columns(title: article.title, paragraphs: article.paragraphs, width: width, variant: variant)
                let name = "\(article.name) width \(width) \(variant)"
                var removals: [Removal] = []
                let cleaned: [Article]
                do {
                    cleaned = try cleaner.clean(RawDocument(source: name, bytes: Array(text.utf8)), removals: &removals)
                } catch {
                    Issue.record("\(name): \(error)")
                    continue
                }
                let problems = CleaningInvariant.problems(input: TextNormalizer().normalize(text), articles: cleaned, removals: removals)
                #expect(problems.isEmpty, "\(name): \(problems)")
                // Everything the cleaner kept, in order, without the spaces a heading may lose or gain.
                let kept: String = cleaned.flatMap { [$0.title ?? ""] + $0.paragraphs }.joined().filter { $0 != " " }
                let lost = article.paragraphs.filter { !kept.contains($0.filter { $0 != " " }) }
                #expect(lost.isEmpty, "\(name): lost part of \(lost.map { String($0.prefix(20)) })")
                if variant == .doubledCaption {
                    let expected = [article.paragraphs[0].hasSuffix("。") ? Self.photoLine : nil,
                                    Self.captionJoint(in: Self.lines(of: article.paragraphs, width: width)) != nil ? Self.credit : nil]
                    #expect(Set(cleaned.flatMap(\.captions)) == Set(expected.compactMap { $0 }), "\(name): captions")
                }
                if ProcessInfo.processInfo.environment["ZHILI_DEBUG"] != nil, cleaned.flatMap(\.paragraphs).count > article.paragraphs.count {
                    let gold = Set(article.paragraphs.map(TextShape.withoutSpaces))
                    print("BROKEN \(name)\n" + cleaned.flatMap(\.paragraphs).filter { !gold.contains(TextShape.withoutSpaces($0)) }.joined(separator: "\n"))
                }
                joints += article.paragraphs.reduce(0) { $0 + ($1.count - 1) / width }
                leftBroken += max(0, cleaned.reduce(0) { $0 + $1.paragraphs.count } - article.paragraphs.count)
                checked += 1
            }
        }
        #expect(checked == 5 * (6 + TestArticles.all.count))
        if ProcessInfo.processInfo.environment["ZHILI_DEBUG"] != nil { print("\(variant): \(leftBroken) of \(joints) joints left broken") }
        // Measured: 0 of 5,632 joints left broken in each variant (ZHILI_DEBUG=1 prints the counts).
        #expect(Double(leftBroken) <= 0.001 * Double(joints), "\(variant): \(leftBroken) of \(joints) joints left broken")
    }

    /// The lines of the longest of `paragraphs` at `width`.
    static func lines(of paragraphs: [String], width: Int) -> [String] {
        let longest = paragraphs.max { (($0.count - 1) / width) < (($1.count - 1) / width) } ?? ""
        let characters = Array(longest)
        return stride(from: 0, to: characters.count, by: width).map { String(characters[$0..<min($0 + width, characters.count)]) }
    }

    /// A caption printed twice keeps one copy; the other is a removal of its own rule.
    @Test func aCaptionPrintedTwiceIsKeptOnce() throws {
        let text = "标题在这里\n\n　　社区民警走进居民家中，\n\n\(Self.credit)\n\(Self.credit)\n\n讲解反诈知识，提醒大家守好钱袋子。\n"
        var removals: [Removal] = []
        let article = try #require(try Cleaner().clean(RawDocument(source: "t", bytes: Array(text.utf8)), removals: &removals).first)
        #expect(article.paragraphs == ["社区民警走进居民家中，讲解反诈知识，提醒大家守好钱袋子。"])
        #expect(article.captions == [Self.credit])
        #expect(removals.contains(Removal(.repeatedCaption, text: Self.credit, line: 6)))
    }

    /// Body text repeated on two lines is not a caption: both copies stay.
    @Test func aRepeatedBodyLineStays() throws {
        let text = "标题在这里\n\n“平安是最大的民生，也是最基本的发展环境。”\n“平安是最大的民生，也是最基本的发展环境。”\n"
        let article = try #require(try Cleaner().clean(RawDocument(source: "t", bytes: Array(text.utf8))).first)
        #expect(article.paragraphs.count == 2)
    }

    /// A date alone on a line is lifted as the article's date, unless the next line continues it.
    @Test func aDateLineThatTheNextLineContinuesStaysInTheBody() throws {
        let text = "标题\n\n　　2021年12月3日\n,第八个“国家宪法日”前夕,一场普法宣传活动举行。\n"
        let article = try #require(try Cleaner().clean(RawDocument(source: "t", bytes: Array(text.utf8))).first)
        #expect(article.paragraphs.joined() == "2021年12月3日,第八个“国家宪法日”前夕,一场普法宣传活动举行。")
        #expect(article.date == nil)
    }

    /// A body line that names a filing (备案) is text, not a site's ICP footer.
    @Test func aBodyLineAboutFilingIsKept() throws {
        let text = "标题\n\n各部门对企业应急预案\n编制、备案、培训、演练、评估\n修订等情况开展了专项检查。\n\n蒙ICP备05003877号\n"
        let article = try #require(try Cleaner().clean(RawDocument(source: "t", bytes: Array(text.utf8))).first)
        #expect(article.paragraphs == ["各部门对企业应急预案编制、备案、培训、演练、评估修订等情况开展了专项检查。"])
    }
}
