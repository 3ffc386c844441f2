import CJMCore
import Glibc

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
/// wrote the file since we last read or wrote it. The change time is in it because a
/// program can put the modification time back; it cannot put the change time back.
public struct FileStamp: Equatable, Sendable {
    var info: FileInfo

    public static func of(_ path: String, fs: any FileSystem = PosixFileSystem()) -> FileStamp? {
        fs.info(path, followingLinks: true).map { FileStamp(info: $0) }
    }
}

/// Whole-file reads and atomic replacement, on a `FileSystem`.
public enum AtomicFile {
    public static func exists(_ path: String, fs: any FileSystem = PosixFileSystem()) -> Bool {
        fs.info(path, followingLinks: false) != nil
    }

    public static func isDirectory(_ path: String, fs: any FileSystem = PosixFileSystem()) -> Bool {
        fs.info(path, followingLinks: true)?.kind == .folder
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
    public static func resolved(_ path: String, fs: any FileSystem = PosixFileSystem()) -> String {
        guard fs.info(path, followingLinks: false)?.kind == .link, let real = fs.realPath(path) else { return path }
        return real
    }

    public static func read(_ path: String, fs: any FileSystem = PosixFileSystem()) throws(CJMFileError) -> [UInt8] {
        func failure(_ e: Errno) -> CJMFileError { CJMFileError(path: path, message: "cannot read: \(e)") }
        let fd: Int32
        do { fd = try fs.open(path, flags: O_RDONLY | O_CLOEXEC, mode: 0) } catch { throw failure(error) }
        defer { try? fs.close(fd) }
        let info: FileInfo
        do { info = try fs.info(descriptor: fd) } catch { throw failure(error) }
        if info.kind == .folder { throw CJMFileError(path: path, message: "is a folder, not a map file") }
        var out: [UInt8] = []
        out.reserveCapacity(Int(info.size) + 1)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let r = buffer.withUnsafeMutableBytes { b in Result { () throws(Errno) in try fs.read(fd, into: b) } }
            let n: Int
            do { n = try r.get() } catch { throw failure(error) }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Why a save to `path` would fail, or nil when it can be written. Files and folders
    /// without write permission count as read-only even for root, as in vim.
    public static func readOnlyReason(_ path: String, fs: any FileSystem = PosixFileSystem()) -> String? {
        let dir = folder(of: path)
        if let info = fs.info(path, followingLinks: true) {
            if !fs.isWritable(path) || info.mode & 0o222 == 0 { return "the file is read-only" }
        }
        if let info = fs.info(dir, followingLinks: true), !fs.isWritable(dir) || info.mode & 0o222 == 0 {
            return "the folder \(dir) is read-only"
        }
        return nil
    }

    /// Replaces `path` with `bytes` atomically: a temporary file in the same folder, flushed
    /// to disk, renamed over the original with the original's permissions. A crash leaves
    /// the old file or the new one, never a torn one.
    public static func write(_ bytes: [UInt8], to target: String, fs: any FileSystem = PosixFileSystem()) throws(CJMFileError) {
        let path = resolved(target, fs: fs)
        let dir = folder(of: path)
        guard isDirectory(dir, fs: fs) else {
            throw CJMFileError(path: target, message: "cannot save: the folder \(dir) does not exist")
        }
        func failure(_ e: Errno) -> CJMFileError {
            CJMFileError(path: target, message: "cannot save: \(e); the file on disk is unchanged")
        }
        let existingMode = fs.info(path, followingLinks: true)?.mode
        let temp = dir + "/." + baseName(of: path) + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd: Int32
        do { fd = try fs.open(temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: existingMode ?? 0o666) } catch {
            throw CJMFileError(path: target, message: "cannot save: \(error)")
        }
        do throws(Errno) {
            var written = 0
            while written < bytes.count {
                written += try bytes.withUnsafeBytes { b in
                    Result { () throws(Errno) in try fs.write(fd, UnsafeRawBufferPointer(rebasing: b[written...])) }
                }.get()
            }
            if let existingMode { try fs.setMode(fd, existingMode) }
            try fs.sync(fd)
        } catch {
            try? fs.close(fd)
            fs.remove(temp)
            throw failure(error)
        }
        do throws(Errno) {
            try fs.close(fd)
            try fs.rename(temp, to: path)
        } catch {
            fs.remove(temp)
            throw failure(error)
        }
        // Make the rename itself durable.
        if let dfd = try? fs.open(dir, flags: O_RDONLY | O_CLOEXEC, mode: 0) {
            try? fs.sync(dfd)
            try? fs.close(dfd)
        }
    }
}
