import Foundation

/// Applies a transform to a stream of inputs on several threads and hands the outputs back
/// in input order, holding a bounded window of items in flight.
///
/// One thread produces, `jobs` worker threads transform (each with its own worker state, made
/// by `makeWorker` on that thread), and the calling thread consumes in sequence. The producer
/// waits while `windowCount` items or `windowWeight` units (bytes) are in flight, so memory
/// stays flat however long the stream is.
///
/// ```swift
/// let map = OrderedParallelMap<Int, Int>(jobs: 4, windowCount: 64)
/// try map.run(
///     makeWorker: { { $0 * 2 } },
///     produce: { emit in for i in 0..<1000 where !emit(i, 1) { break } },
///     consume: { print($0); return true })
/// ```
/// - Complexity: O(n) lock round trips; outputs wait in a dictionary at most `windowCount` long.
public final class OrderedParallelMap<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // All mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [(sequence: Int, input: Input)?] = []
    private var queueHead = 0
    private var results: [Int: Output] = [:]
    private var weights: [Int: Int] = [:]
    private var produced = 0
    private var consumed = 0
    private var inFlightWeight = 0
    private var producerDone = false
    private var cancelled = false
    private var failure: (any Error)?
    private var liveWorkers = 0

    /// Number of worker threads.
    public let jobs: Int
    /// Most items read but not yet consumed.
    public let windowCount: Int
    /// Most weight (bytes) read but not yet consumed; one item is always let through.
    public let windowWeight: Int

    /// Creates a map with `jobs` workers and the given window.
    public init(jobs: Int, windowCount: Int? = nil, windowWeight: Int = 64 << 20) {
        self.jobs = max(1, jobs)
        self.windowCount = max(1, windowCount ?? self.jobs * 32)
        self.windowWeight = max(1, windowWeight)
    }

    /// Runs the stream to its end, or until `consume` returns false or something throws.
    ///
    /// - Parameters:
    ///   - makeWorker: called once on each worker thread; returns that thread's transform.
    ///   - produce: called on a producer thread with `emit(input, weight)`, which blocks while
    ///     the window is full and returns false once the run is cancelled.
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
            do {
                try produce { input, weight in self.emit(input, weight: weight) }
            } catch {
                fail(error)
            }
            condition.lock()
            producerDone = true
            condition.broadcast()
            condition.unlock()
        }
        producer.name = "zhili-reader"
        producer.start()

        var consumerError: (any Error)?
        while true {
            condition.lock()
            while results[consumed] == nil && !(producerDone && consumed == produced) && !cancelled {
                condition.wait()
            }
            guard !cancelled, let output = results.removeValue(forKey: consumed) else {
                condition.unlock()
                break
            }
            inFlightWeight -= weights.removeValue(forKey: consumed) ?? 0
            consumed += 1
            condition.broadcast()
            condition.unlock()
            do {
                if try !consume(output) {
                    cancel()
                    break
                }
            } catch {
                consumerError = error
                cancel()
                break
            }
        }
        // Wait for every thread to leave before returning, so no closure outlives the call.
        condition.lock()
        while liveWorkers > 0 || !producerDone { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let consumerError { throw consumerError }
        if let failure { throw failure }
    }

    private func emit(_ input: Input, weight: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && produced > consumed
            && (produced - consumed >= windowCount || inFlightWeight + weight > windowWeight) {
            condition.wait()
        }
        if cancelled { return false }
        queue.append((produced, input))
        weights[produced] = weight
        inFlightWeight += weight
        produced += 1
        condition.broadcast()
        return true
    }

    private func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func workerLoop(_ makeWorker: @Sendable () throws -> (Input) -> Output) {
        defer {
            condition.lock()
            liveWorkers -= 1
            condition.broadcast()
            condition.unlock()
        }
        let transform: (Input) -> Output
        do {
            transform = try makeWorker()
        } catch {
            fail(error)
            return
        }
        while true {
            condition.lock()
            while queueHead == queue.count && !producerDone && !cancelled { condition.wait() }
            if cancelled || queueHead == queue.count {
                condition.unlock()
                return
            }
            let (sequence, input) = queue[queueHead]!
            queue[queueHead] = nil  // release the input as soon as it is taken
            queueHead += 1
            if queueHead > 1024 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            let output = transform(input)
            condition.lock()
            results[sequence] = output
            condition.broadcast()
            condition.unlock()
        }
    }
}
