import CJMCore
import CJMStorage
import Glibc

/// Finds a theme by name in the `Themes/` folders, falling back to the built-in copy, so an
/// installed binary works from any folder.
public enum ThemeLoader {
    public struct NotFound: SaidError, CustomStringConvertible {
        public var words: Words
        public var description: String { description(.en) }
        public func description(_ t: Language) -> String { words.text(t) }
    }

    /// The folders searched, in order: `$CJM_THEMES`, the user's (`$XDG_CONFIG_HOME/cjm/themes`,
    /// by default `~/.config/cjm/themes`), the installed share folder beside the binary, and the
    /// package's `Themes/` when run from a build tree. Never the current folder: a theme file
    /// left wherever the user stands must not change what they see.
    public static func searchFolders() -> [String] {
        var dirs: [String] = []
        let env = Config.environment()
        if let dir = env["CJM_THEMES"], !dir.isEmpty { dirs.append(dir) }
        if let config = Config.folder(environment: env) { dirs.append(config + "/themes") }
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 {
            let exe = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let bin = AtomicFile.folder(of: exe)
            dirs.append(AtomicFile.folder(of: bin) + "/share/cjm/themes")  // PREFIX/bin/cjm
            // The source tree's themes, only for a binary in its build folder: an installed
            // ~/.local/bin/cjm must not read whatever ~/Themes holds.
            if exe.contains("/.build") {
                dirs.append(bin + "/../../Themes")  // swift run: .build/debug/cjm
                dirs.append(bin + "/../../../Themes")  // .build/x86_64-unknown-linux-gnu/debug/cjm
            }
        }
        return dirs
    }

    /// Every theme name there is: the built-ins and the `.theme` files of the search folders.
    public static func available() -> [String] {
        let fs = PosixFileSystem()
        var names = Set(Theme.builtIn.keys)
        for dir in searchFolders() {
            guard let fd = try? fs.openFolder(dir) else { continue }
            defer { close(fd) }
            for file in fs.list(fd) where file.hasSuffix(".theme") { names.insert(String(file.dropLast(6))) }
        }
        return names.sorted()
    }

    /// Where the theme `name` is read from: the first folder that has its file, else "built-in".
    public static func source(of name: String) -> String? {
        for dir in searchFolders() where AtomicFile.exists(dir + "/" + name + ".theme") {
            return dir + "/" + name + ".theme"
        }
        return Theme.builtIn[name] == nil ? nil : "built-in"
    }

    /// The theme `name` (or the `.theme` file at a path).
    public static func load(_ name: String) throws -> Theme {
        // A file that cannot be read throws its CJMFileError, which the caller words.
        func read(_ path: String) throws -> [UInt8] { try AtomicFile.read(path) }
        if name.contains("/") || name.hasSuffix(".theme") {
            return try Theme.parse(String(decoding: try read(name), as: UTF8.self), name: name, source: name)
        }
        for dir in searchFolders() {
            let path = dir + "/" + name + ".theme"
            if AtomicFile.exists(path) {
                return try Theme.parse(String(decoding: try read(path), as: UTF8.self), name: name, source: path)
            }
        }
        if let text = Theme.builtIn[name] {
            return try Theme.parse(text, name: name, source: "built-in \(name)")
        }
        let known = Theme.builtIn.keys.sorted().joined(separator: ", ")
        throw NotFound(
            words: Words(.themeNotFound, .text(name), .text(known), .text(searchFolders().joined(separator: ", "))))
    }
}
