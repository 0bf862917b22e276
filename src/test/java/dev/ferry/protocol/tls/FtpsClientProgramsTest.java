package dev.ferry.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.testkit.ClientPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips with the FTPS clients people use: curl (OpenSSL), lftp (GnuTLS) and Python's
 * ftplib (OpenSSL), against the default policy (TLS offered, data sessions must be resumed).
 * Each is skipped when its program is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FtpsClientProgramsTest {
    private static final byte[] CONTENT = CommonsNetFtpsTest.content(1_500_001, 77);

    @TempDir
    static Path temp;
    private FtpsServer server;
    private Path work;

    @BeforeAll
    void start() throws IOException {
        server = FtpsServer.builder(temp).implicit().start();
        work = Files.createDirectories(temp.resolve("client"));
        Files.write(work.resolve("up.bin"), CONTENT);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--tlsv1.2 --tls-max 1.2", "--tlsv1.3"})
    void curl(String versions) throws Exception {
        assumeTrue(ClientPrograms.installed("curl"), "curl is not installed");
        String name = versions.contains("1.2") ? "curl12.bin" : "curl13.bin";
        List<String> tls = new ArrayList<>(List.of("--ssl-reqd", "-k"));
        tls.addAll(List.of(versions.split(" ")));
        String base = "ftp://127.0.0.1:" + server.port() + "/";
        run(command(List.of("curl", "-sS", "--user", FtpsServer.USER + ":" + FtpsServer.PASSWORD, "-T", "up.bin"),
                tls, base + name));
        assertThat(Files.readAllBytes(server.home().resolve(name))).isEqualTo(CONTENT);
        String listing = run(command(List.of("curl", "-sS", "--user", FtpsServer.USER + ":" + FtpsServer.PASSWORD,
                "--list-only"), tls, base));
        assertThat(listing.lines().toList()).contains(name);
        run(command(List.of("curl", "-sS", "--user", FtpsServer.USER + ":" + FtpsServer.PASSWORD, "-o",
                "back-" + name), tls, base + name));
        assertThat(Files.readAllBytes(work.resolve("back-" + name))).isEqualTo(CONTENT);
    }

    @Test
    void curlImplicit() throws Exception {
        assumeTrue(ClientPrograms.installed("curl"), "curl is not installed");
        Files.write(server.home().resolve("implicit.bin"), CONTENT);
        run(List.of("curl", "-sS", "-k", "--user", FtpsServer.USER + ":" + FtpsServer.PASSWORD, "-o", "implicit.bin",
                "ftps://127.0.0.1:" + server.implicitPort() + "/implicit.bin"));
        assertThat(Files.readAllBytes(work.resolve("implicit.bin"))).isEqualTo(CONTENT);
    }

    @Test
    void lftp() throws Exception {
        assumeTrue(ClientPrograms.installed("lftp"), "lftp is not installed");
        String script = "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; "
                + "set net:max-retries 1; set net:timeout 20; set cmd:fail-exit yes; set xfer:clobber on; "
                + "put up.bin -o lftp.bin; get lftp.bin -o back-lftp.bin; cls -1; quit";
        String out = run(List.of("lftp", "-u", FtpsServer.USER + "," + FtpsServer.PASSWORD, "-p",
                String.valueOf(server.port()), "-e", script, "127.0.0.1"));
        assertThat(Files.readAllBytes(server.home().resolve("lftp.bin"))).isEqualTo(CONTENT);
        assertThat(Files.readAllBytes(work.resolve("back-lftp.bin"))).isEqualTo(CONTENT);
        assertThat(out.lines().toList()).contains("lftp.bin");
    }

    /**
     * Python's ftplib does not hand the control session to its data connections; a subclass
     * that does ({@code session=self.sock.session}) resumes, transfer after transfer.
     */
    @Test
    void pythonFtplibResumingTheControlSession() throws Exception {
        assumeTrue(ClientPrograms.installed("python3"), "python3 is not installed");
        String program = """
                import ftplib, io, ssl, sys
                ctx = ssl.create_default_context()
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                class Resuming(ftplib.FTP_TLS):
                    def ntransfercmd(self, cmd, rest=None):
                        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
                        if self._prot_p:
                            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
                        return conn, size
                f = Resuming(context=ctx, timeout=20)
                f.connect('127.0.0.1', int(sys.argv[1]))
                f.login(sys.argv[2], sys.argv[3])
                f.prot_p()
                data = open('up.bin', 'rb').read()
                for i in range(3):
                    f.storbinary('STOR py%d.bin' % i, io.BytesIO(data))
                back = io.BytesIO()
                f.retrbinary('RETR py2.bin', back.write)
                assert back.getvalue() == data, 'download differs'
                print(' '.join(sorted(n for n in f.nlst() if n.startswith('py'))))
                f.quit()
                """;
        String out = run(List.of("python3", "-c", program, String.valueOf(server.port()), FtpsServer.USER,
                FtpsServer.PASSWORD));
        assertThat(out.strip()).isEqualTo("py0.bin py1.bin py2.bin");
        assertThat(Files.readAllBytes(server.home().resolve("py1.bin"))).isEqualTo(CONTENT);
    }

    @Test
    void pythonFtplibAsShippedIsToldWhyItsDataConnectionIsRefused() throws Exception {
        assumeTrue(ClientPrograms.installed("python3"), "python3 is not installed");
        String program = """
                import ftplib, ssl, sys
                ctx = ssl.create_default_context()
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                f = ftplib.FTP_TLS(context=ctx, timeout=20)
                f.connect('127.0.0.1', int(sys.argv[1]))
                f.login(sys.argv[2], sys.argv[3])
                f.prot_p()
                try:
                    f.nlst()
                except ftplib.error_perm as e:
                    print(e)
                f.quit()
                """;
        String out = run(List.of("python3", "-c", program, String.valueOf(server.port()), FtpsServer.USER,
                FtpsServer.PASSWORD));
        assertThat(out.strip()).isEqualTo("522 TLS session of data connection not resumed: the client must reuse its "
                + "control connection's TLS session (session reuse is required)");
    }

    private static List<String> command(List<String> head, List<String> tls, String url) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tls);
        all.add(url);
        return all;
    }

    private String run(List<String> command) throws Exception {
        return ClientPrograms.run(work, Duration.ofSeconds(90), command);
    }
}
