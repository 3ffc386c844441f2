/// The style layer below the view and the exports: roles, themes and the palette.

/// What a cell on screen means; the theme turns roles into colours and attributes.
public enum Role: UInt8, CaseIterable, Sendable {
    case normal, topBar, bottomBar, header, headerCurrent, laneTitle, laneTitleCurrent
    case cell, cursor, border, dim, editing, message, error
    case help, helpTitle
    /// A search match.
    case match
    case axis, curve
    case veryNegative, negative, neutral, positive, veryPositive
    /// The curves of up to eight personas on one map, told apart by colour and by marker.
    case series1, series2, series3, series4, series5, series6, series7, series8
    /// The frame drawn round the cell under the cursor (the rules above and below it).
    case cursorFrame

    /// The role of an emotion level, -2 … +2.
    public static func level(_ score: Int) -> Role {
        switch score {
        case ...(-2): return .veryNegative
        case -1: return .negative
        case 0: return .neutral
        case 1: return .positive
        default: return .veryPositive
        }
    }

    public static func series(_ k: Int) -> Role {
        [.series1, .series2, .series3, .series4, .series5, .series6, .series7, .series8][k % 8]
    }

    /// The name used in theme files: `headerCurrent` is `header-current`. Written out, in the
    /// cases' order, rather than made from the case's name by reflection, which cost a
    /// millisecond of every start (a test holds the two equal).
    public var themeKey: String { Role.themeKeys[Int(rawValue)] }

    static let themeKeys = """
        normal top-bar bottom-bar header header-current lane-title lane-title-current cell cursor border dim \
        editing message error help help-title match axis curve very-negative negative neutral positive \
        very-positive series1 series2 series3 series4 series5 series6 series7 series8 cursor-frame
        """.split(separator: " ").map(String.init)
}
