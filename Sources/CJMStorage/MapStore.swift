import CJMCore
import Dispatch
import Glibc

/// A workspace as opened from disk: the document, its history, and what the user must be told.
public struct OpenedMap: Sendable {
    public var path: String
    public var workspace: Workspace
    public var history: History
    /// The fingerprint of the bytes on disk, which the saved history refers to.
    public var fingerprint: String
    /// Why the map cannot be saved, when it cannot (nil when it can).
    public var readOnlyReason: Words?
    /// Things the user should know: a history set aside, a file created.
    /// Said once when the editor opens: shown in the interface language.
    public var notices: [Words]
    public var created: Bool
    /// The file as it was read, to notice when another program writes it meanwhile.
    public var stamp: FileStamp?
    /// What a save expects to find on disk.
    public var onDisk: OnDisk? { stamp.map { OnDisk(stamp: $0, fingerprint: fingerprint) } }
}

/// What a save expects to find on disk: the file as cjm last read or wrote it.
public struct OnDisk: Equatable, Sendable {
    public var stamp: FileStamp
    public var fingerprint: String
    public init(stamp: FileStamp, fingerprint: String) {
        self.stamp = stamp
        self.fingerprint = fingerprint
    }
}

/// Opens and saves map files with their history files beside them.
public enum MapStore {
    /// Files up to this size are also compared by content before a save: two writes within
    /// one tick of the file system's clock can leave the same size and times.
    static let compareContentUpTo = 4 << 20

    /// The history of `dir/name.json` lives in `dir/.name.json.history`, out of the way of
    /// sharing and git (add `.*.history` to .gitignore).
    public static func historyPath(for path: String, fs: any FileSystem = PosixFileSystem()) -> String {
        let real = AtomicFile.resolved(path, fs: fs)
        return AtomicFile.folder(of: real) + "/" + historyName(AtomicFile.baseName(of: real))
    }

    static func historyName(_ mapName: String) -> String { "." + mapName + ".history" }

    /// Reads a map for `show`, `check` and `export`: no history, and nothing is ever written.
    public static func read(_ path: String, fs: any FileSystem = PosixFileSystem()) throws(CJMFileError) -> (
        Workspace, [UInt8]
    ) {
        let bytes = try AtomicFile.read(path, fs: fs)
        do {
            return (try MapCodec.decode(bytes), bytes)
        } catch {
            throw CJMFileError(path: path, .verbatim, .format(error))
        }
    }

    /// Opens `path` for editing. When it does not exist and `template` is given, creates it from the template.
    public static func open(
        _ path: String, creatingFrom makeTemplate: @autoclosure () -> Workspace? = nil,
        fs: any FileSystem = PosixFileSystem(), clock: any StorageClock = SystemClock.shared
    ) throws(CJMFileError) -> OpenedMap {
        let (dir, name) = try AtomicFile.destination(path, followingLinks: true, fs: fs)
        guard AtomicFile.isDirectory(dir, fs: fs) else {
            throw CJMFileError(path: path, .fileNoFolder, .text(dir))
        }
        // The link's target decides what can be written, not the link.
        let real = dir + "/" + name
        if !AtomicFile.exists(path, fs: fs) {
            // Made only now: building a template costs more than a small map's reading.
            guard let template = makeTemplate() else { throw CJMFileError(path: path, .fileNoSuchFile) }
            if let reason = AtomicFile.readOnlyReason(real, fs: fs) {
                throw CJMFileError(path: path, .fileCannotCreate, .words(reason))
            }
            let bytes = MapCodec.encode(template)
            let info = try AtomicFile.replace([Replacement(name: name, bytes: bytes)], in: dir, shownAs: path, fs: fs) {
                folderFD throws(CJMFileError) in
                // Another program may have made it since we looked: never replace that.
                if fs.info(at: folderFD, name, followingLinks: false) != nil {
                    throw CJMFileError(path: path, .fileCreatedMeanwhile)
                }
            }
            return OpenedMap(
                path: path, workspace: template, history: History(), fingerprint: fingerprint(bytes), readOnlyReason: nil,
                notices: [Words(.fileCreated, .text(path))], created: true, stamp: info.map { FileStamp(info: $0) })
        }
        // Read under the folder's lock, so that no save of another editor is half-way (its map
        // renamed, its history not yet) while we read both. A folder we cannot open or lock
        // is read without it.
        let folderFD = (try? fs.openFolder(dir)) ?? AT_FDCWD
        defer { if folderFD != AT_FDCWD { try? fs.close(folderFD) } }
        if folderFD != AT_FDCWD { try? fs.lock(folderFD) }
        let file = folderFD == AT_FDCWD ? real : name
        let (workspace, print, info) = try load(file, at: folderFD, shownAs: path, fs: fs)
        var opened = OpenedMap(
            path: path, workspace: workspace, history: History(), fingerprint: print,
            readOnlyReason: AtomicFile.readOnlyReason(real, fs: fs), notices: [], created: false, stamp: FileStamp(info: info))
        if opened.readOnlyReason == nil {
            opened.notices += ownershipNotices(path, info)
        }
        if folderFD != AT_FDCWD {
            loadHistory(into: &opened, folderFD: folderFD, folder: dir, name: name, fs: fs, clock: clock)
        }
        return opened
    }

