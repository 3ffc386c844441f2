import CJMCore

/// A message about a file in words that can be shown in either interface language: a phrase
/// and its parts, each of which is put into the same language when shown.
public struct FileMessage: Equatable, Sendable {
    public enum Part: Equatable, Sendable {
        case text(String)
        case number(Int)
        case errno(Errno)
        case kind(FileInfo.Kind)
        case format(MapFormatError)
        /// A message inside a message: why a save failed, what is wrong with a history.
        indirect case message(FileMessage)
    }

    public var phrase: Phrase
    public var parts: [Part]

    public init(_ phrase: Phrase, _ parts: Part...) { self.init(phrase, parts: parts) }

    public init(_ phrase: Phrase, parts: [Part]) {
        self.phrase = phrase
        self.parts = parts
    }

    public func text(_ t: Language) -> String {
        t.t(
            phrase,
            arguments: parts.map { part -> String in
                switch part {
                case .text(let s): return s
                case .number(let n): return String(n)
                case .errno(let e): return e.description(t)
                case .kind(let k): return FileInfo.name(of: k, t)
                case .format(let f): return f.message(t)
                case .message(let m): return m.text(t)
                }
            })
    }
}
