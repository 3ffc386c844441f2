import Glibc
import Synchronization
import Testing

/// Gives each test its own temporary folders and removes them when the test ends, whatever
/// it left inside (read-only folders included). Put `.temporaryFolders` on a suite; inside
/// its tests `temporaryFolder()` makes a folder.
public struct TemporaryFolders: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    final class Made: Sendable {
        let paths = Mutex<[String]>([])
    }

    @TaskLocal static var current: Made?

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // Once per test case: the suite and a parameterised test's outer call pass through.
        guard testCase != nil, Self.current == nil else { return try await function() }
        let made = Made()
        defer { for path in made.paths.withLock({ $0 }) { removeTree(path) } }
        try await Self.$current.withValue(made) { try await function() }
    }
}

extension Trait where Self == TemporaryFolders {
    public static var temporaryFolders: TemporaryFolders { TemporaryFolders() }
}

/// A fresh folder under the temporary directory, removed when the test ends.
public func temporaryFolder(_ function: String = #function) -> String {
    guard let made = TemporaryFolders.current else {
        preconditionFailure("\(function): temporaryFolder() needs the .temporaryFolders trait on its suite")
    }
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((base + "/cjm-test-XXXXXX").utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    let path = String(cString: p!)
    made.paths.withLock { $0.append(path) }
    return path
}

/// `rm -rf`, making folders writable first so a test's read-only folder goes too.
public func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if st.st_mode & S_IFMT == S_IFDIR {
        chmod(path, 0o700)
        if let d = opendir(path) {
            var names: [String] = []
            while let e = readdir(d) {
                let name = withUnsafePointer(to: e.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(d)
            for name in names { removeTree(path + "/" + name) }
        }
        rmdir(path)
    } else {
        unlink(path)
    }
}
