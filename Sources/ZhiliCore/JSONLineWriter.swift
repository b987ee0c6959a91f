import ZhiliText

/// Writes articles and article records as JSON Lines straight into a byte buffer.
///
/// The bytes are exactly those of Foundation's `JSONEncoder` with
/// `outputFormatting = [.sortedKeys, .withoutEscapingSlashes]` over the types' `Codable`
/// conformances (keys in byte order, `null` for absent optionals that the conformances encode
/// with `encode`, keys left out where they use `encodeIfPresent`, non-ASCII kept as UTF-8,
/// control characters escaped, doubles as their shortest `description` without a trailing `.0`),
/// without the encoder's intermediate tree, boxing and per-value allocations.
///
/// ```swift
/// var line: [UInt8] = []
/// try JSONLineWriter.appendLine(record, to: &line)   // {"authors":[],…,"warnings":[]}\n
/// ```
/// - Complexity: O(n) in the size of the output; nothing is allocated besides the buffer's growth.
public enum JSONLineWriter {
    /// Appends `record` as one JSON object and a line feed.
    ///
    /// - Throws: `EncodingError.invalidValue` for a non-finite figure value, as `JSONEncoder` does.
    public static func appendLine(_ record: ArticleRecord, to bytes: inout [UInt8]) throws {
        try appendObject(record, to: &bytes)
        bytes.append(0x0A)
    }

    /// Appends `article` as one JSON object and a line feed (the line `zhili clean` writes).
    public static func appendLine(_ article: Article, to bytes: inout [UInt8]) {
        appendObject(article, record: nil, to: &bytes)
        bytes.append(0x0A)
    }

    /// Appends `record` as one JSON object (no line feed).
    public static func appendObject(_ record: ArticleRecord, to bytes: inout [UInt8]) throws {
        try checkFigures(record.figures)
        appendObject(record.article, record: record, to: &bytes)
    }

    // MARK: - Records, keys in byte order

