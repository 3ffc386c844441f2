import Glibc

/// `rm -rf`, making folders writable first so a test's read-only folder goes too.
/// For scratch folders (the tests', the benchmark's); never called on a user's files.
public func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if st.st_mode & S_IFMT == S_IFDIR {
        chmod(path, 0o700)
        if let d = opendir(path) {
            var names: [String] = []
            while let e = readdir(d) {
                let name = entryName(e)
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(d)
            for name in names { removeTree(path + "/" + name) }
        }
        rmdir(path)
    } else {
        unlink(path)
    }
}
