/// The case and width folding applied to every indexed and queried term: full-width ASCII forms
/// (Ｏ, ２) become ASCII and ASCII letters become lower case, so ODR, odr and ＯＤＲ match.
public enum TermFolding {
    /// Folds a scalar.
    @inlinable
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        var value = scalar.value
        if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
        if (0x41...0x5A).contains(value) { value += 0x20 }
        return Unicode.Scalar(value) ?? scalar
    }

    /// Whether folding changes `scalar`: A–Z and the full-width ASCII forms.
    @inlinable
    public static func changes(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0xFF01...0xFF5E).contains(scalar.value)
    }

    /// Folds a string.
    public static func fold(_ text: some StringProtocol) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(fold(scalar)) }
        return String(result)
    }

    /// Folds UTF-8 `bytes` into `output`; returns false (leaving `output` untouched) when nothing changes.
    ///
    /// - Complexity: O(n); allocates only when `output` must grow.
    @inlinable
    public static func fold(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        var needsFolding = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A { needsFolding = true; break }
            if byte == 0xEF && index + 2 < bytes.count {
                let second = bytes[index + 1], third = bytes[index + 2]
                if (second == 0xBC && third >= 0x81) || (second == 0xBD && third <= 0x9E) { needsFolding = true; break }
            }
            index += 1
        }
        guard needsFolding else { return false }
        output.removeAll(keepingCapacity: true)
        index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A {
                output.append(byte + 0x20)
                index += 1
            } else if byte == 0xEF && index + 2 < bytes.count,
                      case let (second, third) = (bytes[index + 1], bytes[index + 2]),
                      (second == 0xBC && third >= 0x81) || (second == 0xBD && third <= 0x9E) {
                var ascii = second == 0xBC ? third - 0x60 : third - 0x20
                if ascii >= 0x41 && ascii <= 0x5A { ascii += 0x20 }
                output.append(ascii)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return true
    }
}
