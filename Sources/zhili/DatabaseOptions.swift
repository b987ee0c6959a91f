import ArgumentParser
import Foundation
import ZhiliStore

/// The `--db` option shared by the commands that use an index.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index database file.", valueName: "path"))
    var db: String = "zhili.db"

    /// Opens the index, read-only for queries.
    func open(_ mode: SQLiteStore.Mode) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: db, mode: mode)
        } catch let error as StoreError {
            throw CommandFailure(error)
        }
    }
}

/// A store error shown as one line on standard error, with exit code 2 for a bad query and 1 otherwise.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32

    init(_ error: StoreError) {
        message = error.description
        switch error {
        case .invalidQuery, .unknownRegion: code = 2
        case .unusableDatabase: code = 1
        }
    }

    var description: String { message }

    /// Runs `body`, turning a ``StoreError`` into a message and exit code.
    static func report<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            let failure = CommandFailure(error)
            FileHandle.standardError.write(Data("zhili: \(failure.message)\n".utf8))
            throw ExitCode(failure.code)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("zhili: \(failure.message)\n".utf8))
            throw ExitCode(failure.code)
        }
    }
}

/// JSON output shared by the query commands.
enum JSONOutput {
    /// Prints `value` as pretty, key-sorted JSON on standard output.
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// Terminal text helpers: display width of CJK text and highlighting.
enum TerminalText {
    /// Columns `text` takes in a terminal (East Asian wide and full-width characters count 2).
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return total + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                return total
            default:
                return total + 1
            }
        }
    }

    /// `text` padded with spaces to `columns`.
    static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }

    /// Whether standard output is a terminal (then highlights use ANSI colour).
    static let isTerminal = isatty(1) == 1

    /// `text` with `ranges` (Unicode scalar offsets) marked: bold red on a terminal, 【…】 otherwise.
    static func highlight(_ text: String, _ ranges: [ZhiliStore.TextRange]) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var cursor = 0
        let (open, close) = isTerminal ? ("\u{1B}[1;31m", "\u{1B}[0m") : ("【", "】")
        for range in ranges where range.start >= cursor && range.end <= scalars.count {
            result.append(contentsOf: scalars[cursor..<range.start])
            result.append(contentsOf: open.unicodeScalars)
            result.append(contentsOf: scalars[range.start..<range.end])
            result.append(contentsOf: close.unicodeScalars)
            cursor = range.end
        }
        result.append(contentsOf: scalars[cursor...])
        return String(result)
    }
}
