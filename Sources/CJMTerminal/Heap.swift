import CNcursesw

/// Opening a map makes its strings by the ten thousand: the heap grows by 16 MiB at a time
/// rather than glibc's 128 KiB, which took an sbrk per step and a quarter of opening a large
/// map. Only pages written to are memory the map uses. Called before the map is read.
public func growHeapInLargeSteps() {
    _ = mallopt(M_TOP_PAD, 16 << 20)
}
