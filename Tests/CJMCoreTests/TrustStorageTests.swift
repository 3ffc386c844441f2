import Glibc
import Testing

@testable import CJMCore
@testable import CJMStorage

func makeLink(_ target: String, at path: String) { precondition(symlink(target, path) == 0) }

func owner(_ path: String) -> (uid_t, gid_t) {
    var st = stat()
    precondition(stat(path, &st) == 0)
    return (st.st_uid, st.st_gid)
}

/// Storage under attack: links planted in a shared folder, special files, two editors, crashes.
@Suite(.temporaryFolders) struct TrustStorageTests {
    /// A link planted as the history (or an export's name) is refused by name; the file it
    /// points to is never written.
    @Test(arguments: ["before the map is created", "after the map was opened"])
    func aLinkPlantedAsTheHistoryIsRefused(when: String) throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        let victim = dir + "/victim.txt"
        writeText(victim, "precious")
        if when == "before the map is created" { makeLink(victim, at: dir + "/.map.json.history") }
        var opened = try MapStore.open(path, creatingFrom: sampleWorkspace)
        if when == "after the map was opened" { makeLink(victim, at: dir + "/.map.json.history") }
        opened.workspace.maps[0].title = "changed"
        #expect {
            try MapStore.save(opened.workspace, history: opened.history, to: path)
        } throws: { error in
            let e = error as! CJMFileError
            return e.path == dir + "/.map.json.history" && e.message.contains("symbolic link")
        }
        #expect(readText(victim) == "precious")
        #expect(try MapStore.read(path).0 == sampleWorkspace, "nothing was saved half-way")
        #expect(listFolder(dir) == [".map.json.history", "map.json", "victim.txt"], "no temporary file left")
    }

    @Test func aLinkPlantedAsAnExportIsRefused() throws {
        let dir = temporaryFolder()
        let victim = dir + "/victim.txt"
        writeText(victim, "precious")
        makeLink(victim, at: dir + "/journey.html")
        #expect(throws: CJMFileError.self) { try AtomicFile.write(Array("<html>".utf8), to: dir + "/journey.html") }
        #expect(readText(victim) == "precious")
    }

    /// The map itself may be the user's own link; a link another user owns is refused.
    @Test func aMapLinkOwnedByAnotherUserIsRefused() throws {
        let dir = temporaryFolder()
        let real = dir + "/real.json"
        writeBytes(real, MapCodec.encode(sampleWorkspace))
        makeLink(real, at: dir + "/map.json")
        #expect(try MapStore.open(dir + "/map.json").workspace == sampleWorkspace, "the user's own link works")
        try #require(lchown(dir + "/map.json", 65534, 65534) == 0, "giving the link to another user needs root")
        #expect {
            try MapStore.open(dir + "/map.json")
        } throws: { error in
            (error as! CJMFileError).message.contains("owned by another user")
        }
        #expect(throws: CJMFileError.self) { try MapStore.save(sampleWorkspace, history: History(), to: dir + "/map.json") }
    }

    /// A FIFO, a device or a folder is refused at once, never waited on or read endlessly.
    @Test(arguments: ["fifo", "/dev/zero", "folder"])
    func aSpecialFileIsRefusedAtOnce(kind: String) throws {
        let dir = temporaryFolder()
        var path = dir + "/map.json"
        switch kind {
        case "fifo": precondition(mkfifo(path, 0o600) == 0)
        case "folder": precondition(mkdir(path, 0o700) == 0)
        default: path = kind
        }
        #expect {
            try MapStore.read(path)
        } throws: { error in
            let m = (error as! CJMFileError).message
            return m.contains(kind == "fifo" ? "a FIFO" : kind == "folder" ? "a folder" : "a character device")
        }
        if kind == "fifo" {
            #expect(throws: CJMFileError.self) { try MapStore.open(path) }
        }
    }

    /// A file over the limit is refused without reading (a sparse 300 MB file, not written out).
    @Test func aHugeFileIsRefusedWithoutReadingIt() throws {
        let path = temporaryFolder() + "/map.json"
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        precondition(fd >= 0 && ftruncate(fd, 300 << 20) == 0)
        close(fd)
        let fs = FaultyFileSystem()
        #expect {
            try MapStore.read(path, fs: fs)
        } throws: { error in
            (error as! CJMFileError).message.contains("larger than 256 MB")
        }
        #expect(fs.bytesRead == 0, "refused from its size, before reading")
    }

    /// The history holds the map's text: it gets the map's mode, never a wider one.
    @Test func theHistoryGetsTheMapsMode() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        writeBytes(path, MapCodec.encode(sampleWorkspace))
        chmod(path, 0o600)
        var s = EditSession(workspace: try MapStore.open(path).workspace)
        try s.perform(Edits.setTitle(s.workspace.maps[0], "private")!)
        try MapStore.save(s.workspace, history: s.history, to: path)
        #expect(mode(path) == 0o600)
        #expect(mode(dir + "/.map.json.history") == 0o600)
        try AtomicFile.write(Array("x".utf8), to: dir + "/map.md", mode: mode(path))
        #expect(mode(dir + "/map.md") == 0o600)
        // A history left readable by everyone from before the chmod is narrowed on the next save.
        chmod(dir + "/.map.json.history", 0o644)
        try MapStore.save(s.workspace, history: s.history, to: path)
        #expect(mode(dir + "/.map.json.history") == 0o600)
    }

    /// Saving keeps the owner and group (as root here, who may set them).
    @Test func savingKeepsTheOwnerAndGroup() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        writeBytes(path, MapCodec.encode(sampleWorkspace))
        try #require(chown(path, 65534, 65534) == 0, "giving the map to another user needs root")
        try MapStore.save(sampleWorkspace, history: History(), to: path)
        #expect(owner(path) == (65534, 65534))
    }

    @Test func aMapWithHardLinksIsNamedAtOpen() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        writeBytes(path, MapCodec.encode(sampleWorkspace))
        precondition(link(path, dir + "/other.json") == 0)
        let opened = try MapStore.open(path)
        #expect(opened.notices.contains { $0.text(.en).contains("2 hard links") }, "\(opened.notices)")
    }

    /// Two editors on one map: the second save finds the first's and refuses; its edits stay
    /// pending, and only an explicit overwrite replaces the other's.
    @Test func twoEditorsOnOneMapLoseNothingSilently() throws {
        let (path, a, b) = try twoEditors(fsB: PosixFileSystem())
        #expect(a.flush() == .saved)
        #expect(b.flush() == .failed(Autosaver.changedOnDisk))
        #expect(try MapStore.read(path).0.maps[0].title == "A")
        #expect(b.flush() == .failed(Autosaver.changedOnDisk), "B's edit is still pending")
        #expect(b.flush(overwrite: true) == .saved)
        #expect(try MapStore.read(path).0.maps[0].title == "B")
    }

    /// The race itself: editor A saves while editor B is writing its file. B's check runs
    /// under the lock after its write, so it sees A's save and keeps its own edit pending.
    @Test func aSaveDuringAnotherEditorsWriteIsNotOverwritten() throws {
        let fsB = FaultyFileSystem()
        let (path, a, b) = try twoEditors(fsB: fsB)
        fsB.duringNextWrite { _ = a.flush() }
        #expect(b.flush() == .failed(Autosaver.changedOnDisk))
        #expect(a.saveState == .saved)
        #expect(try MapStore.read(path).0.maps[0].title == "A")
        #expect(listFolder(AtomicFile.folder(of: path)) == [".map.json.history", "map.json"])
    }

    /// Same size, same times (a write within one tick of the file system's clock): the
    /// content still tells.
    @Test func aChangeWithTheSameStampIsCaughtByItsContent() throws {
        let path = try savedMap(sampleWorkspace).path
        let opened = try MapStore.open(path)
        var stale = opened.onDisk!
        stale.fingerprint = "fnv1a64:0000000000000000:1"
        #expect {
            try MapStore.save(opened.workspace, history: History(), to: path, expecting: stale)
        } throws: { error in
            (error as! CJMFileError).isConflict
        }
        #expect(try MapStore.save(opened.workspace, history: History(), to: path, expecting: opened.onDisk) != nil)
    }

    /// A crash at every point of a save: the next open finds the old map or the new one,
    /// never sets aside a history that belongs to the map, and leaves no temporary file.
    @Test func aCrashAtAnyPointOfASaveLosesNothing() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        var s = EditSession(workspace: sampleWorkspace)
        try s.perform(Edits.setTitle(s.workspace.maps[0], "one")!)
        let old = s
        try MapStore.save(old.workspace, history: old.history, to: path)
        try s.perform(Edits.setTitle(s.workspace.maps[0], "two")!)
        var crashes = 0
        var recovered = 0
        for calls in 0..<40 {
            try MapStore.save(old.workspace, history: old.history, to: path)
            let fs = FaultyFileSystem()
            fs.dieAfter(calls: calls)
            do { try MapStore.save(s.workspace, history: s.history, to: path, fs: fs) } catch {}
            guard fs.died else { break }
            crashes += 1
            // Our own process wrote the temporaries; the next open treats their writer as gone.
            let opened = try MapStore.open(path, fs: FaultyFileSystem(othersAreGone: true))
            let isOld = opened.workspace == old.workspace
            if opened.notices.contains(where: { $0.text(.en).contains("recovered the undo history") }) { recovered += 1 }
            #expect(isOld || opened.workspace == s.workspace, "after \(calls) calls")
            #expect(opened.history == (isOld ? old.history : s.history), "after \(calls) calls: \(opened.notices)")
            #expect(!opened.notices.contains { $0.text(.en).contains("kept as") }, "after \(calls) calls: \(opened.notices)")
            #expect(listFolder(dir) == [".map.json.history", "map.json"], "after \(calls) calls")
        }
        #expect(crashes > 8, "a save makes this many changes to the disk")
        #expect(recovered == 1, "one moment falls between the two renames")
    }

    /// Two editors that opened the same map: A has set its title to "A", B to "B", both pending.
    func twoEditors(fsB: any FileSystem) throws -> (path: String, a: Autosaver, b: Autosaver) {
        let path = try savedMap(sampleWorkspace).path
        let opened = try MapStore.open(path)
        let a = Autosaver(path: path, onDisk: opened.onDisk, clock: ManualClock())
        let b = Autosaver(path: path, onDisk: opened.onDisk, fs: fsB, clock: ManualClock())
        for (editor, title) in [(a, "A"), (b, "B")] {
            var ws = opened.workspace
            ws.maps[0].title = title
            editor.changed(ws, history: opened.history)
        }
        return (path, a, b)
    }
}
