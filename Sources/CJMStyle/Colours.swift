/// Terminal palette colours as web colours, so exports use the theme's palette.
public enum Colours {
    static let base16 = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    /// The xterm 256-colour palette entry `n` as red, green and blue; nil for the terminal's default.
    public static func rgb(_ n: Int) -> (Int, Int, Int)? {
        guard n >= 0 else { return nil }
        if n < 16 { return base16[n] }
        if n < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let i = n - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        }
        let g = 8 + 10 * (n - 232)
        return (g, g, g)
    }

    /// The xterm 256-colour palette entry `n` as `#rrggbb`; nil for the terminal's default.
    public static func hex(_ n: Int) -> String? {
        rgb(n).map { String(format3: $0.0, $0.1, $0.2) }
    }

    /// The entry among the first `count` nearest to `n`, for a terminal of fewer colours than
    /// the theme names. A grey is one of its greys: by distance alone mid grey was yellow.
    public static func nearest(_ n: Int, among count: Int) -> Int {
        guard let (r, g, b) = rgb(n) else { return n }
        var best = 0
        var distance = Int.max
        let greys = [0, 7, 8, 15].filter { $0 < count }
        for k in r == g && g == b ? greys : Array(0..<max(1, count)) {
            let (x, y, z) = rgb(k)!
            let d = (r - x) * (r - x) + (g - y) * (g - y) + (b - z) * (b - z)
            if d < distance { (best, distance) = (k, d) }
        }
        return best
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
