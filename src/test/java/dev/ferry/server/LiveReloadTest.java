package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.proftpd.ConfigException;
import dev.ferry.config.proftpd.ConfigLoader;
import dev.ferry.config.proftpd.LoadedConfig;
import dev.ferry.data.PassivePortPool;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload with real clients: new connections get the new configuration, sessions that are
 * open across the reload (one in the middle of a download to a slow reader, one idle) keep the
 * old one and keep working; a broken file or an address that cannot be bound is refused as a
 * whole and the old configuration stays.
 */
class LiveReloadTest {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    @TempDir
    Path dir;
    private DataDirectory data;
    private UserStore users;
    private Path file;
    private int port;
    private FtpServer server;

    @BeforeEach
    void users() throws IOException {
        data = new DataDirectory(dir.resolve("data"));
        Files.createDirectories(data.homes());
        users = SqliteUserStore.open(data.userDatabase());
        users.add(new StoredUser("alice", PasswordHasher.hash("alice-secret".toCharArray()), Optional.empty(), true,
                UserLimits.NONE));
        file = dir.resolve("ferry.conf");
        port = freePort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        users.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Writes the configuration file; {@code PORT} stands for the control port. */
    private void write(String text) throws IOException {
        Files.writeString(file, text.replace("PORT", Integer.toString(port)));
    }

    /** A server that reads {@link #file} at start and at each reload, as {@code ferry serve --config} does. */
    private void start() throws IOException {
        ConfigSource source = () -> {
            try {
                LoadedConfig loaded = ConfigLoader.load(file, data, name -> Optional.empty());
                return new ConfigLoad.Loaded(loaded.config(), List.of());
            } catch (ConfigException e) {
                return new ConfigLoad.Failed(e.errors().stream().map(Object::toString).toList(), List.of(),
                        Optional.of(file));
            }
        };
        ConfigLoad first = source.load();
        assertThat(first).isInstanceOf(ConfigLoad.Loaded.class);
        server = FtpServer.start(((ConfigLoad.Loaded) first).config(), source, new AccountResolver(
                new AuthenticatorChain(List.of(new VirtualUserAuthenticator(users, data, Optional.empty())))), false);
    }

    private RawFtpClient login(String host) {
        RawFtpClient client = RawFtpClient.connect(host, port);
        client.login("alice", "alice-secret");
        assertThat(client.command("TYPE I").code()).isEqualTo(200);
        return client;
    }

    private static String config(String name, String ident) {
        return "Port PORT\nDefaultAddress 127.0.0.1\nServerName \"" + name + "\"\nServerIdent on \"" + ident + "\"\n";
    }

    /** The first line of STAT's answer, which names the session's server (ServerName). */
    private static String statusTitle(RawFtpClient client) {
        RawReply stat = client.command("STAT");
        assertThat(stat.code()).isEqualTo(211);
        return stat.text();
    }

    private static InetSocketAddress pasv(RawFtpClient client) {
        RawReply reply = client.command("PASV");
        Matcher m = PASV.matcher(reply.text());
        assertThat(reply.code()).isEqualTo(227);
        assertThat(m.find()).isTrue();
        return new InetSocketAddress(m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4),
                Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
    }

    private static byte[] retrieve(RawFtpClient client, String name) throws IOException {
        InetSocketAddress target = pasv(client);
        try (Socket data = new Socket(target.getAddress(), target.getPort())) {
            assertThat(client.command("RETR " + name).code()).isEqualTo(150);
            byte[] content = data.getInputStream().readAllBytes();
            assertThat(client.read().code()).isEqualTo(226);
            return content;
        }
    }

    @Test
    void newSessionsGetTheNewConfigurationWhileOpenOnesKeepTheirsAndFinishTheirDownload() throws Exception {
        byte[] big = new byte[16 << 20];
        new Random(7).nextBytes(big);
        Path home = Files.createDirectories(data.defaultHome("alice"));
        Files.write(home.resolve("big.bin"), big);
        write(config("Old name", "Old banner"));
        start();

        RawFtpClient downloading = login("127.0.0.1");
        RawFtpClient idle = login("127.0.0.1");
        assertThat(idle.banner().text()).isEqualTo("Old banner");
        InetSocketAddress target = pasv(downloading);
        try (Socket slowReader = new Socket()) {
            // a small receive window keeps most of the file on the server's side until we read on
            slowReader.setReceiveBufferSize(32 * 1024);
            slowReader.connect(target, 5_000);
            slowReader.setSoTimeout(20_000);
            assertThat(downloading.command("RETR big.bin").code()).isEqualTo(150);
            InputStream in = slowReader.getInputStream();
            byte[] received = new byte[big.length];
            int got = in.readNBytes(received, 0, 1 << 20);
            assertThat(got).isEqualTo(1 << 20);

            write(config("New name", "New banner"));
            ReloadOutcome outcome = server.reload();

            assertThat(outcome).isEqualTo(new ReloadOutcome.Applied("configuration reloaded from " + file
                    + ": 1 server; 2 running sessions keep the previous configuration", List.of()));
            try (RawFtpClient fresh = login("127.0.0.1")) {
                assertThat(fresh.banner().text()).isEqualTo("New banner");
                assertThat(statusTitle(fresh)).isEqualTo("New name status:");
            }
            assertThat(idle.command("NOOP").code()).isEqualTo(200);
            assertThat(statusTitle(idle)).isEqualTo("Old name status:");

            got += in.readNBytes(received, got, big.length - got);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(got).isEqualTo(big.length);
            assertThat(received).isEqualTo(big);
        }
        assertThat(downloading.read().code()).isEqualTo(226);
        assertThat(statusTitle(downloading)).isEqualTo("Old name status:");
        downloading.close();
        idle.close();
    }

    @Test
    void aBrokenFileIsRefusedWithItsFileAndLineAndTheOldConfigurationStays() throws Exception {
        Path home = Files.createDirectories(data.defaultHome("alice"));
        Files.writeString(home.resolve("hello.txt"), "hello");
        write(config("Old name", "Old banner"));
        start();
        RawFtpClient idle = login("127.0.0.1");

        write(config("New name", "New banner") + "NoSuchDirective on\n");
        ReloadOutcome outcome = server.reload();

        assertThat(outcome).isEqualTo(new ReloadOutcome.Refused(
                List.of(file + ":5: unknown directive NoSuchDirective")));
        try (RawFtpClient fresh = RawFtpClient.connect("127.0.0.1", port)) {
            assertThat(fresh.banner().text()).isEqualTo("Old banner");
        }
        assertThat(statusTitle(idle)).isEqualTo("Old name status:");
        assertThat(retrieve(idle, "hello.txt")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));

        write(config("New name", "New banner"));
        assertThat(server.reload()).isInstanceOf(ReloadOutcome.Applied.class);
        try (RawFtpClient fresh = RawFtpClient.connect("127.0.0.1", port)) {
            assertThat(fresh.banner().text()).isEqualTo("New banner");
        }
        assertThat(statusTitle(idle)).isEqualTo("Old name status:");
        idle.close();
    }

