import Glibc
import Testing

@testable import CJMCore
@testable import CJMStorage

/// Files, histories and autosave. Time and faults are this suite's own: a `ManualClock` and a
/// `FaultyFileSystem` per test, so nothing waits on the wall clock and nothing is shared.
@Suite(.temporaryFolders) struct StorageTests {
    /// A folder listed for names that begin with a prefix gives those and only those (a
    /// name shorter than the prefix, the prefix itself, "." and ".." included in the folder).
    @Test func aListingByPrefixGivesOnlyThoseNames() throws {
        let dir = temporaryFolder()
        let names = [".", ".map.json.cjm-tmp-1-a", ".m", "map.json", "Ёлка", ".ёлка", "x.", ".history"]
        for name in names.dropFirst() {
            let fd = open(dir + "/" + name, O_CREAT | O_WRONLY, 0o644)
            #expect(fd >= 0)
            close(fd)
        }
        let folder = open(dir, O_RDONLY | O_DIRECTORY)
        defer { close(folder) }
        let fs = PosixFileSystem()
        #expect(Set(fs.list(folder, startingWith: ".")) == [".map.json.cjm-tmp-1-a", ".m", ".ёлка", ".history"])
        #expect(Set(fs.list(folder, startingWith: ".map.json.")) == [".map.json.cjm-tmp-1-a"])
        #expect(Set(fs.list(folder, startingWith: ".ё")) == [".ёлка"])
        #expect(Set(fs.list(folder)) == Set(names.dropFirst()))
    }

