import CZhiliICU

/// An error code returned by ICU, with the operation that failed.
///
/// See ICU's `UErrorCode` documentation: <https://unicode-org.github.io/icu-docs/apidoc/released/icu4c/utypes_8h.html>.
public struct ICUError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The raw `UErrorCode` value.
    public let code: Int32
    /// What Zhili was doing when ICU failed.
    public let operation: String

    /// ICU's name for the code, such as `U_BUFFER_OVERFLOW_ERROR`.
    public var name: String { String(cString: zhili_icu_error_name(code)) }

    public var description: String { "\(operation) failed: \(name)" }

    /// Throws when `status` is an ICU failure (a positive code); warnings pass.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(ICUError) {
        if status > 0 { throw ICUError(code: status, operation: operation()) }
    }
}

/// Facts about the linked ICU library.
public enum ICU {
    /// The system ICU version, such as "72.1".
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        zhili_icu_version(&buffer, Int32(buffer.count))
        return string(fromCString: buffer)
    }
}

/// Decodes a NUL-terminated C string held in an array.
func string(fromCString buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
