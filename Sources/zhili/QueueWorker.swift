import Foundation
import ZhiliBatch
import ZhiliCore
import ZhiliIngest
import ZhiliPostgres

/// `zhili extract --queue`: registers the inputs as items of a ``ZhiliPostgres/PostgresWorkQueue``,
/// then claims items one at a time and extracts each with the same ``ZhiliBatch/BatchRunner`` as
/// any batch (the item's file or byte range its one input), until no item is left to claim and
/// none is leased to a live worker.
///
/// Each checkpoint's records are held back until the next one arrives, so that every batch is
/// written with the item's progress in one transaction and the item's last batch with its
/// completion: a completed item has all its records in the database. A heartbeat extends the
/// lease while the item is read.
struct QueueWorker {
    let queue: PostgresWorkQueue
    let lease: Duration
    let wait: Bool
    let quiet: Bool
    let reporter: Reporter

    /// What this worker did.
    struct Summary {
        var items = 0
        var records = 0
        var errors = 0
        var failures = 0
        var elapsed = 0.0
    }

    /// Registers `inputs` (cut into ranges of `rangeBytes`); returns the line to show.
    func register(_ inputs: [InputFile], rangeBytes: Int) throws -> PostgresWorkQueue.Registration {
        if let stdin = inputs.first(where: { $0.path == "-" }) {
            throw CommandFailure("--queue needs files every worker can read at the same path, not standard input (\(stdin.path))")
        }
        if let unreadable = inputs.first(where: { $0.problem != nil }) {
            throw CommandFailure("\(unreadable.path): \(unreadable.problem!)")
        }
        let byPath = Dictionary(inputs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let files = inputs.map { (path: $0.path, size: $0.size) }
        return try CommandStore.wait { [queue] in
            try await queue.register(files: files, rangeBytes: rangeBytes) { path, size, bytes in
                let input = byPath[path] ?? InputFile(path: path, size: size)
                do {
                    return try InputSplitter.split(input, rangeBytes: bytes).map { part in
                        PostgresWorkQueue.Item(
                            path: path, start: part.range?.lowerBound ?? 0, end: part.range?.upperBound,
                            linesBefore: part.linesBefore ?? 0, fileSize: input.size)
                    }
                } catch {
                    throw CommandFailure("\(error)")
                }
            }
        }
    }

    /// Claims and extracts items until the queue is done (or for ever with `wait`).
    ///
    /// `template` gives the batch's options (its inputs are replaced by each item); records are
    /// segmented for the store on this thread's checkpoints, as `extract --db` does.
    func run<Processor: DocumentProcessor>(
        template: BatchOptions, makeProcessor: @escaping @Sendable () throws -> Processor
    ) throws -> Summary where Processor.Record == ArticleRecord {
        var summary = Summary()
        let started = Date()
        var waitingSaid = false
        while true {
            let outcome = try CommandStore.wait { [queue, lease] in try await queue.claim(lease: lease) }
            switch outcome {
            case .claimed(let claim):
                waitingSaid = false
                let done = try work(on: claim, template: template, makeProcessor: makeProcessor)
                summary.items += 1
                summary.records += done.records
                summary.errors += done.errors
                summary.failures += done.failures
            case .waiting(let leased):
                if !waitingSaid && !quiet {
                    reporter.report("queue \(queue.name): waiting for \(leased) item(s) leased to other workers (taken over if a lease expires)")
                    waitingSaid = true
                }
                Thread.sleep(forTimeInterval: min(max(lease.inSeconds / 4, 0.5), 5))
            case .finished:
                if wait {
                    Thread.sleep(forTimeInterval: 5)
                    continue
                }
                summary.elapsed = Date().timeIntervalSince(started)
                return summary
            }
        }
    }

    private struct ItemResult {
        var records = 0
        var errors = 0
        var failures = 0
    }

    /// Extracts one claimed item and commits it; gives it back when its file is not readable here.
    private func work<Processor: DocumentProcessor>(
        on claim: PostgresWorkQueue.Claim, template: BatchOptions, makeProcessor: @escaping @Sendable () throws -> Processor
    ) throws -> ItemResult where Processor.Record == ArticleRecord {
        let item = claim.item
        let found = InputFile.discover([item.path]).first ?? InputFile(path: item.path, size: nil)
        if found.size != item.fileSize {
            let reason = found.size == nil
                ? "\(item.path) cannot be read on this machine"
                : "\(item.path) has \(found.size!) bytes on this machine, \(item.fileSize.map(String.init) ?? "?") when registered"
            try? CommandStore.wait { [queue] in try await queue.release(claim, reason: reason) }
            throw CommandFailure("\(reason); every worker must see the same inputs at the same path (item given back)")
        }
        var input = found
        if item.start > 0 || item.end != nil {
            input = InputFile(found, range: item.start..<(item.end ?? found.size ?? item.start), linesBefore: item.linesBefore)
        }
        var options = template
        options.inputs = [input]
        let store = queue.store
        let heartbeat = Heartbeat(queue: queue, claim: claim, lease: lease)
        defer { heartbeat.stop() }

        var result = ItemResult()
        var held: (records: [ArticleRecord], errors: [PostgresWorkQueue.ErrorRow])?
        var errors: [PostgresWorkQueue.ErrorRow] = []
        let started = Date()
        func commit(_ batch: (records: [ArticleRecord], errors: [PostgresWorkQueue.ErrorRow]), complete: Bool) throws {
            if heartbeat.lost { throw PostgresWorkQueue.LeaseLost(item: item) }
            let prepared = try store.prepare(batch.records)
            try CommandStore.wait { [queue, lease] in
                try await queue.commit(claim, records: prepared, errors: batch.errors, complete: complete, lease: lease)
            }
        }
        let batch = try BatchRunner(options: options, makeProcessor: makeProcessor).run(
            report: { note in reporter.report(note) },
            sink: { records in
                if let held { try commit(held, complete: false) }
                held = (records, errors)
                errors = []
                result.records += records.count
            },
            stage: nil,
            errorSink: { skipped in
                errors += skipped.map {
                    PostgresWorkQueue.ErrorRow(
                        file: $0.file, source: $0.source, offset: $0.offset, line: $0.line, severity: $0.severity.rawValue, reason: $0.reason)
                }
            })
        var last = held ?? (records: [], errors: [])
        last.errors += errors
        try commit(last, complete: true)
        result.errors = batch.totals.errors
        result.failures = batch.failures
        if !quiet {
            let range = item.end.map { " [\(item.start)..<\($0)]" } ?? (item.start > 0 ? " [\(item.start)..]" : "")
            let seconds = Date().timeIntervalSince(started)
            reporter.report(
                "queue \(queue.name): item \(claim.id) \(item.path)\(range) done: \(result.records) records, \(result.errors) skipped, "
                    + String(format: "%.1f s", seconds) + (claim.attempt > 1 ? " (claim \(claim.attempt), taken over)" : ""))
        }
        return result
    }
}

/// Extends a claim's lease every third of the lease while its item is read, and notes when the
/// claim was lost (another worker took the item over after the lease expired).
private final class Heartbeat: @unchecked Sendable {
    private let lock = NSLock()
    private var isLost = false
    private var task: Task<Void, Never>?

    init(queue: PostgresWorkQueue, claim: PostgresWorkQueue.Claim, lease: Duration) {
        task = Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                if Task.isCancelled { return }
                // A failed heartbeat (the server away a moment) is retried; the commit says when the claim is gone.
                if let kept = try? await queue.heartbeat(claim, lease: lease), !kept {
                    self?.markLost()
                    return
                }
            }
        }
    }

    private func markLost() {
        lock.lock()
        isLost = true
        lock.unlock()
    }

    /// True once a heartbeat found the claim gone.
    var lost: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isLost
    }

    func stop() { task?.cancel() }
}

extension Duration {
    /// The duration in seconds.
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
