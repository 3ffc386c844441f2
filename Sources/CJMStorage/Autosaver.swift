import CJMCore
import Glibc
import Synchronization

/// What the top bar says about the file.
public enum SaveState: Equatable, Sendable {
    case saved
    case unsaved
    /// Why, in words of either language (see `EditorView.saveProblem`).
    case failed(Words)
    case readOnly(Words)
}

/// Saves in the background after changes. Bursts coalesce: at most one write per
/// `interval` while someone types. `changed` only records the latest snapshot (a copy of
/// a value type), so the caller is never blocked by encoding or disk I/O; `flush` writes
/// whatever is pending before a normal exit.
public final class Autosaver: Sendable {
    struct Pending: Sendable {
        var workspace: Workspace
        var history: History
    }

    struct State: Sendable {
        var pending: Pending?
        var scheduled = false
        var writing = false
        var lastWrite: UInt64 = 0
        var state: SaveState
        var writes = 0
        /// The map file as we last read or wrote it; nil when unknown (no check).
        var onDisk: OnDisk?
        /// The document those bytes hold: the base when another program's version is merged in.
        var base: Workspace?
        /// A version on disk that is not a map (git's conflict markers, say), not read again.
        var unreadable: FileStamp?
        /// A version whose merge the editor could not take in (`decline`): not merged again
        /// by the periodic look until our document or the file changes.
        var declined: FileStamp?
        /// The last look found the file gone or not a map: the document is on disk no more.
        var lost = false
    }

    /// Another program's version of the file, merged with ours (see `mergeFromDisk`).
    public struct Incoming: Sendable {
        public var merged: Merge.Result
        /// How many changes the other version made since the base.
        public var changes: Int
        /// The other version, and its file as read: the new base once the merge is taken in.
        public let theirs: Workspace
        let onDisk: OnDisk
    }

    public let path: String
    let interval: UInt64
    let quietDelay: UInt64
    let fs: any FileSystem
    let clock: any StorageClock
    private let state: Mutex<State>
    /// One write at a time: a timer's and a flush's never overlap.
    private let writeGate = Gate()

    /// - Parameters:
    ///   - interval: the least time between two writes while changes keep coming.
    ///   - quietDelay: how long to wait after a lone change before writing, to catch a burst.
    ///   - onDisk: the file as it was read; a save refuses to overwrite a file another program
    ///     changed since (as vim does), until `flush(overwrite: true)`. The check and the
    ///     rename happen under one lock, so two editors saving at once cannot both win.
    ///   - clock: paces and runs the writes; tests pass one they advance by hand.
    public init(
        path: String, readOnlyReason: Words? = nil, onDisk: OnDisk? = nil, base: Workspace? = nil, interval: Double = 1.0,
        quietDelay: Double = 0.05,
        fs: any FileSystem = PosixFileSystem(), clock: any StorageClock = SystemClock.shared
    ) {
        self.path = path
        self.fs = fs
        self.clock = clock
        self.interval = UInt64(interval * 1e9)
        self.quietDelay = UInt64(quietDelay * 1e9)
        state = Mutex(State(state: readOnlyReason.map { .readOnly($0) } ?? .saved, onDisk: onDisk, base: base))
    }

    /// What a save says when another program changed the file: the view adds the keys.
    public static let changedOnDisk = Words(.fileChangedOnDisk)

    public var saveState: SaveState { state.withLock { $0.state } }
    public var writeCount: Int { state.withLock { $0.writes } }

    /// Records the document after a change and schedules a write.
    public func changed(_ workspace: Workspace, history: History) {
        let delay: UInt64? = state.withLock { s in
            // Another document: a merge declined with the last one may fit this one.
            s.declined = nil
            if case .readOnly = s.state { return nil }
            s.pending = Pending(workspace: workspace, history: history)
            if case .failed = s.state {} else { s.state = .unsaved }
            if s.scheduled || s.writing { return nil }
            s.scheduled = true
            let now = clock.now()
            let earliest = s.lastWrite == 0 ? now : s.lastWrite + interval
            return max(earliest > now ? earliest - now : 0, quietDelay)
        }
        if let delay { schedule(delay) }
    }

    private func schedule(_ delay: UInt64) {
        clock.after(delay) { [self] in
            state.withLock { $0.scheduled = false }
            writePending()
        }
    }

    /// Writes what is pending now and waits for it. Returns the error of the last attempt.
    /// With `overwrite`, replaces the file even if another program changed it.
    @discardableResult
    public func flush(overwrite: Bool = false) -> SaveState {
        writePending(overwrite: overwrite)
        return saveState
    }

