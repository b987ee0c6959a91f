import Foundation
import ZhiliCore

/// Folders for outputs: `--out`, `--errors`, `--csv`, `--journal` and `--db` may name folders that
/// do not exist yet, and get them.
public enum OutputFolder {
    /// Creates the folder that will hold the file at `path`, and the folders above it.
    ///
    /// - Throws: a ``ZhiliCore/Diagnostic`` naming the folder when it cannot be created.
    public static func make(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try make(folder) }
    }

    /// Creates the folder `path` and the folders above it.
    ///
    /// - Throws: a ``ZhiliCore/Diagnostic`` naming `path` when it cannot be created (a file is in
    ///   the way, or permission is denied).
    public static func make(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(source: path, reason: "cannot create this folder: \((error as NSError).localizedDescription)")
        }
    }
}
