/// Terminal palette colours as web colours, so exports use the theme's palette.
public enum Colours {
    static let base16 = [
        "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
        "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
    ]

    /// The xterm 256-colour palette entry `n` as `#rrggbb`; nil for the terminal's default.
    public static func hex(_ n: Int) -> String? {
        guard n >= 0 else { return nil }
        if n < 16 { return base16[n] }
        if n < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let i = n - 16
            return String(format3: levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        }
        let g = 8 + 10 * (n - 232)
        return String(format3: g, g, g)
    }

    /// The colour of a role's text in the theme, or `fallback`.
    public static func of(_ role: Role, in theme: Theme, fallback: String) -> String {
        hex(theme.style(role).foreground) ?? fallback
    }
}

extension String {
    public init(format3 r: Int, _ g: Int, _ b: Int) {
        func two(_ v: Int) -> String {
            let s = String(v, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        self = "#" + two(r) + two(g) + two(b)
    }
}
