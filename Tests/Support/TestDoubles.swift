import CJMStorage
import Glibc
import Synchronization

/// The real file system, except for the faults a test arms on this instance: the next write
/// of a file stops half-way with an errno, a sync or a rename fails. Each fault fires once.
/// It also records the calls that make a save durable, so a test can check their order.
public final class FaultyFileSystem: FileSystem {
    struct Plan {
        var write: Int32?
        var sync: Int32?
        var rename: Int32?
        var log: [String] = []
        /// Calls that change the disk still allowed before the process "dies"; nil: no limit.
        var lifeLeft: Int?
    }
    let real = PosixFileSystem()
    let plan = Mutex(Plan())

    public init(othersAreGone: Bool = false) { self.othersAreGone = othersAreGone }

    public func failNextWrite(_ code: Int32) { plan.withLock { $0.write = code } }
    /// Runs `body` once, in the middle of the next write (as if the user typed meanwhile).
    public func duringNextWrite(_ body: @escaping @Sendable () -> Void) { during.withLock { $0 = body } }
    let during = Mutex<(@Sendable () -> Void)?>(nil)
    public func failNextSync(_ code: Int32) { plan.withLock { $0.sync = code } }
    public func failNextRename(_ code: Int32) { plan.withLock { $0.rename = code } }
    /// After `calls` more calls that change the disk (create, write, sync, rename, remove),
    /// nothing more reaches it, as if the process were killed there: changes fail with EIO
    /// and removals do nothing (a killed process tidies nothing up).
    public func dieAfter(calls: Int) { plan.withLock { $0.lifeLeft = calls } }
    /// Whether `dieAfter` has struck.
    public var died: Bool { plan.withLock { $0.lifeLeft == 0 } }
    /// Every other process counts as gone (their temporary files are leftovers).
    public let othersAreGone: Bool

    /// True while the disk still takes changes.
    func alive() -> Bool {
        plan.withLock { p in
            guard let left = p.lifeLeft else { return true }
            if left == 0 { return false }
            p.lifeLeft = left - 1
            return true
        }
    }
    /// `sync NAME`, `rename FROM → TO`, `close NAME` by base name, in order.
    public var log: [String] { plan.withLock { $0.log } }

    let names = Mutex<[Int32: String]>([:])
    func name(_ fd: Int32) -> String { names.withLock { $0[fd] } ?? "?" }

    public func info(at folder: Int32, _ name: String, followingLinks: Bool) -> FileInfo? {
        real.info(at: folder, name, followingLinks: followingLinks)
    }
    public func info(descriptor: Int32) throws(Errno) -> FileInfo { try real.info(descriptor: descriptor) }
    public func isWritable(_ path: String) -> Bool { real.isWritable(path) }
    public func realPath(_ path: String) -> String? { real.realPath(path) }
    public func readLink(_ path: String) -> String? { real.readLink(path) }
    public func open(at folder: Int32, _ name: String, flags: Int32, mode: mode_t) throws(Errno) -> Int32 {
        if flags & O_CREAT != 0, !alive() { throw Errno(EIO) }
        let fd = try real.open(at: folder, name, flags: flags, mode: mode)
        names.withLock { $0[fd] = AtomicFile.baseName(of: name) }
        return fd
    }
    public func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        let n = try real.read(descriptor, into: buffer)
        bytesReadSoFar.add(n, ordering: .relaxed)
        return n
    }
    let bytesReadSoFar = Atomic<Int>(0)
    /// How many bytes all reads through this instance returned.
    public var bytesRead: Int { bytesReadSoFar.load(ordering: .relaxed) }
    public func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        if let body = during.withLock({ b -> (@Sendable () -> Void)? in
            defer { b = nil }
            return b
        }) {
            body()
        }
        guard alive() else { throw Errno(EIO) }
        guard
            let code = plan.withLock({ p -> Int32? in
                defer { p.write = nil }
                return p.write
            })
        else { return try real.write(descriptor, bytes) }
        // Half the bytes reach the disk, then the disk is full.
        _ = try real.write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count / 2)]))
        throw Errno(code)
    }
    public func setMode(_ descriptor: Int32, _ mode: mode_t) throws(Errno) { try real.setMode(descriptor, mode) }
    public func setOwner(_ descriptor: Int32, user: uid_t, group: gid_t) throws(Errno) {
        try real.setOwner(descriptor, user: user, group: group)
    }
    public func lock(_ descriptor: Int32) throws(Errno) { try real.lock(descriptor) }
    public func list(_ folder: Int32, startingWith prefix: String) -> [String] { real.list(folder, startingWith: prefix) }
    public func processIsRunning(_ pid: Int32) -> Bool { othersAreGone ? false : real.processIsRunning(pid) }
    public func sync(_ descriptor: Int32) throws(Errno) {
        guard alive() else { throw Errno(EIO) }
        let n = name(descriptor)
        let code = plan.withLock { p -> Int32? in
            defer { p.sync = nil }
            if p.sync == nil { p.log.append("sync \(n)") }
            return p.sync
        }
        if let code { throw Errno(code) }
        try real.sync(descriptor)
    }
    public func close(_ descriptor: Int32) throws(Errno) {
        let n = name(descriptor)
        plan.withLock { $0.log.append("close \(n)") }
        try real.close(descriptor)
    }
    public func rename(at folder: Int32, _ from: String, to: String) throws(Errno) {
        guard alive() else { throw Errno(EIO) }
        let code = plan.withLock { p -> Int32? in
            defer { p.rename = nil }
            if p.rename == nil { p.log.append("rename \(AtomicFile.baseName(of: from)) → \(AtomicFile.baseName(of: to))") }
            return p.rename
        }
        if let code { throw Errno(code) }
        try real.rename(at: folder, from, to: to)
    }
    public func remove(at folder: Int32, _ name: String) {
        if alive() { real.remove(at: folder, name) }
    }
}

/// A clock that moves only when the test says: timers run on the test's own thread, in order,
/// during `advance`. No sleeps, no races.
public final class ManualClock: StorageClock {
    struct Timer {
        var due: UInt64
        var order: Int
        var work: @Sendable () -> Void
    }
    struct State {
        var now: UInt64 = 1_000_000_000
        var timers: [Timer] = []
        var made = 0
    }
    let state = Mutex(State())

    public init() {}

    public func now() -> UInt64 { state.withLock { $0.now } }
    public func wallSeconds() -> Int { 1_800_000_000 + Int(now() / 1_000_000_000) }
    public func after(_ nanoseconds: UInt64, _ work: @escaping @Sendable () -> Void) {
        state.withLock { s in
            s.timers.append(Timer(due: s.now + nanoseconds, order: s.made, work: work))
            s.made += 1
        }
    }
    public var pendingTimers: Int { state.withLock { $0.timers.count } }

    /// Moves time on by `seconds`, running every timer that falls due, earliest first.
    public func advance(by seconds: Double) {
        let target = state.withLock { $0.now } + UInt64((seconds * 1e9).rounded())
        while let timer = state.withLock({ s -> Timer? in
            guard
                let i = s.timers.indices.filter({ s.timers[$0].due <= target })
                    .min(by: { (s.timers[$0].due, s.timers[$0].order) < (s.timers[$1].due, s.timers[$1].order) })
            else { return nil }
            let t = s.timers.remove(at: i)
            s.now = max(s.now, t.due)
            return t
        }) {
            timer.work()
        }
        state.withLock { $0.now = target }
    }
}
