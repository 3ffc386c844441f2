// The fuzz target: the map reader, the history reader with apply, undo and redo, and the CSV
// import, fed the same bytes. Built with libFuzzer by `scripts/fuzz.sh`; built plainly (as
// `swift build` does), it replays the files it is given, so a crash found once stays a test.
import CJMCore
import CJMExport
import CJMStorage
import Glibc

/// The map histories are checked against (and the seed history is made for).
let fuzzBase = Templates.named("cinema")!.workspace

/// One input. Anything may be refused with an error; nothing may crash, and what is
/// accepted must behave: a map reads back as itself, a history applies whole or not at all.
func fuzzOne(_ bytes: [UInt8]) {
    // 1. The map reader: what it accepts, it writes and reads back unchanged.
    if let ws = try? MapCodec.decode(bytes) {
        let again = MapCodec.encode(ws)
        guard let back = try? MapCodec.decode(again), back == ws, MapCodec.encode(back) == again else {
            fatalError("a map that reads does not read back as itself")
        }
    }
    // 2. The history reader, against a fixed map: a history that passes the check must
    // undo and redo completely, leaving documents the map reader accepts.
    let base = fuzzBase
    if let (history, _) = try? HistoryCodec.decode(bytes, firstMap: base.maps[0].id), (try? history.check(against: base)) != nil {
        var session = EditSession(workspace: base, history: history)
        func readsBack() {
            guard (try? MapCodec.decode(MapCodec.encode(session.workspace))) == session.workspace else {
                fatalError("a history step left a document the reader refuses")
            }
        }
        do {
            while try session.undo() != nil { readsBack() }
            while try session.redo() != nil { readsBack() }
        } catch {
            fatalError("a checked history failed to apply: \(error)")
        }
    }
    // 3. The CSV import: any text gives a map or an error.
    if let text = String(validating: bytes, as: UTF8.self) {
        // Ids from a fixed sequence, so a run repeats.
        var rng = SplitMix64(seed: 1)
        if let ws = try? MapTable.workspace(fromCSV: text, ids: &rng) {
            guard (try? MapCodec.decode(MapCodec.encode(ws))) == ws else { fatalError("an imported map does not read back") }
        }
    }
}

#if FUZZING
    /// libFuzzer's driver, called from our own `main` (SwiftPM names the executable's entry point).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// libFuzzer's driver from our own `main`: linked without libFuzzer's `main`, which would
    /// clash with the entry point SwiftPM gives every executable.
    @main struct Driver {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(
                runFuzzerDriver(&argc, &argv) { data, size in
                    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                    return 0
                })
        }
    }
#else

    @main struct Replay {
        /// Writes a starting corpus: a map, a history of a few edits against the fixed map, and
        /// the map as CSV.
        static func writeSeeds(to dir: String) {
            func put(_ name: String, _ bytes: [UInt8]) {
                do { try AtomicFile.write(bytes, to: dir + "/" + name) } catch { fatalError("\(error)") }
            }
            let base = fuzzBase
            let map = base.maps[0]
            var session = EditSession(workspace: base)
            let steps = [
                Edits.setCell(map, lane: map.lanes[0].id, stage: map.stages[0].id, "new text"),
                Edits.renameStage(map, map.stages[1].id, "Renamed"),
                Edits.setEmotion(map, map.stages[2].id, -2),
                Edits.insertStage(map, Stage(id: StageID("extra"), name: "Extra", emotion: 1), at: 1),
            ]
            for case let t? in steps { try! session.perform(t) }
            // All undone: the history belongs to the fixed map, its steps wait on the redo stack.
            while try! session.undo() != nil {}
            precondition(session.workspace == base)
            put("map.json", MapCodec.encode(base))
            put("history.json", HistoryCodec.encode(session.history, documentFingerprint: fingerprint(MapCodec.encode(base))))
            put("map.csv", Array(MapTable.csv(map, in: base).utf8))
        }

        static func main() {
            // Replays each file named on the command line (a corpus, or a crash libFuzzer saved).
            var count = 0
            if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--write-seeds" {
                writeSeeds(to: CommandLine.arguments[2])
                exit(0)
            }
            for path in CommandLine.arguments.dropFirst() {
                let bytes: [UInt8]
                do { bytes = try AtomicFile.read(path) } catch {
                    print("cjm-fuzz: \(error)")
                    exit(2)
                }
                fuzzOne(bytes)
                count += 1
                if let (h, _) = try? HistoryCodec.decode(bytes, firstMap: MapID("x")) {
                    let base = fuzzBase
                    print(
                        "\(path): a history of \(h.undoStack.count + h.redoStack.count) steps, \((try? h.check(against: base)) != nil ? "applied" : "refused")"
                    )
                }
            }
            print("replayed \(count) inputs")
        }
    }
#endif
