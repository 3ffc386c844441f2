import Dispatch
import Glibc

/// Time for storage: a monotonic clock to pace autosaves, a timer to run them later, and the
/// wall clock to name set-aside files. Injected, so tests drive time by hand.
public protocol StorageClock: Sendable {
    /// Monotonic nanoseconds.
    func now() -> UInt64
    /// Runs `work` once, `nanoseconds` from now, on some other thread (or when a test says).
    func after(_ nanoseconds: UInt64, _ work: @escaping @Sendable () -> Void)
    /// Seconds since the epoch.
    func wallSeconds() -> Int
}

/// The real clock, with a private serial queue for the timers.
public final class SystemClock: StorageClock {
    private let queue = DispatchQueue(label: "cjm.storage.clock")
    /// One for the whole process: its queue only runs timers.
    public static let shared = SystemClock()
    public init() {}
    public func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    public func after(_ nanoseconds: UInt64, _ work: @escaping @Sendable () -> Void) {
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(min(nanoseconds, UInt64(Int.max)))), execute: work)
    }
    public func wallSeconds() -> Int { time(nil) }
}
