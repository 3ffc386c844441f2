import Glibc
import Testing

@testable import CJMCore

/// A fresh temporary folder for one test.
func temporaryFolder() -> String {
    var template = Array("/tmp/cjm-test-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: p!)
}

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
        let name = withUnsafePointer(to: e.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name != "." && name != ".." { out.append(name) }
    }
    return out.sorted()
}

func mode(_ path: String) -> mode_t {
    var st = stat()
    stat(path, &st)
    return st.st_mode & 0o7777
}

let sampleMap: JourneyMap = Templates.named("cinema-ru")!.map
