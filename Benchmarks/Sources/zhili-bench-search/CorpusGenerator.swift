import Foundation
import ZhiliCore
import ZhiliExtract
import ZhiliIngest

/// A deterministic pseudo-random generator (SplitMix64), so a seed always gives the same corpus.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Generates articles by recombining the seed articles' paragraphs, with their Inner Mongolia
/// place names swapped for a randomly chosen league or city and one of its counties, and random dates.
struct CorpusGenerator {
    let titles: [String]
    let paragraphs: [String]
    let prefectures: [Region]
    let counties: [String: [Region]]
    /// Inner Mongolia names in the seeds, longest first, with their level.
    let names: [(name: String, level: RegionLevel)]

    /// Loads the seeds from `corpus/raw` through the real cleaner.
    init(corpus: URL, regions: RegionTable) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        let cleaner = try Cleaner()
        var titles: [String] = [], paragraphs: [String] = []
        for item in InputReader(paths: files.map { corpus.appendingPathComponent($0).path }) {
            guard case .document(let document) = item else { continue }
            for article in try cleaner.clean(document) {
                if let title = article.title { titles.append(title) }
                paragraphs += article.paragraphs.filter { $0.unicodeScalars.count >= 20 }
            }
        }
        self.titles = titles
        self.paragraphs = paragraphs
        let home = regions.descendants(of: "150000").compactMap { regions.region(code: $0) }
        prefectures = home.filter { $0.level == .prefecture }.sorted { $0.code < $1.code }
        counties = Dictionary(grouping: home.filter { $0.level == .county }, by: { $0.parent ?? "" })
        let text = (titles + paragraphs).joined(separator: "\n")
        names = home.filter { $0.level != .province && text.contains($0.name) }
            .map { ($0.name, $0.level) }
            .sorted { $0.name.count > $1.name.count }
    }

    /// The `index`-th article of the corpus for `seed`.
    func article(_ index: Int, generator: inout SeededGenerator) -> Article {
        let prefecture = prefectures.randomElement(using: &generator)!
        let county = counties[prefecture.code]?.randomElement(using: &generator) ?? prefecture
        let count = Int.random(in: 3...8, using: &generator)
        var body: [String] = []
        for _ in 0..<count { body.append(relocate(paragraphs.randomElement(using: &generator)!, prefecture, county)) }
        let title = relocate(titles.randomElement(using: &generator)!, prefecture, county)
        let day = Int.random(in: 0..<(7 * 365), using: &generator)
        let date = Date(timeIntervalSince1970: 1_514_764_800 + Double(day) * 86_400)
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        let iso = String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
        return Article(source: "generated", index: index, title: title, date: iso, outlet: "正北方网", paragraphs: body)
    }

    private func relocate(_ text: String, _ prefecture: Region, _ county: Region) -> String {
        var result = text
        for (name, level) in names where result.contains(name) {
            result = result.replacingOccurrences(of: name, with: level == .prefecture ? prefecture.name : county.name)
        }
        return result
    }
}
