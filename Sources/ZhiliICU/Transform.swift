import CZhiliICU

/// An ICU transliterator, such as `Traditional-Simplified` or `Simplified-Traditional`.
///
/// Not thread-safe: give each thread its own transform.
/// ICU documentation: <https://unicode-org.github.io/icu-docs/apidoc/released/icu4c/utrans_8h.html>.
public final class Transform {
    private let handle: OpaquePointer
    /// The ICU id the transform was opened with.
    public let id: String

    /// Opens the transliterator named `id`.
    public init(_ id: String) throws(ICUError) {
        var status: Int32 = 0
        let handle = zhili_transform_open(id, &status)
        try ICUError.check(status, "utrans_open(\(id))")
        guard let handle else { throw ICUError(code: 1, operation: "utrans_open(\(id))") }
        self.handle = handle
        self.id = id
    }

    deinit { zhili_transform_close(handle) }

    /// Returns `text` transformed.
    public func apply(_ text: String) throws(ICUError) -> String {
        var units = Array(text.utf16)
        var capacity = units.count * 2 + 16
        while true {
            var buffer = units + [UInt16](repeating: 0, count: capacity - units.count)
            var length = Int32(units.count)
            var status: Int32 = 0
            let needed = zhili_transform_apply(handle, &buffer, &length, Int32(capacity), &status)
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                capacity = max(Int(needed), capacity * 2)
                continue
            }
            try ICUError.check(status, "utrans_transUChars(\(id))")
            units = Array(buffer[0..<Int(length)])
            return String(decoding: units, as: UTF16.self)
        }
    }
}
