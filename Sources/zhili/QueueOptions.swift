import ArgumentParser

/// The options of `zhili extract --queue`: the queue's name, how inputs are cut into items, the
/// lease, and whether to wait for more work.
struct QueueOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Work through a queue of items in the --db PostgreSQL database with every other worker of the same NAME, on any machine (docs/scale-out.md).",
        valueName: "name"))
    var queue: String?

    @Option(help: ArgumentHelp(
        "With --queue: cut uncompressed JSON Lines and WARC files into items of about this size, at record boundaries (K, M, G; the queue keeps the size it was created with).",
        valueName: "size"))
    var rangeSize: String = "64M"

    @Option(help: ArgumentHelp(
        "With --queue: how long a claim lasts without a heartbeat; a dead worker's items are taken over after it (s, m, h).",
        valueName: "time"))
    var lease: String = "60s"

    @Flag(help: "With --queue: when no item is left, wait for more instead of exiting.")
    var wait = false

    @Option(help: ArgumentHelp("With --queue: this worker's name in the queue (default: HOST:PID).", valueName: "name"))
    var worker: String?

    func validate() throws {
        guard queue != nil else { return }
        guard let bytes = Self.bytes(rangeSize), bytes >= 1 << 10 else {
            throw ValidationError("--range-size \(rangeSize) is not a size of at least 1K (e.g. 64M)")
        }
        guard let seconds = Self.seconds(lease), seconds >= 1 else {
            throw ValidationError("--lease \(lease) is not a time of at least 1s (e.g. 60s, 5m)")
        }
        if let queue, queue.isEmpty || queue.count > 200 {
            throw ValidationError("--queue needs a name of 1 to 200 characters")
        }
    }

    /// The range size in bytes.
    var rangeBytes: Int { Self.bytes(rangeSize) ?? 64 << 20 }

    /// The lease.
    var leaseDuration: Duration { .seconds(Self.seconds(lease) ?? 60) }

    /// `64M`, `512K`, `1G`, `1048576` in bytes; nil when unreadable.
    static func bytes(_ text: String) -> Int? {
        var digits = text.uppercased()
        if digits.hasSuffix("B") { digits.removeLast() }
        var factor = 1
        if let unit = digits.last, let scale = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30][unit] {
            factor = scale
            digits.removeLast()
        }
        guard let value = Double(digits), value > 0 else { return nil }
        return Int(value * Double(factor))
    }

    /// `90s`, `5m`, `1h`, `30` in seconds; nil when unreadable.
    static func seconds(_ text: String) -> Double? {
        var digits = text.lowercased()
        var factor = 1.0
        if let unit = digits.last, let scale = ["s": 1.0, "m": 60.0, "h": 3600.0][unit] {
            factor = scale
            digits.removeLast()
        }
        guard let value = Double(digits), value > 0 else { return nil }
        return value * factor
    }
}
