import Foundation
import Testing
import ZhiliCore
@testable import ZhiliIngest

/// The seeds' gold paragraphs re-broken into newspaper columns come back unbroken: no body
/// character is lost, and almost every column joint is rejoined.
@Suite struct ColumnRebreakTests {
    /// `paragraphs` set in columns of `width` characters, each paragraph indented with two
    /// ideographic spaces as newspapers do, under `title`.
    static func columns(title: String, paragraphs: [String], width: Int) -> String {
        var lines = [title, ""]
        for paragraph in paragraphs {
            let characters = Array(paragraph)
            for start in stride(from: 0, to: characters.count, by: width) {
                let line = String(characters[start..<min(start + width, characters.count)])
                lines.append(start == 0 ? "\u{3000}\u{3000}" + line : line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func reBrokenSeedsLoseNoCharacterAndKeepTheirJoints() throws {
        let cleaner = try Cleaner()
        var joints = 0, leftBroken = 0, checked = 0
        for seed in Fixtures.seeds {
            for article in try GoldenTests.gold(seed).articles {
                for width in stride(from: 6, through: 22, by: 4) {
                    let text = Self.columns(title: article.title ?? "标题", paragraphs: article.paragraphs, width: width)
                    let cleaned: [Article]
                    do {
                        cleaned = try cleaner.clean(RawDocument(source: "\(seed)@\(width)", bytes: Array(text.utf8)))
                    } catch {
                        Issue.record("\(seed) width \(width): \(error)")
                        continue
                    }
                    // Everything the cleaner kept, in order, without the spaces a heading may lose or gain.
                    let pieces: [String] = cleaned.flatMap { [$0.title ?? ""] + $0.paragraphs }
                    let kept: String = pieces.joined().filter { $0 != " " }
                    let lost = article.paragraphs.filter { !kept.contains($0.filter { $0 != " " }) }
                    #expect(lost.isEmpty, "\(seed) width \(width): lost part of \(lost.map { String($0.prefix(20)) })")
                    joints += article.paragraphs.reduce(0) { $0 + ($1.count - 1) / width }
                    leftBroken += max(0, cleaned.reduce(0) { $0 + $1.paragraphs.count } - article.paragraphs.count)
                    checked += 1
                }
            }
        }
        #expect(checked == 30)
        // Measured: 6 of 5,377 joints stay broken, all in headings whose space falls on a column
        // break at width 6 (深化基层治理 / 筑牢社会安全屏障).
        #expect(Double(leftBroken) <= 0.002 * Double(joints), "\(leftBroken) of \(joints) joints left broken")
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
