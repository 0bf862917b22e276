package dev.ferry.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Reads a new password, twice. On a terminal it prompts with echo off; otherwise it reads two
 * lines from standard input (as {@code pure-pw} does), so that scripts can pipe a password in.
 * There is deliberately no way to pass a password as an argument: argv is visible to every user
 * of the host through {@code ps} and ends up in shell history.
 *
 * <p>Passwords stay in {@code char[]} throughout so that callers can wipe them after hashing.
 */
public final class PasswordPrompt {

    /** Far above any real password; stops a stray binary on stdin from being read as one. */
    static final int MAX_LENGTH = 1024;

    private PasswordPrompt() {
    }

    /** The reason a password was not accepted; the message is fit to show as is. */
    public static final class Rejected extends Exception {
        public Rejected(String message) {
            super(message);
        }
    }

    /** Reads a new password from the terminal if there is one, else from standard input. */
    public static char[] readNew() throws Rejected {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            return fromConsole(console);
        }
        // No try-with-resources: closing the reader would close System.in.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, stdinCharset()));
        return fromLines(in);
    }

    /** Prompts twice with echo off. */
    static char[] fromConsole(Console console) throws Rejected {
        char[] first = console.readPassword("Password: ");
        if (first == null) {
            throw new Rejected("no password entered");
        }
        char[] second = null;
        try {
            requireAcceptable(first);
            second = console.readPassword("Enter it again: ");
            if (second == null) {
                throw new Rejected("no password entered");
            }
            return matched(first, second);
        } catch (Rejected e) {
            Arrays.fill(first, '\0');
            throw e;
        } finally {
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    /**
     * Reads exactly two lines ({@code \n} or {@code \r\n} terminated; the last may lack its
     * terminator) and requires them to be equal and non-empty.
     */
    public static char[] fromLines(BufferedReader in) throws Rejected {
        char[] first = null;
        char[] second = null;
        try {
            first = readLine(in);
            second = readLine(in);
            if (first == null || second == null) {
                throw new Rejected("expected the new password twice, on two lines of standard input");
            }
            requireAcceptable(first);
            char[] password = matched(first, second);
            first = null;   // now the caller's
            return password;
        } catch (IOException e) {
            throw new Rejected("cannot read the password from standard input: " + e.getMessage());
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private static void requireAcceptable(char[] password) throws Rejected {
        if (password.length == 0) {
            throw new Rejected("empty password not allowed");
        }
    }

    /** Returns {@code first} if the two are equal; the caller wipes {@code second}. */
    private static char[] matched(char[] first, char[] second) throws Rejected {
        if (!Arrays.equals(first, second)) {
            throw new Rejected("passwords do not match");
        }
        return first;
    }

    /** One line without its terminator, or null at end of input. Never creates a String. */
    private static char[] readLine(BufferedReader in) throws IOException, Rejected {
        char[] buffer = new char[64];
        int length = 0;
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (length > MAX_LENGTH) {   // one more than the limit leaves room for a '\r'
                Arrays.fill(buffer, '\0');
                throw new Rejected("password too long (at most " + MAX_LENGTH + " characters)");
            }
            if (length == buffer.length) {
                char[] bigger = Arrays.copyOf(buffer, length * 2);
                Arrays.fill(buffer, '\0');
                buffer = bigger;
            }
            buffer[length++] = (char) c;
        }
        if (c == -1 && length == 0) {
            return null;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        if (length > MAX_LENGTH) {
            Arrays.fill(buffer, '\0');
            throw new Rejected("password too long (at most " + MAX_LENGTH + " characters)");
        }
        char[] line = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return line;
    }

    private static Charset stdinCharset() {
        // stdin.encoding is set by the JDK (25+) to what the terminal or platform uses.
        String name = System.getProperty("stdin.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
