import CJMCore
import CJMExport
import CJMStorage
import CJMView
import Dispatch
import Glibc

/// The editor's main loop: key → editor → autosave → layout → screen.
public enum App {
    /// Runs the editor until the user quits or a signal asks it to. Returns the exit code.
    /// `autosave` is the least seconds between two autosaves while typing.
    public static func run(
        opened: OpenedMap, theme: Theme, mouse: Bool = true, language: Language = .en, autosave: Double = 1,
        exportTheme: Theme? = nil
    ) -> Int32 {
        let replacedLocale = useUTF8Locale()
        QuitSignals.install()
        JobSignals.install()
        // CJM_AUTOSAVE_INTERVAL (for tests and slow disks) wins over the config file.
        let interval =
            getenv("CJM_AUTOSAVE_INTERVAL").flatMap { Double(String(cString: $0)) }.map { max(0.05, $0) } ?? autosave
        let saver = Autosaver(
            path: opened.path, readOnlyReason: opened.readOnlyReason, onDisk: opened.onDisk, base: opened.workspace,
            interval: interval)
        var editor = Editor(
            session: EditSession(workspace: opened.workspace, history: opened.history),
            fileName: AtomicFile.baseName(of: opened.path))
        editor.language = language
        if let notice = opened.notices.first(where: { $0.phrase != .fileCreated }) {
            editor.say(notice.text(language), error: true)
        } else if opened.created {
            editor.say(language.t(.createdFile, opened.path, Keymap.grid.key(.help)))
        } else if let replacedLocale {
            editor.say(language.t(.utf8Switched, replacedLocale))
        }
        let terminal: Terminal
        do {
            terminal = try Terminal(theme: theme, mouse: mouse)
        } catch {
            var err = StandardError()
            print("cjm: " + language.describe(error), to: &err)
            return 2
        }
        editor.themeNames = { ThemeLoader.available() }
        editor.cursorStyle = theme.cursorStyle
        editor.resize(width: terminal.width, height: terminal.height)
        var revision = editor.session.revision
        // Loaded when first needed: most sessions export nothing.
        lazy var exportThemeToUse = exportTheme ?? (try? ThemeLoader.load("light")) ?? theme
        var needsDraw = true
        var frame: Frame?
        var forceQuitArmed = false
        // The user's own word to leave without saving, as against a signal or a lost terminal.
        var forced = false
        var instantFailures = 0
        var lastLook: UInt64 = 0
        var lastDraw: UInt64 = 0
        var typeahead: Key?
        /// The terminal given up and taken back (a stop), or taken back (a continue): the
        /// window may have another size now, and everything is painted.
        func regain(_ step: () -> Void) {
            step()
            editor.resize(width: terminal.width, height: terminal.height)
            needsDraw = true
        }
        while true {
            // Stopped from outside (kill -TSTP), as Ctrl-Z stops; continued after a stop that
            // cannot be caught (SIGSTOP).
            if JobSignals.takeStop() { regain(terminal.suspend) }
            if JobSignals.takeContinue() { regain(terminal.resumed) }
            if editor.session.revision != revision {
                revision = editor.session.revision
                saver.changed(editor.workspace, history: editor.session.history)
            }
            let state = saver.saveState
            if state != editor.saveState {
                editor.saveState = state
                needsDraw = true
            }
            // Keys read already (a burst, a held key, text typed into a terminal without
            // bracketed paste) are taken before drawing: one frame for them all, not one each
            // (30,000 letters typed into a cell took 45 s, a frame each). A frame at least
            // every 100 ms all the same.
            if needsDraw, terminal.hasTypeahead,
                DispatchTime.now().uptimeNanoseconds - lastDraw < 100_000_000
            {
                typeahead = terminal.readKey(waiting: false)
            }
            if needsDraw, typeahead == nil {
                // A move from cell to cell patches the last frame; anything else draws anew.
                EditorView.render(editor, into: &frame)
                // A click means what was on the screen the user saw.
                editor.regions = frame!.screen.regions
                terminal.draw(frame!.screen)
                needsDraw = false
                lastDraw = DispatchTime.now().uptimeNanoseconds
            }
            // What another program wrote meanwhile (a pull, a second cjm) is merged in, a few
            // times a second at most: one stat when nothing changed. Looked for once the
            // screen shows the last key's answer, so that the answer never waits on the disk.
            if typeahead == nil, DispatchTime.now().uptimeNanoseconds - lastLook > 250_000_000, !editor.isTyping {
                let tookIn = takeIn(saver, &editor, &revision, waiting: false)
                // Counted from the look's end: a slow one (a large map merged) leaves time for keys.
                lastLook = DispatchTime.now().uptimeNanoseconds
                if tookIn {
                    needsDraw = true
                    continue
                }
            }
            if QuitSignals.received != 0 { break }
            let asked = DispatchTime.now().uptimeNanoseconds
            let typed = typeahead
            typeahead = nil
            guard let key = typed ?? terminal.readKey() else {
                // A read that fails at once, again and again, means the terminal is gone
                // (closed without a SIGHUP reaching us): save and leave rather than spin.
                let quick = DispatchTime.now().uptimeNanoseconds - asked < 5_000_000
                instantFailures = quick ? instantFailures + 1 : 0
                if instantFailures > 100 { break }
                continue
            }
            instantFailures = 0
            needsDraw = true
            if key == .resize { editor.resize(width: terminal.width, height: terminal.height) }
            if forceQuitArmed, Keymap.grid.action(for: key) == .quitAnyway {
                forced = true
                break
            }
            forceQuitArmed = false
            let effect = editor.handle(key)
            if editor.session.revision != revision {
                revision = editor.session.revision
                saver.changed(editor.workspace, history: editor.session.history)
            }
            switch effect {
            case .none: break
            case .redraw: terminal.repaintAll()
            case .saveNow:
                // What another program wrote is merged first; then an explicit save is the
                // user's word to overwrite what could not be (a file that is not a map).
                _ = takeIn(saver, &editor, &revision)
                switch saver.flush(overwrite: true) {
                case .failed(let why): editor.say(cannotSave(why, language), error: true)
                case .readOnly(let why): editor.say(cannotSave(why, language), error: true)
                default: editor.say(language.t(.savedFile, opened.path))
                }
            case .suspend: regain(terminal.suspend)
            case .theme(let name):
                do {
                    let chosen = try ThemeLoader.load(name)
                    terminal.setTheme(chosen)
                    editor.cursorStyle = chosen.cursorStyle
                    editor.say(language.t(.themeSet, name))
                } catch {
                    editor.say(language.describe(error), error: true)
                }
            case .export(let name):
                let (message, failed) = export(name, editor: editor, path: opened.path, theme: exportThemeToUse)
                editor.say(message, error: failed)
            case .quit:
                // What another program wrote just now is merged before the last save, not refused by it.
                _ = takeIn(saver, &editor, &revision)
                switch saver.flush() {
                case .failed(let why):
                    // Never drop the user's work silently.
                    let quit = Keymap.grid.key(.quitAnyway)
                    editor.say(language.t(.cannotSaveQuit, cannotSave(why, language), quit), error: true)
                    forceQuitArmed = true
                case .readOnly(let why) where editor.session.revision > 0:
                    editor.say(language.t(.readOnlyQuit, why.text(language), Keymap.grid.key(.quitAnyway)), error: true)
                    forceQuitArmed = true
                default:
                    terminal.end()
                    return 0
                }
            }
        }
        // A signal or a forced quit: the text being typed is kept too, then saved with the rest.
        editor.commitOpenText()
        if editor.session.revision != revision { saver.changed(editor.workspace, history: editor.session.history) }
        _ = takeIn(saver, &editor, &revision)
        let final = saver.flush()
        terminal.end()
        // Stopped from outside with work that could not be saved (a failed save, or edits to a
        // read-only map): it goes to a new file beside the map rather than nowhere. A forced
        // quit is the user's word to lose it.
        func rescue() -> String? { forced ? nil : MapStore.rescue(editor.workspace, beside: opened.path) }
        func say(_ problem: String) {
            var err = StandardError()
            print(TerminalText.safe("cjm: \(opened.path): \(problem)"), to: &err)
        }
        switch final {
        case .failed(let why):
            let problem = EditorView.saveProblem(why, language)
            say(rescue().map { language.t(.rescued, problem, $0) } ?? problem)
            return 3
        case .readOnly(let why) where editor.session.revision > 0:
            if let rescued = rescue() { say(language.t(.rescued, why.text(language), rescued)) }
        default: break
        }
        return QuitSignals.received != 0 ? 128 + QuitSignals.received : 0
    }
}