    /// An article's fields, merged with a record's when there is one (as `ArticleRecord.encode` does).
    private static func appendObject(_ article: Article, record: ArticleRecord?, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendRaw("\"authors\":", to: &bytes)
        appendStrings(article.authors, to: &bytes)
        appendRaw(",\"captions\":", to: &bytes)
        appendStrings(article.captions, to: &bytes)
        if let record {
            appendRaw(",\"cluster\":", to: &bytes)
            appendOptional(record.cluster, to: &bytes)
        }
        appendRaw(",\"date\":", to: &bytes)
        appendOptional(article.date, to: &bytes)
        if let record {
            appendRaw(",\"duplicate_of\":", to: &bytes)
            appendOptional(record.duplicateOf, to: &bytes)
        }
        appendRaw(",\"editors\":", to: &bytes)
        appendStrings(article.editors, to: &bytes)
        if let record {
            appendRaw(",\"figures\":", to: &bytes)
            appendArray(record.figures, to: &bytes, element: appendFigure)
        }
        appendRaw(",\"id\":", to: &bytes)
        appendString(article.id, to: &bytes)
        appendRaw(",\"index\":", to: &bytes)
        appendInt(article.index, to: &bytes)
        appendRaw(",\"outlet\":", to: &bytes)
        appendOptional(article.outlet, to: &bytes)
        appendRaw(",\"paragraphs\":", to: &bytes)
        appendStrings(article.paragraphs, to: &bytes)
        if let record {
            appendRaw(",\"programs\":", to: &bytes)
            appendArray(record.programs, to: &bytes, element: appendProgram)
            appendRaw(",\"regions\":", to: &bytes)
            appendArray(record.regions, to: &bytes, element: appendRegion)
        }
        appendRaw(",\"source\":", to: &bytes)
        appendString(article.source, to: &bytes)
        if let sources = record?.sources {
            appendRaw(",\"sources\":", to: &bytes)
            appendStrings(sources, to: &bytes)
        }
        appendRaw(",\"subtitle\":", to: &bytes)
        appendOptional(article.subtitle, to: &bytes)
        appendRaw(",\"text\":", to: &bytes)
        appendText(article.paragraphs, to: &bytes)
        appendRaw(",\"title\":", to: &bytes)
        appendOptional(article.title, to: &bytes)
        if let tokens = record?.tokens {
            appendRaw(",\"tokens\":", to: &bytes)
            appendArray(tokens, to: &bytes, element: appendToken)
        }
        appendRaw(",\"url\":", to: &bytes)
        appendOptional(article.url, to: &bytes)
        appendRaw(",\"warnings\":", to: &bytes)
        appendStrings(article.warnings, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    private static func appendFigure(_ figure: Figure, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendRaw("\"basis\":", to: &bytes)
        appendOptional(figure.basis?.rawValue, to: &bytes)
        appendRaw(",\"change\":", to: &bytes)
        appendOptional(figure.change?.rawValue, to: &bytes)
        appendRaw(",\"end\":", to: &bytes)
        appendInt(figure.end, to: &bytes)
        appendRaw(",\"indicator\":", to: &bytes)
        appendOptional(figure.indicator, to: &bytes)
        appendRaw(",\"kind\":", to: &bytes)
        appendString(figure.kind.rawValue, to: &bytes)
        appendRaw(",\"metric\":", to: &bytes)
        appendOptional(figure.metric, to: &bytes)
        appendRaw(",\"qualifier\":", to: &bytes)
        appendOptional(figure.qualifier, to: &bytes)
        appendRaw(",\"region\":", to: &bytes)
        if let region = figure.region { appendRegionRef(region, to: &bytes) } else { appendNull(to: &bytes) }
        appendRaw(",\"sentence\":", to: &bytes)
        appendString(figure.sentence, to: &bytes)
        appendRaw(",\"start\":", to: &bytes)
        appendInt(figure.start, to: &bytes)
        appendRaw(",\"text\":", to: &bytes)
        appendString(figure.text, to: &bytes)
        appendRaw(",\"unit\":", to: &bytes)
        appendOptional(figure.unit, to: &bytes)
        appendRaw(",\"value\":", to: &bytes)
        appendDouble(figure.value, to: &bytes)
        appendRaw(",\"value_max\":", to: &bytes)
        if let valueMax = figure.valueMax { appendDouble(valueMax, to: &bytes) } else { appendNull(to: &bytes) }
        appendRaw(",\"year\":", to: &bytes)
        if let year = figure.year { appendInt(year, to: &bytes) } else { appendNull(to: &bytes) }
        appendRaw(",\"year_source\":", to: &bytes)
        appendOptional(figure.yearSource?.rawValue, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    private static func appendProgram(_ program: ProgramMention, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendRaw("\"aliases\":", to: &bytes)
        appendStrings(program.aliases, to: &bytes)
        appendRaw(",\"end\":", to: &bytes)
        appendInt(program.end, to: &bytes)
        appendRaw(",\"name\":", to: &bytes)
        appendString(program.name, to: &bytes)
        appendRaw(",\"region\":", to: &bytes)
        if let region = program.region { appendRegionRef(region, to: &bytes) } else { appendNull(to: &bytes) }
        appendRaw(",\"sentence\":", to: &bytes)
        appendString(program.sentence, to: &bytes)
        appendRaw(",\"start\":", to: &bytes)
        appendInt(program.start, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Synthesized `Codable`: `prefecture` is left out when nil.
    private static func appendRegion(_ region: RegionMention, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendRaw("\"code\":", to: &bytes)
        appendString(region.code, to: &bytes)
        appendRaw(",\"level\":", to: &bytes)
        appendString(region.level.rawValue, to: &bytes)
        appendRaw(",\"mentions\":", to: &bytes)
        appendInt(region.mentions, to: &bytes)
        appendRaw(",\"name\":", to: &bytes)
        appendString(region.name, to: &bytes)
        if let prefecture = region.prefecture {
            appendRaw(",\"prefecture\":", to: &bytes)
            appendRegionRef(prefecture, to: &bytes)
        }
        appendRaw(",\"role\":", to: &bytes)
        appendString(region.role.rawValue, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    private static func appendRegionRef(_ region: RegionRef, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendRaw("\"code\":", to: &bytes)
        appendString(region.code, to: &bytes)
        appendRaw(",\"name\":", to: &bytes)
        appendString(region.name, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    private static func appendToken(_ token: Token, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendRaw("\"end\":", to: &bytes)
        appendInt(token.end, to: &bytes)
        appendRaw(",\"kind\":", to: &bytes)
        appendString(token.kind.rawValue, to: &bytes)
        appendRaw(",\"start\":", to: &bytes)
        appendInt(token.start, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `JSONEncoder` refuses NaN and infinities; so does this writer, before writing anything.
    private static func checkFigures(_ figures: [Figure]) throws {
        for figure in figures {
            guard figure.value.isFinite, figure.valueMax?.isFinite ?? true else {
                let value = figure.value.isFinite ? figure.valueMax ?? 0 : figure.value
                throw EncodingError.invalidValue(value, EncodingError.Context(
                    codingPath: [], debugDescription: "Unable to encode Double.\(value) directly in JSON."))
            }
        }
    }

    // MARK: - Values

    /// Appends `text` as it is: punctuation, literals, and keys written with their quotes, colon
    /// and leading comma (`,"kind":`) so that a key costs one append.
    private static func appendRaw(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private static func appendNull(to bytes: inout [UInt8]) {
        appendRaw("null", to: &bytes)
    }

    private static func appendOptional(_ string: String?, to bytes: inout [UInt8]) {
        if let string { appendString(string, to: &bytes) } else { appendNull(to: &bytes) }
    }

    private static func appendArray<Element>(
        _ elements: [Element], to bytes: inout [UInt8], element append: (Element, inout [UInt8]) -> Void
    ) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(element, &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private static func appendStrings(_ strings: [String], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(string, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `Article.text` (the paragraphs joined by "\n") as one JSON string, without joining them first.
    private static func appendText(_ paragraphs: [String], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 { appendRaw("\\n", to: &bytes) }
            JSONString.appendEscaped(paragraph, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON string (``ZhiliText/JSONString``).
    public static func appendString(_ string: String, to bytes: inout [UInt8]) {
        JSONString.append(string, to: &bytes)
    }

    /// Decimal digits of `value`, with a minus sign when negative.
    public static func appendInt(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// A finite double as `JSONEncoder` writes it: Swift's shortest round-trip `description`
    /// without a trailing `.0` (`22000`, `41.3`, `1e+16`, `2.5e-07`, `-0`).
    public static func appendDouble(_ value: Double, to bytes: inout [UInt8]) {
        if value.rounded() == value, value.magnitude < 1e15, value != 0 || value.sign == .plus {
            appendInt(Int(value), to: &bytes)  // what `description` gives, less ".0", without formatting
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
