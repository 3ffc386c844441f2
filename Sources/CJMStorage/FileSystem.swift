import CJMCore
import Glibc

/// A failed system call: its errno.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { String(cString: strerror(code)) }

    /// The common causes as phrases (their English is the C library's), so they can be said in
    /// Russian; nil for the rest, which keep the C library's words.
    var phrase: Phrase? {
        switch code {
        case EACCES: .errnoAccess
        case EPERM: .errnoNotPermitted
        case ENOENT: .errnoNoEntry
        case ENOSPC: .errnoNoSpace
        case EROFS: .errnoReadOnlyFS
        case EDQUOT: .errnoQuota
        case EISDIR: .errnoIsFolder
        case ENOTDIR: .errnoNotFolder
        case EIO: .errnoIO
        case ELOOP: .errnoLoop
        case EBUSY, ETXTBSY: .errnoBusy
        default: nil
        }
    }

    /// In the interface language.
    public func description(_ t: Language) -> String { Words(.verbatim, .errno(self)).text(t) }
}

extension Words.Argument {
    /// A failed call's reason, said in the language where cjm has the words for it.
    public static func errno(_ e: Errno) -> Self { e.phrase.map { .phrase($0) } ?? .text(e.description) }
    /// "a folder", "a FIFO"…
    public static func fileKind(_ k: FileInfo.Kind) -> Self { .phrase(FileInfo.phrase(of: k)) }
}

/// What storage needs to know about a file (from `stat` / `lstat` / `fstat`).
public struct FileInfo: Equatable, Sendable {
    public enum Kind: Sendable { case regular, folder, link, fifo, characterDevice, blockDevice, socket }
    public var kind: Kind
    public var mode: mode_t
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: timespec
    public var changed: timespec
    public var owner: uid_t
    public var group: gid_t
    public var links: Int

    public static func == (a: FileInfo, b: FileInfo) -> Bool {
        a.kind == b.kind && a.mode == b.mode && a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.owner == b.owner && a.group == b.group
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .folder
        case S_IFLNK: kind = .link
        case S_IFIFO: kind = .fifo
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        default: kind = .socket
        }
        mode = st.st_mode & 0o7777
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = st.st_mtim
        changed = st.st_ctim
        owner = st.st_uid
        group = st.st_gid
        links = Int(st.st_nlink)
    }

    /// "a FIFO", "a folder"…: for messages.
    public var kindName: String { FileInfo.name(of: kind) }

    public static func name(of kind: Kind, _ t: Language = .en) -> String { t.t(phrase(of: kind)) }

    static func phrase(of kind: Kind) -> Phrase {
        switch kind {
        case .regular: .kindRegular
        case .folder: .kindFolder
        case .link: .kindLink
        case .fifo: .kindFifo
        case .characterDevice: .kindCharacterDevice
        case .blockDevice: .kindBlockDevice
        case .socket: .kindSocket
        }
    }
}

/// The few file-system calls storage makes. Everything that touches files goes through one
/// of these, so a test can make any call fail (a full disk half-way through a write, say)
/// on its own instance, without a global switch that other tests would see.
///
/// Names are taken relative to an open folder (`at`: a descriptor from `openFolder`, or
/// `AT_FDCWD`), so a save looks up the folder once and a link planted in the path meanwhile
/// cannot redirect it.
public protocol FileSystem: Sendable {
    /// `fstatat`; `followingLinks: false` reads a link itself. Nil when there is nothing there.
    func info(at folder: Int32, _ name: String, followingLinks: Bool) -> FileInfo?
    func info(descriptor: Int32) throws(Errno) -> FileInfo
    /// `access(W_OK)`.
    func isWritable(_ path: String) -> Bool
    func realPath(_ path: String) -> String?
    /// What a symbolic link says (`readlink`), nil for anything else.
    func readLink(_ path: String) -> String?
    func open(at folder: Int32, _ name: String, flags: Int32, mode: mode_t) throws(Errno) -> Int32
    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int
    /// Writes some of `bytes`; returns how many.
    func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int
    func setMode(_ descriptor: Int32, _ mode: mode_t) throws(Errno)
    /// `fchown`; -1 (as `UInt32.max`) keeps that id.
    func setOwner(_ descriptor: Int32, user: uid_t, group: gid_t) throws(Errno)
    func sync(_ descriptor: Int32) throws(Errno)
    func close(_ descriptor: Int32) throws(Errno)
    /// `flock(LOCK_EX)`, waiting a few seconds at most (EWOULDBLOCK after); released by
    /// `close` or when the process dies.
    func lock(_ descriptor: Int32) throws(Errno)
    func rename(at folder: Int32, _ from: String, to: String) throws(Errno)
    func remove(at folder: Int32, _ name: String)
    /// The names in an open folder that begin with `prefix` (compared as bytes before a name
    /// is made a string: a folder of thousands of others costs little more than reading it).
    func list(_ folder: Int32, startingWith prefix: String) -> [String]
    /// Whether process `pid` still runs (its temporary files are still being written).
    func processIsRunning(_ pid: Int32) -> Bool
}

