#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Applies a transform to a stream of inputs on several threads and hands the outputs back
/// in input order, holding a bounded window of items in flight.
///
/// This is Zhili's one way of running work in parallel: ``BatchRunner`` (and through it `zhili
/// clean`, `extract` and `index`) uses it, and nothing else in the batch or the command starts
/// threads. Plain threads rather than Swift concurrency's cooperative pool, because the producer
/// blocks on file reads and the workers on CPU-bound ICU calls, and each worker keeps its own
/// non-thread-safe state (``DocumentProcessor``) for the whole run.
///
/// One thread produces, `jobs` worker threads transform (each with its own worker state, made
/// by `makeWorker` on that thread), and the calling thread consumes in sequence. Items travel
/// in chunks of up to `chunkCount` items or `chunkWeight` units, so threads meet once per chunk
/// rather than once per item. The producer waits while `windowCount` items or `windowWeight`
/// units (bytes) are in flight, so memory stays flat however long the stream is.
///
/// ```swift
/// let map = OrderedParallelMap<Int, Int>(jobs: 4, windowCount: 64)
/// try map.run(
///     makeWorker: { { $0 * 2 } },
///     produce: { emit in for i in 0..<1000 where !emit(i, 1) { break } },
///     consume: { print($0); return true })
/// ```
/// - Complexity: O(n / chunkCount) lock round trips; finished chunks wait in a dictionary at
///   most `windowCount / chunkCount` long.
public final class OrderedParallelMap<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    /// A run of consecutive inputs handed to one worker.
    private struct Chunk {
        var number: Int
        var inputs: [Input]
        var weight: Int
    }

    /// A chunk's outputs, waiting for their turn.
    private struct Finished {
        var outputs: [Output]
        var weight: Int
    }

    // All mutable state below is guarded by `monitor`.
    private let monitor = Monitor()
    private var queue: [Chunk?] = []
    private var queueHead = 0
    private var results: [Int: Finished] = [:]
    private var producedChunks = 0
    private var consumedChunks = 0
    private var inFlightCount = 0
    private var inFlightWeight = 0
    private var producerDone = false
    private var cancelled = false
    private var failure: (any Error)?
    private var liveWorkers = 0

    /// Number of worker threads.
    public let jobs: Int
    /// Most items read but not yet consumed (plus those of the chunk being filled).
    public let windowCount: Int
    /// Most weight (bytes) read but not yet consumed; one chunk is always let through.
    public let windowWeight: Int
    /// Most items in one chunk.
    public let chunkCount: Int
    /// A chunk is handed over once it holds this much weight.
    public let chunkWeight: Int

    /// Creates a map with `jobs` workers and the given window.
    ///
    /// Chunks default to at most 64 items and 256 KiB, and small enough that the window holds
    /// two per worker, so that every worker has work while finished chunks wait their turn.
    public init(jobs: Int, windowCount: Int? = nil, windowWeight: Int = 64 << 20, chunkCount: Int? = nil, chunkWeight: Int? = nil) {
        self.jobs = max(1, jobs)
        self.windowCount = max(1, windowCount ?? self.jobs * 64)
        self.windowWeight = max(1, windowWeight)
        self.chunkCount = max(1, chunkCount ?? min(64, self.windowCount / (2 * self.jobs)))
        self.chunkWeight = max(1, chunkWeight ?? min(256 << 10, self.windowWeight / (2 * self.jobs)))
    }

    /// Runs the stream to its end, or until `consume` returns false or something throws.
    ///
    /// - Parameters:
    ///   - makeWorker: called once on each worker thread; returns that thread's transform.
    ///   - produce: called on a producer thread with `emit(input, weight)`, which collects inputs
    ///     into a chunk, blocks while the window is full and returns false once the run is cancelled.
    ///   - consume: called on the calling thread with each output in input order; returns
    ///     false to stop the run.
    /// - Throws: the first error thrown by `makeWorker`, `produce` or `consume`.
    public func run(
        makeWorker: @escaping @Sendable () throws -> (Input) -> Output,
        produce: @escaping @Sendable (_ emit: (Input, Int) -> Bool) throws -> Void,
        consume: (Output) throws -> Bool
    ) throws {
        liveWorkers = jobs
        for index in 0..<jobs {
            let thread = Thread { [self] in workerLoop(makeWorker) }
            thread.name = "zhili-worker-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        let producer = Thread { [self] in
            produceChunks(produce)
            monitor.lock()
            producerDone = true
            monitor.broadcast(.workReady)
            monitor.signal(.resultReady)
            monitor.unlock()
        }
        producer.name = "zhili-reader"
        producer.start()

        var consumerError: (any Error)?
        consuming: while true {
            monitor.lock()
            while results[consumedChunks] == nil && !(producerDone && consumedChunks == producedChunks) && !cancelled {
                monitor.wait(.resultReady)
            }
            guard !cancelled, let finished = results.removeValue(forKey: consumedChunks) else {
                monitor.unlock()
                break
            }
            consumedChunks += 1
            inFlightCount -= finished.outputs.count
            inFlightWeight -= finished.weight
            monitor.signal(.spaceReady)
            monitor.unlock()
            for output in finished.outputs {
                do {
                    if try !consume(output) {
                        cancel()
                        break consuming
                    }
                } catch {
                    consumerError = error
                    cancel()
                    break consuming
                }
            }
        }
        // Wait for every thread to leave before returning, so no closure outlives the call.
        monitor.lock()
        while liveWorkers > 0 || !producerDone { monitor.wait(.resultReady) }
        let failure = self.failure
        monitor.unlock()
        if let consumerError { throw consumerError }
        if let failure { throw failure }
    }

    /// Runs `produce`, collecting its inputs into chunks and handing each over when full.
    private func produceChunks(_ produce: (_ emit: (Input, Int) -> Bool) throws -> Void) {
        var inputs: [Input] = []
        var weight = 0
        var open = true
        do {
            try produce { input, inputWeight in
                guard open else { return false }
                inputs.append(input)
                weight += inputWeight
                if inputs.count >= chunkCount || weight >= chunkWeight {
                    open = push(inputs, weight: weight)
                    inputs = []
                    inputs.reserveCapacity(chunkCount)
                    weight = 0
                }
                return open
            }
            if open && !inputs.isEmpty { _ = push(inputs, weight: weight) }
        } catch {
            fail(error)
        }
    }

    /// Queues a chunk for the workers once the window has room; false when the run is cancelled.
    private func push(_ inputs: [Input], weight: Int) -> Bool {
        monitor.lock()
        defer { monitor.unlock() }
        while !cancelled && inFlightCount > 0
            && (inFlightCount + inputs.count > windowCount || inFlightWeight + weight > windowWeight) {
            monitor.wait(.spaceReady)
        }
        if cancelled { return false }
        queue.append(Chunk(number: producedChunks, inputs: inputs, weight: weight))
        producedChunks += 1
        inFlightCount += inputs.count
        inFlightWeight += weight
        monitor.signal(.workReady)
        return true
    }

    private func cancel() {
        monitor.lock()
        cancelled = true
        monitor.broadcastAll()
        monitor.unlock()
    }

    private func fail(_ error: any Error) {
        monitor.lock()
        if failure == nil { failure = error }
        cancelled = true
        monitor.broadcastAll()
        monitor.unlock()
    }

    private func workerLoop(_ makeWorker: @Sendable () throws -> (Input) -> Output) {
        defer {
            monitor.lock()
            liveWorkers -= 1
            monitor.signal(.resultReady)
            monitor.unlock()
        }
        let transform: (Input) -> Output
        do {
            transform = try makeWorker()
        } catch {
            fail(error)
            return
        }
        while true {
            monitor.lock()
            while queueHead == queue.count && !producerDone && !cancelled { monitor.wait(.workReady) }
            if cancelled || queueHead == queue.count {
                monitor.unlock()
                return
            }
            var chunk = queue[queueHead]!
            queue[queueHead] = nil  // release the inputs as soon as they are taken
            queueHead += 1
            if queueHead > 64 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            monitor.unlock()
            var outputs: [Output] = []
            outputs.reserveCapacity(chunk.inputs.count)
            for index in chunk.inputs.indices { outputs.append(transform(chunk.inputs[index])) }
            let number = chunk.number
            let weight = chunk.weight
            chunk.inputs = []
            monitor.lock()
            results[number] = Finished(outputs: outputs, weight: weight)
            if number == consumedChunks { monitor.signal(.resultReady) }
            monitor.unlock()
        }
    }
}

