import ZhiliICU

/// Text decoded from raw bytes, with the charset used and any repairs made.
public struct DecodingResult: Sendable {
    /// The decoded text (BOM removed, invalid sequences replaced by U+FFFD).
    public var text: String
    /// The charset the bytes were read as, e.g. `UTF-8` or `GB18030`.
    public var charset: String
    /// Repairs worth telling the user about, each naming a byte offset.
    public var warnings: [String]
}

/// Turns bytes into text: byte-order marks, a forced or declared charset, then detection.
///
/// Order of decisions:
/// 1. A forced charset (`--encoding`) is used as is (a BOM of that family is still skipped).
/// 2. A UTF-8 or UTF-16 byte-order mark decides.
/// 3. Bytes that are valid UTF-8 are UTF-8 (checked first: it is the common case and cheap).
/// 4. A declared charset (meta tag, HTTP header) that ICU knows is used.
/// 5. ICU's `ucsdet` guesses; GB2312 and GBK guesses become GB18030, their superset.
///
/// Invalid byte sequences become U+FFFD and a warning naming the first offsets.
public enum TextDecoding {
    /// Decodes `bytes`; never throws: an unusable charset name falls back to detection with a warning.
    ///
    /// - Complexity: O(n) in the number of bytes.
    public static func decode(_ bytes: [UInt8], charset declared: String? = nil, forced: Bool = false) -> DecodingResult {
        var warnings: [String] = []
        if let declared, forced {
            // Forced UTF-8 (every JSON Lines body) that is valid: no converter needed.
            if isUTF8Name(declared) {
                let skip = byteOrderMark(bytes).0 == 3 ? 3 : 0
                if let text = validUTF8String(bytes, skipping: skip) {
                    return DecodingResult(text: text, charset: declared, warnings: warnings)
                }
            }
            if CharsetConverter.isKnown(declared) {
                let (skip, _) = byteOrderMark(bytes)
                let family = canonical(declared)
                let bomMatches = skip > 0 && (family.hasPrefix("UTF-8") ? skip == 3 : family.hasPrefix("UTF-16") && skip == 2)
                return convert(bytes, from: declared, skipping: bomMatches ? skip : 0, warnings: warnings)
            }
            warnings.append("unknown encoding \(declared); detected the charset instead")
        }
        let (skip, bomCharset) = byteOrderMark(bytes)
        if let bomCharset {
            return convert(bytes, from: bomCharset, skipping: skip, warnings: warnings)
        }
        if let text = validUTF8String(bytes, skipping: 0) {
            return DecodingResult(text: text, charset: "UTF-8", warnings: warnings)
        }
        // Mostly UTF-8 with a few bad bytes: a legacy charset would garble the good part.
        let scan = utf8Scan(bytes, stopAtFirstError: false)
        if scan.valid >= 4 * scan.invalid {
            return convert(bytes, from: "UTF-8", skipping: 0, warnings: warnings)
        }
        if let declared, !forced, CharsetConverter.isKnown(declared) {
            let name = canonical(declared)
            return convert(bytes, from: name == "UTF-8" ? "UTF-8" : widened(name), skipping: 0, warnings: warnings)
        }
        var charset = "UTF-8"
        if let guess = detect(bytes) {
            charset = widened(canonical(guess.name))
            // ucsdet also proposes single-byte Latin charsets for binary noise or mostly-UTF-8 text;
            // for this corpus those are never right, and UTF-8 with replacements is the honest reading.
            if !chineseOrUnicode.contains(charset) { charset = "UTF-8" }
        }
        return convert(bytes, from: charset, skipping: 0, warnings: warnings)
    }