/// Merges what another program wrote to the file into the editor, when it did; true when
/// something came in. The saver takes the other version as its base only once the editor has
/// taken the merge in, and then writes the merge.
func takeIn(_ saver: Autosaver, _ editor: inout Editor, _ revision: inout Int, waiting: Bool = true) -> Bool {
    guard let incoming = saver.mergeFromDisk(editor.workspace, waiting: waiting) else {
        // Deleted, emptied or overwritten with something else: the map is on screen only.
        // Saving it again fails and says so, and quitting asks rather than leaving without it.
        if saver.takeLoss() {
            saver.changed(editor.workspace, history: editor.session.history)
            return true
        }
        return false
    }
    let before = editor.session.revision
    guard editor.adopt(incoming.merged, changes: incoming.changes) else {
        // Said once; not read and merged again until the file changes again.
        saver.decline(incoming)
        return true
    }
    saver.accept(incoming)
    revision = editor.session.revision
    // Writing back what is on disk already would only wake the other editor for nothing.
    if editor.workspace != incoming.theirs || editor.session.revision != before {
        saver.changed(editor.workspace, history: editor.session.history)
    }
    return true
}

/// "cannot save: WHY", without saying "cannot save" twice.
func cannotSave(_ why: Words, _ language: Language) -> String {
    let text = EditorView.saveProblem(why, language)
    let saying = [.fileCannotSave, .fileSaveUnchanged, .fileSavePartial].contains(why.phrase)
    return saying ? text : language.t(.cannotSave, text)
}

/// Writes an export beside the map file (one map for CSV and SVG: the one on screen).
func export(_ name: String, editor: Editor, path: String, theme: Theme) -> (String, Bool) {
    let t = editor.language
    guard let format = ExportFormat(rawValue: name) else { return (t.t(.unknownFormat, name), true) }
    let only: Int? = format.oneMap ? editor.mapIndex : nil
    let out = format.defaultPath(for: path, only: only, mapCount: editor.workspace.maps.count)
    do {
        // The map's mode, never wider: the export holds the map's text. A link at the
        // export's name is refused, never written through.
        try AtomicFile.write(
            Array(format.render(editor.workspace, only: only, theme: theme, language: t).utf8), to: out,
            mode: AtomicFile.mode(of: path))
        return (t.t(.exported, out), false)
    } catch {
        return (t.t(.cannotExport, error.description(t)), true)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        let bytes = Array(string.utf8)
        bytes.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
