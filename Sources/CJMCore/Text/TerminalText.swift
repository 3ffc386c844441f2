/// Text from a file made safe for a terminal line: a map from someone else must not be able
/// to drive the terminal through `check`, `show` or an error message that quotes it.
public enum TerminalText {
    /// C0 controls become their visible pictures (␛ for ESC), DEL becomes ␡, C1 controls
    /// (U+0080–U+009F, which some terminals obey as ESC sequences) become �, and bidi
    /// controls, which could reorder what the user reads, are dropped, as in the editor.
    /// Line breaks stay when `keepingLineBreaks` (whole outputs), else they show as ␊.
    public static func safe(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 >= 0xC2 }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            switch v {
            case 0x0A where keepingLineBreaks: out.append(s)
            case 0..<0x20: out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append("\u{FFFD}")
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: break
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// Whether `text` holds anything `safe` would change (a line break counts when not kept).
    public static func isSafe(_ text: String, keepingLineBreaks: Bool = false) -> Bool {
        safe(text, keepingLineBreaks: keepingLineBreaks) == text
    }
}
