import Testing

@testable import CJMCore

@Suite struct JSONTests {
    @Test func roundTripKeepsKeyOrderAndText() throws {
        let text = "{\n  \"b\": 1,\n  \"a\": [\n    \"Привет 🎬\",\n    \"q\\\"\\\\\\n\\t\\u0001\"\n  ],\n  \"c\": {}\n}\n"
        let v = try JSONParser.parse(Array(text.utf8))
        #expect(String(decoding: JSONWriter.write(v), as: UTF8.self) == text)
    }

    @Test func decodesEscapesAndSurrogates() throws {
        let v = try JSONParser.parse(Array(#"["\u0416\ud83c\udfac\/"]"#.utf8))
        #expect(v == .array([.string("Ж🎬/")]))
    }

    @Test(arguments: [
        ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "expected ':'"),
        ("[1, 2,, 3]", 1, 7, "expected a value"),
        ("{\"a\": tru}", 1, 7, "expected a value"),
        ("\n\n   \"open", 3, 4, "not closed"),
        ("{\"ж\": 1} x", 1, 10, "after the end"),
        ("[01]", 1, 3, "expected ',' or ']'"),
    ])
    func syntaxErrorsGiveLineAndColumn(text: String, line: Int, column: Int, words: String) {
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }
}
