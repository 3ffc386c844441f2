/// Word wrapping and fitting by display width.
public enum TextLayout {
    /// Wraps `text` into lines no wider than `width` columns. Explicit newlines break lines;
    /// words break at spaces, and a word wider than the line is cut between glyphs.
    /// A wide glyph never straddles the line end.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ text: Substring, width: Int, into lines: inout [String]) {
        let glyphs = Glyph.split(text)
        if glyphs.isEmpty {
            lines.append("")
            return
        }
        let n = glyphs.count
        var start = 0
        while start < n {
            var used = 0
            var end = start
            var lastSpace = -1
            while end < n, used + glyphs[end].width <= width {
                if glyphs[end].text == " " { lastSpace = end }
                used += glyphs[end].width
                end += 1
            }
            let lineEnd: Int
            let next: Int
            if end == n {
                (lineEnd, next) = (n, n)
            } else if glyphs[end].text == " " {
                (lineEnd, next) = (end, end + 1)
            } else if lastSpace > start {
                (lineEnd, next) = (lastSpace, lastSpace + 1)
            } else if end == start {
                (lineEnd, next) = (start + 1, start + 1)  // a glyph wider than the line stands alone
            } else {
                (lineEnd, next) = (end, end)  // a word longer than the line is cut
            }
            var line = ""
            for g in glyphs[start..<lineEnd] { line += g.text }
            lines.append(line)
            start = next
        }
    }

    /// Cuts `text` to at most `width` columns, ending with `…` when something was cut.
    public static func fit(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        // Plain narrow text splits into itself, a column a code point.
        if let columns = DisplayWidth.plainColumns(text), columns <= width { return text }
        let glyphs = Glyph.split(text)
        let total = glyphs.reduce(0) { $0 + $1.width }
        if total <= width { return glyphs.map(\.text).joined() }
        var out = ""
        var used = 0
        for g in glyphs {
            if used + g.width > width - 1 { break }
            out += g.text
            used += g.width
        }
        return out + "…"
    }

    /// Pads `text` with spaces to exactly `width` columns (cutting it first when longer).
    public static func pad(_ text: String, width: Int, alignRight: Bool = false) -> String {
        let fitted = fit(text, width: width)
        let gap = max(0, width - DisplayWidth.of(fitted))
        let spaces = String(repeating: " ", count: gap)
        return alignRight ? spaces + fitted : fitted + spaces
    }
}
