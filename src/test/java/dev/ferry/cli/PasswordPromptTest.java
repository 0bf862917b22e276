package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PasswordPromptTest {

    private static char[] read(String input) throws PasswordPrompt.Rejected {
        return PasswordPrompt.fromLines(new BufferedReader(new StringReader(input)));
    }

    @Test
    void twoMatchingLines() throws Exception {
        assertThat(read("secret\nsecret\n")).containsExactly("secret".toCharArray());
    }

    @Test
    void crlfAndMissingFinalNewlineAreFine() throws Exception {
        assertThat(read("secret\r\nsecret")).containsExactly("secret".toCharArray());
    }

    @Test
    void spacesArePartOfThePassword() throws Exception {
        assertThat(read(" a b \n a b \n")).containsExactly(" a b ".toCharArray());
    }

    @Test
    void onlyTwoLinesAreRead() throws Exception {
        BufferedReader in = new BufferedReader(new StringReader("one\none\nrest\n"));
        assertThat(PasswordPrompt.fromLines(in)).containsExactly("one".toCharArray());
        assertThat(in.readLine()).isEqualTo("rest");
    }

    @Test
    void mismatchIsRejected() {
        assertThatThrownBy(() -> read("secret\nsecreT\n"))
                .isInstanceOf(PasswordPrompt.Rejected.class)
                .hasMessage("passwords do not match");
    }

    @Test
    void emptyIsRejected() {
        assertThatThrownBy(() -> read("\n\n"))
                .isInstanceOf(PasswordPrompt.Rejected.class)
                .hasMessageContaining("empty");
    }

    @Test
    void oneLineIsNotEnough() {
        assertThatThrownBy(() -> read("secret\n")).isInstanceOf(PasswordPrompt.Rejected.class);
        assertThatThrownBy(() -> read("")).isInstanceOf(PasswordPrompt.Rejected.class);
    }

    @Test
    void absurdlyLongInputIsRejected() {
        String line = "x".repeat(PasswordPrompt.MAX_LENGTH + 1);
        assertThatThrownBy(() -> read(line + "\n" + line + "\n"))
                .isInstanceOf(PasswordPrompt.Rejected.class)
                .hasMessageContaining("too long");
        String max = "y".repeat(PasswordPrompt.MAX_LENGTH);
        assertThat(catchingNothing(max + "\r\n" + max + "\r\n")).hasSize(PasswordPrompt.MAX_LENGTH);
    }

    private static char[] catchingNothing(String input) {
        try {
            return read(input);
        } catch (PasswordPrompt.Rejected e) {
            throw new AssertionError(e);
        }
    }
}
