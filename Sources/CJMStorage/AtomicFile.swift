import CJMCore
import Glibc

/// A problem with a file, naming the file.
public struct CJMFileError: SaidError, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// What is wrong, worded when it is shown.
    public var words: Words
    /// The message in English.
    public var message: String { words.text(.en) }
    /// The file changed on disk since it was read: a save refused rather than lose that change.
    public var isConflict = false
    /// Set when the first file of a save was replaced but a later one was not: what it now is.
    var replaced: FileInfo?
    /// The same for a map whose history could not be saved: the map cjm itself just wrote,
    /// so the next save does not take it for another program's.
    public var savedMap: OnDisk?
    /// An error with text of its own (no words in the table for it).
    public init(path: String, message: String, isConflict: Bool = false) {
        self.init(path: path, Words(.verbatim, .text(message)))
        self.isConflict = isConflict
    }
    public init(path: String, _ phrase: Phrase, _ parts: Words.Argument...) {
        self.init(path: path, Words(phrase, arguments: parts))
    }
    public init(path: String, _ words: Words) {
        self.path = path
        self.words = words
    }
    public var description: String { description(.en) }
    public func description(_ t: Language) -> String { "\(path): \(words.text(t))" }

    /// The same error whether built from words or from English text.
    public static func == (a: CJMFileError, b: CJMFileError) -> Bool {
        a.path == b.path && a.message == b.message && a.isConflict == b.isConflict && a.replaced == b.replaced
            && a.savedMap == b.savedMap
    }
}

/// What identifies one version of a file on disk: if any of these change, something else
/// wrote the file since we last read or wrote it. The change time is in it because a
/// program can put the modification time back; it cannot put the change time back.
public struct FileStamp: Equatable, Sendable {
    var info: FileInfo
}

/// One file of a save: its name in the folder, its bytes, and the mode it gets when new.
public struct Replacement {
    public var name: String
    /// Hands the file's bytes to `put`, whole or in pieces as they are made.
    public var write: (_ put: (ArraySlice<UInt8>) throws(Errno) -> Void) throws(Errno) -> Void
    /// For a new file; an existing file keeps its own. Nil: 0666 less the umask.
    public var mode: mode_t?

    public init(name: String, bytes: [UInt8], mode: mode_t? = nil) {
        self.init(name: name, mode: mode) { put throws(Errno) in try put(bytes[...]) }
    }

    public init(
        name: String, mode: mode_t? = nil,
        write: @escaping (_ put: (ArraySlice<UInt8>) throws(Errno) -> Void) throws(Errno) -> Void
    ) {
        self.name = name
        self.write = write
        self.mode = mode
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

    /// The largest file cjm reads: far above any real map (a 25-stage map of long text is
    /// about 1 MB), low enough that a wrong file cannot eat the memory.
    public static let maxBytes = 256 << 20

    /// Temporary files are `.NAME.cjm-tmp-PID-RANDOM`, so the next open can tell ours.
    static let tempMarker = ".cjm-tmp-"

    /// The folder and name a save writes, with `target`'s link followed only where
    /// `followingLinks` allows it: the user's own link (link and file owned by the user or
    /// root). A link anywhere else is refused with a message naming it.
    public static func destination(_ target: String, followingLinks: Bool, fs: any FileSystem = PosixFileSystem())
        throws(CJMFileError) -> (folder: String, name: String)
    {
        guard let link = fs.info(target, followingLinks: false), link.kind == .link else {
            return (folder(of: target), baseName(of: target))
        }
        guard followingLinks else {
            throw CJMFileError(path: target, .fileLinkRefused)
        }
        try checkLinkOwners(target, fs: fs)
        guard let real = fs.realPath(target), let file = fs.info(real, followingLinks: false) else {
            throw CJMFileError(path: target, .fileLinkToNothing)
        }
        let me = getuid()
        guard file.owner == me || file.owner == 0 else {
            throw CJMFileError(path: target, .fileLinkOtherOwner, .text(real), .number(Int(file.owner)))
        }
        return (folder(of: real), baseName(of: real))
    }

    /// Refuses `target` when it is a link and any link on the way (not only the first: a link
    /// of another user further on could point anywhere) belongs to someone but the user or root.
    public static func checkLinkOwners(_ target: String, fs: any FileSystem = PosixFileSystem()) throws(CJMFileError) {
        let me = getuid()
        var hop = target
        for _ in 0..<40 {
            guard let info = fs.info(hop, followingLinks: false), info.kind == .link else { return }
            guard info.owner == me || info.owner == 0 else {
                throw CJMFileError(path: target, .fileLinkThrough, .text(hop), .number(Int(info.owner)))
            }
            guard let next = fs.readLink(hop) else { return }
            hop = next.hasPrefix("/") ? next : folder(of: hop) + "/" + next
        }
    }

    /// The mode a file beside the map gets (history, exports): the map's own, never wider.
    public static func mode(of map: String, fs: any FileSystem = PosixFileSystem()) -> mode_t? {
        fs.info(map, followingLinks: true)?.mode
    }

    /// The path a save of `target` writes (its own link followed, see `destination`).
    public static func resolved(_ path: String, fs: any FileSystem = PosixFileSystem()) -> String {
        guard fs.info(path, followingLinks: false)?.kind == .link,
            let (dir, name) = try? destination(path, followingLinks: true, fs: fs)
        else { return path }
        return dir + "/" + name
    }

    /// Reads a whole regular file, up to `limit` bytes. A FIFO, a device or a folder is
    /// refused at once (opened non-blocking, so a FIFO cannot hang it), and a file over the
    /// limit without reading it.
    public static func read(
        _ path: String, at folder: Int32 = AT_FDCWD, limit: Int = maxBytes, fs: any FileSystem = PosixFileSystem()
    ) throws(CJMFileError) -> [UInt8] {
        try readWithInfo(path, at: folder, limit: limit, fs: fs).bytes
    }

    /// `read`, with what the file was when it was read (from the same descriptor).
    public static func readWithInfo(
        _ path: String, at folder: Int32 = AT_FDCWD, limit: Int = maxBytes, fs: any FileSystem = PosixFileSystem()
    ) throws(CJMFileError) -> (bytes: [UInt8], info: FileInfo) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        return try reading(path, at: folder, limit: limit, fs: fs) { info, read in
            out.reserveCapacity(Int(info.size) + 1)
            while case let n = buffer.withUnsafeMutableBytes(read), n > 0 { out.append(contentsOf: buffer[0..<n]) }
            return (out, info)
        }
    }

