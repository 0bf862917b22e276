package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.FxpPolicy;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-DATA-04 (RFC 2577 §5 "port stealing"): another host that connects to a passive port first
 * gets nothing (its connection is closed) and the real client still gets its data; unless FXP is
 * allowed, when a connection from another host is exactly what the user asked for.
 */
class PassiveTheftTest {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    @TempDir
    Path temp;
    Jail jail;

    @AfterEach
    void stop() {
        if (jail != null) {
            jail.close();
        }
    }

    private static int pasvPort(RawFtpClient c) {
        RawReply reply = c.command("PASV");
        Matcher m = PASV.matcher(reply.text());
        assertThat(reply.code()).isEqualTo(227);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
    }

    private static Socket connectFrom(String local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Everything the peer sends until it closes; a reset counts as the end (nothing more came). */
    private static byte[] drain(Socket s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (s; InputStream in = s.getInputStream()) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // closed by the server without data: what a refused intruder should see
        }
        return out.toByteArray();
    }

    @Test
    void intruderFromAnotherHostGetsNothingAndTheClientGetsTheFile() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice()) {
            int port = pasvPort(c);
            Socket intruder = connectFrom("127.0.0.2", port);
            assertThat(c.command("RETR secret.txt").code()).isEqualTo(150);
            Socket real = connectFrom("127.0.0.1", port);
            assertThat(drain(real)).isEqualTo(Jail.INSIDE_SECRET);
            assertThat(c.read().code()).isEqualTo(226);
            assertThat(drain(intruder)).isEmpty();
        }
    }

    @Test
    void intruderCannotUploadInThePlaceOfTheClient() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice()) {
            int port = pasvPort(c);
            Socket intruder = connectFrom("127.0.0.2", port);
            intruder.getOutputStream().write("EVIL".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.command("STOR upload.txt").code()).isEqualTo(150);
            try (Socket real = connectFrom("127.0.0.1", port); OutputStream good = real.getOutputStream()) {
                good.write("GOOD".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(c.read().code()).isEqualTo(226);
            assertThat(drain(intruder)).isEmpty();
        }
        assertThat(jail.home().resolve("upload.txt")).hasContent("GOOD");
    }

    @Test
    void theftAttemptsAlsoFailOnEpsv() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice()) {
            RawReply reply = c.command("EPSV");
            Matcher m = Pattern.compile("\\|\\|\\|(\\d+)\\|").matcher(reply.text());
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            Socket intruder = connectFrom("127.0.0.2", port);
            assertThat(c.command("LIST").code()).isEqualTo(150);
            Socket real = connectFrom("127.0.0.1", port);
            assertThat(new String(drain(real), StandardCharsets.UTF_8)).contains("secret.txt");
            assertThat(c.read().code()).isEqualTo(226);
            assertThat(drain(intruder)).isEmpty();
        }
    }

    /** With FXP the passive port deliberately accepts the other host (that is the point of FXP). */
    @Test
    void withFxpTheForeignConnectionIsAccepted() throws IOException {
        jail = Jail.start(temp, b -> b.fxp(FxpPolicy.AUTHENTICATED));
        try (RawFtpClient c = jail.alice()) {
            int port = pasvPort(c);
            Socket other = connectFrom("127.0.0.2", port);
            assertThat(c.command("RETR secret.txt").code()).isEqualTo(150);
            assertThat(drain(other)).isEqualTo(Jail.INSIDE_SECRET);
            assertThat(c.read().code()).isEqualTo(226);
        }
    }
}