    /// The text of `bytes[skip...]` when it is well-formed UTF-8 (one validating pass, no ICU), else nil.
    ///
    /// - Complexity: O(n) in the number of bytes.
    static func validUTF8String(_ bytes: [UInt8], skipping skip: Int) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            String(validating: UnsafeBufferPointer(rebasing: buffer[skip...]), as: UTF8.self)
        }
    }

    private static let utf8NameLetters: [UInt8] = Array("UTF8".utf8)

    /// Whether `name` spells UTF-8 as ICU matches names (case, `-` and `_` ignored): `UTF-8`, `utf8`, `utf_8`.
    ///
    /// - Complexity: O(n) in the name's length; allocates nothing (it runs once per document).
    static func isUTF8Name(_ name: String) -> Bool {
        let letters = utf8NameLetters
        var matched = 0
        for byte in name.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
            let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
            guard matched < letters.count, upper == letters[matched] else { return false }
            matched += 1
        }
        return matched == letters.count
    }

    /// ICU's guess for `bytes`, or nil when detection fails.
    static func detect(_ bytes: [UInt8]) -> (name: String, confidence: Int)? {
        var guess: (name: String, confidence: Int)?
        bytes.withUnsafeBytes { buffer in
            do { guess = try CharsetDetector.detect(buffer) } catch { guess = nil }
        }
        return guess
    }

    /// Charsets that detection may pick; other guesses fall back to UTF-8.
    static let chineseOrUnicode: Set<String> = ["UTF-8", "GB18030", "BIG5", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"]

    /// The BOM length and the charset it names, or (0, nil).
    static func byteOrderMark(_ bytes: [UInt8]) -> (Int, String?) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return (3, "UTF-8") }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (2, "UTF-16LE") }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (2, "UTF-16BE") }
        return (0, nil)
    }

    /// Upper-cased charset name with common aliases unified.
    static func canonical(_ name: String) -> String {
        let upper = name.uppercased().replacingOccurrences(of: "_", with: "-")
        switch upper {
        case "UTF8": return "UTF-8"
        case "BIG-5", "BIG5-HKSCS", "CP950": return "BIG5"
        default: return upper
        }
    }

    /// GB2312 and GBK are subsets of GB18030: decoding with the superset loses nothing.
    static func widened(_ name: String) -> String {
        switch name {
        case "GB2312", "GBK", "CP936", "EUC-CN", "X-GBK", "HZ-GB-2312": return "GB18030"
        default: return name
        }
    }

    /// Whether `bytes` is well-formed UTF-8.
    ///
    /// - Complexity: O(n); ASCII runs are skipped eight bytes at a time.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        utf8Scan(bytes, stopAtFirstError: true).invalid == 0
    }

    /// Counts well-formed multi-byte UTF-8 sequences and invalid bytes.
    static func utf8Scan(_ bytes: [UInt8], stopAtFirstError: Bool) -> (valid: Int, invalid: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            var valid = 0
            var invalid = 0
            let count = buffer.count
            scan: while index < count {
                if index + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { index += 8; continue }
                }
                let lead = buffer[index]
                if lead < 0x80 { index += 1; continue }
                let length: Int
                let minimum: UInt32
                if lead & 0xE0 == 0xC0 { length = 2; minimum = 0x80 }
                else if lead & 0xF0 == 0xE0 { length = 3; minimum = 0x800 }
                else if lead & 0xF8 == 0xF0 { length = 4; minimum = 0x10000 }
                else { length = 0; minimum = 0 }
                var ok = length > 0 && index + length <= count
                if ok {
                    var scalar = UInt32(lead) & (0x7F >> UInt32(length))
                    for offset in 1..<length {
                        let byte = buffer[index + offset]
                        guard byte & 0xC0 == 0x80 else { ok = false; break }
                        scalar = scalar << 6 | UInt32(byte & 0x3F)
                    }
                    if ok, scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { ok = false }
                }
                if ok {
                    valid += 1
                    index += length
                } else {
                    invalid += 1
                    if stopAtFirstError { break scan }
                    index += 1
                }
            }
            return (valid, invalid)
        }
    }

    private static func convert(_ bytes: [UInt8], from charset: String, skipping skip: Int, warnings: [String]) -> DecodingResult {
        var warnings = warnings
        var result: Result<DecodedText, any Error> = .failure(CancellationError())
        bytes.withUnsafeBytes { buffer in
            do { result = .success(try CharsetConverter.decode(UnsafeRawBufferPointer(rebasing: buffer[skip...]), charset: charset)) }
            catch { result = .failure(error) }
        }
        let decoded: DecodedText
        switch result {
        case .success(let value): decoded = value
        case .failure(let error):
            warnings.append("could not decode as \(charset) (\(error)); read as UTF-8 with replacements")
            let text = String(decoding: bytes[skip...], as: UTF8.self)
            return DecodingResult(text: text, charset: "UTF-8", warnings: warnings)
        }
        if decoded.invalidCount > 0 {
            let shown = decoded.invalidOffsets.prefix(5).map { String($0 + skip) }.joined(separator: ", ")
            let more = decoded.invalidCount > 5 ? ", …" : ""
            warnings.append("\(decoded.invalidCount) invalid \(charset) byte sequence(s) replaced by U+FFFD at byte offset \(shown)\(more)")
        }
        return DecodingResult(text: decoded.text, charset: charset, warnings: warnings)
    }
}