    /// Opens a regular file as `read` does and hands `body` what it is and a function that
    /// reads its next piece into a buffer and says how much, 0 at the end. A read that
    /// fails, or goes past the limit, ends it too, and is thrown when `body` returns.
    public static func reading<T>(
        _ path: String, at folder: Int32 = AT_FDCWD, limit: Int = maxBytes, fs: any FileSystem = PosixFileSystem(),
        _ body: (FileInfo, _ read: (UnsafeMutableRawBufferPointer) -> Int) -> T
    ) throws(CJMFileError) -> T {
        func failure(_ e: Errno) -> CJMFileError { CJMFileError(path: path, .fileCannotRead, .errno(e)) }
        let fd: Int32
        do { fd = try fs.open(at: folder, path, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, mode: 0) } catch {
            if error.code == ENOENT { throw CJMFileError(path: path, .fileNoSuchFile) }
            throw failure(error)
        }
        defer { try? fs.close(fd) }
        let info: FileInfo
        do { info = try fs.info(descriptor: fd) } catch { throw failure(error) }
        guard info.kind == .regular else { throw CJMFileError(path: path, .fileNotRegular, .fileKind(info.kind)) }
        if info.size > Int64(limit) { throw tooLarge(path, limit) }
        var failed: CJMFileError?
        var total = 0
        let result = body(info) { buffer in
            guard failed == nil else { return 0 }
            let n: Int
            do throws(Errno) { n = try fs.read(fd, into: buffer) } catch {
                failed = failure(error)
                return 0
            }
            total += n
            // The file may grow while we read it.
            if total > limit {
                failed = tooLarge(path, limit)
                return 0
            }
            return n
        }
        if let failed { throw failed }
        return result
    }

    static func tooLarge(_ path: String, _ limit: Int) -> CJMFileError {
        CJMFileError(path: path, .fileTooLarge, .number(limit >> 20))
    }

    /// Why a save to `path` would fail, or nil when it can be written. Files and folders
    /// without write permission count as read-only even for root, as in vim.
    public static func readOnlyReason(_ path: String, fs: any FileSystem = PosixFileSystem()) -> Words? {
        let dir = folder(of: path)
        if let info = fs.info(path, followingLinks: true) {
            if !fs.isWritable(path) || info.mode & 0o222 == 0 { return Words(.fileReadOnly) }
        }
        if let info = fs.info(dir, followingLinks: true), !fs.isWritable(dir) || info.mode & 0o222 == 0 {
            return Words(.folderReadOnly, .text(dir))
        }
        return nil
    }

