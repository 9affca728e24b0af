import Diagnostics
import Testing
@testable import SQLSyntax

@Suite("Lexer")
struct LexerTests {
    private func lex(_ sql: String) throws -> [Token] {
        var lexer = Lexer(sql)
        return try lexer.tokenize()
    }

    @Test func wordsKeywordsAndSpans() throws {
        let tokens = try lex("select Foo_1 FROM")
        #expect(tokens.map(\.kind) == [.word, .word, .word, .eof])
        #expect(tokens[0].upper == "SELECT")
        #expect(tokens[1].text == "Foo_1")
        #expect(tokens[1].span == SourceSpan(start: 7, end: 12))
        #expect(tokens[3].span == SourceSpan(start: 17, end: 17))
    }

    @Test func quotedIdentifiersAndStrings() throws {
        let tokens = try lex(#""a ""b""" `c``d` 'it''s' ''"#)
        #expect(tokens.map(\.kind) == [.quotedIdentifier, .quotedIdentifier, .string, .string, .eof])
        #expect(tokens.map(\.text) == [#"a "b""#, "c`d", "it's", "", ""])
    }

    @Test(arguments: [
        ("42", Token.Kind.integer), ("1.5", .number), (".5", .number), ("1.", .number),
        ("1e5", .number), ("2.5E-3", .number), ("7e+2", .number),
    ])
    func numbers(text: String, kind: Token.Kind) throws {
        let tokens = try lex(text)
        #expect(tokens.count == 2)
        #expect(tokens[0].kind == kind)
        #expect(tokens[0].text == text)
    }

    @Test func operatorsLongestMatch() throws {
        let ops = "= == <> != < <= > >= + - * / % || :: . , ; ( ) [ ] :"
        let tokens = try lex(ops)
        #expect(tokens.dropLast().map(\.text) == ops.split(separator: " ").map(String.init))
        #expect(tokens.dropLast().allSatisfy { $0.kind == .op })
        #expect(try lex("a>>b").map(\.text) == ["a", ">", ">", "b", ""])
    }

    @Test func commentsAreSkipped() throws {
        let tokens = try lex("a -- line ; comment\n/* block ; */ b")
        #expect(tokens.map(\.text) == ["a", "b", ""])
        #expect(try lex("1-2").map(\.text) == ["1", "-", "2", ""])
    }

    @Test func dotAfterNameIsNotANumber() throws {
        #expect(try lex("t.5").map(\.text) == ["t", ".", "5", ""])
        #expect(try lex("(.5)").map(\.text) == ["(", ".5", ")", ""])
    }

    @Test(arguments: [
        ("SELECT 'abc", "unterminated string literal", 7),
        ("SELECT \"abc", "unterminated quoted identifier", 7),
        ("SELECT `abc", "unterminated quoted identifier", 7),
        ("SELECT 1 /* never", "unterminated comment", 9),
        ("SELECT \"\"", "zero-length quoted identifier", 7),
        ("SELECT 1 ? 2", "unexpected character \"?\"", 9),
    ])
    func errors(sql: String, message: String, offset: Int) {
        var lexer = Lexer(sql)
        #expect {
            _ = try lexer.tokenize()
        } throws: { error in
            guard let e = error as? SQLError else { return false }
            return e.kind == .syntax && e.message == message && e.span?.start == offset
        }
    }
}
