import ArgumentParser
import Foundation

/// Reads a file named in an option (`--programs`, `--lexicon`, `--indicators`, `--boilerplate`),
/// with errors that name the option, the file and what is wrong with it.
enum UserFile {
    /// The bytes of `path`.
    static func data(_ path: String, option: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(option) \(path): no such file")
        }
        if isDirectory.boolValue { throw ValidationError("\(option) \(path): is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(option) \(path): cannot be read (permission denied?)")
        }
        return data
    }

    /// The UTF-8 text of `path`.
    static func text(_ path: String, option: String) throws -> String {
        let data = try data(path, option: option)
        if let text = String(data: data, encoding: .utf8) { return text }
        throw ValidationError("\(option) \(path): not UTF-8 text (invalid byte at offset \(invalidOffset(in: data))); convert it with iconv -t UTF-8")
    }

    /// The offset of the first byte that is not valid UTF-8.
    static func invalidOffset(in data: Data) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .error, .emptyInput: return offset
            }
        }
    }
}
