/// Something to say, worded only when it is shown: a phrase and its arguments, each of which
/// is said in the same language. Undo steps and messages about files are kept this way, so
/// they read in the interface language wherever they end up.
public struct Words: Equatable, Sendable {
    public enum Argument: Equatable, Sendable {
        /// A name as typed, or text that has no words of its own.
        case text(String)
        case number(Int)
        /// A word that is itself said in the language (a persona field, a file kind, an errno).
        case phrase(Phrase)
        case kind(LaneKind)
        case content(LaneContent)
        case format(MapFormatError)
        /// A message inside a message: why a save failed, what is wrong with a history.
        indirect case words(Words)
    }

    public var phrase: Phrase
    public var arguments: [Argument]

    public init(_ phrase: Phrase, _ arguments: Argument...) { self.init(phrase, arguments: arguments) }

    public init(_ phrase: Phrase, arguments: [Argument]) {
        self.phrase = phrase
        self.arguments = arguments
    }

    public func text(_ t: Language) -> String {
        t.t(
            phrase,
            arguments: arguments.map { a -> String in
                switch a {
                case .text(let s): return s
                case .number(let n): return String(n)
                case .phrase(let p): return t.t(p)
                case .kind(let k): return k.name(t)
                case .content(let c): return c.name(t)
                case .format(let f): return f.message(t)
                case .words(let w): return w.text(t)
                }
            })
    }
}

/// An error that is worded when it is shown, in the language of whoever reads it.
public protocol SaidError: Error {
    func description(_ t: Language) -> String
}

extension Language {
    /// An error as this language says it, where it can; otherwise as it describes itself.
    public func describe(_ error: any Error) -> String {
        (error as? any SaidError)?.description(self) ?? "\(error)"
    }
}
