// zhili-fuzz TARGET [libFuzzer options] [corpus folders]: runs one target (FuzzTargets.swift)
// under libFuzzer; `zhili-fuzz --list` names them.
import CFuzzDriver

#if canImport(Glibc)
import Glibc
#endif

/// The target chosen on the command line; set once before libFuzzer starts calling.
nonisolated(unsafe) var selected: FuzzTarget?

var arguments = CommandLine.arguments
if arguments.count < 2 || arguments[1] == "--list" {
    for target in FuzzTarget.all { print("\(target.name)\t\(target.summary)") }
    exit(arguments.count < 2 ? 2 : 0)
}
guard let target = FuzzTarget.named(arguments[1]) else {
    print("zhili-fuzz: no target \(arguments[1]); try --list")
    exit(2)
}
selected = target
arguments.remove(at: 1)
// Builds the target's shared state (segmenter, index …) before libFuzzer times inputs.
let warmUp = ContinuousClock.now
target.body([])
print("zhili-fuzz: \(target.name) ready in \(ContinuousClock.now - warmUp)")

// libFuzzer takes C's argc/argv; the strings live until exit.
var argc = Int32(arguments.count)
var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        selected!.body(bytes)
        return 0
    }
}
exit(status)
