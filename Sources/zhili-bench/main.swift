// zhili-bench: the Swift half of scripts/bench-segment.
//
//   zhili-bench throughput FILE   single-core MB/s of UTF-8 input: raw ICU word breaks, then Zhili's segmenter
//   zhili-bench tokens icu|zhili FILE...   tokens as `start end kind` lines (scalar offsets), a blank line per file
import Foundation
import ZhiliICU
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

/// Seconds since an arbitrary origin, monotonic.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Times `body` over every paragraph and returns MB/s of UTF-8 input and a checksum of token counts.
func measure(_ paragraphs: [String], bytes: Int, _ body: (String) throws -> Int) rethrows -> (rate: Double, tokens: Int) {
    var tokens = 0
    let start = now()
    for paragraph in paragraphs { tokens += try body(paragraph) }
    let seconds = now() - start
    return (Double(bytes) / 1e6 / seconds, tokens)
}

func throughput(_ path: String, lexicon: Lexicon) throws {
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
    let raw = try measure(paragraphs, bytes: bytes, icu)
    let ours = try measure(paragraphs, bytes: bytes, zhili)
    print(String(format: "input_mb %.1f", Double(bytes) / 1e6))
    print(String(format: "icu_mb_s %.2f segments %d", raw.rate, raw.tokens))
    print(String(format: "zhili_mb_s %.2f tokens %d", ours.rate, ours.tokens))
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
/// The bundled lexicon plus the one named by `--lexicon FILE`, if any.
var lexicon = Lexicon.bundled
if let flag = arguments.firstIndex(of: "--lexicon"), flag + 1 < arguments.count {
    do { lexicon.merge(try Lexicon(contentsOf: URL(fileURLWithPath: arguments[flag + 1]))) } catch { fail("\(error)") }
    arguments.removeSubrange(flag...(flag + 1))
}
do {
    switch arguments.first {
    case "throughput" where arguments.count == 2:
        try throughput(arguments[1], lexicon: lexicon)
    case "tokens" where arguments.count >= 3 && ["icu", "zhili"].contains(arguments[1]):
        try tokens(mode: arguments[1], paths: Array(arguments.dropFirst(2)), lexicon: lexicon)
    default:
        fail("usage: zhili-bench throughput FILE | zhili-bench tokens icu|zhili FILE...")
    }
} catch {
    fail("\(error)")
}
