/// A key press as the editor sees it, whatever terminal it came from.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, altEnter, tab, backTab, backspace, delete, escape
    /// Control plus a letter: `.ctrl("r")` for Ctrl-R.
    case ctrl(Character)
    case resize
    /// Text pasted as a whole (bracketed paste): newlines in it do not commit anything.
    case paste(String)
}
