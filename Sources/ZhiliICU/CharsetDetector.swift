import CZhiliICU

/// Charset detection with ICU's `ucsdet`.
///
/// ICU documentation: <https://unicode-org.github.io/icu-docs/apidoc/released/icu4c/ucsdet_8h.html>.
public enum CharsetDetector {
    /// ICU's best guess for the charset of `bytes` and its confidence (0...100).
    ///
    /// `declared` is a charset the source claims (an HTTP header or meta tag), used as a hint.
    public static func detect(_ bytes: UnsafeRawBufferPointer, declared: String? = nil) throws(ICUError) -> (name: String, confidence: Int) {
        var name = [CChar](repeating: 0, count: 64)
        var confidence: Int32 = 0
        var status: Int32 = 0
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        // ucsdet only looks at the first few kilobytes that matter; cap the sample for speed.
        let sample = Int32(min(bytes.count, 64 * 1024))
        if let declared {
            zhili_detect_charset(base, sample, declared, &name, Int32(name.count), &confidence, &status)
        } else {
            zhili_detect_charset(base, sample, nil, &name, Int32(name.count), &confidence, &status)
        }
        try ICUError.check(status, "ucsdet_detect")
        return (string(fromCString: name), Int(confidence))
    }
}
