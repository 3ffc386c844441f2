import CJMCore
import Glibc

/// A workspace as opened from disk: the document, its history, and what the user must be told.
public struct OpenedMap: Sendable {
    public var path: String
    public var workspace: Workspace
    public var history: History
    /// The fingerprint of the bytes on disk, which the saved history refers to.
    public var fingerprint: String
    /// Why the map cannot be saved, when it cannot (nil when it can).
    public var readOnlyReason: String?
    /// Things the user should know: a history set aside, a file created.
    public var notices: [String]
    public var created: Bool
    /// The file as it was read, to notice when another program writes it meanwhile.
    public var stamp: FileStamp?
}

/// Opens and saves map files with their history files beside them.
public enum MapStore {
    /// The history of `dir/name.json` lives in `dir/.name.json.history`, out of the way of
    /// sharing and git (add `.*.history` to .gitignore).
    public static func historyPath(for path: String, fs: any FileSystem = PosixFileSystem()) -> String {
        let real = AtomicFile.resolved(path, fs: fs)
        let dir = AtomicFile.folder(of: real)
        return dir + "/." + AtomicFile.baseName(of: real) + ".history"
    }

    /// Opens `path`. When it does not exist and `template` is given, creates it from the template.
    public static func open(
        _ path: String, creatingFrom template: Workspace? = nil, fs: any FileSystem = PosixFileSystem(),
        clock: any StorageClock = SystemClock.shared
    ) throws(CJMFileError) -> OpenedMap {
        let dir = AtomicFile.folder(of: path)
        guard AtomicFile.isDirectory(dir, fs: fs) else {
            throw CJMFileError(path: path, message: "the folder \(dir) does not exist")
        }
        if !AtomicFile.exists(path, fs: fs) {
            guard let template else { throw CJMFileError(path: path, message: "no such file") }
            if let reason = AtomicFile.readOnlyReason(path, fs: fs) {
                throw CJMFileError(path: path, message: "cannot create the map: \(reason)")
            }
            let bytes = MapCodec.encode(template)
            try AtomicFile.write(bytes, to: path, fs: fs)
            return OpenedMap(
                path: path, workspace: template, history: History(), fingerprint: fingerprint(bytes), readOnlyReason: nil,
                notices: ["created \(path)"], created: true, stamp: FileStamp.of(path, fs: fs))
        }
        let stamp = FileStamp.of(path, fs: fs)
        let bytes = try AtomicFile.read(path, fs: fs)
        let workspace: Workspace
        do {
            workspace = try MapCodec.decode(bytes)
        } catch {
            throw CJMFileError(path: path, message: error.message)
        }
        let fp = fingerprint(bytes)
        var opened = OpenedMap(
            path: path, workspace: workspace, history: History(), fingerprint: fp,
            readOnlyReason: AtomicFile.readOnlyReason(path, fs: fs),
            notices: [], created: false, stamp: stamp)
        loadHistory(into: &opened, fs: fs, clock: clock)
        return opened
    }

    /// Reads the history beside the map. A history that belongs to other bytes (the map was
    /// changed outside cjm) or cannot be read is set aside under a new name, never applied.
    static func loadHistory(into opened: inout OpenedMap, fs: any FileSystem, clock: any StorageClock) {
        let hpath = historyPath(for: opened.path, fs: fs)
        guard AtomicFile.exists(hpath, fs: fs) else { return }
        let problem: String
        do {
            let (history, fp) = try HistoryCodec.decode(try AtomicFile.read(hpath, fs: fs), firstMap: opened.workspace.maps[0].id)
            if fp == opened.fingerprint {
                do {
                    try history.check(against: opened.workspace)
                    opened.history = history
                    return
                } catch {
                    problem = "does not fit the map (\(error.message))"
                }
            } else {
                problem = "belongs to another version of the map (it was changed outside cjm)"
            }
        } catch let e as CJMFileError {
            problem = "could not be read (\(e.message))"
        } catch let e as MapFormatError {
            problem = "could not be read (\(e.message))"
        } catch {
            problem = "could not be read"
        }
        guard opened.readOnlyReason == nil else {
            opened.notices.append("undo history \(hpath) \(problem); not used")
            return
        }
        let aside = hpath + ".set-aside-" + timestamp(clock.wallSeconds())
        do {
            try fs.rename(hpath, to: aside)
            opened.notices.append("undo history \(problem); kept as \(aside), starting a new one")
        } catch {
            opened.notices.append("undo history \(hpath) \(problem); not used")
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

    /// Saves the map, then its history, each atomically. Returns the new fingerprint.
    @discardableResult
    public static func save(
        _ workspace: Workspace, history: History, to path: String, fs: any FileSystem = PosixFileSystem()
    ) throws(CJMFileError) -> String {
        let bytes = MapCodec.encode(workspace)
        try AtomicFile.write(bytes, to: path, fs: fs)
        let fp = fingerprint(bytes)
        try AtomicFile.write(HistoryCodec.encode(history, documentFingerprint: fp), to: historyPath(for: path, fs: fs), fs: fs)
        return fp
    }
}