    @Test
    void listenAddressesAreAddedAndRemovedWithoutDroppingTheirSessions() throws Exception {
        Path home = Files.createDirectories(data.defaultHome("alice"));
        Files.writeString(home.resolve("hello.txt"), "hello");
        write(config("Ferry", "One"));
        start();
        RawFtpClient first = login("127.0.0.1");

        write(config("Ferry", "Two").replace("DefaultAddress 127.0.0.1", "DefaultAddress 127.0.0.1 127.0.0.2"));
        assertThat(server.reload()).isEqualTo(new ReloadOutcome.Applied("configuration reloaded from " + file
                + ": 1 server; now listening on 127.0.0.2:" + port
                + "; 1 running session keeps the previous configuration", List.of()));
        assertThat(server.addresses()).containsExactly(new InetSocketAddress("127.0.0.1", port),
                new InetSocketAddress("127.0.0.2", port));
        RawFtpClient second = login("127.0.0.2");
        assertThat(second.banner().text()).isEqualTo("Two");

        write(config("Ferry", "Three").replace("DefaultAddress 127.0.0.1", "DefaultAddress 127.0.0.2"));
        assertThat(server.reload()).isEqualTo(new ReloadOutcome.Applied("configuration reloaded from " + file
                + ": 1 server; no longer listening on 127.0.0.1:" + port
                + "; 2 running sessions keep the previous configuration", List.of()));
        assertThat(server.addresses()).containsExactly(new InetSocketAddress("127.0.0.2", port));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        try (RawFtpClient third = RawFtpClient.connect("127.0.0.2", port)) {
            assertThat(third.banner().text()).isEqualTo("Three");
        }
        // the session that came in on the closed address carries on
        assertThat(first.command("NOOP").code()).isEqualTo(200);
        assertThat(retrieve(first, "hello.txt")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(retrieve(second, "hello.txt")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        first.close();
        second.close();
    }

    @Test
    void anAddressThatCannotBeBoundRefusesTheWholeReload() throws Exception {
        write(config("Ferry", "Before"));
        start();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.3", port));
            write(config("Ferry", "After").replace("DefaultAddress 127.0.0.1",
                    "DefaultAddress 127.0.0.1 127.0.0.2 127.0.0.3"));

            ReloadOutcome outcome = server.reload();

            assertThat(outcome).isInstanceOfSatisfying(ReloadOutcome.Refused.class, r -> assertThat(r.errors())
                    .singleElement().asString().startsWith("cannot listen on 127.0.0.3 port " + port + ": "));
        }
        assertThat(server.addresses()).containsExactly(new InetSocketAddress("127.0.0.1", port));
        // the address bound before the failure was let go again
        assertThatThrownBy(() -> new Socket("127.0.0.2", port).close()).isInstanceOf(ConnectException.class);
        try (RawFtpClient fresh = RawFtpClient.connect("127.0.0.1", port)) {
            assertThat(fresh.banner().text()).isEqualTo("Before");
        }
    }

    @Test
    void anUnchangedPassiveRangeKeepsItsPoolSoAPortIsNeverHandedOutTwice() throws Exception {
        int passive = freePort();
        Path home = Files.createDirectories(data.defaultHome("alice"));
        Files.writeString(home.resolve("hello.txt"), "hello");
        String range = "PassivePorts " + passive + " " + passive + "\n";
        write(config("Ferry", "Before") + range);
        start();
        PassivePortPool pool = server.services().passivePorts(server.config().main());
        RawFtpClient old = login("127.0.0.1");
        InetSocketAddress held = pasv(old);
        assertThat(held.getPort()).isEqualTo(passive);

        write(config("Ferry", "After") + range);
        assertThat(server.reload()).isInstanceOf(ReloadOutcome.Applied.class);

        assertThat(server.services().passivePorts(server.config().main())).isSameAs(pool);
        RawFtpClient fresh = login("127.0.0.1");
        assertThat(fresh.banner().text()).isEqualTo("After");
        // the only port of the range is the old session's: the new one must get another
        InetSocketAddress other = pasv(fresh);
        assertThat(other.getPort()).isNotEqualTo(passive);
        try (Socket oldData = new Socket(held.getAddress(), held.getPort());
             Socket freshData = new Socket(other.getAddress(), other.getPort())) {
            assertThat(old.command("RETR hello.txt").code()).isEqualTo(150);
            assertThat(fresh.command("RETR hello.txt").code()).isEqualTo(150);
            assertThat(oldData.getInputStream().readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(freshData.getInputStream().readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(old.read().code()).isEqualTo(226);
        assertThat(fresh.read().code()).isEqualTo(226);

        int elsewhere = freePort();
        write(config("Ferry", "After") + "PassivePorts " + elsewhere + " " + elsewhere + "\n");
        assertThat(server.reload()).isInstanceOf(ReloadOutcome.Applied.class);
        assertThat(server.services().passivePorts(server.config().main())).isNotSameAs(pool);
        old.close();
        fresh.close();
    }

    @Test
    void aStoppedServerRefusesToReload() throws Exception {
        write(config("Ferry", "Before"));
        start();
        server.stop();
        assertThat(server.reload()).isEqualTo(new ReloadOutcome.Refused(List.of("the server is stopping")));
    }
}
