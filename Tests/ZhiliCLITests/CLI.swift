import Foundation

/// Runs the built `zhili` binary for the end-to-end tests of every command.
///
/// Standard output and error go to files (`stdout`, `stderr`) in an output directory, so a run
/// needs no threads to drain pipes and a test can read them while the process runs.
enum CLI {
    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `zhili` binary next to the test bundle.
    static var binary: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("zhili"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("zhili"),
            root.appendingPathComponent(".build/debug/zhili"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// What a finished run printed, and its exit status.
    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
        /// Non-empty stdout lines.
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// A fresh scratch directory.
    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts `zhili arguments...` in `directory`, with `stdin` as standard input (empty when nil)
    /// and standard output and error written to `stdout` and `stderr` in `outputs` (default: `directory`).
    /// `environment` adds to (or replaces) this process's variables.
    static func start(
        _ arguments: [String], in directory: URL, outputs: URL? = nil, stdin: Data? = nil, environment: [String: String] = [:]
    ) throws -> Process {
        let outputs = outputs ?? directory
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = directory
        for name in ["stdout", "stderr"] {
            FileManager.default.createFile(atPath: outputs.appendingPathComponent(name).path, contents: nil)
        }
        let input = outputs.appendingPathComponent("stdin")
        FileManager.default.createFile(atPath: input.path, contents: stdin ?? Data())
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: outputs.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: outputs.appendingPathComponent("stderr"))
        try process.run()
        return process
    }

    /// Runs `zhili arguments...` to its end in `directory` (default: the package root, with the
    /// outputs in a scratch directory).
    static func run(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, environment: [String: String] = [:]) throws -> Run {
        let outputs = directory ?? scratch()
        let process = try start(arguments, in: directory ?? root, outputs: outputs, stdin: stdin, environment: environment)
        process.waitUntilExit()
        func text(_ name: String) -> String {
            String(decoding: FileManager.default.contents(atPath: outputs.appendingPathComponent(name).path) ?? Data(), as: UTF8.self)
        }
        return Run(stdout: text("stdout"), stderr: text("stderr"), status: process.terminationStatus)
    }
}
