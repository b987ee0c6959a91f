import ArgumentParser
import Foundation
import ZhiliPostgres

/// `zhili queue`: the work queues of `zhili extract --queue` in a PostgreSQL database.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Show the work queues that `zhili extract --db postgres://… --queue NAME` workers share.",
        subcommands: [Status.self])

    /// `zhili queue status NAME`: items by state, records, errors and each worker's throughput.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show a queue's items (done, claimed, expired, failed, pending), records, errors and each worker's records per second.",
            discussion: """
                Claimed items are leased to a live worker; expired ones were claimed by a worker \
                that stopped renewing its lease (it died or lost the database) and go to the next \
                worker that asks. A worker's records per second count the records of the items it \
                completed over the time from each claim to its completion. Skipped records are \
                in the queue_errors table (docs/scale-out.md).

                Examples:
                  zhili queue status dump --db postgres://zhili@db/zhili
                  zhili queue status dump --json
                """)

        @Argument(help: "The queue's name (as given to extract --queue).")
        var name: String

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Print the status as JSON.")
        var json = false

        func run() throws {
            guard ConnectionString.isPostgres(database.db) else {
                throw ValidationError("queues live in a PostgreSQL database: give --db postgres://… (or ZHILI_DB)")
            }
            let store = try reporter.run { try database.open(.readOnly) }
            guard let postgres = store.postgres else { return }
            let queue = PostgresWorkQueue(store: postgres, name: name)
            let status = try reporter.run { try CommandStore.wait { try await queue.status() } }
            if json {
                try JSONOutput.print(status)
                return
            }
            print("queue \(status.name): \(status.items) items (\(status.done) done, \(status.claimed) claimed, \(status.expired) expired, \(status.failed) failed, \(status.pending) pending)")
            print("records \(status.records), skipped \(status.errors), completions \(status.completions), claims \(status.attempts)")
            if !status.workers.isEmpty {
                let rows = status.workers.map {
                    [$0.name, "\($0.done)", "\($0.claimed)", "\($0.records)", String(format: "%.1f", $0.seconds), String(format: "%.1f", $0.recordsPerSecond)]
                }
                print(TextTable.render(headers: ["worker", "done", "claimed", "records", "seconds", "records/s"], rows: rows))
            }
            for failure in status.failures { print("failed: \(failure)") }
        }
    }
}