/// One mutex with a condition variable per thing a thread may wait for, so that a state
/// change wakes only the threads that care (unlike `NSCondition`, one condition per lock).
///
/// Owns its pthread objects and destroys them in `deinit`.
private final class Monitor: @unchecked Sendable {
    /// What a waiting thread waits for.
    enum Event: Int, CaseIterable {
        /// Workers: a chunk was queued, or the producer finished.
        case workReady
        /// The consumer: the next result arrived, or a thread finished.
        case resultReady
        /// The producer: the window has room again.
        case spaceReady
    }

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        conditions = .allocate(capacity: Event.allCases.count)
        for index in Event.allCases.indices { pthread_cond_init(conditions + index, nil) }
    }

    deinit {
        for index in Event.allCases.indices { pthread_cond_destroy(conditions + index) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits, with the lock held, until `event` is signalled (or spuriously: callers loop).
    func wait(_ event: Event) { pthread_cond_wait(conditions + event.rawValue, mutex) }

    /// Wakes one thread waiting for `event`.
    func signal(_ event: Event) { pthread_cond_signal(conditions + event.rawValue) }

    /// Wakes every thread waiting for `event`.
    func broadcast(_ event: Event) { pthread_cond_broadcast(conditions + event.rawValue) }

    /// Wakes every waiting thread, whatever it waits for.
    func broadcastAll() {
        for event in Event.allCases { broadcast(event) }
    }
}
