package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-PROTO-01, 02, 04 and 09-style abuse of the control connection (catalogue §A): overlong
 * lines, binary garbage and Telnet IAC floods, deep pipelining and a slowloris client. The
 * server answers each line, caps what it buffers, disconnects repeat offenders and keeps serving
 * everybody else. Line cap: the builder default, 4096 bytes.
 */
class ControlChannelAbuseTest {
    @TempDir
    static Path temp;
    static Jail jail;

    @BeforeAll
    static void start() {
        jail = Jail.start(temp);
    }

    @AfterAll
    static void stop() {
        jail.close();
    }

    private static void assertServerStillServes() {
        try (RawFtpClient fresh = jail.alice()) {
            Jail.Exchange list = Jail.run(fresh, "LIST");
            assertThat(list.code()).isEqualTo(226);
            assertThat(list.dataText()).contains("keep.txt");
        }
    }

    @Test
    void oneOverlongLineIs500AndTheSessionSurvives() {
        try (RawFtpClient c = jail.alice()) {
            RawReply reply = c.command("CWD " + "a".repeat(10_000));
            assertThat(reply.code()).isEqualTo(500);
            assertThat(reply.text()).containsIgnoringCase("too long");
            assertThat(c.command("NOOP").all()).isEqualTo("200 NOOP ok");
            assertThat(c.command("PWD").code()).isEqualTo(257);
        }
    }

