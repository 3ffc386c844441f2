import CJMCore

/// How a role looks: colours (-1 is the terminal's default, 0–255 the palette) and attributes.
public struct Style: Equatable, Hashable, Sendable {
    public var foreground: Int = -1
    public var background: Int = -1
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(
        foreground: Int = -1, background: Int = -1, bold: Bool = false, reverse: Bool = false, underline: Bool = false,
        dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }
}

/// How the cell under the cursor is shown: a frame (the heavy ends of the rule under it), which
/// costs a terminal a few bytes per move, or the whole cell filled, which reads from afar.
public enum CursorStyle: String, Equatable, Sendable, CaseIterable {
    case frame, fill
}

/// A theme: a style per role. Files in `Themes/` use one line per role:
/// `cursor = black on yellow bold` (colours: default, black, red, green, yellow, blue,
/// magenta, cyan, white, bright-…, or 0–255; attributes: bold reverse underline dim), and
/// `cursor-style = frame` or `fill`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]
    /// True when the theme must read without any colour (mono, NO_COLOR).
    public var monochrome: Bool
    /// The colours of every role that names none (`background = 231`): a theme made for
    /// paper-white need not rely on the terminal's own background. -1: the terminal's.
    public var background = -1
    public var foreground = -1
    public var cursorStyle = CursorStyle.frame

    public func style(_ role: Role) -> Style { styles[role] ?? Style() }

    static let colourNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func colour(_ word: String) -> Int? {
        if word == "default" { return -1 }
        if let i = colourNames.firstIndex(of: word) { return i }
        if word.hasPrefix("bright-"), let i = colourNames.firstIndex(of: String(word.dropFirst(7))) { return i + 8 }
        if let n = Int(word), (0...255).contains(n) { return n }
        return nil
    }

    /// A wrong line of a theme file, worded when it is shown.
    public struct ParseError: SaidError, CustomStringConvertible, Sendable {
        public var words: Words
        public var description: String { description(.en) }
        public func description(_ t: Language) -> String { words.text(t) }
    }

    /// Parses theme text. Roles not named keep the monochrome style, so a theme file can be short.
    public static func parse(_ text: String, name: String, source: String) throws(ParseError) -> Theme {
        var theme = Theme(name: name, styles: Theme.monochromeStyles, monochrome: false)
        let byKey = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.themeKey, $0) })
        // What is wrong on line n + 1 of the file.
        func wrong(_ n: Int, _ phrase: Phrase, _ more: Words.Argument...) -> ParseError {
            ParseError(words: Words(phrase, arguments: [.text(source), .number(n + 1)] + more))
        }
        // Lines and comments are found on the bytes: a split by Characters was most of a theme's reading.
        for (n, raw) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            // trimmingSpaces also takes the CR of a file saved with CR LF.
            let trimmed = String(Substring(raw.prefix { $0 != UInt8(ascii: "#") })).trimmingSpaces
            if trimmed.isEmpty { continue }
            // `name = value`, both given (split on the byte: '=' and spaces are ASCII).
            guard let eq = trimmed.utf8.firstIndex(of: UInt8(ascii: "=")) else { throw wrong(n, .themeExpected) }
            let key = String(trimmed[..<eq]).trimmingSpaces
            let value = String(trimmed[trimmed.utf8.index(after: eq)...]).trimmingSpaces
            guard !key.isEmpty, !value.isEmpty else { throw wrong(n, .themeExpected) }
            if key == "monochrome" {
                theme.monochrome = value == "yes" || value == "true"
                continue
            }
            if key == "cursor-style" {
                guard let style = CursorStyle(rawValue: value) else {
                    throw wrong(n, .themeUnknownWord, .text(value))
                }
                theme.cursorStyle = style
                continue
            }
            if key == "background" || key == "foreground" {
                guard let c = colour(value) else {
                    throw wrong(n, .themeUnknownWord, .text(value))
                }
                if key == "background" { theme.background = c } else { theme.foreground = c }
                continue
            }
            guard let role = byKey[key] else {
                throw wrong(n, .themeUnknownRole, .text(key), .text(byKey.keys.sorted().joined(separator: ", ")))
            }
            var style = Style()
            var words = value.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }[...]
            if let first = words.first, let c = colour(first) {
                style.foreground = c
                words = words.dropFirst()
            }
            if words.first == "on" {
                words = words.dropFirst()
                guard let w = words.first, let c = colour(w) else {
                    throw wrong(n, .themeColourAfterOn)
                }
                style.background = c
                words = words.dropFirst()
            }
            for w in words {
                switch w {
                case "bold": style.bold = true
                case "reverse": style.reverse = true
                case "underline": style.underline = true
                case "dim": style.dim = true
                case "normal": break
                default: throw wrong(n, .themeUnknownWord, .text(w))
                }
            }
            theme.styles[role] = style
        }
        return theme
    }

    /// Attributes only: the cursor and the emotion extremes still stand out without colour.
    static let monochromeStyles: [Role: Style] = [
        .topBar: Style(reverse: true), .bottomBar: Style(reverse: true), .header: Style(bold: true),
        .headerCurrent: Style(bold: true, reverse: true), .laneTitle: Style(bold: true),
        .laneTitleCurrent: Style(bold: true, underline: true), .cursor: Style(bold: true, reverse: true),
        .editing: Style(underline: true), .border: Style(dim: true), .dim: Style(dim: true),
        .error: Style(bold: true, reverse: true), .match: Style(bold: true, underline: true),
        .message: Style(bold: true), .help: Style(reverse: true), .helpTitle: Style(bold: true, reverse: true),
        .axis: Style(dim: true), .curve: Style(), .veryNegative: Style(bold: true), .negative: Style(),
        .neutral: Style(dim: true), .positive: Style(), .veryPositive: Style(bold: true),
        .series1: Style(bold: true), .series2: Style(underline: true), .series3: Style(), .series4: Style(dim: true),
        .series5: Style(bold: true, underline: true), .series6: Style(reverse: true), .series7: Style(bold: true, dim: true),
        .series8: Style(underline: true, dim: true), .cursorFrame: Style(bold: true),
    ]

    public static let attributesOnly = Theme(name: "mono", styles: monochromeStyles, monochrome: true)

    /// The built-in themes, used when no `Themes/` folder can be found. The files in
    /// `Themes/` hold the same text (a test keeps them equal).
    public static let builtIn: [String: String] = [
        "dark": """
        # cjm dark theme (the default)
        top-bar = black on cyan
        bottom-bar = black on bright-black
        header = bright-white bold
        header-current = black on bright-cyan bold
        lane-title = bright-white bold
        lane-title-current = black on cyan bold
        cell = default
        cursor = black on bright-yellow bold
        editing = bright-white on blue
        border = bright-black
        dim = bright-black
        message = bright-green bold
        error = bright-white on red bold
        help = white on 236
        match = black on bright-green
        help-title = black on bright-cyan bold
        axis = bright-black
        curve = bright-white
        very-negative = bright-red bold
        negative = red
        neutral = yellow
        positive = green
        very-positive = bright-green bold
        series1 = bright-cyan bold
        series2 = bright-magenta bold
        series3 = bright-yellow bold
        series4 = bright-blue bold
        series5 = bright-red bold
        series6 = bright-green bold
        series7 = bright-white bold
        series8 = 208 bold
        cursor-frame = bright-yellow bold

        """,
        "light": """
        # cjm light theme: black on white, whatever the terminal's own background
        background = 231
        foreground = 16
        top-bar = white on blue
        bottom-bar = black on 252
        header = black bold
        header-current = white on blue bold
        lane-title = black bold
        lane-title-current = white on 24 bold
        cell = default
        cursor = black on 220 bold
        editing = black on 153
        border = 245
        dim = 245
        message = 22 bold
        error = white on red bold
        help = black on 254
        match = black on 157
        help-title = white on blue bold
        axis = 245
        curve = black
        very-negative = 160 bold
        negative = 166
        neutral = 136
        positive = 28
        very-positive = 22 bold
        series1 = 25 bold
        series2 = 127 bold
        series3 = 130 bold
        series4 = 28 bold
        series5 = 160 bold
        series6 = 30 bold
        series7 = 240 bold
        series8 = 56 bold
        cursor-frame = 202 bold

        """,
        "mono": """
        # cjm monochrome theme: attributes only, for terminals without colour
        monochrome = yes
        top-bar = reverse
        bottom-bar = reverse
        header = bold
        header-current = bold reverse
        lane-title = bold
        lane-title-current = bold underline
        cell = normal
        cursor = bold reverse
        editing = underline
        border = dim
        dim = dim
        message = bold
        error = bold reverse
        help = reverse
        match = bold underline
        help-title = bold reverse
        axis = dim
        curve = normal
        very-negative = bold
        negative = normal
        neutral = dim
        positive = normal
        very-positive = bold
        series1 = bold
        series2 = underline
        series3 = normal
        series4 = dim
        series5 = bold underline
        series6 = reverse
        series7 = bold dim
        series8 = underline dim
        cursor-frame = bold

        """,
    ]
}