    /// When another program (a `git pull`, a second cjm) changed the file since we last read or
    /// wrote it: its version merged with `current` over the version both started from. Nil
    /// when the file is as we left it, or cannot be read as a map just now (a save then says
    /// why). Runs between writes, never during one; a save still checks the file under its lock.
    /// Nothing changes here until the caller takes the merge in and says so with `accept`.
    /// Without `waiting`, a write under way makes it return nil at once instead of waiting.
    public func mergeFromDisk(_ current: Workspace, waiting: Bool = true) -> Incoming? {
        let look = { [self] () -> Incoming? in
            guard
                let (known, base, unreadable, declined) = state.withLock({ s in
                    s.onDisk.flatMap { d in s.base.map { (d, $0, s.unreadable, s.declined) } }
                })
            else { return nil }
            guard let info = fs.info(path, followingLinks: true) else {
                state.withLock { $0.lost = true }
                return nil
            }
            let stamp = FileStamp(info: info)
            guard stamp != known.stamp, stamp != unreadable, waiting || stamp != declined else { return nil }
            // Read as a map is opened, a piece at a time: a large map is never held twice over.
            let theirs: Workspace
            let now: OnDisk
            do {
                let (ws, print, read) = try MapStore.load(path, shownAs: path, fs: fs)
                (theirs, now) = (ws, OnDisk(stamp: FileStamp(info: read), fingerprint: print))
            } catch {
                // Not a map (or not readable just now): nothing to merge. A save then refuses to
                // overwrite it, and says so.
                state.withLock {
                    $0.unreadable = fs.info(path, followingLinks: true).map(FileStamp.init)
                    $0.lost = true
                }
                return nil
            }
            if now.fingerprint == known.fingerprint {
                // The same bytes written again (another editor saving what we hold): no news,
                // and a save it refused may go ahead now.
                let retry = state.withLock { s -> Bool in
                    s.onDisk = now
                    guard case .failed(let why) = s.state, why == Autosaver.changedOnDisk else { return false }
                    s.state = Autosaver.settled(s)
                    guard s.pending != nil, !s.scheduled else { return false }
                    s.scheduled = true
                    return true
                }
                if retry { schedule(quietDelay) }
                return nil
            }
            let merged = Merge.workspaces(base: base, ours: current, theirs: theirs)
            return Incoming(
                merged: merged, changes: Diff.lines(from: base, to: theirs, .en).count, theirs: theirs, onDisk: now)
        }
        // The editor's look a few times a second skips a beat rather than wait for a write
        // (a large map takes a while): it looks again soon. Quitting and Ctrl-S wait.
        return waiting ? writeGate.withLock(look) : writeGate.withTry(look) ?? nil
    }

    /// Whether the last look found the file gone or no longer a map while nothing said so yet
    /// (the state still saved or unsaved): the caller then hands the document over again, so
    /// that its save fails and says why, and quitting asks instead of leaving without the map.
    /// True once per loss.
    public func takeLoss() -> Bool {
        state.withLock { s in
            defer { s.lost = false }
            switch s.state {
            case .saved, .unsaved: return s.lost
            default: return false
            }
        }
    }

    /// The caller took the merge in: the other version is the base from now on, and what was
    /// waiting to be written (older than the merge) is dropped; pass the merge to `changed`.
    /// Until this is called, a save still refuses to overwrite the other version.
    public func accept(_ incoming: Incoming) {
        state.withLock { s in
            s.onDisk = incoming.onDisk
            s.base = incoming.theirs
            s.pending = nil
            s.state = Autosaver.settled(s)
        }
    }

    /// The caller could not take the merge in: the periodic look does not read and merge that
    /// version again until our document changes (`changed`) or the file does. A look that waits
    /// (a save asked for, quitting) merges it again, so that it is said again before anything
    /// overwrites it; a save still refuses to overwrite it on its own.
    public func decline(_ incoming: Incoming) {
        state.withLock { $0.declined = incoming.onDisk.stamp }
    }

    /// The save state once another program's version is no longer in the way: read-only and
    /// other failures stay; else saved, or unsaved while a snapshot waits.
    private static func settled(_ s: State) -> SaveState {
        switch s.state {
        case .readOnly: return s.state
        case .failed(let why) where why != changedOnDisk: return s.state
        default: return s.pending == nil ? .saved : .unsaved
        }
    }

    /// Takes the pending snapshot and writes it (on the clock's thread, or the flushing caller's).
    private func writePending(overwrite: Bool = false) {
        let again = writeGate.withLock { write(overwrite: overwrite) }
        if again { schedule(interval) }
    }

    /// Writes the pending snapshot; true when another change came in meanwhile and needs a write.
    private func write(overwrite: Bool) -> Bool {
        guard
            let p = state.withLock({ s -> Pending? in
                guard let p = s.pending else { return nil }
                s.pending = nil
                s.writing = true
                return p
            })
        else { return false }
        var result: SaveState = .saved
        let expected = overwrite ? nil : state.withLock { $0.onDisk }
        var written: OnDisk?
        do {
            written = try MapStore.save(p.workspace, history: p.history, to: path, expecting: expected, fs: fs)
        } catch {
            result = .failed(error.words)
            // The map was replaced though its history was not: expect our own map next time.
            written = error.savedMap
        }
        return state.withLock { s in
            if let written {
                s.onDisk = written
                s.base = p.workspace
            }
            s.writing = false
            s.lastWrite = clock.now()
            s.writes += 1
            if case .failed = result {
                // Keep the document to try again with the next change or flush.
                if s.pending == nil { s.pending = p }
                s.state = result
                return false
            }
            s.state = s.pending == nil ? .saved : .unsaved
            guard s.pending != nil && !s.scheduled else { return false }
            s.scheduled = true
            return true
        }
    }
}

/// A lock that can also be tried: one writer at a time, and a look at the file that need not wait.
final class Gate: Sendable {
    private let held = Atomic<Bool>(false)

    func tryLock() -> Bool { held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        // Writes take milliseconds; a short sleep between tries costs nothing next to them.
        while !tryLock() { usleep(100) }
        defer { held.store(false, ordering: .releasing) }
        return try body()
    }

    /// Runs `body` if the lock is free now, else nil.
    func withTry<T>(_ body: () throws -> T) rethrows -> T? {
        guard tryLock() else { return nil }
        defer { held.store(false, ordering: .releasing) }
        return try body()
    }
}
