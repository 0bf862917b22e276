package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binary transfers of random files must arrive byte for byte, in both directions and with every
 * way of setting up the data connection (RFC 959 §3.2, §4.1.2; RFC 2428). Sizes cover the empty
 * file, one byte, a buffer boundary plus one, and a file larger than any single buffer.
 */
class ByteExactTransferTest {
    private static final int[] SIZES = {0, 1, 65_537, 5 << 20};

    @TempDir
    static Path temp;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(temp);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Data connection modes of Commons Net, and the verb each must put on the wire. */
    enum ClientMode {
        PASV("PASV"), EPSV("EPSV"), PORT("PORT");

        final String verb;

        ClientMode(String verb) {
            this.verb = verb;
        }

        void apply(FTPClient ftp) {
            switch (this) {
                case PASV -> ftp.enterLocalPassiveMode();
                case EPSV -> {
                    ftp.setUseEPSVwithIPv4(true);
                    ftp.enterLocalPassiveMode();
                }
                case PORT -> ftp.enterLocalActiveMode();
            }
        }
    }

    static Stream<Arguments> clientCases() {
        List<Arguments> cases = new ArrayList<>();
        for (ClientMode mode : ClientMode.values()) {
            for (int size : SIZES) {
                cases.add(Arguments.of(mode, size));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> rawCases() {
        List<Arguments> cases = new ArrayList<>();
        for (RawMode mode : RawMode.values()) {
            for (int size : SIZES) {
                cases.add(Arguments.of(mode, size));
            }
        }
        return cases.stream();
    }

    private static FTPClient client(ClientMode mode, List<String> verbs) {
        FTPClient ftp = server.login();
        ftp.addProtocolCommandListener(new ProtocolCommandListener() {
            @Override
            public void protocolCommandSent(ProtocolCommandEvent event) {
                verbs.add(event.getCommand().toUpperCase(Locale.ROOT));
            }

            @Override
            public void protocolReplyReceived(ProtocolCommandEvent event) {
                // only the commands matter here
            }
        });
        mode.apply(ftp);
        return ftp;
    }

    @ParameterizedTest(name = "STOR {0} {1} bytes")
    @MethodSource("clientCases")
    void commonsNetUpload(ClientMode mode, int size) throws Exception {
        byte[] data = TransferSupport.randomBytes(size, size * 31L + mode.ordinal());
        String name = "up-" + mode + "-" + size + ".bin";
        List<String> verbs = new ArrayList<>();
        FTPClient ftp = client(mode, verbs);
        try {
            assertThat(ftp.storeFile(name, new ByteArrayInputStream(data))).as(ftp.getReplyString()).isTrue();
            assertThat(ftp.getReplyCode()).isEqualTo(226);
            assertThat(verbs).contains(mode.verb, "STOR");
            assertThat(Files.readAllBytes(server.home().resolve(name))).isEqualTo(data);
            assertThat(ftp.sendNoOp()).isTrue();
        } finally {
            ftp.disconnect();
        }
    }

    @ParameterizedTest(name = "RETR {0} {1} bytes")
    @MethodSource("clientCases")
    void commonsNetDownload(ClientMode mode, int size) throws Exception {
        byte[] data = TransferSupport.randomBytes(size, size * 17L + mode.ordinal());
        String name = "down-" + mode + "-" + size + ".bin";
        Files.write(server.home().resolve(name), data);
        List<String> verbs = new ArrayList<>();
        FTPClient ftp = client(mode, verbs);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile(name, out)).as(ftp.getReplyString()).isTrue();
            assertThat(ftp.getReplyCode()).isEqualTo(226);
            assertThat(verbs).contains(mode.verb, "RETR");
            assertThat(out.toByteArray()).isEqualTo(data);
        } finally {
            ftp.disconnect();
        }
    }

    @ParameterizedTest(name = "raw STOR {0} {1} bytes")
    @MethodSource("rawCases")
    void rawUpload(RawMode mode, int size) throws Exception {
        byte[] data = TransferSupport.randomBytes(size, size * 7L + mode.ordinal());
        String name = "raw-up-" + mode + "-" + size + ".bin";
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            TransferSupport.upload(raw, mode, "STOR " + name, data);
            assertThat(Files.readAllBytes(server.home().resolve(name))).isEqualTo(data);
            // the data connection set-up is used once (RFC 959 §3.2): the next transfer needs a new one
            assertThat(raw.command("RETR " + name).code()).isEqualTo(425);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "raw RETR {0} {1} bytes")
    @MethodSource("rawCases")
    void rawDownload(RawMode mode, int size) throws Exception {
        byte[] data = TransferSupport.randomBytes(size, size * 13L + mode.ordinal());
        String name = "raw-down-" + mode + "-" + size + ".bin";
        Files.write(server.home().resolve(name), data);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            assertThat(TransferSupport.retrieve(raw, mode, name)).isEqualTo(data);
            // and once more on the same session, to show nothing was left behind
            assertThat(TransferSupport.retrieve(raw, mode, name)).isEqualTo(data);
        }
    }

    /**
     * An upload that keeps the socket full makes the server grow its receive buffer several times
     * over (256 KiB up to 4 MiB); every byte must still land in order across the switches.
     */
    @Test
    void uploadLargerThanEveryReceiveBufferArrivesWhole() throws Exception {
        byte[] data = TransferSupport.randomBytes(24 << 20, 24);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            TransferSupport.upload(raw, RawMode.EPSV, "STOR big-up.bin", data);
            assertThat(Files.size(server.home().resolve("big-up.bin"))).isEqualTo(data.length);
            assertThat(Files.readAllBytes(server.home().resolve("big-up.bin"))).isEqualTo(data);
        }
    }
}
