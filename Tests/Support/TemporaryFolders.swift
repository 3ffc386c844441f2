import CJMStorage
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
    sweepOnce(base)
    // The test process's pid in the name: a run that was killed cannot clean up after itself,
    // so the next run removes the folders of processes that are gone.
    var template = Array((base + "/cjm-test-\(getpid())-XXXXXX").utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    let path = String(cString: p!)
    made.paths.withLock { $0.append(path) }
    return path
}

private let swept = Mutex(false)

/// Removes, once per test process, the folders that killed test runs left behind: those whose
/// process no longer exists.
func sweepOnce(_ base: String) {
    guard
        swept.withLock({ done in
            defer { done = true }
            return !done
        })
    else { return }
    let fs = PosixFileSystem()
    guard let dir = try? fs.openFolder(base) else { return }
    defer { close(dir) }
    for name in fs.list(dir) where name.hasPrefix("cjm-test-") {
        let parts = name.split(separator: "-")
        guard parts.count == 4, let pid = Int32(parts[2]), !fs.processIsRunning(pid) else { continue }
        removeTree(base + "/" + name)
    }
}
