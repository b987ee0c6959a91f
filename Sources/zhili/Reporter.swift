import ArgumentParser
import Foundation

/// Writes a command's problems on standard error, one line each: `zhili <command>: <problem>`.
struct Reporter {
    /// The subcommand's name.
    let command: String

    /// Writes `problem` as one line.
    func report(_ problem: some CustomStringConvertible) {
        FileHandle.standardError.write(Data("zhili \(command): \(problem)\n".utf8))
    }

    /// Runs `body`; an error it throws is reported and becomes the exit status.
    ///
    /// Command-line errors (`ValidationError`, `ExitCode`) pass through to ArgumentParser.
    func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw failure(error)
        }
    }

    /// Runs `body` like the synchronous `run`, for async commands.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw failure(error)
        }
    }

    /// Reports `error` unless it is a command-line error, and returns what to throw instead.
    private func failure(_ error: any Error) -> any Error {
        if error is ExitCode || error is ValidationError { return error }
        let failure = CommandFailure(error)
        report(failure)
        return ExitCode(failure.status)
    }
}

extension ParsableCommand {
    /// The reporter of this command's problems.
    var reporter: Reporter { Reporter(command: Self.configuration.commandName ?? "zhili") }
}
