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

    /// A repeated key is found and named where it is, in a small object (looked for along its
    /// fields) and in a large one (through a set), at every position.
    @Test(arguments: [3, 15, 16, 17, 40])
    func aRepeatedKeyIsFoundInObjectsOfAnySize(fields: Int) throws {
        let keys = (0..<fields).map { "k\($0)" }
        let good = "{" + keys.map { "\"\($0)\": 1" }.joined(separator: ", ") + "}"
        #expect(throws: Never.self) { try JSONParser.parse(Array(good.utf8)) }
        for repeated in [0, fields / 2, fields - 1] {
            let text = "{" + (keys + [keys[repeated]]).map { "\"\($0)\": 1" }.joined(separator: ", ") + "}"
            do {
                _ = try JSONParser.parse(Array(text.utf8))
                Issue.record("\(keys[repeated]) twice in \(fields) fields was not refused")
            } catch {
                #expect(error.message == "the field \"\(keys[repeated])\" appears twice in one object", "\(error.message)")
                // At the repeated key's opening quote: `"k": 1}` ends the text.
                #expect(error.column == text.utf8.count - keys[repeated].utf8.count - 5)
            }
        }
    }

    /// Runs of spaces are skipped eight bytes at a time: every length, mixed with the other
    /// whitespace, at the end of the text, and before an error (whose column counts them all).
    @Test func whitespaceRunsOfEveryLengthAreSkipped() throws {
        for n in 0..<41 {
            let s = String(repeating: " ", count: n)
            let text = s + "{" + s + "\"a\"" + s + ":\t" + s + "[" + s + "1," + "\r\n" + s + "true" + s + "]" + s + "}" + s
            #expect(try JSONParser.parse(Array(text.utf8)) == .object([("a", .array([.number("1"), .bool(true)]))]), "\(n)")
            do {
                _ = try JSONParser.parse(Array(("[" + s + "\n" + s + "x]").utf8))
                Issue.record("\(n) spaces before x: no error")
            } catch {
                #expect(error.line == 2 && error.column == n + 1, "\(n): \(error.line):\(error.column)")
            }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }
}
