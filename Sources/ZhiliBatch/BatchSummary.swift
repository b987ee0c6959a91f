import Foundation

/// What a batch did, printed at its end and mapped to the exit status.
public struct BatchSummary: Sendable, Hashable {
    /// Totals, including those of an interrupted run that this one resumed.
    public var totals: BatchTotals
    /// Input bytes read by this run.
    public var bytesThisRun: Int
    /// Seconds this run took.
    public var elapsed: Double
    /// True when `--strict` stopped the run at a bad record.
    public var stoppedAtError: Bool
    /// True when the run continued an interrupted one.
    public var resumed: Bool
    /// Records skipped in this run for an error (not a warning, such as a document without article text).
    public var failures: Int

    /// Exit status when some records were skipped (see ``exitStatus``).
    public static let skippedRecordsStatus: Int32 = 3

    /// 0 when every record went through, ``skippedRecordsStatus`` (3) when some were skipped.
    public var exitStatus: Int32 { totals.errors == 0 ? 0 : Self.skippedRecordsStatus }

    /// Input megabytes (10^6 bytes) per second in this run.
    public var megabytesPerSecond: Double { Double(bytesThisRun) / max(elapsed, 0.001) / 1_000_000 }

    /// One line: articles, figures, programs, errors, elapsed, MB/s.
    public var line: String {
        var text = "\(totals.articles) articles, \(totals.figures) figures, \(totals.programs) programs, \(totals.errors) errors"
        text += String(format: " from %d documents in %.1f s (%.1f MB/s)", totals.documents, elapsed, megabytesPerSecond)
        if resumed { text += ", resumed" }
        if stoppedAtError { text += "; stopped at the first error (--strict)" }
        return text
    }
}
