// zhili-bench-search: builds a search index from a generated corpus and measures build rate, index
// size and query latency, with a raw FTS5 trigram index on the unsegmented text as the baseline.
// Driven by scripts/bench-search; run a release build.
import Foundation
import GRDB
import ZhiliCore
import ZhiliExtract
import ZhiliStore

struct Options {
    var articles = 100_000
    var rounds = 40
    var seed: UInt64 = 20_261_123
    var batch = 1000
    var out = "scripts/out/bench-search"
    var corpus = "corpus/raw"
    /// Skip generation and build, query the index left by an earlier run.
    var reuse = false
    /// Only time the tokenizer pieces on this many articles, then stop.
    var profile = 0
    /// Time raw SQL variants on the index left by an earlier run, then stop.
    var experiment = false
    /// Run only queries of this kind (profiling aid).
    var only: String?
    /// The store's count limit.
    var countLimit = 500
    /// Also build and query a PostgreSQL index from the same records (postgres://…).
    var postgres: String?
    /// Concurrent writers for the PostgreSQL build (compared with one).
    var writers = 2

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            if argument == "--reuse" { reuse = true; continue }
            if argument == "--experiment" { experiment = true; continue }
            let value = iterator.next() ?? ""
            switch argument {
            case "--profile": profile = Int(value) ?? 2000
            case "--articles": articles = Int(value) ?? articles
            case "--rounds": rounds = Int(value) ?? rounds
            case "--seed": seed = UInt64(value) ?? seed
            case "--batch": batch = Int(value) ?? batch
            case "--out": out = value
            case "--corpus": corpus = value
            case "--only": only = value
            case "--count-limit": countLimit = Int(value) ?? countLimit
            case "--postgres": postgres = value
            case "--writers": writers = Int(value) ?? writers
            default:
                FileHandle.standardError.write(Data("usage: zhili-bench-search [--articles N] [--rounds R] [--seed S] [--batch B] [--out DIR] [--corpus DIR]\n".utf8))
                exit(64)
            }
        }
    }
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
}

func databaseSize(_ path: String) -> Int {
    ["", "-wal"].reduce(0) { $0 + fileSize(path + $1) }
}

