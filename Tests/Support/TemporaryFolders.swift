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
    var template = Array((base + "/cjm-test-XXXXXX").utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    let path = String(cString: p!)
    made.paths.withLock { $0.append(path) }
    return path
}
