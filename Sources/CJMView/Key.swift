/// A key press (or mouse event) as the editor sees it, whatever terminal it came from.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, altEnter, tab, backTab, backspace, delete, escape
    /// Control plus a letter: `.ctrl("r")` for Ctrl-R.
    case ctrl(Character)
    case resize
    /// Text pasted as a whole (bracketed paste): newlines in it do not commit anything.
    case paste(String)
    /// A click, double click or wheel turn at a screen cell.
    case mouse(Mouse)
}

public struct Mouse: Equatable, Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case click, doubleClick, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