extension FileSystem {
    public func info(_ path: String, followingLinks: Bool) -> FileInfo? {
        info(at: AT_FDCWD, path, followingLinks: followingLinks)
    }
    public func open(_ path: String, flags: Int32, mode: mode_t) throws(Errno) -> Int32 {
        try open(at: AT_FDCWD, path, flags: flags, mode: mode)
    }
    public func rename(_ from: String, to: String) throws(Errno) { try rename(at: AT_FDCWD, from, to: to) }
    public func remove(_ path: String) { remove(at: AT_FDCWD, path) }
    /// Opens a folder to name files relative to it.
    public func openFolder(_ path: String) throws(Errno) -> Int32 {
        try open(at: AT_FDCWD, path, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC, mode: 0)
    }
}

/// The real thing: POSIX calls, retried on EINTR.
public struct PosixFileSystem: FileSystem {
    public init() {}

    public func info(at folder: Int32, _ name: String, followingLinks: Bool) -> FileInfo? {
        var st = stat()
        return fstatat(folder, name, &st, followingLinks ? 0 : AT_SYMLINK_NOFOLLOW) == 0 ? FileInfo(st) : nil
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

    public func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func open(at folder: Int32, _ name: String, flags: Int32, mode: mode_t) throws(Errno) -> Int32 {
        while true {
            let fd = openat(folder, name, flags, mode)
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

    public func setOwner(_ descriptor: Int32, user: uid_t, group: gid_t) throws(Errno) {
        if fchown(descriptor, user, group) != 0 { throw Errno(errno) }
    }

    public func sync(_ descriptor: Int32) throws(Errno) {
        if fsync(descriptor) != 0 { throw Errno(errno) }
    }

    public func close(_ descriptor: Int32) throws(Errno) {
        if Glibc.close(descriptor) != 0 { throw Errno(errno) }
    }

    public func lock(_ descriptor: Int32) throws(Errno) {
        // Bounded: anyone who can read the folder can lock it, and an editor must still quit.
        for _ in 0..<500 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
            if errno != EWOULDBLOCK && errno != EINTR { throw Errno(errno) }
            usleep(10_000)
        }
        throw Errno(EWOULDBLOCK)
    }

    public func rename(at folder: Int32, _ from: String, to: String) throws(Errno) {
        if renameat(folder, from, folder, to) != 0 { throw Errno(errno) }
    }

    public func remove(at folder: Int32, _ name: String) { unlinkat(folder, name, 0) }

    public func processIsRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    public func list(_ folder: Int32, startingWith prefix: String) -> [String] {
        let copy = dup(folder)
        guard copy >= 0 else { return [] }
        guard let d = fdopendir(copy) else {
            Glibc.close(copy)
            return []
        }
        defer { closedir(d) }
        rewinddir(d)
        var out: [String] = []
        let length = prefix.utf8.count
        while let e = readdir(d) {
            // strncmp, not memcmp: it stops at the name's NUL, never reading past a short entry.
            guard length == 0 || strncmp(entryNameField(e), prefix, length) == 0 else { continue }
            let name = entryName(e)
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }
}

extension FileSystem {
    /// All the names in an open folder.
    public func list(_ folder: Int32) -> [String] { list(folder, startingWith: "") }
}

/// A directory entry's name, read where it lies: `e.pointee.d_name` would copy all 256 bytes
/// of the field, past the end of a short entry at the end of the kernel's buffer.
public func entryName(_ e: UnsafeMutablePointer<dirent>) -> String {
    String(cString: entryNameField(e))
}

/// Where a directory entry's NUL-terminated name lies.
func entryNameField(_ e: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
    UnsafeRawPointer(e).advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self)
}
