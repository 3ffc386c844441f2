import CJMCore
import CJMView

/// The emotion curves of a map as SVG: for slides on its own, and inline in the HTML page.
public enum CurveSVG {
    /// Escapes text for XML (element content and attribute values). Controls are not allowed
    /// in XML 1.0 at all: they show as the terminal shows them (`TerminalText.safe`), except
    /// line breaks and tabs, which become spaces.
    public static func escape(_ s: String) -> String {
        var out = ""
        let tabless = String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\t" ? " " : $0 }))
        for ch in TerminalText.safe(tabless, keepingLineBreaks: true).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += " "
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    struct Series {
        var name: String
        var persona: PersonaID?
        var colour: String
        var shape: Int
    }

    static func series(_ map: JourneyMap, _ ws: Workspace, theme: Theme, language: Language) -> [Series] {
        let curves = Markdown.curves(map, ws, language)
        let fallback = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
        return curves.enumerated().map { k, c in
            let colour =
                curves.count == 1
                ? Colours.of(.curve, in: theme, fallback: "#222222")
                : Colours.of(Role.series(k), in: theme, fallback: fallback[k % 4])
            return Series(name: c.0, persona: c.1, colour: colour, shape: k % 4)
        }
    }

    static func marker(_ shape: Int, x: Double, y: Double, colour: String) -> String {
        let r = 6.0
        switch shape {
        case 0: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(colour)\"/>"
        case 1:
            return
                "<polygon points=\"\(f(x)),\(f(y - r - 1)) \(f(x + r + 1)),\(f(y)) \(f(x)),\(f(y + r + 1)) \(f(x - r - 1)),\(f(y))\" fill=\"\(colour)\"/>"
        case 2:
            return "<polygon points=\"\(f(x)),\(f(y - r)) \(f(x + r)),\(f(y + r)) \(f(x - r)),\(f(y + r))\" fill=\"\(colour)\"/>"
        default:
            return
                "<rect x=\"\(f(x - r + 1))\" y=\"\(f(y - r + 1))\" width=\"\(f(2 * r - 2))\" height=\"\(f(2 * r - 2))\" fill=\"\(colour)\"/>"
        }
    }

    static func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// A standalone SVG document of the map's curves with stage names, levels and a legend.
    /// The curve, its fixed words in the map's language (or `language` when it does not say).
    public static func render(
        _ map: JourneyMap, in ws: Workspace, theme: Theme, standalone: Bool = true, language fallback: Language = .en
    ) -> String {
        let t = Language.of(map) ?? fallback
        let s = series(map, ws, theme: theme, language: t)
        let column = 140.0
        let left = 150.0
        let top = 30.0
        let level = 40.0
        let width = left + column * Double(max(1, map.stages.count)) + 20
        let legendY = top + level * 4 + 60
        let height = legendY + 24 * Double(max(1, s.count)) + 10
        var out: [String] = []
        if standalone { out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") }
        out.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\" role=\"img\">"
        )
        out.append("<title>\(escape(t.t(.svgTitle, map.title)))</title>")
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        let names = [2, 1, 0, -1, -2].map { v in
            escape((v > 0 ? "+\(v)" : v < 0 ? "−\(-v)" : "0") + " " + Emotion.name(v, t))
        }
        let levelColours = [Role.veryPositive, .positive, .neutral, .negative, .veryNegative].map {
            Colours.of($0, in: theme, fallback: "#555555")
        }
        for i in 0..<5 {
            let y = top + level * Double(i)
            out.append(
                "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - 20))\" y2=\"\(f(y))\" stroke=\"#dddddd\" stroke-width=\"1\"/>"
            )
            out.append(
                "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\" fill=\"\(levelColours[i])\">\(names[i])</text>")
        }
        func x(_ j: Int) -> Double { left + column * (Double(j) + 0.5) }
        func y(_ v: Int) -> Double { top + level * Double(2 - v) }
        for (j, st) in map.stages.enumerated() {
            out.append(
                "<text x=\"\(f(x(j)))\" y=\"\(f(top + level * 4 + 28))\" text-anchor=\"middle\" fill=\"#222222\">\(j + 1). \(escape(st.name))</text>"
            )
        }
        for (k, c) in s.enumerated() {
            let dx = Double(k) * 3 - Double(s.count - 1) * 1.5  // curves that agree stay visible side by side
            // A gap where a stage is not scored: the line breaks there.
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    out.append(
                        "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"\(c.colour)\" stroke-width=\"3\"/>"
                    )
                }
                segment = []
            }
            for st in map.stages.indices {
                if let v = map.stages[st].score(for: c.persona) {
                    segment.append("\(f(x(st) + dx)),\(f(y(v)))")
                } else {
                    flush()
                }
            }
            flush()
            for (j, st) in map.stages.enumerated() {
                guard let v = st.score(for: c.persona) else { continue }
                out.append(marker(c.shape, x: x(j) + dx, y: y(v), colour: c.colour))
            }
            let ly = legendY + 24 * Double(k)
            out.append(marker(c.shape, x: left + 8, y: ly - 4, colour: c.colour))
            out.append("<text x=\"\(f(left + 22))\" y=\"\(f(ly))\" fill=\"#222222\">\(escape(c.name))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
