package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One success path and the main refusal for each data-connection and transfer verb (PASV, EPSV,
 * PORT, EPRT, REST, RETR, STOR, APPE, ABOR), so that every verb of the table is exercised here.
 * Byte-exactness, restarts and aborts in depth are the transfer tests' business.
 */
class DataCommandsTest extends LiveServerTest {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    /** A listener on an ephemeral loopback port for active mode. */
    private static ServerSocket activeListener() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(10_000);
        return s;
    }

    private static String portArgument(int port) {
        return "127,0,0,1," + (port >> 8) + "," + (port & 0xff);
    }

    /** Sends the command after an active set-up, accepts the server's connection and reads it all. */
    private static DataExchange activeDownload(RawFtpClient c, ServerSocket listener, String command)
            throws IOException {
        RawReply first = c.command(command);
        assertThat(first.code()).as(first.all()).isEqualTo(150);
        Socket data = listener.accept();
        data.setSoTimeout(10_000);
        byte[] bytes = RawFtpClient.readAll(data);
        return new DataExchange(first, bytes, c.read());
    }

    // ---- PASV / EPSV ------------------------------------------------------------------------

    @Test
    void pasvAdvertisesTheControlAddressAndAPort() {
        file("a.txt", "a");
        RawFtpClient c = loggedIn();
        RawReply reply = c.command("PASV");
        assertThat(reply.code()).isEqualTo(227);
        Matcher m = PASV.matcher(reply.text());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4)).isEqualTo("127.0.0.1");
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        assertThat(port).isBetween(1024, 65535);
        // And the helper's own PASV leads to a working listing.
        assertThat(download(c, "NLST").succeeded().lines()).containsExactly("a.txt");
    }

    @Test
    void epsvGivesAPortThatWorks() throws IOException {
        file("a.txt", "a");
        RawFtpClient c = loggedIn();
        try (Socket data = c.extendedPassive()) {
            assertThat(c.command("NLST").code()).isEqualTo(150);
            assertThat(new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a.txt\r\n");
            assertThat(c.read().code()).isEqualTo(226);
        }
    }

    @Test
    void epsvWithTheConnectionsFamilyIsAccepted() {
        RawReply reply = loggedIn().command("EPSV 1");
        assertThat(reply.code()).isEqualTo(229);
        assertThat(reply.text()).matches(".*\\(\\|\\|\\|\\d+\\|\\).*");
    }

    @Test
    void epsvWithOtherFamilyIs522() {
        assertThat(loggedIn().command("EPSV 2").code()).isEqualTo(522);
    }

    @Test
    void epsvWithBadArgumentIs501() {
        assertThat(loggedIn().command("EPSV 7").code()).isEqualTo(501);
    }

    @Test
    void epsvAllLocksOutOtherSetups() throws IOException {
        RawFtpClient c = loggedIn();
        assertThat(c.command("EPSV ALL").code()).isEqualTo(200);
        assertThat(c.command("PASV").code()).isEqualTo(503);
        try (ServerSocket listener = activeListener()) {
            assertThat(c.command("PORT " + portArgument(listener.getLocalPort())).code()).isEqualTo(503);
            assertThat(c.command("EPRT |1|127.0.0.1|" + listener.getLocalPort() + "|").code()).isEqualTo(503);
        }
        assertThat(c.command("EPSV").code()).isEqualTo(229);
    }

    // ---- PORT / EPRT ------------------------------------------------------------------------

    @Test
    void portToTheClientWorks() throws IOException {
        file("a.txt", "active");
        RawFtpClient c = loggedIn();
        try (ServerSocket listener = activeListener()) {
            assertThat(c.command("PORT " + portArgument(listener.getLocalPort())).code()).isEqualTo(200);
            DataExchange x = activeDownload(c, listener, "RETR a.txt");
            assertThat(x.last().code()).isEqualTo(226);
            assertThat(x.text()).isEqualTo("active");
        }
    }

    @Test
    void commonsNetActiveMode() throws IOException {
        file("a.txt", "x");
        FTPClient f = ftp();
        f.enterLocalActiveMode();
        f.setActiveExternalIPAddress("127.0.0.1");
        assertThat(f.listNames()).containsExactly("a.txt");
    }

    @Test
    void portToAPrivilegedPortIs504() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("PORT 127,0,0,1,0,21").code()).isEqualTo(504);
        assertThat(c.command("LIST").code()).isEqualTo(425);
    }

    @Test
    void portToAnotherHostIsRefused() {
        RawFtpClient c = loggedIn();
        RawReply reply = c.command("PORT 127,0,0,2,200,0");
        assertThat(reply.code()).isBetween(500, 504);
        assertThat(c.command("NLST").code()).isEqualTo(425);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PORT 127,0,0,1,200", "PORT 127,0,0,1,200,0,1", "PORT 127,0,0,256,200,0",
        "PORT a,b,c,d,e,f", "PORT 127.0.0.1:51200"})
    void portWithBadSyntaxIs501(String line) {
        assertThat(loggedIn().command(line).code()).isEqualTo(501);
    }

    @Test
    void eprtToTheClientWorks() throws IOException {
        file("a.txt", "x");
        RawFtpClient c = loggedIn();
        try (ServerSocket listener = activeListener()) {
            assertThat(c.command("EPRT |1|127.0.0.1|" + listener.getLocalPort() + "|").code()).isEqualTo(200);
            assertThat(activeDownload(c, listener, "NLST").lines()).containsExactly("a.txt");
        }
    }

    @Test
    void eprtWithUnknownProtocolIs522() {
        assertThat(loggedIn().command("EPRT |3|127.0.0.1|51200|").code()).isEqualTo(522);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPRT |1|127.0.0.1|", "EPRT |1|localhost|51200|", "EPRT |2|127.0.0.1|51200|",
        "EPRT |1|127.0.0.1|port|", "EPRT 1,127.0.0.1,51200"})
    void eprtWithBadSyntaxIs501(String line) {
        assertThat(loggedIn().command(line).code()).isEqualTo(501);
    }

    // ---- REST / RETR / STOR / APPE ----------------------------------------------------------

    @Test
    void retrSendsTheFile() {
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        file("bin.dat", content);
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        assertThat(download(c, "RETR bin.dat").succeeded().data()).isEqualTo(content);
    }

    @Test
    void retrOfMissingOrDirectoryIs550() {
        dir("d");
        RawFtpClient c = loggedIn();
        assertThat(download(c, "RETR missing").first().code()).isEqualTo(550);
        assertThat(download(c, "RETR d").first().code()).isEqualTo(550);
    }

    @Test
    void restThenRetrSendsTheRest() {
        file("r.txt", "0123456789");
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        assertThat(c.command("REST 4").code()).isEqualTo(350);
        assertThat(download(c, "RETR r.txt").succeeded().text()).isEqualTo("456789");
        // The offset applies once.
        assertThat(download(c, "RETR r.txt").succeeded().text()).isEqualTo("0123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST abc", "REST -1", "REST 1.5", "REST 99999999999999999999"})
    void restWithBadOffsetIs501(String line) {
        assertThat(loggedIn().command(line).code()).isEqualTo(501);
    }

    @Test
    void storWritesTheFile() throws IOException {
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        byte[] payload = "stored\r\nbytes".getBytes(StandardCharsets.UTF_8);
        upload(c, "STOR up.txt", payload).succeeded();
        assertThat(Files.readAllBytes(home().resolve("up.txt"))).isEqualTo(payload);
    }

    @Test
    void storOntoADirectoryIs550() {
        dir("d");
        RawFtpClient c = loggedIn();
        assertThat(upload(c, "STOR d", new byte[1]).first().code()).isEqualTo(550);
        assertThat(home().resolve("d")).isDirectory();
    }

    @Test
    void appeAppends() throws IOException {
        file("log.txt", "one\n");
        FTPClient f = ftp();
        assertThat(f.appendFile("log.txt", new ByteArrayInputStream("two\n".getBytes()))).isTrue();
        assertThat(Files.readString(home().resolve("log.txt"))).isEqualTo("one\ntwo\n");
    }

    @Test
    void appeOntoADirectoryIs550() {
        dir("d");
        assertThat(upload(loggedIn(), "APPE d", new byte[1]).first().code()).isEqualTo(550);
    }

    @Test
    void commonsNetStoreAndRetrieve() throws IOException {
        FTPClient f = ftp();
        byte[] payload = "round trip".getBytes(StandardCharsets.UTF_8);
        assertThat(f.storeFile("rt.txt", new ByteArrayInputStream(payload))).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(f.retrieveFile("rt.txt", out)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(payload);
    }

    // ---- ABOR -------------------------------------------------------------------------------

    @Test
    void aborWithoutTransferIs226AndDropsTheSetup() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("PASV").code()).isEqualTo(227);
        RawReply abor = c.command("ABOR");
        assertThat(abor.code()).isIn(225, 226);
        assertThat(c.command("LIST").code()).isEqualTo(425);
    }

    @Test
    void aborDuringUploadStopsIt() throws IOException {
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        try (Socket data = c.passive()) {
            assertThat(c.command("STOR slow.bin").code()).isEqualTo(150);
            OutputStream out = data.getOutputStream();
            out.write(new byte[1000]);
            out.flush();
            // Telnet IP and Synch, as RFC 959 §4.1.3 describes, then ABOR.
            c.sendBytes(new byte[] {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2});
            c.send("ABOR");
            // The client never closed the data connection, so the upload was still running:
            // its 426 comes first, then ABOR's own 226 (RFC 959 §4.1.3).
            assertThat(c.read().code()).isEqualTo(426);
            assertThat(c.read().code()).isEqualTo(226);
        }
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }
}