func log(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

let options = Options(CommandLine.arguments)
try FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
let indexPath = options.out + "/zhili.db", baselinePath = options.out + "/trigram.db", jsonlPath = options.out + "/records.jsonl"

let regions = RegionTable.bundled
let generator = try CorpusGenerator(corpus: URL(fileURLWithPath: options.corpus), regions: regions)
log("seeds: \(generator.titles.count) titles, \(generator.paragraphs.count) paragraphs, \(generator.names.count) place names to swap")
log("generating \(options.articles) articles (seed \(options.seed)), extracting, indexing in batches of \(options.batch) …")

if options.experiment {
    try SQLExperiment.run(indexPath: indexPath, rounds: options.rounds)
    exit(0)
}
if options.profile > 0 {
    try TokenizerProfile.run(generator: generator, count: options.profile, seed: options.seed, regions: regions)
    exit(0)
}

// MARK: Build
if !options.reuse {
    for path in [indexPath, baselinePath] {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
var articleCount = 0
var storeSeconds = 0.0
var textBytesOfRun = 0
if !options.reuse {

let store = try SQLiteStore(path: indexPath)
var baselineConfiguration = Configuration()
baselineConfiguration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
let baseline = try DatabasePool(path: baselinePath, configuration: baselineConfiguration)
try baseline.write { db in
    try db.execute(sql: "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='trigram')")
}
FileManager.default.createFile(atPath: jsonlPath, contents: nil)
let jsonl = try FileHandle(forWritingTo: URL(fileURLWithPath: jsonlPath))
let encoder = JSONEncoder()
encoder.outputFormatting = [.withoutEscapingSlashes]

var random = SeededGenerator(seed: options.seed)
var baselineSeconds = 0.0, extractSeconds = 0.0, storeCPUSeconds = 0.0
var textBytes = 0, jsonlBytes = 0
let workers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
let extractor = try ParallelExtractor(threads: workers, regions: regions)
var produced = 0
// Batches are indexed in chunks of ten, timed from the first prepare to the commit of the last
// batch, so no index work runs outside the clock or under the baseline's. Within a chunk, as
// `zhili index` does, each batch is segmented on all cores while the one before is written.
let chunkSize = 10
var chunk: [[ArticleRecord]] = []
func indexChunk() throws {
    let cpuBefore = processCPUTime()
    storeSeconds += try measure {
        var ready = try store.prepare(chunk[0])
        for index in chunk.indices {
            let next = PreparedBatch()
            let group = DispatchGroup()
            if index + 1 < chunk.count {
                let records = chunk[index + 1]
                DispatchQueue.global().async(group: group) { next.result = Result { try store.prepare(records) } }
            }
            try store.write(ready)
            group.wait()
            if let result = next.result { ready = try result.get() }
        }
    }
    storeCPUSeconds += processCPUTime() - cpuBefore
    chunk.removeAll()
}
while produced < options.articles {
    let count = min(options.batch, options.articles - produced)
    let articles = (0..<count).map { generator.article(produced + $0, generator: &random) }
    var batch: [ArticleRecord] = []
    extractSeconds += measure { batch = extractor.extract(articles) }
    for record in batch {
        let data = try encoder.encode(record)
        jsonl.write(data)
        jsonl.write(Data("\n".utf8))
        jsonlBytes += data.count + 1
        textBytes += record.article.text.utf8.count + (record.article.title?.utf8.count ?? 0)
    }
    baselineSeconds += try measure {
        try baseline.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO docs (title, body) VALUES (?, ?)")
            for record in batch { try insert.execute(arguments: [record.article.title ?? "", record.article.text]) }
        }
    }
    chunk.append(batch)
    if chunk.count == chunkSize || produced + count == options.articles { try indexChunk() }
    produced += count
    if produced % (options.batch * 20) == 0 || produced == options.articles {
        log(String(format: "  %7d articles: store %.0f articles/s, trigram baseline %.0f articles/s", produced,
                   Double(produced) / storeSeconds, Double(produced) / baselineSeconds))
    }
}
try jsonl.close()
let optimizeSeconds = try measure { try store.optimize() }
try baseline.writeWithoutTransaction { db in
    try db.execute(sql: "INSERT INTO docs(docs) VALUES('optimize')")
    try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
}

articleCount = try store.articleCount()
textBytesOfRun = textBytes
let indexBytes = databaseSize(indexPath), baselineBytes = databaseSize(baselinePath)
log("")
log("== build (\(articleCount) articles, \(String(format: "%.1f", Double(textBytes) / 1e6)) MB of text, \(String(format: "%.1f", Double(jsonlBytes) / 1e6)) MB of JSON Lines)")
log(String(format: "zhili index (SQLiteStore, next batch prepared during each write): %8.0f articles/s  (%.1f s; optimize %.1f s more → %.0f articles/s incl. optimize)",
           Double(articleCount) / storeSeconds, storeSeconds, optimizeSeconds, Double(articleCount) / (storeSeconds + optimizeSeconds)))
log(String(format: "  CPU time of the index build, all threads: %.1f s (%.0f articles per CPU-second); wall time is inflated by other processes on the shared cores",
           storeCPUSeconds, Double(articleCount) / storeCPUSeconds))
log(String(format: "baseline FTS5 trigram (text only):                     %8.0f articles/s  (%.1f s)  → zhili/baseline %.2f×",
           Double(articleCount) / baselineSeconds, baselineSeconds, baselineSeconds / storeSeconds))
log(String(format: "extraction for the generated corpus (not part of indexing): %.0f articles/s on %d threads", Double(articleCount) / extractSeconds, workers))
log(String(format: "index size: %.1f MB = %.2f× the JSON Lines input, %.2f× the text; trigram baseline %.1f MB = %.2f× the text",
           Double(indexBytes) / 1e6, Double(indexBytes) / Double(jsonlBytes), Double(indexBytes) / Double(textBytes),
           Double(baselineBytes) / 1e6, Double(baselineBytes) / Double(textBytes)))

}
let baselineReader = try DatabasePool(path: baselinePath)

// MARK: Queries

/// One query of the fixed mix.
struct BenchQuery {
    let kind: String
    let request: BenchRequest
    /// The same text query on the trigram baseline, if it has one.
    let baseline: String?
}

let reader = try SQLiteStore(path: indexPath, mode: .readOnly, countLimit: options.countLimit)
func search(_ query: String, region: String? = nil) -> BenchRequest { .search(query, region: region) }
let allQueries: [BenchQuery] = [
    BenchQuery(kind: "one word", request: search("调解室"), baseline: "\"调解室\""),
    BenchQuery(kind: "one word", request: search("网格员"), baseline: "\"网格员\""),
    BenchQuery(kind: "one word", request: search("枫桥经验"), baseline: "\"枫桥经验\""),
    BenchQuery(kind: "one word", request: search("派出所"), baseline: "\"派出所\""),
    BenchQuery(kind: "two words", request: search("网格员 调解"), baseline: "\"网格员\" \"调解\""),
    BenchQuery(kind: "two words", request: search("矛盾纠纷 派出所"), baseline: "\"矛盾纠纷\" \"派出所\""),
    BenchQuery(kind: "two words", request: search("雪亮工程 反诈"), baseline: "\"雪亮工程\" \"反诈\""),
    BenchQuery(kind: "phrase", request: search("\"化解矛盾纠纷\""), baseline: "\"化解矛盾纠纷\""),
    BenchQuery(kind: "phrase", request: search("\"老李调解室\""), baseline: "\"老李调解室\""),
    BenchQuery(kind: "2-char word", request: search("调解"), baseline: "\"调解\""),
    BenchQuery(kind: "2-char word", request: search("网格"), baseline: "\"网格\""),
    BenchQuery(kind: "2-char word", request: search("治安"), baseline: "\"治安\""),
    BenchQuery(kind: "region-filtered", request: search("网格员", region: "兴安盟"), baseline: "\"网格员\" \"兴安盟\""),
    BenchQuery(kind: "region-filtered", request: search("调解室", region: "乌兰察布"), baseline: "\"调解室\" \"乌兰察布\""),
    BenchQuery(kind: "programs", request: .programs(ProgramsRequest(query: "调解")), baseline: nil),
    BenchQuery(kind: "programs", request: .programs(ProgramsRequest(region: "兴安盟")), baseline: nil),
    BenchQuery(kind: "compare", request: .compare(CompareRequest(indicator: "grids")), baseline: nil),
    BenchQuery(kind: "compare", request: .compare(CompareRequest(indicator: "grid_workers", years: 2022...2022)), baseline: nil),
]
let mix = allQueries.filter { options.only == nil || $0.kind == options.only }
let kinds = ["one word", "two words", "phrase", "2-char word", "region-filtered", "programs", "compare"]
let searchKinds = Set(kinds.prefix(5))

log("")
log("== query mix (\(mix.count) queries × \(options.rounds) rounds after one warm-up round; search pages of 10 with snippets)")
for query in mix {
    let matches = try query.request.run(on: reader)
    let baselineMatches = try query.baseline.map { text in
        try baselineReader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM docs WHERE docs MATCH ?", arguments: [text]) ?? 0 }
    }
    log("  \(query.kind.padding(toLength: 16, withPad: " ", startingAt: 0)) matches \(String(matches).padding(toLength: 7, withPad: " ", startingAt: 0)) trigram \(baselineMatches.map(String.init) ?? "—")")
}
var latencies: [String: Latency] = [:]
var baselineLatencies: [String: Latency] = [:]
var allSearch = Latency(), allBaseline = Latency()
var cpuLatencies: [String: Latency] = [:]
var allSearchCPU = Latency()
for _ in 0..<options.rounds {
    for query in mix {
        let (seconds, cpu) = try measureWithCPU { _ = try query.request.run(on: reader) }
        latencies[query.kind, default: Latency()].samples.append(seconds)
        cpuLatencies[query.kind, default: Latency()].samples.append(cpu)
        if searchKinds.contains(query.kind) {
            allSearch.samples.append(seconds)
            allSearchCPU.samples.append(cpu)
        }
        if let text = query.baseline {
            let baselineTime = try measure {
                _ = try baselineReader.read { db in
                    try Row.fetchAll(db, sql: "SELECT rowid, bm25(docs, 5.0, 1.0) AS score FROM docs WHERE docs MATCH ? ORDER BY score LIMIT 10", arguments: [text])
                }
            }
            baselineLatencies[query.kind, default: Latency()].samples.append(baselineTime)
            allBaseline.samples.append(baselineTime)
        }
    }
}
log("")
log("kind              zhili                                              trigram baseline (MATCH + bm25, no snippets)")
for kind in kinds {
    let zhili = latencies[kind]?.summary ?? ""
    let base = baselineLatencies[kind]?.summary ?? "—"
    log("\(kind.padding(toLength: 16, withPad: " ", startingAt: 0))  \(zhili)   \(base)")
}
log("")
log("CPU time per query (thread CPU time: what the query costs without competition for the cores)")
for kind in kinds {
    log("\(kind.padding(toLength: 16, withPad: " ", startingAt: 0))  \(cpuLatencies[kind]?.summary ?? "")")
}
log("")
log("all search CPU  \(allSearchCPU.summary)")
log("all search      \(allSearch.summary)   baseline \(allBaseline.summary)")
log(String(format: "search p50 ratio zhili/baseline: %.2f×; targets: search p50 ≤ 2 ms (%@), p99 ≤ 20 ms (%@); compare ≤ 50 ms (p99 %.1f ms, %@); build ≥ 2000 articles/s (%@)",
           allSearch.percentile(50) / allBaseline.percentile(50),
           allSearch.percentile(50) <= 0.002 ? "met" : "MISSED", allSearch.percentile(99) <= 0.020 ? "met" : "MISSED",
           (latencies["compare"]?.percentile(99) ?? .nan) * 1000, (latencies["compare"]?.percentile(99) ?? 1) <= 0.050 ? "met" : "MISSED",
           options.reuse ? "not measured" : Double(articleCount) / storeSeconds >= 2000 ? "met" : "MISSED"))

if let url = options.postgres {
    try await PostgresBench.run(
        url: url, jsonl: jsonlPath, batch: options.batch, workers: options.writers, textBytes: textBytesOfRun, mix: mix,
        rounds: options.rounds, countLimit: options.countLimit, kinds: kinds, searchKinds: searchKinds,
        sqlite: latencies, sqliteAll: allSearch)
}

/// A batch prepared on another thread.
final class PreparedBatch: @unchecked Sendable {
    var result: Result<[PreparedRecord], any Error>?
}
