/// How a ``Cleaner`` is set up.
public struct CleanerConfiguration: Sendable {
    /// Extra boilerplate pattern files (`--boilerplate FILE`), read after the built-in ones.
    public var boilerplateFiles: [String]

    /// Creates a configuration.
    public init(boilerplateFiles: [String] = []) {
        self.boilerplateFiles = boilerplateFiles
    }
}
