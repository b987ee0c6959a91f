import Testing
import Hummingbird
@testable import ZhiliServer

@Suite struct HTMLTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("\"x\" 'y'", "&quot;x&quot; &#39;y&#39;"),
        ("老李调解室", "老李调解室"),        // unchanged
        ("2.2万人", "2.2万人"),            // unchanged
        ("", ""),
    ])
    func escape(input: String, expected: String) {
        #expect(HTML.escape(input) == expected)
    }

    @Test(arguments: [
        ("老李", "%E8%80%81%E6%9D%8E"),
        ("a b/c?d", "a%20b%2Fc%3Fd"),
        ("abc-._~", "abc-._~"),             // unchanged
    ])
    func urlComponent(input: String, expected: String) {
        #expect(HTML.urlComponent(input) == expected)
    }
}

@Suite struct ResponseCacheTests {
    @Test func keepsAtMostCapacityEntriesEvictingTheOldest() {
        let cache = ResponseCache(capacity: 2)
        cache.store(ByteBuffer(string: "a"), for: "q=a", generation: 0)
        cache.store(ByteBuffer(string: "b"), for: "q=b", generation: 0)
        cache.store(ByteBuffer(string: "c"), for: "q=c", generation: 0)
        #expect(cache.count == 2)
        #expect(cache.value(for: "q=a") == nil)
        #expect(cache.value(for: "q=c") == ByteBuffer(string: "c"))
    }

    @Test func anAnswerComputedBeforeTheCacheWasEmptiedIsNotKept() {
        let cache = ResponseCache(capacity: 4)
        cache.store(ByteBuffer(string: "a"), for: "q=a", generation: cache.generation)
        let generation = cache.generation
        cache.removeAll()
        #expect(cache.count == 0)
        cache.store(ByteBuffer(string: "stale"), for: "q=b", generation: generation)
        #expect(cache.value(for: "q=b") == nil)
        cache.store(ByteBuffer(string: "fresh"), for: "q=b", generation: cache.generation)
        #expect(cache.value(for: "q=b") == ByteBuffer(string: "fresh"))
    }

    @Test func capacityZeroAndOversizedEntriesAreNotKept() {
        let off = ResponseCache(capacity: 0)
        off.store(ByteBuffer(string: "a"), for: "k", generation: 0)
        #expect(off.value(for: "k") == nil)
        let small = ResponseCache(capacity: 4, maxEntryBytes: 2)
        small.store(ByteBuffer(string: "abc"), for: "k", generation: 0)
        #expect(small.count == 0)
    }
}
