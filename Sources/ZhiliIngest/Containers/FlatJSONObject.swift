import ZhiliText
import ZhiliCore

/// The string fields of one JSON object, read straight from UTF-8 bytes.
///
/// The fast path of ``JSONLineDecoder``: a dump line is a flat object whose string fields are all
/// the decoder needs, so they are unescaped into byte arrays without building Foundation objects.
/// Values of other types (numbers, literals, nested objects and arrays) are skipped. Anything this
/// reader does not accept exactly as `JSONSerialization` would (invalid UTF-8, a control character
/// in a string, a lone surrogate escape, malformed syntax) makes ``init(_:)`` return nil, and the
/// caller falls back to `JSONSerialization`, which also words the error.
struct FlatJSONObject {
    /// A key and its unescaped UTF-8 bytes.
    private struct Field {
        var key: [UInt8]
        var value: [UInt8]
    }

    /// The string-valued fields, in a small array rather than a dictionary (a dump line has a
    /// handful of keys, and looking one up by its bytes needs no hashing); a repeated key
    /// keeps its last value.
    private var fields: [Field] = []
    /// The UTF-8 bytes of the keys whose value is not a string.
    private var otherKeyBytes: [[UInt8]] = []

    /// Each string-valued key's unescaped UTF-8 value.
    var strings: [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: fields.map { (String(decoding: $0.key, as: UTF8.self), $0.value) })
    }

    /// Keys whose value is not a string.
    var otherKeys: Set<String> { Set(otherKeyBytes.map { String(decoding: $0, as: UTF8.self) }) }

    /// Reads `bytes`, or returns nil when they are not a JSON object this reader fully understands.
    init?(_ bytes: [UInt8]) {
        guard Self.isValidUTF8(bytes) else { return nil }
        let parsed: Bool = bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            return reader.readObject(into: &self)
        }
        guard parsed else { return nil }
    }

    /// The unescaped UTF-8 bytes of `key`'s value, if it is a string.
    func bytes(_ key: String) -> [UInt8]? {
        fields.first(where: { Self.sameKey($0.key, key) })?.value
    }

    /// The string value of `key`, if it is a string.
    func string(_ key: String) -> String? {
        bytes(key).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Records a key's value: its bytes when it is a string, nil for any other value.
    private mutating func set(_ key: [UInt8], _ value: [UInt8]?) {
        let name = String(decoding: key, as: UTF8.self)
        fields.removeAll { Self.sameKey($0.key, name) }
        otherKeyBytes.removeAll { Self.sameKey($0, name) }
        if let value {
            fields.append(Field(key: key, value: value))
        } else {
            otherKeyBytes.append(key)
        }
    }

    /// Whether the key `bytes` and `name` are equal as Swift strings (which compares them
    /// canonically): by their bytes alone when both are ASCII.
    private static func sameKey(_ bytes: [UInt8], _ name: String) -> Bool {
        if name.utf8.elementsEqual(bytes) { return true }
        if name.utf8.allSatisfy({ $0 < 0x80 }) && bytes.allSatisfy({ $0 < 0x80 }) { return false }
        return String(decoding: bytes, as: UTF8.self) == name
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }

        mutating func readObject(into object: inout FlatJSONObject) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return atEnd()
            }
            while true {
                skipSpace()
                guard let key = readString() else { return false }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace()
                guard index < bytes.count else { return false }
                if bytes[index] == UInt8(ascii: "\"") {
                    guard let value = readString() else { return false }
                    object.set(key, value)
                } else {
                    guard skipValue(depth: 0) else { return false }
                    object.set(key, nil)
                }
                skipSpace()
                guard index < bytes.count else { return false }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return atEnd() }
                return false
            }
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return index == bytes.count
        }

        /// A string at `index` (which holds its opening quote), unescaped.
        ///
        /// Runs between escapes are found eight bytes at a time and copied in one append each
        /// (article bodies escape every line break, so they hold many runs).
        mutating func readString() -> [UInt8]? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var value: [UInt8] = []
            while true {
                let runStart = index
                // Fast scan: eight bytes at a time while none needs a look.
                while index + 8 <= bytes.count,
                      !JSONString.needsEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                }
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                    if bytes[index] < 0x20 { return nil }
                    index += 1
                }
                guard index < bytes.count else { return nil }
                if runStart < index { value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                if bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    return value
                }
                index += 1
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): value.append(escape)
                case UInt8(ascii: "b"): value.append(0x08)
                case UInt8(ascii: "f"): value.append(0x0C)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "r"): value.append(0x0D)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = readHex() else { return nil }
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low one.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                        index += 2
                        guard let low = readHex(), low >= 0xDC00 && low < 0xE000 else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    value.append(contentsOf: UTF8.encode(unicode)!)
                default:
                    return nil
                }
            }
        }

        mutating func readHex() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        /// Skips a non-string value: a number, a literal, or a nested object or array.
        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 64, index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return readString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let isObject = close == UInt8(ascii: "}")
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == close { index += 1; return true }
                while true {
                    skipSpace()
                    if isObject {
                        guard readString() != nil else { return false }
                        skipSpace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                        index += 1
                        skipSpace()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    guard index < bytes.count else { return false }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == close { index += 1; return true }
                    return false
                }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default:
                return number()
            }
        }

        mutating func literal(_ word: String) -> Bool {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count else { return false }
            for offset in expected.indices where bytes[index + offset] != expected[offset] { return false }
            index += expected.count
            return true
        }

        /// A JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() -> Bool {
            func digits() -> Int {
                let start = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                return index - start
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { return false }
            if bytes[index] == 0x30 {
                index += 1
            } else if digits() == 0 {
                return false
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    ///
    /// - Complexity: O(n). ASCII runs are passed eight bytes at a time, and the three-byte
    ///   sequences of Chinese text (lead bytes E1–EC, EE, EF, which take any continuation bytes)
    ///   in a loop of their own; other sequences go through the full table of ranges.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    while index + 8 <= count,
                          UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                    }
                    continue
                }
                if lead >= 0xE1, lead <= 0xEF, lead != 0xED {
                    guard index + 3 <= count, buffer[index + 1] & 0xC0 == 0x80, buffer[index + 2] & 0xC0 == 0x80 else { return false }
                    index += 3
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard index + length <= count else { return false }
                let second = buffer[index + 1]
                guard second >= low, second <= high else { return false }
                for offset in 2..<max(2, length) where buffer[index + offset] & 0xC0 != 0x80 { return false }
                index += length
            }
            return true
        }
    }
}
