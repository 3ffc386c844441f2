import CJMCore

/// Markdown for a wiki or a README: per map a heading, its segment, personas and goal, and a
/// table of stages by lanes with a row per emotion curve.
public enum Markdown {
    /// Escapes what Markdown tables and inline text would read as syntax; line breaks become
    /// <br>, and other control characters their visible pictures.
    static func cell(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#": out += "\\" + String(ch)
            // A bare CR too: some renderers end the table row there.
            case "\n", "\r\n", "\r": out += "<br>"
            default: out.append(ch)
            }
        }
        return TerminalText.safe(out)
    }

    static func score(_ v: Int?) -> String {
        v.map(Emotion.signed) ?? "·"
    }

    /// Each map's fixed words are in the map's own language, or in `language` when the map
    /// does not say.
    /// With `mermaid`, each map's table is followed by its Mermaid journey, which GitHub draws.
    public static func export(
        _ ws: Workspace, only: Int? = nil, language fallback: Language = .en, mermaid: Bool = false, lane: String? = nil
    ) -> String {
        var out: [String] = []
        for (i, map) in ws.maps.enumerated() where only == nil || only == i {
            let t = Language.of(map) ?? fallback
            out.append("## " + cell(map.title.isEmpty ? t.t(.untitledMap) : map.title))
            out.append("")
            if !map.segment.isEmpty { out.append("**\(t.t(.labelSegment)):** " + cell(map.segment) + "  ") }
            let names = map.personas.compactMap { ws.persona($0) }
            if !names.isEmpty {
                out.append("**\(t.t(.labelPersonas)):** " + names.map { cell($0.name) }.joined(separator: ", ") + "  ")
            }
            if !map.goal.isEmpty { out.append("**\(t.t(.labelGoal)):** " + cell(map.goal) + "  ") }
            out.append("")
            out.append(
                "| | " + map.stages.enumerated().map { "\($0.offset + 1). " + cell($0.element.name) }.joined(separator: " | ")
                    + " |")
            out.append("|---|" + String(repeating: "---|", count: map.stages.count))
            for lane in map.lanes {
                let cells = map.stages.map { st -> String in
                    let text = lane.cell(st.id)
                    switch lane.content {
                    case .text: return cell(text)
                    case .list, .channels: return text.items.map { "• " + cell($0) }.joined(separator: "<br>")
                    case .metrics: return text.items.map { cell(Metric.parse($0).display(t)) }.joined(separator: "<br>")
                    }
                }
                out.append("| **" + cell(lane.title) + "** | " + cells.joined(separator: " | ") + " |")
            }
            let series = curves(map, ws, t)
            for (name, p) in series {
                out.append(
                    "| *" + t.t(.labelEmotion) + (p == nil ? "" : ": " + cell(name)) + "* | "
                        + map.stages.map { score($0.score(for: p)) }.joined(separator: " | ") + " |")
            }
            out.append("")
            out.append(t.t(.scaleNote))
            out.append("")
            if mermaid {
                out.append("```mermaid")
                out.append(Mermaid.export(map, in: ws, lane: lane, language: t).trimmingCharacters(in: "\n"))
                out.append("```")
                out.append("")
            }
            for p in names {
                out.append("### " + cell(p.name))
                out.append("")
                for f in Persona.fields.dropFirst() where !p[keyPath: f.path].isEmpty {
                    out.append("- **" + t.t(f.phrase) + ":** " + cell(p[keyPath: f.path]))
                }
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }

    /// The curves of a map: its own (when it has no personas or has scores) and each persona's.
    static func curves(_ map: JourneyMap, _ ws: Workspace, _ language: Language) -> [(String, PersonaID?)] {
        map.curves.map { p in (p.map { ws.persona($0)?.name ?? $0.raw } ?? language.t(.mapCurve), p) }
    }
}