    @Test
    void overlongLineWithoutAnyTerminatorIsCutOff() {
        try (RawFtpClient c = jail.server().raw()) {
            // 1 MiB without CRLF: the server must discard, not buffer, then answer once the line ends.
            byte[] chunk = "A".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 16; i++) {
                c.sendBytes(chunk);
            }
            c.send("");
            assertThat(c.read().code()).isEqualTo(500);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void threeOverlongLinesCloseTheSession() {
        try (RawFtpClient c = jail.server().raw()) {
            assertThat(c.command("USER " + "x".repeat(10_000)).code()).isEqualTo(500);
            assertThat(c.command("X".repeat(10_000)).code()).isEqualTo(500);
            assertThat(c.command("NOOP " + "y".repeat(10_000)).code()).isEqualTo(421);
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void aLongButLegalLineIsFine() {
        try (RawFtpClient c = jail.alice()) {
            String path = "./".repeat(1995) + "sub";
            String line = "CWD " + path;
            assertThat(line.length()).isBetween(3990, 4000);
            assertThat(c.command(line).code()).isEqualTo(250);
            assertThat(c.command("PWD").all()).startsWith("257 \"/sub\"");
            assertThat(c.command("USER " + "u".repeat(3990)).code()).isEqualTo(530); // already logged in
        }
    }

    @Test
    void binaryGarbageGets500sAndNoCrash() {
        Random random = new Random(20240601);
        try (RawFtpClient c = jail.alice()) {
            int lines = 0;
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                line.write(0xFF); // IAC IAC: a literal 0xFF first, so no line can start with a real verb
                line.write(0xFF);
                int length = random.nextInt(300);
                for (int j = 0; j < length; j++) {
                    int b = switch (random.nextInt(6)) {
                        case 0 -> 0xFF;
                        case 1 -> 0x00;
                        case 2 -> 0x80 + random.nextInt(0x80);
                        default -> random.nextInt(256);
                    };
                    if (b != '\r' && b != '\n') {
                        line.write(b);
                    }
                }
                line.write('\r');
                line.write('\n');
                all.writeBytes(line.toByteArray());
                lines++;
            }
            c.sendBytes(all.toByteArray());
            for (int i = 0; i < lines; i++) {
                RawReply reply = c.read();
                assertThat(reply).as("reply %d", i).isNotNull();
                assertThat(reply.code()).as("reply %d: %s", i, reply).isEqualTo(500);
                jail.assertNoLeak("garbage", List.of(reply));
            }
            assertThat(c.command("NOOP").all()).isEqualTo("200 NOOP ok");
            assertThat(c.command("PWD").code()).isEqualTo(257);
        }
        assertServerStillServes();
    }

    /** The exact nmap probe for CVE-2010-4221 and the ProFTPD telnet_iac_bug3521 USER variant. */
    @Test
    void telnetIacFloodIsHarmless() {
        try (RawFtpClient c = jail.server().raw()) {
            ByteArrayOutputStream probe = new ByteArrayOutputStream();
            for (int i = 0; i < 4069; i++) {
                probe.write(0x00);
                probe.write(0xFF);
            }
            probe.write(0xFF);
            probe.writeBytes("Nmap".repeat(256).getBytes(StandardCharsets.US_ASCII));
            probe.write('\n');
            c.sendBytes(probe.toByteArray());
            assertThat(c.read().code()).isEqualTo(500);

            ByteArrayOutputStream user = new ByteArrayOutputStream();
            user.writeBytes(("USER " + "A".repeat(1013)).getBytes(StandardCharsets.US_ASCII));
            user.write(0xFF);
            user.writeBytes(("Z".repeat(64) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            c.sendBytes(user.toByteArray());
            RawReply reply = c.read();
            assertThat(reply.code()).isIn(331, 500, 501);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
        assertServerStillServes();
    }

    /** SEC-PROTO-04: stray terminators never make a line half-parsed. */
    @Test
    void strayTerminatorsAndNonAsciiVerbs() {
        try (RawFtpClient c = jail.server().raw()) {
            c.sendBytes("\r\nUSER alice\r\n".getBytes(StandardCharsets.US_ASCII));
            RawReply first = c.read();
            if (first.code() == 500) { // the empty line may be answered or ignored
                first = c.read();
            }
            assertThat(first.code()).isEqualTo(331);
            c.sendBytes("PASS alice-secret\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.read().code()).isEqualTo(230);
            c.sendBytes(new byte[] {(byte) 0xE3, (byte) 0xE3, (byte) 0xE3, '\r', '\n'});
            assertThat(c.read().code()).isEqualTo(500);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    /** SEC-PROTO-03: IAC IAC is one 0xFF byte; the name is neither doubled nor truncated. */
    @Test
    void doubledIacInANameIsOneByte() throws Exception {
        jail.resetHome();
        java.util.Set<String> before = names(jail.home());
        try (RawFtpClient c = jail.alice()) {
            java.net.Socket data = c.passive();
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            line.writeBytes("STOR test".getBytes(StandardCharsets.US_ASCII));
            line.write(0xFF);
            line.write(0xFF);
            line.writeBytes(".txt\r\n".getBytes(StandardCharsets.US_ASCII));
            c.sendBytes(line.toByteArray());
            RawReply reply = c.read();
            try (data) {
                if (reply.code() == 150) {
                    data.getOutputStream().write("iac".getBytes(StandardCharsets.US_ASCII));
                    data.shutdownOutput();
                    reply = c.read();
                }
            }
            assertThat(reply.code()).isIn(226, 550, 553);
            java.util.Set<String> added = names(jail.home());
            added.removeAll(before);
            if (reply.code() == 226) {
                assertThat(added).hasSize(1);
                String name = added.iterator().next();
                assertThat(name).startsWith("test").endsWith(".txt").hasSize("test".length() + 1 + ".txt".length());
            } else {
                assertThat(added).isEmpty();
            }
        }
        jail.resetHome();
    }

    /** SEC-PROTO-08: refused parameters leave the session as it was (still binary here). */
    @Test
    void invalidParametersLeaveTheSessionStateAlone() throws Exception {
        byte[] content = "a\nb\r\nc\r".getBytes(StandardCharsets.US_ASCII);
        java.nio.file.Files.write(jail.home().resolve("bytes.bin"), content);
        try (RawFtpClient c = jail.alice()) {
            for (String bad : List.of("TYPE Z", "TYPE A X", "TYPE L 7", "TYPE E", "MODE Q", "MODE B", "STRU R",
                    "STRU P", "OPTS UTF8 MAYBE", "TYPE")) {
                assertThat(c.command(bad).code()).as(bad).isBetween(500, 504);
            }
            Jail.Exchange retr = Jail.run(c, "RETR bytes.bin");
            assertThat(retr.code()).isEqualTo(226);
            assertThat(retr.data()).isEqualTo(content);
        } finally {
            java.nio.file.Files.delete(jail.home().resolve("bytes.bin"));
        }
    }

    /** SEC-PROTO-09: an HTTP request on the control port is a series of unknown commands. */
    @Test
    void httpRequestOnTheControlPortIsHarmless() {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 20; i++) {
            request.append("X-Header-").append(i).append(": value\r\n");
        }
        request.append("\r\n");
        try (RawFtpClient c = jail.server().raw()) {
            c.sendBytes(request.toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 23; i++) {
                RawReply reply = c.read();
                if (reply == null || reply.code() == 421) {
                    break; // closing after some unknown commands is fine too
                }
                assertThat(reply.code()).as("line %d", i).isEqualTo(500);
            }
        }
        assertServerStillServes();
    }

    /**
     * vsftpd 3.0.4's ALPACA mitigation (CVE-2021-3618): a connection that sends only unknown
     * commands before logging in is closed after a few (vsftpd: 10).
     */
    @Test
    void unknownCommandsBeforeLoginEndTheConnection() {
        try (RawFtpClient c = jail.server().raw()) {
            boolean closed = false;
            for (int i = 0; i < 20 && !closed; i++) {
                c.send("X-Header-" + i + ": value");
                RawReply reply = c.read();
                closed = reply == null || reply.code() == 421;
                if (!closed) {
                    assertThat(reply.code()).isEqualTo(500);
                }
            }
            assertThat(closed || c.isClosedByServer()).as("closed after at most 20 unknown commands").isTrue();
        }
    }

    private static java.util.Set<String> names(Path dir) throws java.io.IOException {
        try (var s = java.nio.file.Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void pipelinedCommandsAreAllAnsweredInOrder() throws Exception {
        String[] cycle = {"NOOP", "SYST", "PWD", "TYPE I"};
        int[] codes = {200, 215, 257, 200};
        int total = 2000;
        try (RawFtpClient c = jail.alice()) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < total; i++) {
                batch.append(cycle[i % cycle.length]).append("\r\n");
            }
            byte[] bytes = batch.toString().getBytes(StandardCharsets.US_ASCII);
            // Written from another thread so that neither side can block the other on full buffers.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> c.sendBytes(bytes));
            List<Integer> got = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                RawReply reply = c.read();
                assertThat(reply).as("reply %d", i).isNotNull();
                assertThat(reply.code()).as("reply %d to %s", i, cycle[i % cycle.length]).isEqualTo(codes[i % 4]);
                got.add(reply.code());
            }
            writer.get(20, TimeUnit.SECONDS);
            assertThat(got).hasSize(total);
            assertThat(c.command("NOOP").all()).isEqualTo("200 NOOP ok");
        }
        try (RawFtpClient c = jail.alice()) {
            c.sendBytes("NOOP\r\n".repeat(total).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < total; i++) {
                assertThat(c.read().all()).as("reply %d", i).isEqualTo("200 NOOP ok");
            }
        }
    }

    /** A command line trickling in a byte at a time on one connection blocks nobody else. */
    @Test
    void slowlorisDoesNotBlockOtherClients() throws Exception {
        try (RawFtpClient slow = jail.server().raw()) {
            byte[] line = "USER slowly-typing\r\n".getBytes(StandardCharsets.US_ASCII); // 20 bytes
            int half = line.length / 2;
            for (int i = 0; i < half; i++) { // a line trickling in, byte by byte
                slow.sendBytes(new byte[] {line[i]});
                Thread.sleep(50);
            }
            // Complete sessions elsewhere while that line is still incomplete (by construction:
            // its second half has not been sent yet).
            for (int i = 0; i < 3; i++) {
                assertServerStillServes();
            }
            for (int i = half; i < line.length; i++) {
                slow.sendBytes(new byte[] {line[i]});
                Thread.sleep(50);
            }
            assertThat(slow.read().code()).isEqualTo(331); // and the slow line was assembled correctly
        }
    }
}
