import Glibc
import Synchronization

/// A problem with a file, naming the file.
public struct CJMFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// What identifies one version of a file on disk: if any of these change, something else
/// wrote the file since we last read or wrote it.
public struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size), seconds: st.st_mtim.tv_sec,
            nanoseconds: st.st_mtim.tv_nsec)
    }
}

/// Whole-file reads and atomic replacement with POSIX calls.
public enum AtomicFile {
    /// Tests set this to make the next write fail half-way with the given errno (ENOSPC, say).
    public static let injectedFault = Mutex<Int32?>(nil)

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Follows a symbolic link, so saving replaces the file it points to and keeps the link.
    public static func resolved(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    public static func read(_ path: String) throws(CJMFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw CJMFileError(path: path, message: "cannot read: \(errorText(errno))") }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw CJMFileError(path: path, message: "is a folder, not a map file")
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size) + 1)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CJMFileError(path: path, message: "cannot read: \(errorText(errno))")
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Why a save to `path` would fail, or nil when it can be written. Files and folders
    /// without write permission count as read-only even for root, as in vim.
    public static func readOnlyReason(_ path: String) -> String? {
        let dir = folder(of: path)
        var st = stat()
        if stat(path, &st) == 0 {
            if access(path, W_OK) != 0 || st.st_mode & 0o222 == 0 { return "the file is read-only" }
        }
        if stat(dir, &st) == 0, access(dir, W_OK) != 0 || st.st_mode & 0o222 == 0 {
            return "the folder \(dir) is read-only"
        }
        return nil
    }

    /// Replaces `path` with `bytes` atomically: a temporary file in the same folder, flushed
    /// to disk, renamed over the original with the original's permissions. A crash leaves
    /// the old file or the new one, never a torn one.
    public static func write(_ bytes: [UInt8], to target: String) throws(CJMFileError) {
        let path = resolved(target)
        let dir = folder(of: path)
        guard isDirectory(dir) else { throw CJMFileError(path: target, message: "cannot save: the folder \(dir) does not exist") }
        var st = stat()
        let existingMode: mode_t? = stat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
        let temp = dir + "/." + baseName(of: path) + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existingMode ?? 0o666)
        if fd < 0 { throw CJMFileError(path: target, message: "cannot save: \(errorText(errno))") }
        func fail(_ code: Int32) -> CJMFileError {
            close(fd)
            unlink(temp)
            return CJMFileError(path: target, message: "cannot save: \(errorText(code)); the file on disk is unchanged")
        }
        var written = 0
        let fault = injectedFault.withLock { f in
            let v = f
            f = nil
            return v
        }
        while written < bytes.count {
            if let fault, written >= bytes.count / 2 { throw fail(fault) }
            let chunk = fault == nil ? bytes.count - written : max(1, bytes.count / 2 - written)
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, chunk) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(errno)
            }
            written += n
        }
        if let fault { throw fail(fault) }  // an empty file still honours the injected fault
        if let existingMode, fchmod(fd, existingMode) != 0 { throw fail(errno) }
        if fsync(fd) != 0 { throw fail(errno) }
        if close(fd) != 0 {
            let code = errno
            unlink(temp)
            throw CJMFileError(path: target, message: "cannot save: \(errorText(code)); the file on disk is unchanged")
        }
        if rename(temp, path) != 0 {
            let code = errno
            unlink(temp)
            throw CJMFileError(path: target, message: "cannot save: \(errorText(code)); the file on disk is unchanged")
        }
        // Make the rename itself durable.
        let dfd = open(dir, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }
}
