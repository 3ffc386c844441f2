import Glibc

/// A failed system call: its errno.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { String(cString: strerror(code)) }
}

/// What storage needs to know about a file (from `stat` / `lstat` / `fstat`).
public struct FileInfo: Equatable, Sendable {
    public enum Kind: Sendable { case regular, folder, link, other }
    public var kind: Kind
    public var mode: mode_t
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: timespec
    public var changed: timespec

    public static func == (a: FileInfo, b: FileInfo) -> Bool {
        a.kind == b.kind && a.mode == b.mode && a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .folder
        case S_IFLNK: kind = .link
        default: kind = .other
        }
        mode = st.st_mode & 0o7777
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = st.st_mtim
        changed = st.st_ctim
    }
}

/// The few file-system calls storage makes. Everything that touches files goes through one
/// of these, so a test can make any call fail (a full disk half-way through a write, say)
/// on its own instance, without a global switch that other tests would see.
public protocol FileSystem: Sendable {
    /// `stat`, or `lstat` when `followingLinks` is false; nil when there is nothing there.
    func info(_ path: String, followingLinks: Bool) -> FileInfo?
    func info(descriptor: Int32) throws(Errno) -> FileInfo
    /// `access(W_OK)`.
    func isWritable(_ path: String) -> Bool
    func realPath(_ path: String) -> String?
    func open(_ path: String, flags: Int32, mode: mode_t) throws(Errno) -> Int32
    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int
    /// Writes some of `bytes`; returns how many.
    func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int
    func setMode(_ descriptor: Int32, _ mode: mode_t) throws(Errno)
    func sync(_ descriptor: Int32) throws(Errno)
    func close(_ descriptor: Int32) throws(Errno)
    func rename(_ from: String, to: String) throws(Errno)
    func remove(_ path: String)
}

/// The real thing: POSIX calls, retried on EINTR.
public struct PosixFileSystem: FileSystem {
    public init() {}

    public func info(_ path: String, followingLinks: Bool) -> FileInfo? {
        var st = stat()
        let r = followingLinks ? stat(path, &st) : lstat(path, &st)
        return r == 0 ? FileInfo(st) : nil
    }

    public func info(descriptor: Int32) throws(Errno) -> FileInfo {
        var st = stat()
        guard fstat(descriptor, &st) == 0 else { throw Errno(errno) }
        return FileInfo(st)
    }

    public func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    public func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    public func open(_ path: String, flags: Int32, mode: mode_t) throws(Errno) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw Errno(errno) }
        }
    }

    public func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw Errno(errno) }
        }
    }

    public func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        while true {
            let n = Glibc.write(descriptor, bytes.baseAddress, bytes.count)
            if n >= 0 { return n }
            if errno != EINTR { throw Errno(errno) }
        }
    }

    public func setMode(_ descriptor: Int32, _ mode: mode_t) throws(Errno) {
        if fchmod(descriptor, mode) != 0 { throw Errno(errno) }
    }

    public func sync(_ descriptor: Int32) throws(Errno) {
        if fsync(descriptor) != 0 { throw Errno(errno) }
    }

    public func close(_ descriptor: Int32) throws(Errno) {
        if Glibc.close(descriptor) != 0 { throw Errno(errno) }
    }

    public func rename(_ from: String, to: String) throws(Errno) {
        if Glibc.rename(from, to) != 0 { throw Errno(errno) }
    }

    public func remove(_ path: String) { unlink(path) }
}
