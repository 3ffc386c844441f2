import CJMCore
import CJMStorage
import CJMTestSupport
import Foundation
import Testing

/// The HTML page printed as a manager would: `cjm export --format pdf` through headless
/// Chromium on A4 landscape, then the pages as pictures (pdftoppm) and as text (pdftotext).
@Suite(.serialized, .temporaryFolders) struct PrintEndToEndTests {
    func printed(_ ws: Workspace, _ name: String) throws -> (dir: String, pages: Int, text: String) {
        let dir = temporaryFolder()
        let file = dir + "/\(name).cjm.json"
        try AtomicFile.write(MapCodec.encode(ws), to: file)
        let r = try run([cjmBinary(), "export", file, "--format", "pdf"])
        #expect(r.status == 0, "\(r.output)\(r.error)")
        let pdf = dir + "/\(name).pdf"
        #expect(try AtomicFile.read(pdf).starts(with: Array("%PDF".utf8)))
        #expect(try run(["pdftoppm", "-r", "50", "-png", pdf, dir + "/page"]).status == 0)
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
            $0.hasPrefix("page") && $0.hasSuffix(".png")
        }
        let text = try run(["pdftotext", "-raw", pdf, "-"]).output
        return (dir, pages.count, text)
    }

    /// Text as the PDF holds it, with the line breaks and hyphens of wrapping taken out.
    func flat(_ s: String) -> String { String(s.filter { !$0.isWhitespace && $0 != "-" && $0 != "\u{AD}" }) }

    @Test func theCinemaTemplatePrintsAMapAPage() throws {
        let ws = Templates.named("cinema-ru")!.workspace
        let p = try printed(ws, "cinema")
        #expect(p.pages == ws.maps.count)
        for map in ws.maps {
            #expect(flat(p.text).contains(flat(map.title)))
            for st in map.stages { #expect(flat(p.text).contains(flat(st.name)), "\(st.name)") }
        }
    }

    @Test func twelveLongStagesPrintOnOnePageWithEveryNameWhole() throws {
        let ws = longStagesWorkspace()
        let p = try printed(ws, "long")
        #expect(p.pages == 1)
        for (j, st) in ws.maps[0].stages.enumerated() {
            #expect(flat(p.text).contains(flat("\(j + 1). \(st.name)")), "\(st.name)")
        }
        for lane in ws.maps[0].lanes { #expect(flat(p.text).contains(flat(lane.title))) }
    }

    @Test func withoutChromiumItSaysWhatToInstall() throws {
        let dir = temporaryFolder()
        let file = dir + "/m.cjm.json"
        try AtomicFile.write(MapCodec.encode(Templates.named("cinema")!.workspace), to: file)
        var env = testEnvironment
        env["PATH"] = dir
        let r = try run([cjmBinary(), "export", file, "--format", "pdf"], environment: env)
        #expect(r.status == 3)
        #expect(r.error.contains("sudo apt install chromium"), "\(r.error)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.pdf"))
    }
}

extension PrintEndToEndTests {
    /// `E` in the editor exports with the theme the user chose, as `cjm export --theme` does.
    @Test func theEditorExportsWithTheChosenTheme() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.cjm.json"
        try AtomicFile.write(MapCodec.encode(Templates.named("cinema")!.workspace), to: file)
        try t.start(["--export-theme", "dark", file])
        try t.waitFor("1 Need")
        try t.keys("E", "h")
        try t.waitFor("exported \(t.folder)/map.html")
        let fromEditor = try AtomicFile.read(t.folder + "/map.html")
        let cli = try run([cjmBinary(), "export", file, "--format", "html", "--theme", "dark", "-o", t.folder + "/cli.html"])
        #expect(cli.status == 0)
        #expect(fromEditor == (try AtomicFile.read(t.folder + "/cli.html")))
        let light = try run([cjmBinary(), "export", file, "--format", "html", "-o", "-"]).output
        #expect(Array(light.utf8) != fromEditor)
        try t.keys("q")
        try t.waitFor("[exit 0]")
    }
}

extension PrintEndToEndTests {
    /// A Chromium that fails, and leaves a child holding its output open: cjm says so at once,
    /// exits 3, and leaves no temporary folder behind.
    @Test func aFailingChromiumLeavesNothingBehind() throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/tmp", withIntermediateDirectories: true)
        let fake = dir + "/bin/chromium"
        // Its lingering child says its pid, so that the test ends that process and no other.
        let script = "#!/bin/sh\necho 'no display here' >&2\nsleep 30 &\necho $! > \(dir)/child.pid\nexit 3\n"
        try AtomicFile.write(Array(script.utf8), to: fake, mode: 0o755)
        let file = dir + "/m.cjm.json"
        try AtomicFile.write(MapCodec.encode(Templates.named("cinema")!.workspace), to: file)
        var env = testEnvironment
        env["PATH"] = dir + "/bin:/usr/bin:/bin"
        env["TMPDIR"] = dir + "/tmp"
        let started = Date()
        let r = try run([cjmBinary(), "export", file, "--format", "pdf"], environment: env)
        #expect(Date().timeIntervalSince(started) < 20, "cjm waited for the child holding the output")
        #expect(r.status == 3)
        #expect(r.error.contains("could not print the PDF: no display here"), "\(r.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/tmp").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.pdf"))
        if let pid = try? String(contentsOfFile: dir + "/child.pid", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        {
            _ = try? run(["kill", pid])
        }
    }
}
