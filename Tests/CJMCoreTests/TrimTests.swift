import Testing

@testable import CJMCore

@Suite struct TrimTests {
    /// Trimming on the bytes gives what trimming Characters gives, also where a blank is one
    /// Character with its neighbour (CR LF, a space and a combining mark, a prepending mark and
    /// a space).
    @Test func trimmingOnBytesIsTrimmingCharacters() {
        let pieces = [" ", "\t", "\r", "\n", "\r\n", "a", "ж", "\u{301}", "\u{600}", "🎬", "="]
        // Every text of up to four pieces.
        var texts = [""]
        for _ in 0..<4 { texts += texts.flatMap { t in pieces.map { t + $0 } } }
        for s in Set(texts) where s.trimmingSpaces != s.trimmingByCharacters {
            Issue.record("\(Array(s.unicodeScalars)): \(Array(s.trimmingSpaces.unicodeScalars))")
        }
        #expect(" \t top-bar = black \r".trimmingSpaces == "top-bar = black")
        #expect("\r\nx ".trimmingSpaces == "\r\nx")
    }

    /// Newlines shown as ⏎: a text without a line feed byte is itself, one with them as the
    /// Character way makes it (a CR LF is one Character, not a newline).
    @Test func newlinesAreShownAsReturnSigns() {
        for s in ["", "plain", "a\nb", "\n", "a\r\nb", "ж\n\u{301}", "🎬\n\n"] {
            #expect(s.replacingNewlines == String(s.map { $0 == "\n" ? "⏎" : $0 }), "\(Array(s.unicodeScalars))")
        }
        #expect("a\nb".replacingNewlines == "a⏎b")
    }
}
