import CJMCore
import CJMStyle

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

    /// Eight colours and eight markers, so up to eight curves stay apart in print and in grey.
    static let fallbackColours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    static func series(_ map: JourneyMap, _ ws: Workspace, theme: Theme, language: Language) -> [Series] {
        let curves = Markdown.curves(map, ws, language)
        return curves.enumerated().map { k, c in
            let colour =
                curves.count == 1
                ? Colours.of(.curve, in: theme, fallback: "#222222")
                : Colours.of(Role.series(k), in: theme, fallback: fallbackColours[k % 8])
            return Series(name: c.0, persona: c.1, colour: colour, shape: k % 8)
        }
    }

    /// A marker's outline around (0, 0): a circle, then polygons.
    static func markerShape(_ shape: Int) -> String {
        let r = 6.0
        func poly(_ points: [(Double, Double)]) -> String {
            "<polygon points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>"
        }
        switch shape {
        case 0: return "<circle r=\"\(f(r))\"/>"
        case 1: return poly([(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)])
        case 2: return poly([(0, -r), (r, r), (-r, r)])
        case 3: return poly([(-r + 1, -r + 1), (r - 1, -r + 1), (r - 1, r - 1), (-r + 1, r - 1)])
        case 4: return poly([(-r, -r), (r, -r), (0, r)])
        case 5:
            // A five-pointed star: points every 36°, outer and inner by turns.
            let unit: [(Double, Double)] = [
                (0, -1), (0.588, -0.809), (0.951, -0.309), (0.951, 0.309), (0.588, 0.809), (0, 1), (-0.588, 0.809),
                (-0.951, 0.309), (-0.951, -0.309), (-0.588, -0.809),
            ]
            return poly(
                unit.enumerated().map { i, p in (i % 2 == 0 ? r + 1.5 : r / 2.2) * p.0 }.enumerated().map { i, x in
                    (x, (i % 2 == 0 ? r + 1.5 : r / 2.2) * unit[i].1)
                })
        case 6:
            let h = r * 0.866
            return poly([(r, 0), (r / 2, h), (-r / 2, h), (-r, 0), (-r / 2, -h), (r / 2, -h)])
        default:
            let w = r / 2.5
            return poly([
                (-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w), (w, r), (-w, r), (-w, w), (-r, w), (-r, -w), (-w, -w),
            ])
        }
    }

    /// A marker at (x, y), outlined in white so two that meet both stay visible.
    static func marker(_ shape: Int, x: Double, y: Double, colour: String) -> String {
        "<g transform=\"translate(\(f(x)) \(f(y)))\" fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"1.5\">\(markerShape(shape))</g>"
    }

    /// A level of the curve's scale as printed: `+2 very positive`, `−1 negative` (a true minus).
    static func levelName(_ v: Int, _ t: Language) -> String {
        (v < 0 ? "−\(-v)" : Emotion.signed(v)) + " " + Emotion.name(v, t)
    }

    static func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// The estimated width of text at `size` pixels: what the label layout and its test use.
    /// DejaVu Sans averages about 0.62 em for Latin and Cyrillic letters; wide glyphs 1 em.
    static func textWidth(_ s: String, size: Double) -> Double {
        s.reduce(0) { $0 + (DisplayWidth.of(String($1)) > 1 ? 1.0 : 0.62) } * size
    }

    /// A label cut into at most two lines of `width` pixels, by words (a longer word is cut),
    /// the second ending in … when the rest does not fit; and whether it was shortened.
    static func labelLines(_ label: String, width: Double, size: Double) -> ([String], Bool) {
        var lines: [String] = []
        var line = ""
        for word in label.split(separator: " ").map(String.init) {
            let next = line.isEmpty ? word : line + " " + word
            if textWidth(next, size: size) <= width || line.isEmpty {
                line = next
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        // A first word too long for the line (or a name with no spaces, as in Chinese or
        // Japanese): fill the first line glyph by glyph rather than leave it holding `N.`.
        if lines.count > 1, lines[0].allSatisfy({ $0.isNumber || $0 == "." }) {
            var head = ""
            var rest = Substring(label)
            while let c = rest.first, textWidth(head + String(c), size: size) <= width {
                head.append(c)
                rest = rest.dropFirst()
            }
            lines = [head, String(rest).trimmingSpaces]
        }
        var cut = lines.count > 2
        lines = Array(lines.prefix(2))
        for i in lines.indices where textWidth(lines[i], size: size) > width {
            var l = lines[i]
            while !l.isEmpty, textWidth(l + "…", size: size) > width { l.removeLast() }
            lines[i] = l + "…"
            cut = true
        }
        if cut, let last = lines.last, !last.hasSuffix("…") {
            var l = last
            while !l.isEmpty, textWidth(l + "…", size: size) > width { l.removeLast() }
            lines[lines.count - 1] = l + "…"
        }
        return (lines, cut)
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
        let legendY = top + level * 4 + 76
        let height = legendY + 24 * Double(max(1, s.count)) + 10
        var out: [String] = []
        if standalone { out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") }
        out.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\" role=\"img\">"
        )
        out.append("<title>\(escape(t.t(.svgTitle, map.title)))</title>")
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        let names = [2, 1, 0, -1, -2].map { escape(levelName($0, t)) }
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
        // Stage names wrap to two lines within their column; a longer one ends in … and keeps
        // its whole name as a tooltip. Labels never reach into the next column.
        for (j, st) in map.stages.enumerated() {
            let (lines, cut) = labelLines("\(j + 1). \(st.name)", width: column - 12, size: 13)
            let tip = cut ? "<title>\(escape(st.name))</title>" : ""
            let spans = lines.enumerated().map { i, l in
                "<tspan x=\"\(f(x(j)))\" dy=\"\(i == 0 ? "0" : "16")\">\(escape(l))</tspan>"
            }.joined()
            out.append(
                "<text class=\"stage\" x=\"\(f(x(j)))\" y=\"\(f(top + level * 4 + 28))\" text-anchor=\"middle\" fill=\"#222222\">\(tip)\(spans)</text>"
            )
        }
        for (k, c) in s.enumerated() {
            let dx = (Double(k) - Double(s.count - 1) / 2) * 6  // curves that agree stay visible side by side
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

extension CurveSVG {
    /// The curves for the HTML page: as wide as the grid, with x in per cent, so each stage's
    /// point stands under its column at any page width, in print too. `first` is the per cent
    /// the lane-title column takes; `id` makes the markers' ids unique on the page.
    static func columns(
        _ map: JourneyMap, in ws: Workspace, theme: Theme, language t: Language, first: Double, id: String
    ) -> (svg: String, legend: String) {
        let s = series(map, ws, theme: theme, language: t)
        let top = 14.0
        let level = 30.0
        let height = top * 2 + level * 4
        let n = Double(max(1, map.stages.count))
        func x(_ j: Int) -> String { f(first + (100 - first) * (Double(j) + 0.5) / n) + "%" }
        func y(_ v: Int) -> Double { top + level * Double(2 - v) }
        var out: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"\(f(height))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" role=\"img\">",
            "<title>\(escape(t.t(.svgTitle, map.title)))</title>",
            "<defs>"
                + (0..<8).map { "<g id=\"\(id)-m\($0)\" stroke=\"#ffffff\" stroke-width=\"1.5\">\(markerShape($0))</g>" }.joined()
                + "</defs>",
        ]
        let levelColours = [Role.veryPositive, .positive, .neutral, .negative, .veryNegative].map {
            Colours.of($0, in: theme, fallback: "#555555")
        }
        for (i, v) in [2, 1, 0, -1, -2].enumerated() {
            let yy = f(y(v))
            out.append("<line x1=\"\(f(first))%\" y1=\"\(yy)\" x2=\"100%\" y2=\"\(yy)\" stroke=\"#dddddd\" stroke-width=\"1\"/>")
            out.append(
                "<text x=\"\(f(first - 0.5))%\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" fill=\"\(levelColours[i])\">\(escape(levelName(v, t)))</text>"
            )
        }
        for (k, c) in s.enumerated() {
            let dx = (Double(k) - Double(s.count - 1) / 2) * 6
            out.append("<g transform=\"translate(\(f(dx)) 0)\">")
            var previous: (Int, Int)?
            for (j, st) in map.stages.enumerated() {
                guard let v = st.score(for: c.persona) else {
                    previous = nil  // a gap where a stage is not scored
                    continue
                }
                if let (pj, pv) = previous {
                    out.append(
                        "<line x1=\"\(x(pj))\" y1=\"\(f(y(pv)))\" x2=\"\(x(j))\" y2=\"\(f(y(v)))\" stroke=\"\(c.colour)\" stroke-width=\"3\"/>"
                    )
                }
                previous = (j, v)
            }
            for (j, st) in map.stages.enumerated() {
                guard let v = st.score(for: c.persona) else { continue }
                out.append("<use href=\"#\(id)-m\(c.shape)\" x=\"\(x(j))\" y=\"\(f(y(v)))\" fill=\"\(c.colour)\"/>")
            }
            out.append("</g>")
        }
        out.append("</svg>")
        let legend = s.map { c in
            "<span class=\"key\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\">\(marker(c.shape, x: 8, y: 8, colour: c.colour))</svg> \(escape(c.name))</span>"
        }.joined(separator: " ")
        return (out.joined(separator: "\n"), legend)
    }
}
