@_exported import CJMTestSupport
import Glibc
import Testing

@testable import CJMCore
@testable import CJMStorage

func readText(_ path: String) -> String {
    String(decoding: try! AtomicFile.read(path), as: UTF8.self)
}

func writeBytes(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0)
    bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

func writeText(_ path: String, _ text: String) { writeBytes(path, Array(text.utf8)) }

func listFolder(_ dir: String) -> [String] {
    guard let d = opendir(dir) else { return [] }
    defer { closedir(d) }
    var out: [String] = []
    while let e = readdir(d) {
        let name = entryName(e)
        if name != "." && name != ".." { out.append(name) }
    }
    return out.sorted()
}

func mode(_ path: String) -> mode_t {
    var st = stat()
    stat(path, &st)
    return st.st_mode & 0o7777
}

/// The Russian cinema workspace: two maps, two personas, every lane content.
let sampleWorkspace: Workspace = Templates.named("cinema-ru")!.workspace
/// Its first map (families with children: a persona curve, channels, a list, metrics).
let sampleMap: JourneyMap = sampleWorkspace.maps[0]

/// `map` as the only map of the sample workspace (with its personas and palette).
func wrap(_ map: JourneyMap) -> Workspace {
    var w = sampleWorkspace
    w.maps = [map]
    return w
}

extension EditSession {
    init(map: JourneyMap, history: History = History()) { self.init(workspace: wrap(map), history: history) }
    var map: JourneyMap { workspace.maps[0] }
}

extension MapCodec {
    static func encode(_ map: JourneyMap) -> [UInt8] { encode(wrap(map)) }
}

extension MapStore {
    @discardableResult
    static func save(_ map: JourneyMap, history: History, to path: String) throws(CJMFileError) -> String {
        try save(wrap(map), history: history, to: path)!.fingerprint
    }
    static func open(_ path: String, creatingFrom map: JourneyMap) throws(CJMFileError) -> OpenedMap {
        try open(path, creatingFrom: wrap(map))
    }
}

extension OpenedMap {
    var map: JourneyMap { workspace.maps[0] }
}

extension String {
    /// The text with the first `a` replaced by `b`.
    func replacingFirst(_ a: String, with b: String) -> String {
        guard let r = range(of: a) else { return self }
        return replacingCharacters(in: r, with: b)
    }
}

/// `ws` saved as `map.json` with an empty history in a new temporary folder.
func savedMap(_ ws: Workspace) throws -> (dir: String, path: String) {
    let dir = temporaryFolder()
    let path = dir + "/map.json"
    try MapStore.save(ws, history: History(), to: path)
    return (dir, path)
}