    /// Replaces `target` with `bytes` atomically (see `replace`). Only a map follows its
    /// user's own link; everything else refuses links.
    public static func write(
        _ bytes: [UInt8], to target: String, mode: mode_t? = nil, followingLinks: Bool = false,
        fs: any FileSystem = PosixFileSystem()
    ) throws(CJMFileError) {
        let (dir, name) = try destination(target, followingLinks: followingLinks, fs: fs)
        _ = try replace([Replacement(name: name, bytes: bytes, mode: mode)], in: dir, shownAs: target, fs: fs)
    }

    /// Replaces files of one folder together: each is written to a temporary file beside it
    /// and flushed to disk, then, under the folder's lock, `check` may refuse (the file
    /// changed meanwhile), and the temporaries are renamed over the files in order. A crash
    /// leaves every file old or new, never torn. Existing files keep their mode, owner and
    /// group (where the user may set them); links and special files are refused, never
    /// written through. Returns what the first file is after the rename.
    public static func replace(
        _ files: [Replacement], in dir: String, shownAs target: String, fs: any FileSystem = PosixFileSystem(),
        check: (_ folder: Int32) throws(CJMFileError) -> Void = { _ throws(CJMFileError) in }
    ) throws(CJMFileError) -> FileInfo? {
        let folderFD: Int32
        do { folderFD = try fs.openFolder(dir) } catch {
            let why: Words.Argument =
                error.code == ENOENT || error.code == ENOTDIR ? .words(Words(.fileNoFolder, .text(dir))) : .errno(error)
            throw CJMFileError(path: target, .fileCannotSave, why)
        }
        // Closing the folder also releases its lock.
        defer { try? fs.close(folderFD) }
        // Whatever is not renamed into place by the end goes, on every way out.
        var temps: [String] = []
        var renamed = 0
        defer { for t in temps[renamed...] { fs.remove(at: folderFD, t) } }
        func unchanged(_ e: Errno) -> CJMFileError {
            CJMFileError(path: target, .fileSaveUnchanged, .errno(e))
        }
        for file in files {
            let existing = fs.info(at: folderFD, file.name, followingLinks: false)
            if let existing, existing.kind != .regular {
                let shown = file.name == baseName(of: target) ? target : dir + "/" + file.name
                throw CJMFileError(path: shown, .fileReplacesOnlyRegular, .fileKind(existing.kind))
            }
            let temp = "." + file.name + tempMarker + "\(getpid())-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
            // An existing file keeps its mode, narrowed to the given one (a history is never
            // more readable than its map).
            let mode = existing.map { e in file.mode.map { e.mode & $0 } ?? e.mode } ?? file.mode
            let fd: Int32
            do {
                fd = try fs.open(
                    at: folderFD, temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode: (mode ?? 0o666) & 0o666
                )
            } catch { throw unchanged(error) }
            temps.append(temp)
            do throws(Errno) {
                try file.write { piece throws(Errno) in
                    var written = 0
                    while written < piece.count {
                        written += try piece.withUnsafeBytes { b in
                            Result { () throws(Errno) in try fs.write(fd, UnsafeRawBufferPointer(rebasing: b[written...])) }
                        }.get()
                    }
                }
                if let existing { keepOwner(fd, existing, fs: fs) }
                if let mode { try fs.setMode(fd, mode) }
                try fs.sync(fd)
            } catch {
                try? fs.close(fd)
                throw unchanged(error)
            }
            do { try fs.close(fd) } catch { throw unchanged(error) }
        }
        do { try fs.lock(folderFD) } catch { throw unchanged(error) }
        try check(folderFD)
        for file in files {
            do { try fs.rename(at: folderFD, temps[renamed], to: file.name) } catch {
                if renamed == 0 { throw unchanged(error) }
                var partial = CJMFileError(
                    path: dir + "/" + file.name, .fileSavePartial, .errno(error), .text(baseName(of: target)))
                partial.replaced = fs.info(at: folderFD, files[0].name, followingLinks: false)
                throw partial
            }
            renamed += 1
        }
        let after = files.first.flatMap { fs.info(at: folderFD, $0.name, followingLinks: false) }
        // Make the renames themselves durable.
        try? fs.sync(folderFD)
        return after
    }

    /// Gives the new file the old one's owner and group where the user may; where not, the
    /// open said so (`MapStore.ownershipNotices`).
    static func keepOwner(_ fd: Int32, _ old: FileInfo, fs: any FileSystem) {
        guard let now = try? fs.info(descriptor: fd), now.owner != old.owner || now.group != old.group else { return }
        if (try? fs.setOwner(fd, user: old.owner, group: old.group)) == nil {
            try? fs.setOwner(fd, user: uid_t.max, group: old.group)
        }
        // fchown clears set-id bits; the caller sets the mode afterwards.
    }
}
