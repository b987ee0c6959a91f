// zhili-bench: the Swift half of scripts/bench-segment.
//
//   zhili-bench throughput FILE [ROUNDS]   MB of UTF-8 input per CPU second (one core): raw ICU word
//                                          breaks and Zhili's segmenter, taking turns chunk by chunk, ROUNDS passes (2);
//                                          with --extract also ZhiliExtract's Extractor.extract, one article per line
//   zhili-bench tokens icu|zhili FILE...   tokens as `start end kind` lines (scalar offsets), a blank line per file
import Foundation
import ZhiliICU
import ZhiliCore
import ZhiliExtract
import ZhiliSegment

/// Prints to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("zhili-bench: \(message)\n".utf8))
    exit(2)
}

/// Reads a UTF-8 file.
func readText(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return String(decoding: data, as: UTF8.self)
}

/// CPU seconds used by this thread: throughput per core even when other processes share the cores.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Times each of `bodies` over every paragraph, in turns on chunks of about 256 KB so that load
/// from other processes falls on all of them alike; returns MB per CPU second and token counts.
func measure(_ paragraphs: [String], bytes: Int, rounds: Int, _ bodies: [(String) throws -> Int]) throws -> [(rate: Double, tokens: Int)] {
    var chunks: [ArraySlice<String>] = []
    var chunkStart = 0, chunkBytes = 0
    for (index, paragraph) in paragraphs.enumerated() {
        chunkBytes += paragraph.utf8.count + 1
        if chunkBytes >= 256 * 1024 || index == paragraphs.count - 1 {
            chunks.append(paragraphs[chunkStart...index])
            chunkStart = index + 1
            chunkBytes = 0
        }
    }
    var seconds = [Double](repeating: 0, count: bodies.count)
    var tokens = [Int](repeating: 0, count: bodies.count)
    for _ in 0..<rounds {
        for chunk in chunks {
            for (which, body) in bodies.enumerated() {
                let start = now()
                for paragraph in chunk { tokens[which] += try body(paragraph) }
                seconds[which] += now() - start
            }
        }
    }
    return seconds.indices.map { (Double(bytes * rounds) / 1e6 / seconds[$0], tokens[$0] / rounds) }
}

func throughput(_ path: String, lexicon: Lexicon, rounds: Int, withExtract: Bool) throws {
    let text = readText(path)
    let bytes = text.utf8.count
    let paragraphs = text.split(separator: "\n").map(String.init)
    let breaker = try WordBreaker(locale: "zh")
    let segmenter = try Segmenter(lexicon: lexicon)
    var units: [UInt16] = []
    // Raw ICU: the same UTF-16 conversion, then ICU's boundaries and nothing else.
    func icu(_ paragraph: String) throws -> Int {
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: paragraph.utf16)
        var count = 0
        try units.withUnsafeBufferPointer { buffer in
            try breaker.forEachSegment(in: buffer) { _, _, _ in count += 1 }
        }
        return count
    }
    func zhili(_ paragraph: String) throws -> Int {
        var count = 0
        try segmenter.forEachToken(in: paragraph) { _, _, _ in count += 1 }
        return count
    }
    // Warm up caches and ICU's dictionary on the first paragraphs.
    for paragraph in paragraphs.prefix(200) { _ = try icu(paragraph); _ = try zhili(paragraph) }
    // The extraction library on the same paragraphs, one article per line (ids made up front).
    let extractor = withExtract ? try Extractor() : nil
    func extract(_ paragraph: String) throws -> Int {
        let record = try extractor!.extract(Article(id: "bench", source: "bench", paragraphs: [paragraph]))
        return record.figures.count + record.programs.count + record.regions.count
    }
    let results = try measure(paragraphs, bytes: bytes, rounds: rounds, withExtract ? [icu, zhili, extract] : [icu, zhili])
    let raw = results[0], ours = results[1]
    print(String(format: "input_mb %.1f", Double(bytes) / 1e6))
    print(String(format: "icu_mb_s %.2f segments %d", raw.rate, raw.tokens))
    print(String(format: "zhili_mb_s %.2f tokens %d", ours.rate, ours.tokens))
    if withExtract {
        print(String(format: "extract_lib_mb_s %.2f items %d", results[2].rate, results[2].tokens))
    }
}

func tokens(mode: String, paths: [String], lexicon: Lexicon) throws {
    let segmenter = try Segmenter(lexicon: lexicon)
    let breaker = try WordBreaker(locale: "zh")
    var output = ""
    for path in paths {
        let text = readText(path)
        if mode == "zhili" {
            try segmenter.forEachToken(in: text) { start, end, kind in
                output += "\(start) \(end) \(kind.rawValue)\n"
            }
        } else {
            // ICU's segments in scalar offsets, whitespace skipped.
            let units = Array(text.utf16)
            var scalar = 0, unit = 0
            try units.withUnsafeBufferPointer { buffer in
                try breaker.forEachSegment(in: buffer) { start, end, kind in
                    let first = scalar
                    var blank = true
                    while unit < end {
                        let value = buffer[unit]
                        if !(value == 0x20 || value == 0x0A || value == 0x09 || value == 0x0D || value == 0x3000) { blank = false }
                        if !UTF16.isTrailSurrogate(value) { scalar += 1 }
                        unit += 1
                    }
                    if !blank { output += "\(first) \(scalar) \(kind)\n" }
                }
            }
        }
        output += "\n"
    }
    FileHandle.standardOutput.write(Data(output.utf8))
}

var arguments = Array(CommandLine.arguments.dropFirst())
/// `--extract`: also time the extraction library (Extractor.extract) on the same paragraphs.
let withExtract = arguments.contains("--extract")
arguments.removeAll { $0 == "--extract" }
/// The bundled lexicon plus the one named by `--lexicon FILE`, if any.
var lexicon = Lexicon.bundled
if let flag = arguments.firstIndex(of: "--lexicon"), flag + 1 < arguments.count {
    do { lexicon.merge(try Lexicon(contentsOf: URL(fileURLWithPath: arguments[flag + 1]))) } catch { fail("\(error)") }
    arguments.removeSubrange(flag...(flag + 1))
}
do {
    switch arguments.first {
    case "throughput" where arguments.count == 2 || arguments.count == 3:
        try throughput(arguments[1], lexicon: lexicon, rounds: arguments.count == 3 ? max(1, Int(arguments[2]) ?? 2) : 2, withExtract: withExtract)
    case "tokens" where arguments.count >= 3 && ["icu", "zhili"].contains(arguments[1]):
        try tokens(mode: arguments[1], paths: Array(arguments.dropFirst(2)), lexicon: lexicon)
    default:
        fail("usage: zhili-bench [--lexicon FILE] [--extract] throughput FILE [ROUNDS] | zhili-bench [--lexicon FILE] tokens icu|zhili FILE...")
    }
} catch {
    fail("\(error)")
}
