package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --upload-script} (Pure-FTPd's {@code -o} with pure-uploadscript): the program runs once
 * per file uploaded in full, in upload order, with the file's path as its argument and
 * pure-uploadscript's variables in an otherwise empty environment; never for a download, nor
 * for an upload that was refused or cut.
 */
class UploadScriptTest {
    @TempDir
    Path dir;

    private Path script(Path out) throws Exception {
        Path script = dir.resolve("on-upload.sh");
        Files.writeString(script, """
                #!/bin/sh
                printf '%s|%s|%s|%s|%s|%s|%s\\n' "$1" "$UPLOAD_SIZE" "$UPLOAD_PERMS" "$UPLOAD_VUSER" "$UPLOAD_USER" \
                  "$UPLOAD_UID" "${HOME-no home}" >> OUT
                echo "seen $1"
                """.replace("OUT", out.toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<String> awaitLines(Path out, int count) throws Exception {
        TransferSupport.eventually(Duration.ofSeconds(20), () -> {
            try {
                return Files.exists(out) && Files.readAllLines(out).size() >= count;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return Files.readAllLines(out);
    }

    @Test
    void theScriptHearsOfEachCompleteUploadInOrder() throws Exception {
        Path out = dir.resolve("runs.txt");
        try (RulesServer server = RulesServer.fromSwitches(dir, "-o", "--upload-script", script(out).toString(),
                "-n", "0:1");
             RawFtpClient alice = server.alice()) {
            TransferSupport.upload(alice, RawMode.PASV, "STOR -rf first.bin", new byte[1234]);
            assertThat(RulesServer.run(alice, "RETR -rf first.bin").code()).isEqualTo(226);
            try (TransferSupport.DataLink link = RawMode.PASV.prepare(alice)) {
                assertThat(alice.command("STOR too-big.bin").code()).isEqualTo(150);
                try (var data = link.socket().getOutputStream()) {
                    data.write(new byte[(1 << 20) + 10]);
                } catch (java.io.IOException cut) {
                    // the server may close the data connection once the quota is passed
                }
                RawReply refused = alice.read();
                assertThat(refused.code()).as(refused.all()).isEqualTo(552);
            }
            TransferSupport.upload(alice, RawMode.PASV, "APPE second.bin", new byte[10]);

            Path home = server.home().toRealPath();
            String owner = Files.getOwner(home).getName();
            String uid = Files.getAttribute(home, "unix:uid").toString();
            List<String> runs = awaitLines(out, 2);
            assertThat(runs).containsExactly(
                    home.resolve("-rf first.bin") + "|1234|644|alice|" + owner + "|" + uid + "|no home",
                    home.resolve("second.bin") + "|10|644|alice|" + owner + "|" + uid + "|no home");
        }
    }

    @Test
    void switchesThatCannotWorkAreRefused() throws Exception {
        assertThatThrownBy(() -> RulesServer.fromSwitches(dir, "-o"))
                .hasStackTraceContaining("-o (--uploadscript) needs --upload-script PROGRAM");
        Path notExecutable = Files.writeString(dir.resolve("plain.txt"), "echo\n");
        assertThatThrownBy(() -> RulesServer.fromSwitches(dir, "--upload-script", notExecutable.toString()))
                .hasStackTraceContaining("--upload-script " + notExecutable + " is not an executable file");
    }
}
