#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One mutex with a condition variable per thing a thread may wait for, so that a state
/// change wakes only the threads that care (unlike `NSCondition`, one condition per lock).
///
/// Owns its pthread objects and destroys them in `deinit`.
final class Monitor: @unchecked Sendable {
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
