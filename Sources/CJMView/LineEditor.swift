import CJMCore

/// The text being edited: characters and a cursor between them. Readline's keys.
public struct LineEditor: Equatable, Sendable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    public let multiline: Bool
    /// The whole text is selected (a prompt renaming something): typing replaces it, a move
    /// keeps it for editing.
    public private(set) var selected: Bool

    public init(_ text: String, multiline: Bool, selected: Bool = false) {
        chars = Array(text)
        cursor = chars.count
        self.multiline = multiline
        self.selected = selected && !text.isEmpty
    }

    public var text: String { String(chars) }

    /// Replaces the whole text (completion, history), the cursor at its end.
    public mutating func set(_ text: String) {
        chars = Array(text)
        cursor = chars.count
        selected = false
    }

    public enum Outcome: Equatable, Sendable {
        case editing, commit, cancel, commitNext, commitPrevious, commitAndQuit
        /// ↑ / ↓ on a one-line prompt: the earlier / later entry of its history.
        case earlier, later
    }

    private func lineStart(_ i: Int) -> Int {
        var j = i
        while j > 0, chars[j - 1] != "\n" { j -= 1 }
        return j
    }

    private func lineEnd(_ i: Int) -> Int {
        var j = i
        while j < chars.count, chars[j] != "\n" { j += 1 }
        return j
    }

    public mutating func insert(_ s: String) {
        if selected { set("") }
        // Within `s` the characters are already apart: only one that follows the text before
        // `s` (its first, or the next after a join), or a newline made a space, can join the
        // character before it; a paste is not tried letter by letter.
        var mayJoin = true
        for ch in s {
            // Pasted or typed newlines become line breaks only where lines are allowed.
            let c: Character = (ch == "\n" || ch == "\r\n" || ch == "\r") ? (multiline ? "\n" : " ") : ch
            // A mark (or a joiner, a second regional indicator) typed on its own key joins the
            // letter before it, as it does on screen: one character, one cursor step.
            if mayJoin, cursor > 0, chars[cursor - 1] != "\n", c != "\n" {
                let joined = String(chars[cursor - 1]) + String(c)
                if joined.count == 1 {
                    chars[cursor - 1] = Character(joined)
                    continue
                }
            }
            mayJoin = c != ch
            chars.insert(c, at: cursor)
            cursor += 1
        }
    }

    /// A code point that joins the one before it: a combining or spacing mark, a joiner, a
    /// variation selector.
    static func isJoining(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return s.value == 0x200D || (0xFE00...0xFE0F).contains(s.value)
        }
    }

    public mutating func handle(_ key: Key) -> Outcome {
        let action = Keymap.text.action(for: key)
        // A selection is replaced by what is typed, cleared by a delete, kept by a move.
        if selected {
            switch action {
            case .deleteBack?, .deleteForward?, .killToEnd?, .killToStart?, .killWord?:
                set("")
                return .editing
            case nil, .newline?: break
            default: selected = false
            }
        }
        switch action {
        case .commit?: return .commit
        case .cancel?: return .cancel
        case .commitNext?: return .commitNext
        case .commitPrevious?: return .commitPrevious
        case .commitAndQuit?: return .commitAndQuit
        // A one-line prompt (a name, an item) keeps the words apart, as a pasted line break does.
        case .newline?: insert(multiline ? "\n" : " ")
        case .cursorLeft?: cursor = max(0, cursor - 1)
        case .cursorRight?: cursor = min(chars.count, cursor + 1)
        case .lineStart?: cursor = lineStart(cursor)
        case .lineEnd?: cursor = lineEnd(cursor)
        case .cursorUp?:
            guard multiline else { return .earlier }
            let start = lineStart(cursor)
            if start > 0 {
                let column = cursor - start
                let prevStart = lineStart(start - 1)
                cursor = min(prevStart + column, start - 1)
            } else {
                cursor = 0
            }
        case .cursorDown?:
            guard multiline else { return .later }
            let start = lineStart(cursor)
            let end = lineEnd(cursor)
            if end < chars.count {
                let column = cursor - start
                cursor = min(end + 1 + column, lineEnd(end + 1))
            } else {
                cursor = chars.count
            }
        case .deleteBack?:
            if cursor > 0 {
                // A mark typed last goes alone (a wrong accent or tone mark), as it came.
                var scalars = String(chars[cursor - 1]).unicodeScalars
                if scalars.count > 1, let last = scalars.last, LineEditor.isJoining(last) {
                    scalars.removeLast()
                    chars[cursor - 1] = Character(String(scalars))
                } else {
                    chars.remove(at: cursor - 1)
                    cursor -= 1
                }
            }
        case .deleteForward?:
            if cursor < chars.count { chars.remove(at: cursor) }
        case .killToEnd?:
            let end = lineEnd(cursor)
            if end == cursor, cursor < chars.count {
                chars.remove(at: cursor)  // at a line's end, join the next line, as readline does
            } else {
                chars.removeSubrange(cursor..<end)
            }
        case .killToStart?:
            let start = lineStart(cursor)
            chars.removeSubrange(start..<cursor)
            cursor = start
        case .killWord?:
            var j = cursor
            while j > 0, chars[j - 1] == " " { j -= 1 }
            while j > 0, chars[j - 1] != " ", chars[j - 1] != "\n" { j -= 1 }
            chars.removeSubrange(j..<cursor)
            cursor = j
        case nil:
            switch key {
            case .char(let c): insert(String(c))
            case .paste(let text): insert(text)
            default: break
            }
        default: break
        }
        return .editing
    }

    /// The text wrapped hard at `width` columns (no word wrap, so every character has one
    /// place), and where the cursor stands in it.
    public func layout(width: Int) -> (lines: [String], cursorLine: Int, cursorColumn: Int) {
        var lines: [String] = [""]
        var used = 0
        var cl = 0
        var cc = 0
        func markCursor(_ i: Int) {
            if i == cursor {
                cl = lines.count - 1
                cc = used
            }
        }
        for (i, ch) in chars.enumerated() {
            if ch == "\n" {
                markCursor(i)
                lines.append("")
                used = 0
                continue
            }
            let w = DisplayWidth.of(String(ch))
            if used + w > width, used > 0 {
                lines.append("")
                used = 0
            }
            markCursor(i)
            lines[lines.count - 1].append(ch)
            used += w
        }
        if cursor == chars.count {
            if used >= width {
                lines.append("")
                used = 0
            }
            cl = lines.count - 1
            cc = used
        }
        return (lines, cl, cc)
    }
}
