package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real FTP clients (curl, lftp, python3) run from tests, which are skipped where one is missing. */
public final class ClientPrograms {
    private ClientPrograms() {
    }

    /** Whether {@code program} is an executable on the PATH. */
    public static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code command} in {@code directory} with no input and returns what it printed
     * (standard output and error); fails the test when it does not end within {@code limit} or
     * ends with a status other than 0.
     */
    public static String run(Path directory, Duration limit, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.getFirst() + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s said: %s", command.getFirst(), text).isZero();
        return text;
    }
}