    /// What a save cannot keep, said once at open rather than changed silently.
    static func ownershipNotices(_ path: String, _ info: FileInfo) -> [Words] {
        var out: [Words] = []
        let me = getuid()
        if me != 0 {
            if info.owner != me {
                out.append(Words(.fileOtherOwner, .text(path), .number(Int(info.owner))))
            } else if info.group != getegid() && !memberOf(info.group) {
                out.append(Words(.fileOtherGroup, .text(path), .number(Int(info.group))))
            }
        }
        if info.links > 1 {
            out.append(Words(.fileHardLinks, .text(path), .number(info.links)))
        }
        return out
    }

    static func memberOf(_ group: gid_t) -> Bool {
        let n = getgroups(0, nil)
        guard n > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(n))
        let m = getgroups(n, &groups)
        return m > 0 && groups[0..<Int(m)].contains(group)
    }

    /// Reads the history beside the map. A history that belongs to other bytes (the map was
    /// changed outside cjm), does not fit the map, or cannot be read is set aside under a new
    /// name, never applied. Before that, what an interrupted save left is tidied: the history
    /// it had written in full is taken when it is the map's, and our temporary files whose
    /// writer is gone are removed.
    static func loadHistory(
        into opened: inout OpenedMap, folderFD: Int32, folder: String, name: String, fs: any FileSystem, clock: any StorageClock
    ) {
        let hname = historyName(name)
        let hpath = folder + "/" + hname
        let firstMap = opened.workspace.maps[0].id
        let workspace = opened.workspace
        let fp = opened.fingerprint
        /// Whether `hfp` is the fingerprint cjm took before XXH64 of the map as it was read:
        /// the map is read again for it, a piece at a time, once (on every open until a save
        /// writes the new fingerprint), and must still be the bytes that were decoded.
        var takenTheOldWay: (now: String, legacy: String)??
        func namesTheMapTheOldWay(_ hfp: String) -> Bool {
            guard Fingerprint.Legacy.names(hfp) else { return false }
            if takenTheOldWay == nil {
                var now = Fingerprint()
                var legacy = Fingerprint.Legacy()
                let read: Void? = try? AtomicFile.reading(name, at: folderFD, fs: fs) { _, read in
                    var piece = [UInt8](repeating: 0, count: 1 << 20)
                    while true {
                        let n = piece.withUnsafeMutableBytes { read($0) }
                        if n <= 0 { break }
                        now.add(piece[..<n])
                        legacy.add(piece[..<n])
                    }
                }
                takenTheOldWay = read.map { (now.value, legacy.value) }
            }
            guard let taken = takenTheOldWay ?? nil else { return false }
            return taken.now == fp && taken.legacy == hfp
        }
        /// The history in `file` when it is the map's and every step fits, else why not.
        func judge(_ file: String) -> Result<History, HistoryProblem> {
            do {
                let (history, hfp) = try HistoryCodec.decode(try AtomicFile.read(file, at: folderFD, fs: fs), firstMap: firstMap)
                guard hfp == fp || namesTheMapTheOldWay(hfp) else {
                    return .failure(HistoryProblem(.historyOtherVersion))
                }
                try history.check(against: workspace)
                return .success(history)
            } catch let e as OperationError {
                return .failure(HistoryProblem(.historyDoesNotFit, .text(e.message)))
            } catch let e as CJMFileError {
                return .failure(HistoryProblem(.historyUnreadable, .words(e.words)))
            } catch let e as MapFormatError {
                return .failure(HistoryProblem(.historyUnreadable, .format(e)))
            } catch {
                return .failure(HistoryProblem(.historyUnreadablePlain))
            }
        }
        let info = fs.info(at: folderFD, hname, followingLinks: false)
        var verdict: Result<History, HistoryProblem>? =
            switch info?.kind {
            case nil: nil
            case .regular?: judge(hname)
            case let kind?: .failure(HistoryProblem(.historyNotAFile, .fileKind(kind)))
            }
        let writable = opened.readOnlyReason == nil
        if writable {
            for temp in leftovers(in: folderFD, of: [name, hname], fs: fs) {
                // A save stopped between renaming the map and its history: the history is whole.
                if case .success? = verdict {
                } else if temp.hasPrefix("." + hname), case .success(let history) = judge(temp),
                    (try? fs.rename(at: folderFD, temp, to: hname)) != nil
                {
                    verdict = .success(history)
                    opened.notices.append(Words(.historyRecovered))
                    continue
                }
                fs.remove(at: folderFD, temp)
            }
        }
        switch verdict {
        case nil: return
        case .success(let history)?: opened.history = history
        case .failure(let problem)?:
            let aside = hname + ".set-aside-" + timestamp(clock.wallSeconds())
            if writable, info?.kind == .regular, (try? fs.rename(at: folderFD, hname, to: aside)) != nil {
                // What happened first: the bottom bar may cut the rest.
                opened.notices.append(
                    Words(.historySetAside, .words(problem.words), .text(folder + "/" + aside)))
            } else {
                opened.notices.append(Words(.historyNotUsed, .text(hpath), .words(problem.words)))
            }
        }
    }

    struct HistoryProblem: Error {
        var words: Words
        init(_ phrase: Phrase, _ parts: Words.Argument...) { words = Words(phrase, arguments: parts) }
    }

    /// Our temporary files for `names` whose writing process has gone: regular files the
    /// user owns, named `.NAME.cjm-tmp-PID-…`.
    static func leftovers(in folderFD: Int32, of names: [String], fs: any FileSystem) -> [String] {
        // Only names that begin with "." are read: a map in a folder of thousands opens as fast.
        fs.list(folderFD, startingWith: ".").filter { entry in
            guard
                let base = names.first(where: { entry.hasPrefix("." + $0 + AtomicFile.tempMarker) }),
                let pid = Int32(entry.dropFirst(base.count + 1 + AtomicFile.tempMarker.count).prefix { $0 != "-" }),
                let info = fs.info(at: folderFD, entry, followingLinks: false), info.kind == .regular, info.owner == getuid()
            else { return false }
            return !fs.processIsRunning(pid)
        }
    }

    /// `20261123T045120Z` for the given second.
    static func timestamp(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        var buf = [CChar](repeating: 0, count: 32)
        let n = strftime(&buf, buf.count, "%Y%m%dT%H%M%SZ", &tmv)
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Saves the map and its history together: both are written in full first, then renamed
    /// in place under the folder's lock, map first. With `expecting`, the save is a
    /// compare-and-swap: when the map on disk is not the one cjm last read or wrote (another
    /// editor saved meanwhile), nothing is written and the error says so (`isConflict`).
    /// Returns what is now on disk.
    @discardableResult
    public static func save(
        _ workspace: Workspace, history: History, to path: String, expecting: OnDisk? = nil,
        fs: any FileSystem = PosixFileSystem()
    ) throws(CJMFileError) -> OnDisk? {
        let (dir, name) = try AtomicFile.destination(path, followingLinks: true, fs: fs)
        // The map is written as it is encoded, a piece at a time, so that a large map's text
        // is never held whole; its fingerprint, which the history names, is known once it is.
        let taken = FingerprintTaken()
        let map = Replacement(name: name) { put throws(Errno) in
            var failed: Errno?
            withoutActuallyEscaping(put) { put in
                MapCodec.encode(workspace) { piece in
                    guard failed == nil else { return }
                    taken.fingerprint.add(piece)
                    do throws(Errno) { try put(piece) } catch { failed = error }
                    // An autosave of a large map keeps a core busy for tens of ms. On a small
                    // machine the editor's next key, or the terminal showing its answer, can be
                    // queued behind it until the scheduler's next tick (seen: 2-8 ms at 19 MB);
                    // offering the core after each 64 KiB piece bounds that wait to a piece.
                    sched_yield()
                }
            }
            if let failed { throw failed }
            taken.complete = true
        }
        // The history holds the map's text: it never gets a wider mode than the map.
        let mapMode = fs.info(path, followingLinks: true)?.mode
        let historyFile = Replacement(name: historyName(name), mode: mapMode) { put throws(Errno) in
            // AtomicFile.replace writes the files in order: the map, whose fingerprint this names, first.
            precondition(taken.complete, "the history is written before its map")
            try put(HistoryCodec.encode(history, documentFingerprint: taken.fingerprint.value)[...])
        }
        let info: FileInfo?
        do {
            info = try replaceBoth([map, historyFile], dir, path, expecting, fs)
        } catch {
            var e = error
            e.savedMap = error.replaced.map { OnDisk(stamp: FileStamp(info: $0), fingerprint: taken.fingerprint.value) }
            throw e
        }
        return info.map { OnDisk(stamp: FileStamp(info: $0), fingerprint: taken.fingerprint.value) }
    }

    /// The making of each lane's cells into Strings (a third of opening a map), done on the
    /// other core while the reader goes on. One serial queue: parts are made in the order
    /// given, and its state is touched only on it.
    final class Helper: CellMaker, @unchecked Sendable {
        private let queue = DispatchQueue(label: "cjm.open")
        private var made = MadeCells()
        /// At most two parts (of about 256 KiB) wait their turn.
        private let room = DispatchSemaphore(value: 2)

        func add(_ part: CellBytes) {
            room.wait()
            queue.async {
                self.made.add(part)
                self.room.signal()
            }
        }

        /// Waits for the parts given so far.
        func lanes() -> [[StageID: String]?] { queue.sync { made.lanes } }
    }

    /// Reads and decodes a map file, with its fingerprint and what the file was. A file as cjm
    /// writes it is read in one pass, a piece at a time, never held whole; any other is read
    /// whole, and the slow way says what is wrong with it (the error names `shownAs`).
    static func load(_ file: String, at folderFD: Int32 = AT_FDCWD, shownAs path: String, fs: any FileSystem)
        throws(CJMFileError) -> (Workspace, fingerprint: String, FileInfo)
    {
        let helper = Helper()
        // Taken on the reader's thread, from the buffer as it is filled: XXH64 costs less
        // than copying the piece for the other core.
        var print = Fingerprint()
        let (read, info) = try AtomicFile.reading(file, at: folderFD, fs: fs) { info, read in
            let ws = MapCodec.decodeInOnePass(make: helper) { buffer in
                let n = read(buffer)
                print.add(UnsafeRawBufferPointer(rebasing: buffer[..<max(0, n)]))
                return n
            }
            return (ws, info)
        }
        if let read { return (read, print.value, info) }
        let (bytes, whole) = try AtomicFile.readWithInfo(file, at: folderFD, fs: fs)
        do {
            return (try MapCodec.decode(bytes), fingerprint(bytes), whole)
        } catch {
            throw CJMFileError(path: path, .verbatim, .format(error))
        }
    }

    /// Writes `workspace` to a new file beside `path` (`NAME.rescued.json`, or `-2`, `-3`… when
    /// taken), never over an existing one, for work that could not be saved when the editor had
    /// to stop (a signal, a closed terminal). The path written, or nil when none could be.
    public static func rescue(_ workspace: Workspace, beside path: String, fs: any FileSystem = PosixFileSystem())
        -> String?
    {
        guard let (dir, name) = try? AtomicFile.destination(path, followingLinks: true, fs: fs) else { return nil }
        let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        let bytes = MapCodec.encode(workspace)
        for n in 1...20 {
            let rescueName = stem + ".rescued" + (n == 1 ? "" : "-\(n)") + ".json"
            let shown = dir + "/" + rescueName
            do {
                _ = try AtomicFile.replace([Replacement(name: rescueName, bytes: bytes)], in: dir, shownAs: shown, fs: fs) {
                    folderFD throws(CJMFileError) in
                    if fs.info(at: folderFD, rescueName, followingLinks: false) != nil {
                        throw CJMFileError(path: shown, .fileCreatedMeanwhile)
                    }
                }
                return shown
            } catch {
                if fs.info(dir + "/" + rescueName, followingLinks: false) == nil { return nil }
            }
        }
        return nil
    }

    /// The map's fingerprint as its pieces are written.
    private final class FingerprintTaken {
        var fingerprint = Fingerprint()
        var complete = false
    }

    /// The map and its history renamed into place, after the compare-and-swap check.
    static func replaceBoth(
        _ files: [Replacement], _ dir: String, _ path: String, _ expecting: OnDisk?, _ fs: any FileSystem
    ) throws(CJMFileError) -> FileInfo? {
        let name = files[0].name
        return try AtomicFile.replace(files, in: dir, shownAs: path, fs: fs) { folderFD throws(CJMFileError) in
            guard let expecting else { return }
            let now = fs.info(at: folderFD, name, followingLinks: false)
            var same = now.map { FileStamp(info: $0) } == expecting.stamp
            if same, let now, now.size <= compareContentUpTo {
                same = (try? AtomicFile.read(name, at: folderFD, fs: fs)).map(fingerprint) == expecting.fingerprint
            }
            if !same {
                var conflict = CJMFileError(path: path, .fileChangedOnDisk)
                conflict.isConflict = true
                throw conflict
            }
        }
    }
}
