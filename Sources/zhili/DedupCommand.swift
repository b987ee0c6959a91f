import ArgumentParser
import Foundation
import ZhiliBatch
import ZhiliDedup
import ZhiliIngest

/// `zhili dedup`: the near-duplicate clusters of a dump (reprints of one article at several sites).
struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Find copies of one article in a dump: near-duplicate clusters (MinHash, LSH, containment).",
        discussion: """
            Reads what `zhili extract` reads (text, HTML, JSON Lines, WARC, gzip, directories, -), \
            cleans each article and compares their 4-character shingles (Traditional folded to \
            Simplified, punctuation and spaces dropped; a fixed 1-in-4 sample): candidates share \
            a band of their MinHash signatures, and two articles are copies when the longer holds \
            at least half of the shorter's shingles. Copies join transitively into clusters; each cluster's \
            representative is its earliest-dated copy, else the longest, and the others are \
            duplicates of it. Articles with no copy are counted, not listed.

            Examples:
              zhili dedup corpus/reprints
              zhili dedup dump.jsonl.gz --format csv > clusters.csv
              zhili dedup crawl.warc.gz --format json --quiet
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var input: InputOptions

    @OptionGroup var documents: DocumentOptions

    @OptionGroup var batch: BatchRunOptions

    @Option(help: ArgumentHelp("Output format.", valueName: "table|csv|json"))
    var format: Format = .table

    @Option(help: ArgumentHelp("Least share of the shorter article's shingles the longer must hold (0–1).", valueName: "share"))
    var containment: Double = DuplicateRule.standard.containment

    func validate() throws {
        guard (0...1).contains(containment), containment > 0 else { throw ValidationError("--containment must be above 0 and at most 1") }
    }

    func run() throws {
        let cleaner = try documents.cleaner()
        let options = try batch.options(
            input, files: input.files(defaultInclude: CleanCommand.defaultInclude), output: nil,
            defaultJournal: nil, decoder: documents.decoder)
        var entries: [DedupProcessor.Entry] = []
        let summary = try batch.run(options, reporter: reporter, sink: { entries += $0 }) { DedupProcessor(cleaner: cleaner) }
        var rule = DuplicateRule.standard
        rule.containment = containment
        let clusters = DuplicateClusters(entries.map(\.document), rule: rule)
        let report = DedupReport(entries: entries, clusters: clusters)
        switch format {
        case .json: try JSONOutput.print(report)
        case .csv: print(report.csv, terminator: "")
        case .table: print(report.table)
        }
        if !batch.quiet { reporter.report(summary.line) }
        if summary.failures > 0 { throw ExitCode(3) }
    }
}

/// What `zhili dedup` prints: the clusters, each member with its source.
struct DedupReport: Encodable {
    /// One article of a cluster.
    struct Member: Encodable {
        var id: String
        var source: String
        var title: String?
        var date: String?
        /// The representative's id; nil for the representative.
        var duplicateOf: String?

        enum CodingKeys: String, CodingKey { case id, source, title, date, duplicateOf = "duplicate_of" }
    }

    /// Copies of one article.
    struct Cluster: Encodable {
        /// The cluster id: its first member's id in input order.
        var cluster: String
        var size: Int
        /// The representative first.
        var members: [Member]
    }

    var articles: Int
    var duplicates: Int
    var duplicatePairs: Int
    var clusters: [Cluster]

    enum CodingKeys: String, CodingKey {
        case articles, duplicates, duplicatePairs = "duplicate_pairs", clusters
    }

    init(entries: [DedupProcessor.Entry], clusters found: DuplicateClusters) {
        articles = entries.count
        clusters = found.clusters.map { cluster in
            let representative = entries[cluster.representative].document.id
            return Cluster(cluster: cluster.id, size: cluster.members.count, members: cluster.members.map { position in
                let entry = entries[position]
                return Member(
                    id: entry.document.id, source: entry.source, title: entry.title, date: entry.document.date,
                    duplicateOf: position == cluster.representative ? nil : representative)
            })
        }
        duplicates = clusters.reduce(0) { $0 + $1.size - 1 }
        duplicatePairs = clusters.reduce(0) { $0 + $1.size * ($1.size - 1) / 2 }
    }

    /// One row per member: cluster, size, role, id, duplicate_of, date, source, title.
    var csv: String {
        var bytes: [UInt8] = []
        CSVTable.appendRow(["cluster", "size", "role", "id", "duplicate_of", "date", "source", "title"], to: &bytes)
        for cluster in clusters {
            for member in cluster.members {
                CSVTable.appendRow([
                    cluster.cluster, String(cluster.size), member.duplicateOf == nil ? "representative" : "duplicate",
                    member.id, member.duplicateOf ?? "", member.date ?? "", member.source, member.title ?? "",
                ], to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The clusters as a text table, the representative of each first, then a summary line.
    var table: String {
        var rows: [[String]] = []
        for cluster in clusters {
            for (index, member) in cluster.members.enumerated() {
                rows.append([
                    index == 0 ? cluster.cluster : "", index == 0 ? String(cluster.size) : "",
                    index == 0 ? "representative" : "duplicate", member.date ?? "", member.source, member.title ?? "",
                ])
            }
        }
        let summary = "\(articles) articles, \(clusters.count) clusters of copies, \(duplicates) duplicates"
        guard !rows.isEmpty else { return summary }
        return TextTable.render(headers: ["cluster", "size", "role", "date", "source", "title"], rows: rows) + "\n" + summary
    }
}
