#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// Reports a batch's progress: a bar on a terminal, periodic log lines otherwise, or nothing.
public final class BatchProgress {
    /// How progress is shown.
    public enum Style: Sendable {
        /// A bar redrawn in place on standard error.
        case bar
        /// A log line every `interval` seconds.
        case log(interval: Double)
        /// Nothing.
        case silent
    }

    private let style: Style
    private let logger: Logger
    private let totalBytes: Int?
    private let start = Date()
    private var lastReport = Date.distantPast
    private var startTotals = BatchTotals()
    private var drewBar = false

    /// Creates a reporter; `totalBytes` (when every input's size is known) enables the ETA.
    public init(style: Style, totalBytes: Int?, logger: Logger = Logger(label: "zhili.batch")) {
        self.style = style
        self.totalBytes = totalBytes
        self.logger = logger
    }

    /// A bar when standard error is a terminal, log lines every 10 s otherwise (logged as
    /// `label`), nothing when `quiet`.
    public static func automatic(quiet: Bool, totalBytes: Int?, label: String = "zhili.batch") -> BatchProgress {
        if quiet { return BatchProgress(style: .silent, totalBytes: totalBytes) }
        return BatchProgress(style: isatty(2) != 0 ? .bar : .log(interval: 10), totalBytes: totalBytes, logger: Logger(label: label))
    }

    /// Notes the totals a resumed run starts from, so rates count only this run's work.
    public func begin(from totals: BatchTotals) {
        startTotals = totals
    }

    /// Seconds since the reporter was created.
    public var elapsed: Double { Date().timeIntervalSince(start) }

    /// Reports `totals` if enough time passed since the last report.
    public func update(_ totals: BatchTotals) {
        let now = Date()
        switch style {
        case .silent:
            return
        case .bar:
            guard now.timeIntervalSince(lastReport) >= 0.2 else { return }
            lastReport = now
            let line = "\r" + barLine(totals) + "\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
            drewBar = true
        case .log(let interval):
            if lastReport == .distantPast { lastReport = now }
            guard now.timeIntervalSince(lastReport) >= interval else { return }
            lastReport = now
            logger.info("\(statusLine(totals))")
        }
    }

    /// Clears the bar before the summary is printed.
    public func finish() {
        if drewBar {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            drewBar = false
        }
    }

    private func rates(_ totals: BatchTotals) -> (articles: Double, megabytes: Double) {
        let seconds = max(elapsed, 0.001)
        return (Double(totals.articles - startTotals.articles) / seconds,
                Double(totals.bytes - startTotals.bytes) / seconds / 1_000_000)
    }

    private func eta(_ totals: BatchTotals) -> String? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        let rate = rates(totals).megabytes * 1_000_000
        guard rate > 0 else { return nil }
        let remaining = max(0, Double(totalBytes - totals.bytes) / rate)
        return Self.clock(remaining)
    }

    private func statusLine(_ totals: BatchTotals) -> String {
        let (articlesPerSecond, megabytesPerSecond) = rates(totals)
        var parts = [
            "\(totals.articles) articles", String(format: "%.0f articles/s", articlesPerSecond),
            String(format: "%.1f MB/s", megabytesPerSecond), "\(totals.errors) errors",
        ]
        if let totalBytes, totalBytes > 0 {
            parts.insert(String(format: "%.1f%%", 100 * Double(totals.bytes) / Double(totalBytes)), at: 0)
        }
        if let eta = eta(totals) { parts.append("ETA \(eta)") }
        return parts.joined(separator: ", ")
    }

    private func barLine(_ totals: BatchTotals) -> String {
        let (articlesPerSecond, megabytesPerSecond) = rates(totals)
        var bar = ""
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(totals.bytes) / Double(totalBytes))
            let filled = Int(fraction * 24)
            bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 24 - filled) + "] "
                + String(format: "%5.1f%% ", fraction * 100)
        }
        var line = bar + "\(totals.articles) articles " + String(format: "%.0f/s %.1f MB/s", articlesPerSecond, megabytesPerSecond)
        if let eta = eta(totals) { line += " ETA \(eta)" }
        line += " errors \(totals.errors)"
        return line
    }

    /// `h:mm:ss` or `m:ss`.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
