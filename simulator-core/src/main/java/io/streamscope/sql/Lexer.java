package io.streamscope.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into tokens, keeping each token's line and column. Knows Flink SQL's lexical rules for the
 * subset: identifiers (case kept), backtick-quoted identifiers, single-quoted strings with {@code ''} escapes,
 * numbers, operators, and {@code --} and {@code /* *}{@code /} comments.
 */
public final class Lexer {
    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    private Lexer(String text) {
        this.text = text;
    }

    /** Every token of the text, ending with an EOF token; throws on a character no token starts with. */
    public static List<Token> tokenize(String text) throws SqlException {
        return new Lexer(text).run();
    }

    private List<Token> run() throws SqlException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            SqlException.Pos at = new SqlException.Pos(line, column);
            int start = pos;
            if (pos >= text.length()) {
                out.add(new Token(Token.Kind.EOF, "", at, start, start));
                return out;
            }
            char c = text.charAt(pos);
            if (Character.isLetter(c) || c == '_') {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                        || text.charAt(pos) == '$')) {
                    advance();
                }
                out.add(new Token(Token.Kind.WORD, text.substring(start, pos), at, start, pos));
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length()
                    && Character.isDigit(text.charAt(pos + 1)))) {
                out.add(number(at, start));
            } else if (c == '\'') {
                out.add(quoted('\'', Token.Kind.STRING, at, start, "a string"));
            } else if (c == '`') {
                Token t = quoted('`', Token.Kind.QUOTED_IDENT, at, start, "a quoted identifier");
                if (t.text().isEmpty()) {
                    throw SqlException.at(at, "an identifier in backticks cannot be empty");
                }
                out.add(t);
            } else {
                out.add(symbol(at, start));
            }
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }

    private void skipSpaceAndComments() throws SqlException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (text.startsWith("--", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", pos)) {
                SqlException.Pos at = new SqlException.Pos(line, column);
                advance();
                advance();
                while (pos < text.length() && !text.startsWith("*/", pos)) {
                    advance();
                }
                if (pos >= text.length()) {
                    throw SqlException.at(at, "this comment is not closed; expected */ before the end of the input");
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private Token number(SqlException.Pos at, int start) throws SqlException {
        boolean decimal = false;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            advance();
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            decimal = true;
            advance();
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                advance();
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            decimal = true;
            advance();
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                advance();
            }
            if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
                throw SqlException.at(at, "expected digits after the exponent of the number "
                        + text.substring(start, pos));
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                advance();
            }
        }
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw new SqlException(line, column, "expected a space or an operator after the number "
                    + text.substring(start, pos) + ", got '" + text.charAt(pos) + "'");
        }
        return new Token(decimal ? Token.Kind.DECIMAL : Token.Kind.INTEGER, text.substring(start, pos), at, start, pos);
    }

    /** A quoted token; the quote character is escaped by doubling it, as SQL does. */
    private Token quoted(char quote, Token.Kind kind, SqlException.Pos at, int start, String what)
            throws SqlException {
        advance();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw SqlException.at(at, what + " is not closed; expected " + quote + " before the end of the"
                        + " input");
            }
            char c = text.charAt(pos);
            if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    sb.append(quote);
                    advance();
                    advance();
                    continue;
                }
                advance();
                return new Token(kind, sb.toString(), at, start, pos);
            }
            sb.append(c);
            advance();
        }
    }

    private Token symbol(SqlException.Pos at, int start) throws SqlException {
        char c = text.charAt(pos);
        String two = pos + 1 < text.length() ? text.substring(pos, pos + 2) : "";
        if (two.equals("<>") || two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("=>")) {
            advance();
            advance();
            return new Token(Token.Kind.SYMBOL, two, at, start, pos);
        }
        if ("(),;.*=<>+-/%".indexOf(c) >= 0) {
            advance();
            return new Token(Token.Kind.SYMBOL, String.valueOf(c), at, start, pos);
        }
        if (c == '"') {
            throw SqlException.at(at, "double quotes are not used in Flink SQL: write a string as 'text' and an"
                    + " identifier with backticks as `name`");
        }
        throw SqlException.at(at, "unexpected character '" + c + "'");
    }
}
