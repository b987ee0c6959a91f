import Foundation
import ZhiliCore
import ZhiliExtract

/// One gold article as written in `corpus/gold/<seed>.json`.
struct GoldArticle: Decodable, Sendable {
    struct GoldFigure: Decodable, Sendable {
        var text: String
        var value: Double
        var value_max: Double?
        var unit: String?
        var qualifier: String?
        var change: String?
        var basis: String?
        var metric: String?
        var region: String?
        var year: Int?
        var optional: Bool?
    }
    struct GoldName: Decodable, Sendable {
        var name: String
        var code: String?
        var optional: Bool?
    }
    var title: String?
    var subtitle: String?
    var date: String?
    var paragraphs: [String]
    var figures: [GoldFigure]
    var programs: [GoldName]
    var regions: [GoldName]
}

/// A gold file: its source seed and articles.
struct GoldFile: Decodable {
    var source: String
    var articles: [GoldArticle]
}

/// Precision, recall and F1 from counts.
struct PRF: CustomStringConvertible {
    var truePositives = 0, falsePositives = 0, falseNegatives = 0
    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    static func += (left: inout PRF, right: PRF) {
        left.truePositives += right.truePositives
        left.falsePositives += right.falsePositives
        left.falseNegatives += right.falseNegatives
    }
    var description: String {
        String(format: "P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)", precision, recall, f1, truePositives, falsePositives, falseNegatives)
    }
}

/// Share of right answers.
struct Accuracy: CustomStringConvertible {
    var right = 0, total = 0
    var value: Double { total == 0 ? 1 : Double(right) / Double(total) }
    mutating func count(_ isRight: Bool) {
        total += 1
        if isRight { right += 1 }
    }
    var description: String { String(format: "%.3f (%d/%d)", value, right, total) }
}

/// Scores extraction against the hand-written gold.
///
/// Figures match on value, unit and surface text, in document order (the n-th `2600元` of the
/// gold pairs with the n-th predicted one). Programs match on name, regions on code; both are
/// sets per article. Gold items marked `optional` are ignored both ways: predicting one is no
/// false positive and missing one no false negative. A metric counts as right when it equals the
/// gold metric, or one contains the other (so they share at least 2 characters, the shorter
/// having at least 2).
struct GoldScorer {
    var figures = PRF(), programs = PRF(), regions = PRF()
    var metric = Accuracy(), qualifier = Accuracy(), change = Accuracy(), region = Accuracy(), year = Accuracy()
    var report: [String] = []

    /// The gold directory of the package (corpus/gold), found from this file's path.
    static var goldDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus/gold")
    }

    /// Every gold file, sorted by name.
    static func loadGold() throws -> [GoldFile] {
        let files = try FileManager.default.contentsOfDirectory(at: goldDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try JSONDecoder().decode(GoldFile.self, from: Data(contentsOf: $0)) }
    }

    /// The article the extractor sees: the gold's own title, date and paragraphs.
    static func article(_ gold: GoldArticle, source: String, index: Int) -> Article {
        Article(source: source, index: index, title: gold.title, subtitle: gold.subtitle, date: gold.date, paragraphs: gold.paragraphs)
    }

    static func metricMatches(_ predicted: String?, _ gold: String?) -> Bool {
        guard let predicted, let gold else { return predicted == gold }
        if predicted == gold { return true }
        let shorter = predicted.count < gold.count ? predicted : gold
        return shorter.count >= 2 && (predicted.contains(gold) || gold.contains(predicted))
    }

    mutating func score(_ record: ArticleRecord, gold: GoldArticle, label: String) {
        // Figures.
        var used = Set<Int>()
        var local = PRF()
        for goldFigure in gold.figures {
            let match = record.figures.indices.first { index in
                !used.contains(index) && record.figures[index].text == goldFigure.text
                    && abs(record.figures[index].value - goldFigure.value) < 1e-6 * max(1, abs(goldFigure.value))
                    && record.figures[index].unit == goldFigure.unit
            }
            if let match {
                used.insert(match)
                if goldFigure.optional == true { continue }
                local.truePositives += 1
                let figure = record.figures[match]
                let metricRight = Self.metricMatches(figure.metric, goldFigure.metric)
                metric.count(metricRight)
                qualifier.count(figure.qualifier == goldFigure.qualifier)
                change.count(figure.change?.rawValue == goldFigure.change && figure.basis?.rawValue == goldFigure.basis)
                region.count(figure.region?.code == goldFigure.region)
                year.count(figure.year == goldFigure.year)
                var notes: [String] = []
                if !metricRight { notes.append("metric \(figure.metric ?? "nil") ≠ \(goldFigure.metric ?? "nil")") }
                if figure.qualifier != goldFigure.qualifier { notes.append("qualifier \(figure.qualifier ?? "nil") ≠ \(goldFigure.qualifier ?? "nil")") }
                if figure.change?.rawValue != goldFigure.change || figure.basis?.rawValue != goldFigure.basis {
                    notes.append("change \(figure.basis?.rawValue ?? "")\(figure.change?.rawValue ?? "nil") ≠ \(goldFigure.basis ?? "")\(goldFigure.change ?? "nil")")
                }
                if figure.region?.code != goldFigure.region { notes.append("region \(figure.region?.code ?? "nil") ≠ \(goldFigure.region ?? "nil")") }
                if figure.year != goldFigure.year { notes.append("year \(figure.year.map(String.init) ?? "nil") ≠ \(goldFigure.year.map(String.init) ?? "nil")") }
                if !notes.isEmpty { report.append("\(label)  ~ figure \(goldFigure.text): " + notes.joined(separator: "; ")) }
            } else if goldFigure.optional != true {
                local.falseNegatives += 1
                report.append("\(label)  - figure \(goldFigure.text) (\(goldFigure.metric ?? ""))")
            }
        }
        for index in record.figures.indices where !used.contains(index) {
            local.falsePositives += 1
            let figure = record.figures[index]
            report.append("\(label)  + figure \(figure.text) = \(figure.value) \(figure.unit ?? "") [\(figure.metric ?? "")]")
        }
        figures += local
        programs += Self.setScore(
            predicted: record.programs.map(\.name), gold: gold.programs.map { ($0.name, $0.optional == true) },
            kind: "program", label: label, report: &report)
        regions += Self.setScore(
            predicted: record.regions.map(\.code), gold: gold.regions.map { ($0.code ?? $0.name, $0.optional == true) },
            kind: "region", label: label, report: &report,
            name: { code in record.regions.first { $0.code == code }?.name ?? gold.regions.first { $0.code == code }?.name ?? "" })
    }

    static func setScore(
        predicted: [String], gold: [(String, Bool)], kind: String, label: String, report: inout [String],
        name: (String) -> String = { _ in "" }
    ) -> PRF {
        var result = PRF()
        let predictedSet = Set(predicted)
        let required = Set(gold.filter { !$0.1 }.map(\.0))
        let optional = Set(gold.filter { $0.1 }.map(\.0))
        for item in required {
            if predictedSet.contains(item) { result.truePositives += 1 } else {
                result.falseNegatives += 1
                report.append("\(label)  - \(kind) \(item) \(name(item))")
            }
        }
        for item in predictedSet where !required.contains(item) && !optional.contains(item) {
            result.falsePositives += 1
            report.append("\(label)  + \(kind) \(item) \(name(item))")
        }
        return result
    }

    var summary: String {
        """
        figures   \(figures)
        programs  \(programs)
        regions   \(regions)
        accuracy over matched figures: metric \(metric), qualifier \(qualifier), change \(change), region \(region), year \(year)
        """
    }
}
