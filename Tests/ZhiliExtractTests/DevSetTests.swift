import Foundation
import Testing
import ZhiliCore
import ZhiliExtract
import ZhiliIngest

/// One article of the development set's `gold.jsonl` (`../shared/devset/README.md` gives its
/// conventions): names rather than codes, strings for empty fields.
struct DevSetArticle: Decodable {
    struct Figure: Decodable {
        var text: String
        var metric: String
        var value: Double
        var unit: String
        var change: String
        var region: String
        var year: String
    }
    var id: String
    var regions: [String]
    var programs: [String]
    var figures: [Figure]
}

/// Scores extraction on the development set: 30 real pages from other sites, run through the
/// whole pipeline as `zhili extract` runs it (cleaning included), against their hand-written gold.
///
/// Figures match on span text, value and unit in document order (each gold figure takes the
/// first unused prediction at or after the previous match, else any unused one). Over matched
/// figures: change direction, metric (as ``GoldScorer/metricMatches(_:_:)``, a headline's
/// `(标题)` ignored), region by canonical name, year (stated years only). Programs and article
/// regions (subjects only) are sets of names per article.
struct DevSetScorer {
    var figures = PRF(), programs = PRF(), regions = PRF()
    var change = Accuracy(), changed = Accuracy(), metric = Accuracy(), region = Accuracy(), year = Accuracy()
    var report: [String] = []

    /// The development set beside the package (`../shared/devset`), when it is there.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/devset")
    }

    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("gold.jsonl").path) }

    static func loadGold() throws -> [DevSetArticle] {
        let text = try String(contentsOf: directory.appendingPathComponent("gold.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(DevSetArticle.self, from: Data($0.utf8)) }
    }

    /// The records of one page: cleaned and extracted as `zhili extract` does.
    static func records(of gold: DevSetArticle, cleaner: Cleaner, extractor: Extractor) throws -> [ArticleRecord] {
        let url = directory.appendingPathComponent("articles/\(gold.id).txt")
        let document = RawDocument(source: url.path, bytes: Array(try Data(contentsOf: url)))
        return try cleaner.clean(document).map { try extractor.extract($0) }
    }

    mutating func score(_ record: ArticleRecord?, gold: DevSetArticle) {
        var lines: [String] = []
        let predicted = record?.figures ?? []
        var used = Set<Int>()
        var cursor = 0
        var local = PRF()
        for figure in gold.figures {
            func fits(_ index: Int) -> Bool {
                !used.contains(index) && predicted[index].text == figure.text && predicted[index].unit ?? "" == figure.unit
                    && abs(predicted[index].value - figure.value) <= 1e-6 * max(1, abs(figure.value))
            }
            guard let index = (cursor..<predicted.count).first(where: fits) ?? predicted.indices.first(where: fits) else {
                local.falseNegatives += 1
                lines.append("  - figure \(figure.text) (\(figure.metric))")
                continue
            }
            used.insert(index)
            cursor = index + 1
            local.truePositives += 1
            let found = predicted[index]
            var wrong: [String] = []
            let direction = found.change?.rawValue ?? ""
            change.count(direction == figure.change)
            if !figure.change.isEmpty { changed.count(direction == figure.change) }
            if direction != figure.change { wrong.append("change \(figure.change.isEmpty ? "∅" : figure.change) → \(direction.isEmpty ? "∅" : direction)") }
            // 各类 says nothing about what is counted: the seed gold drops it (corpus/gold/README.md),
            // the dev gold writes it in two metrics of four, so it is compared without.
            let goldMetric = figure.metric.replacingOccurrences(of: "(标题)", with: "").replacingOccurrences(of: "各类", with: "")
            let metricRight = GoldScorer.metricMatches(found.metric?.replacingOccurrences(of: "各类", with: ""), goldMetric)
            metric.count(metricRight)
            if !metricRight { wrong.append("metric \(figure.metric) → \(found.metric ?? "∅")") }
            let regionName = found.region?.name ?? ""
            region.count(regionName == figure.region)
            if regionName != figure.region { wrong.append("region \(figure.region.isEmpty ? "∅" : figure.region) → \(regionName.isEmpty ? "∅" : regionName)") }
            let stated = found.yearSource == .stated ? found.year.map(String.init) ?? "" : ""
            year.count(stated == figure.year)
            if stated != figure.year { wrong.append("year \(figure.year.isEmpty ? "∅" : figure.year) → \(stated.isEmpty ? "∅" : stated)") }
            if !wrong.isEmpty { lines.append("  ~ figure \(figure.text): " + wrong.joined(separator: "; ")) }
        }
        for index in predicted.indices where !used.contains(index) {
            local.falsePositives += 1
            lines.append("  + figure \(predicted[index].text) (\(predicted[index].metric ?? ""))")
        }
        figures += local
        var setLines: [String] = []
        programs += GoldScorer.setScore(
            predicted: record?.programs.map(\.name) ?? [], gold: gold.programs.map { ($0, false) }, kind: "program", label: "",
            report: &setLines)
        regions += GoldScorer.setScore(
            predicted: record?.regions.filter { $0.role == .subject }.map(\.name) ?? [], gold: gold.regions.map { ($0, false) },
            kind: "region", label: "", report: &setLines)
        lines += setLines
        if !lines.isEmpty { report.append("\(gold.id):\n" + lines.joined(separator: "\n")) }
    }

    var summary: String {
        """
        figures   \(figures)
        programs  \(programs)
        regions   \(regions)
        over \(figures.truePositives) matched figures: change \(change) (changed figures \(changed)), metric \(metric), region \(region), year \(year)
        """
    }
}

/// Holds extraction on the development set to the levels reached: a change that loses ground on
/// articles it was never tuned on fails. `scripts/score-extraction` prints these scores (and,
/// with `--misses`, every disagreement).
@Suite(.enabled(if: DevSetScorer.isPresent, "../shared/devset is not beside the package"))
struct DevSetTests {
    /// The levels reached, raised as extraction improves. The issue's targets, for reference:
    /// figure F1 0.97, change 0.95, metric 0.90, figure region 0.93, program F1 0.85, article
    /// regions F1 0.95.
    static let floors = (figureF1: 0.99, programF1: 0.86, regionF1: 0.96, change: 0.99, metric: 0.90, figureRegion: 0.93, year: 0.98)

    @Test func devSetScoresHoldTheirFloors() throws {
        let cleaner = try Cleaner()
        let extractor = try Extractor()
        let gold = try DevSetScorer.loadGold()
        #expect(gold.count == 30)
        var scorer = DevSetScorer()
        for article in gold {
            // One page is one article; a page split into several is scored on its first.
            scorer.score(try DevSetScorer.records(of: article, cleaner: cleaner, extractor: extractor).first, gold: article)
        }
        print("DEVSET SCORES (\(gold.count) articles, \(scorer.figures.truePositives + scorer.figures.falseNegatives) gold figures)\n" + scorer.summary)
        // Always printed (as GoldTests prints the seeds'): `scripts/score-extraction` shows it with `--misses`.
        print("DEVSET MISSES\n" + scorer.report.joined(separator: "\n"))
        let floors = Self.floors
        #expect(scorer.figures.f1 >= floors.figureF1)
        #expect(scorer.programs.f1 >= floors.programF1)
        #expect(scorer.regions.f1 >= floors.regionF1)
        #expect(scorer.change.value >= floors.change)
        #expect(scorer.metric.value >= floors.metric)
        #expect(scorer.region.value >= floors.figureRegion)
        #expect(scorer.year.value >= floors.year)
    }
}
