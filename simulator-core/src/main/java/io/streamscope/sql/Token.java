package io.streamscope.sql;

import java.util.Locale;

/**
 * One token of SQL text and where it starts.
 *
 * @param kind what sort of token
 * @param text the identifier (unquoted), the string literal's value (quotes removed), the number or the symbol
 * @param pos where the token starts
 * @param end the offset just after the token in the text, so a statement's text can be cut out
 */
public record Token(Kind kind, String text, SqlException.Pos pos, int start, int end) {
    /** The kinds of tokens. */
    public enum Kind {
        /** A word: a keyword or an unquoted identifier. */
        WORD,
        /** An identifier in backticks. */
        QUOTED_IDENT,
        /** A string literal in single quotes. */
        STRING,
        /** A whole number. */
        INTEGER,
        /** A number with a fraction or an exponent. */
        DECIMAL,
        /** An operator or punctuation. */
        SYMBOL,
        /** The end of the text. */
        EOF
    }

    /** True for a word equal to the keyword, ignoring case (keywords are case-insensitive, identifiers are not). */
    public boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** How the token reads in an error message. */
    public String describe() {
        switch (kind) {
            case EOF:
                return "the end of the input";
            case STRING:
                return "the string '" + text.replace("'", "''") + "'";
            case QUOTED_IDENT:
                return "`" + text + "`";
            case WORD:
                return Keywords.isReserved(text) ? text.toUpperCase(Locale.ROOT) : "'" + text + "'";
            default:
                return "'" + text + "'";
        }
    }
}
