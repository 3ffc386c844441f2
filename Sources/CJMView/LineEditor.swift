import CJMCore

/// The text being edited: characters and a cursor between them. Readline's keys.
public struct LineEditor: Equatable, Sendable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    public let multiline: Bool

    public init(_ text: String, multiline: Bool) {
        chars = Array(text)
        cursor = chars.count
        self.multiline = multiline
    }

    public var text: String { String(chars) }

    public enum Outcome: Equatable, Sendable { case editing, commit, cancel }

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
        for ch in s {
            // Pasted or typed newlines become line breaks only where lines are allowed.
            let c: Character = (ch == "\n" || ch == "\r\n" || ch == "\r") ? (multiline ? "\n" : " ") : ch
            chars.insert(c, at: cursor)
            cursor += 1
        }
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .commit
        case .escape: return .cancel
        case .altEnter, .ctrl("j"):
            if multiline { insert("\n") }
        case .char(let c): insert(String(c))
        case .paste(let text): insert(text)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = lineStart(cursor)
        case .end, .ctrl("e"): cursor = lineEnd(cursor)
        case .up:
            let start = lineStart(cursor)
            if start > 0 {
                let column = cursor - start
                let prevStart = lineStart(start - 1)
                cursor = min(prevStart + column, start - 1)
            } else {
                cursor = 0
            }
        case .down:
            let start = lineStart(cursor)
            let end = lineEnd(cursor)
            if end < chars.count {
                let column = cursor - start
                cursor = min(end + 1 + column, lineEnd(end + 1))
            } else {
                cursor = chars.count
            }
        case .backspace, .ctrl("h"):
            if cursor > 0 {
                chars.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < chars.count { chars.remove(at: cursor) }
        case .ctrl("k"):
            let end = lineEnd(cursor)
            if end == cursor, cursor < chars.count {
                chars.remove(at: cursor)  // at a line's end, join the next line, as readline does
            } else {
                chars.removeSubrange(cursor..<end)
            }
        case .ctrl("u"):
            let start = lineStart(cursor)
            chars.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("w"):
            var j = cursor
            while j > 0, chars[j - 1] == " " { j -= 1 }
            while j > 0, chars[j - 1] != " ", chars[j - 1] != "\n" { j -= 1 }
            chars.removeSubrange(j..<cursor)
            cursor = j
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
