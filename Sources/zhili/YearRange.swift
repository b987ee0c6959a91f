import ArgumentParser

/// A year (`2022`) or an inclusive range of years (`2021..2023`).
struct YearRange: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.components(separatedBy: "..")
        guard parts.count <= 2, let first = Int(parts[0]), let last = Int(parts.last ?? ""),
              (1000...9999).contains(first), (1000...9999).contains(last), first <= last else { return nil }
        range = first...last
    }
}