    @Test func createSaveAndReopen() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        let created = try MapStore.open(path, creatingFrom: sampleMap)
        #expect(created.created)
        #expect(readText(path) == String(decoding: MapCodec.encode(sampleMap), as: UTF8.self))
        var s = EditSession(map: created.map)
        try s.perform(Edits.setCell(s.map, lane: s.map.lanes[0].id, stage: s.map.stages[0].id, "новое")!)
        try MapStore.save(s.map, history: s.history, to: path)
        let first = try AtomicFile.read(path)
        try MapStore.save(s.map, history: s.history, to: path)
        #expect(try AtomicFile.read(path) == first)  // saving twice gives the same bytes
        let again = try MapStore.open(path)
        #expect(again.map == s.map)
        #expect(again.history.undoStack.count == 1)
        #expect(listFolder(dir) == [".map.json.history", "map.json"])
    }

    @Test func saveKeepsPermissionsAndFollowsSymlinks() throws {
        let (dir, path) = try savedMap(wrap(sampleMap))
        chmod(path, 0o640)
        try MapStore.save(sampleMap, history: History(), to: path)
        #expect(mode(path) == 0o640)
        symlink(path, dir + "/link.json")
        var changed = sampleMap
        changed.title = "через ссылку"
        try MapStore.save(changed, history: History(), to: dir + "/link.json")
        var st = stat()
        lstat(dir + "/link.json", &st)
        #expect(st.st_mode & S_IFMT == S_IFLNK)
        #expect(try MapStore.open(path).map.title == "через ссылку")
    }

    @Test func staleHistoryIsSetAsideNotApplied() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        var s = EditSession(map: sampleMap)
        try s.perform(Edits.setTitle(s.map, "one")!)
        try MapStore.save(s.map, history: s.history, to: path)
        // Someone edits the map outside cjm.
        var other = s.map
        other.title = "changed by hand"
        writeBytes(path, MapCodec.encode(other))
        let opened = try MapStore.open(path)
        #expect(opened.map.title == "changed by hand")
        #expect(!opened.history.canUndo)
        #expect(opened.notices.count == 1)
        #expect(opened.notices[0].text(.en).contains("belongs to another version"))
        let files = listFolder(dir)
        #expect(files.contains { $0.hasPrefix(".map.json.history.set-aside-") })
        #expect(!files.contains(".map.json.history"))
    }

    @Test func unreadableHistoryIsSetAside() throws {
        let path = try savedMap(wrap(sampleMap)).path
        writeText(MapStore.historyPath(for: path), "{ nonsense")
        let opened = try MapStore.open(path)
        #expect(opened.notices.first?.text(.en).contains("could not be read") == true)
        #expect(opened.map == sampleMap)
    }

    /// Every bad input: a clear message naming the file and the problem, and the file untouched.
    @Test(arguments: [
        ("notjson.json", "{\n  \"format\": \"cjm\",\n  oops\n}\n", "3:3: not valid JSON: "),
        ("shape.json", "{\"format\": \"cjm\", \"version\": 1, \"stages\": {}}", "stages: expected a list, found an object"),
        ("newer.json", "{\"format\": \"cjm\", \"version\": 99}", "format version 99 is newer than this cjm understands"),
        ("empty.json", "", "the file is empty"),
    ])
    func badFilesAreReportedAndLeftAlone(name: String, content: String, expected: String) throws {
        let dir = temporaryFolder()
        let path = dir + "/" + name
        writeText(path, content)
        do {
            _ = try MapStore.open(path, creatingFrom: sampleMap)
            Issue.record("opened a bad file")
        } catch {
            #expect(error.path == path)
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.description.hasPrefix(path + ": "))
        }
        #expect(readText(path) == content)
        #expect(listFolder(dir) == [name])
    }

    @Test func invalidUTF8IsReported() {
        let dir = temporaryFolder()
        let path = dir + "/bad.json"
        let bytes: [UInt8] = Array("{\"format\": \"cjm\", \"title\": \"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8)
        writeBytes(path, bytes)
        #expect(throws: CJMFileError(path: path, message: "the file is not valid UTF-8 (bad byte at offset 28)")) {
            try MapStore.open(path)
        }
        #expect(try! AtomicFile.read(path) == bytes)
    }

    @Test func missingFolderIsReported() {
        #expect(
            throws: CJMFileError(path: "/nonexistent-cjm/x/map.json", message: "the folder /nonexistent-cjm/x does not exist")
        ) {
            try MapStore.open("/nonexistent-cjm/x/map.json", creatingFrom: sampleMap)
        }
    }

    @Test func readOnlyFileAndFolderOpenReadOnly() throws {
        let (dir, path) = try savedMap(wrap(sampleMap))
        chmod(path, 0o444)
        #expect(try MapStore.open(path).readOnlyReason?.text(.en) == "the file is read-only")
        chmod(path, 0o644)
        chmod(dir, 0o555)
        defer { chmod(dir, 0o755) }
        #expect(try MapStore.open(path).readOnlyReason?.text(.en) == "the folder \(dir) is read-only")
        #expect(throws: CJMFileError.self) { try MapStore.open(dir + "/new.json", creatingFrom: sampleMap) }
    }

    @Test(arguments: [ENOSPC, EIO])
    func aFailedWriteLeavesTheOldFileAndNoTemporary(code: Int32) throws {
        let (dir, path) = try savedMap(wrap(sampleMap))
        let before = try AtomicFile.read(path)
        var changed = sampleMap
        changed.title = String(repeating: "большой ", count: 10_000)
        let fs = FaultyFileSystem()
        fs.failNextWrite(code)
        #expect(
            throws: CJMFileError(path: path, message: "cannot save: \(Errno(code)); the file on disk is unchanged")
        ) { try MapStore.save(wrap(changed), history: History(), to: path, fs: fs) }
        #expect(try AtomicFile.read(path) == before)
        #expect(listFolder(dir) == [".map.json.history", "map.json"])
    }

    @Test func aFailedSyncOrRenameLeavesTheOldFileAndNoTemporary() throws {
        let (dir, path) = try savedMap(wrap(sampleMap))
        let before = try AtomicFile.read(path)
        var changed = sampleMap
        changed.title = "never written"
        let fs = FaultyFileSystem()
        fs.failNextSync(EIO)
        #expect(throws: CJMFileError.self) { try MapStore.save(wrap(changed), history: History(), to: path, fs: fs) }
        fs.failNextRename(EXDEV)
        #expect(throws: CJMFileError.self) { try MapStore.save(wrap(changed), history: History(), to: path, fs: fs) }
        #expect(try AtomicFile.read(path) == before)
        #expect(listFolder(dir) == [".map.json.history", "map.json"])
    }

    /// Durable: the new bytes reach the disk before the rename, and the rename before we say saved.
    @Test func aSaveSyncsTheFileBeforeTheRenameAndTheFolderAfter() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        let fs = FaultyFileSystem()
        try AtomicFile.write(Array("{}".utf8), to: path, fs: fs)
        let log = fs.log
        #expect(log.count == 5, "\(log)")
        guard log.count == 5 else { return }
        #expect(log[0].hasPrefix("sync .map.json.cjm-tmp-"))
        #expect(log[1].hasPrefix("close .map.json.cjm-tmp-"))
        #expect(log[2].hasPrefix("rename .map.json.cjm-tmp-") && log[2].hasSuffix(" → map.json"))
        #expect(Array(log[3...]) == ["sync " + AtomicFile.baseName(of: dir), "close " + AtomicFile.baseName(of: dir)])
    }

    /// A burst of typing is one write, after the quiet delay; a change soon after a write
    /// waits for the interval. Time moves only when the test moves it.
    @Test func autosaveCoalescesBurstsAndKeepsItsPace() throws {
        let path = try savedMap(wrap(sampleMap)).path
        let clock = ManualClock()
        let saver = Autosaver(path: path, interval: 0.5, quietDelay: 0.3, clock: clock)
        var s = EditSession(map: sampleMap)
        func type(_ text: String) throws {
            try s.perform(Edits.setCell(s.map, lane: s.map.lanes[0].id, stage: s.map.stages[0].id, text)!)
            saver.changed(s.workspace, history: s.history)
        }
        for i in 0..<50 { try type("typing \(i)") }
        // Nothing is written on the caller's thread, and one timer covers the whole burst.
        #expect(saver.writeCount == 0)
        #expect(saver.saveState == .unsaved)
        #expect(clock.pendingTimers == 1)
        clock.advance(by: 0.299)
        #expect(saver.writeCount == 0)
        clock.advance(by: 0.001)
        #expect(saver.writeCount == 1)
        #expect(saver.saveState == .saved)
        #expect(try MapStore.open(path).map == s.map)
        #expect(try MapStore.open(path).history.undoStack.count == 50)
        // 0.1 s after that write: the next one waits until 0.5 s after it.
        clock.advance(by: 0.1)
        try type("one more")
        clock.advance(by: 0.399)
        #expect(saver.writeCount == 1)
        #expect(saver.saveState == .unsaved)
        clock.advance(by: 0.001)
        #expect(saver.writeCount == 2)
        #expect(saver.saveState == .saved)
        #expect(try MapStore.open(path).map == s.map)
        // Nothing pending: a flush writes nothing.
        #expect(saver.flush() == .saved)
        #expect(saver.writeCount == 2)
    }

    /// A change that arrives while a write is under way is not lost: it is written next, one
    /// interval later, and the bar says unsaved until then.
    @Test func aChangeDuringAWriteIsWrittenNext() throws {
        let path = try savedMap(wrap(sampleMap)).path
        let fs = FaultyFileSystem()
        let clock = ManualClock()
        let saver = Autosaver(path: path, interval: 1, quietDelay: 0.05, fs: fs, clock: clock)
        var first = sampleMap
        first.title = "first"
        var second = sampleMap
        second.title = "typed during the write"
        let late = wrap(second)
        fs.duringNextWrite { saver.changed(late, history: History()) }
        saver.changed(wrap(first), history: History())
        clock.advance(by: 0.05)
        #expect(saver.writeCount == 1)
        #expect(try MapStore.open(path).map.title == "first")
        #expect(saver.saveState == .unsaved)
        #expect(clock.pendingTimers == 1)
        clock.advance(by: 0.999)
        #expect(saver.writeCount == 1)
        clock.advance(by: 0.001)
        #expect(saver.writeCount == 2)
        #expect(saver.saveState == .saved)
        #expect(try MapStore.open(path).map.title == "typed during the write")
    }

    /// A flush from one thread while the clock's timer writes on another: one write each at most,
    /// never two at once, and the newest document ends on disk.
    @Test func aFlushAndATimerDoNotWriteAtOnce() async throws {
        let path = try savedMap(wrap(sampleMap)).path
        let fs = FaultyFileSystem()
        let clock = ManualClock()
        let saver = Autosaver(path: path, quietDelay: 0.05, fs: fs, clock: clock)
        var s = EditSession(map: sampleMap)
        for round in 0..<20 {
            try s.perform(Edits.setTitle(s.map, "round \(round)")!)
            saver.changed(s.workspace, history: s.history)
            async let timer: Void = Task.detached { clock.advance(by: 2) }.value
            _ = saver.flush()
            await timer
        }
        _ = saver.flush()
        #expect(saver.saveState == .saved)
        #expect(try MapStore.open(path).map.title == "round 19")
        #expect(saver.writeCount <= 40)
        // Saves never interleave: every temporary file is closed and renamed before the next opens.
        let temps = fs.log.filter { $0.contains(".map.json.tmp-") }.map { String($0.split(separator: " ")[0]) }
        for i in stride(from: 0, to: temps.count - 2, by: 3) { #expect(Array(temps[i..<i + 3]) == ["sync", "close", "rename"]) }
    }

    @Test func flushWritesTheLastChangeAtOnce() throws {
        let path = try savedMap(wrap(sampleMap)).path
        let clock = ManualClock()
        let saver = Autosaver(path: path, clock: clock)
        var changed = sampleMap
        changed.title = "last words"
        saver.changed(wrap(changed), history: History())
        #expect(saver.flush() == .saved)
        #expect(saver.writeCount == 1)
        #expect(try MapStore.open(path).map.title == "last words")
        clock.advance(by: 5)  // the timer that was set finds nothing left to write
        #expect(saver.writeCount == 1)
    }

    @Test func autosaveReportsFailureAndRetriesWithTheDocumentKept() throws {
        let (dir, path) = try savedMap(wrap(sampleMap))
        let fs = FaultyFileSystem()
        let clock = ManualClock()
        let saver = Autosaver(path: path, fs: fs, clock: clock)
        var changed = sampleMap
        changed.title = "after the failure"
        fs.failNextWrite(EIO)
        saver.changed(wrap(changed), history: History())
        clock.advance(by: 1)
        #expect(saver.saveState == .failed(Words(.fileSaveUnchanged, .errno(Errno(EIO)))))
        #expect(try MapStore.open(path).map == sampleMap)
        #expect(listFolder(dir) == [".map.json.history", "map.json"])
        #expect(saver.flush() == .saved)  // the kept document is written on the next try
        #expect(try MapStore.open(path).map.title == "after the failure")
    }

    @Test func aFileChangedByAnotherProgramIsNotOverwrittenSilently() throws {
        let path = try savedMap(wrap(sampleMap)).path
        let opened = try MapStore.open(path)
        let saver = Autosaver(path: path, onDisk: opened.onDisk, clock: ManualClock())
        var mine = sampleMap
        mine.title = "mine"
        saver.changed(wrap(mine), history: History())
        #expect(saver.flush() == .saved)
        // Another program writes the file while cjm has it open.
        var theirs = sampleMap
        theirs.title = "theirs, written by another program"
        writeBytes(path, MapCodec.encode(theirs))
        mine.title = "mine, later"
        saver.changed(wrap(mine), history: History())
        #expect(saver.flush() == .failed(Autosaver.changedOnDisk))
        #expect(try MapStore.open(path).map.title == "theirs, written by another program")
        // The user says overwrite (Ctrl-S): the kept document is written.
        #expect(saver.flush(overwrite: true) == .saved)
        #expect(try MapStore.open(path).map.title == "mine, later")
    }

    /// Same size, written in place, modification time put back: only the change time tells.
    @Test func aSameSizeChangeWithTheOldMtimeIsStillNoticed() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        var mine = sampleMap
        mine.title = "AAAA"
        try MapStore.save(mine, history: History(), to: path)
        let opened = try MapStore.open(path)
        var st = stat()
        stat(path, &st)
        let oldTimes = [st.st_atim, st.st_mtim]
        var theirs = mine
        theirs.title = "BBBB"
        // File times tick every few milliseconds on older kernels: wait (without sleeping) until
        // the clock is past the stamp, so the change time must move.
        var coarse = timespec()
        repeat {
            clock_gettime(CLOCK_REALTIME_COARSE, &coarse)
        } while (coarse.tv_sec, coarse.tv_nsec) <= (st.st_ctim.tv_sec, st.st_ctim.tv_nsec)
        let fd = open(path, O_WRONLY)
        let bytes = MapCodec.encode(theirs)
        bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
        _ = oldTimes.withUnsafeBufferPointer { utimensat(AT_FDCWD, path, $0.baseAddress, 0) }
        stat(path, &st)
        #expect(st.st_mtim.tv_sec == oldTimes[1].tv_sec && st.st_mtim.tv_nsec == oldTimes[1].tv_nsec)
        let saver = Autosaver(path: path, onDisk: opened.onDisk, clock: ManualClock())
        mine.title = "CCCC"
        saver.changed(wrap(mine), history: History())
        #expect(saver.flush() == .failed(Autosaver.changedOnDisk))
        #expect(try MapStore.open(path).map.title == "BBBB")
    }

    @Test func readOnlyAutosaverNeverWrites() throws {
        let path = try savedMap(wrap(sampleMap)).path
        let before = try AtomicFile.read(path)
        let saver = Autosaver(path: path, readOnlyReason: Words(.fileReadOnly), clock: ManualClock())
        var changed = sampleMap
        changed.title = "x"
        saver.changed(wrap(changed), history: History())
        #expect(saver.flush() == .readOnly(Words(.fileReadOnly)))
        #expect(try AtomicFile.read(path) == before)
    }

    /// A fresh folder holding `map.json`, the sample map, saved with an empty history.
}
