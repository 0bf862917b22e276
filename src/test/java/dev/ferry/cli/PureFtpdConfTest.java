package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.cli.PureFtpdConf.Setting;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.DotFiles;
import dev.ferry.config.FileRules;
import dev.ferry.config.PortRange;
import dev.ferry.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** {@code ferry serve --pureconf FILE}: reading pure-ftpd.conf, and the command line winning over it. */
class PureFtpdConfTest {
    private static final Path FILE = Path.of("/etc/pure-ftpd.conf");

    @TempDir
    Path temp;
    DataDirectory data;

    @BeforeEach
    void dataDirectory() {
        data = new DataDirectory(temp.resolve("data"));
    }

    private static PureFtpdConf parse(String... lines) throws PureFtpdConfException {
        return PureFtpdConf.parse(FILE, List.of(lines));
    }

    private static List<String> errors(String... lines) {
        try {
            parse(lines);
        } catch (PureFtpdConfException e) {
            return e.errors();
        }
        throw new AssertionError("no errors");
    }

    /** The server a file and a command line make, with the override lines. */
    private record Result(ServerConfig server, List<String> conflicts, List<String> notes) {
    }

    private Result serve(PureFtpdConf conf, String... args) {
        ServeSwitches switches = new ServeSwitches();
        CommandLine line = new CommandLine(switches);
        line.parseArgs(args);
        List<String> conflicts = PureFtpdConfOverlay.apply(conf, line);
        ServeSwitches.Built built = switches.build(data);
        return new Result(built.server(), conflicts, built.notes());
    }

    private ServerConfig plain(String... args) {
        ServeSwitches switches = new ServeSwitches();
        new CommandLine(switches).parseArgs(args);
        return switches.build(data).server();
    }

    @Test
    void eachKeyIsTheSwitchItStandsFor() throws PureFtpdConfException {
        PureFtpdConf conf = parse(
                "# a comment",
                "   ",
                "TrustedGID        staff",
                "MaxClientsNumber  20",
                "MaxClientsPerIP   4",
                "MaxIdleTime       7   # minutes",
                "PassivePortRange  30000 30099",
                "ForcePassiveIP    ftp.example.org",
                "Bind              127.0.0.1,2100",
                "Umask             177:077",
                "AllowUserFXP      yes",
                "ProhibitDotFilesWrite YES",
                "NoTruncate        yes",
                "AnonymousCantUpload no",
                "DontResolve       yes");
        assertThat(conf.settings()).extracting(Setting::line).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15);
        assertThat(conf.settings().get(4).arguments()).containsExactly("--passiveportrange", "30000:30099");
        assertThat(conf.settings().get(11).arguments()).isEmpty();
        assertThat(conf.notes()).isEmpty();
        ServerConfig s = serve(conf).server();
        assertThat(s).isEqualTo(plain("-a", "staff", "-c", "20", "-C", "4", "-I", "7", "-p", "30000:30099",
                "-P", "ftp.example.org", "-S", "127.0.0.1,2100", "-U", "177:077", "-w", "-x", "-0", "-H"));
        assertThat(s.limits().maxSessions()).isEqualTo(20);
        assertThat(s.timeouts().idle()).isEqualTo(Duration.ofMinutes(7));
        assertThat(s.passive().ports()).contains(new PortRange(30000, 30099));
        assertThat(s.binds()).containsExactly(new InetSocketAddress("127.0.0.1", 2100));
        assertThat(s.files().fileMode()).isEqualTo(0600);
        assertThat(s.files().directoryMode()).isEqualTo(0700);
        assertThat(s.logins().dotFiles()).isEqualTo(DotFiles.NO_WRITE);
        assertThat(s.files().hiddenStores()).contains(FileRules.HIDDEN_STORE_PREFIX);
    }

    @Test
    void anonymousKeys() throws PureFtpdConfException {
        assertThat(serve(parse("AnonymousOnly yes")).server()).isEqualTo(plain("-e"));
        assertThat(serve(parse("AnonymousOnly yes")).server().logins().realUsers()).isFalse();
        assertThat(serve(parse("NoAnonymous yes", "AntiWarez yes"), "--anonymous").server().anonymous()).isEmpty();
        assertThat(serve(parse("ProhibitDotFilesRead yes", "ChrootEveryone yes", "AllowAnonymousFXP yes")).server())
                .isEqualTo(plain("-X", "-A", "-W"));
        ServerConfig limited = serve(parse("PerUserLimits 3:20"), "--anonymous").server();
        assertThat(limited).isEqualTo(plain("-y", "3:20", "--anonymous"));
        assertThat(limited.limits().maxSessionsPerUser()).isEqualTo(3);
        assertThat(errors("PerUserLimits 3")).containsExactly("/etc/pure-ftpd.conf:1: -y (--peruserlimits) takes "
                + "USERS:ANONYMOUS, two numbers such as 3:20, not '3'");
        assertThat(serve(parse("Quota 1000:10")).server()).isEqualTo(plain("-n", "1000:10"));
        assertThat(serve(parse("UserBandwidth 8:16", "AnonymousBandwidth 4")).server())
                .isEqualTo(plain("-T", "8:16", "-t", "4"));
        assertThat(serve(parse("UserBandwidth 8:16")).server().limits().rates())
                .isEqualTo(new dev.ferry.config.TransferRates(8192, 16384));
        assertThat(parse("SyslogFacility local2").settings()).extracting(Object::toString)
                .anyMatch(setting -> setting.contains("--syslogfacility") && setting.contains("local2"));
        assertThat(errors("SyslogFacility ftpd")).containsExactly("/etc/pure-ftpd.conf:1: -f (--syslogfacility) "
                + "unknown syslog facility 'ftpd'; the facilities are auth, authpriv, cron, daemon, ftp, kern, lpr, "
                + "mail, news, syslog, user, uucp and local0 to local7, or none");
        assertThat(serve(parse("UserRatio 1:4", "AnonymousRatio 1:2")).server())
                .isEqualTo(plain("-Q", "1:4", "-q", "1:2"));
        assertThat(errors("UserRatio 4")).containsExactly("/etc/pure-ftpd.conf:1: -Q (--userratio) takes "
                + "UPLOAD:DOWNLOAD, e.g. 1:5, not '4'");
        assertThat(serve(parse("AltLog clf:/var/log/pureftpd.log", "AltLog xferlog:/var/log/xferlog")).server())
                .isEqualTo(plain("-O", "clf:/var/log/pureftpd.log", "-O", "xferlog:/var/log/xferlog"));
        assertThat(errors("Quota 1000")).containsExactly("/etc/pure-ftpd.conf:1: -n (--quota) takes "
                + "FILES:MB, two numbers such as 1000:10, not '1000'");
    }

    @Test
    void keysAreMatchedInAnyCase() throws PureFtpdConfException {
        assertThat(serve(parse("maxclientsnumber 9", "NOTRUNCATE Yes")).server()).isEqualTo(plain("-c", "9", "-0"));
    }

    @Test
    void severalBindLinesListenOnEachAddress() throws PureFtpdConfException {
        ServerConfig s = serve(parse("Bind 127.0.0.1,2100", "Bind 127.0.0.1,2101")).server();
        assertThat(s.binds()).containsExactly(new InetSocketAddress("127.0.0.1", 2100),
                new InetSocketAddress("127.0.0.1", 2101));
    }

    @Test
    void keysAboutHowPureFtpdRunsAreAcceptedWithANote() throws PureFtpdConfException {
        PureFtpdConf conf = parse("Daemonize yes", "VerboseLog no", "LogPID yes", "PIDFile /run/pure-ftpd.pid",
                "PureDB /etc/pureftpd.pdb", "UnixAuthentication yes", "PAMAuthentication no",
                "BrokenClientsCompatibility yes", "CreateHomeDir yes", "MinUID 100");
        // the login methods become -l, in file order (PAMAuthentication no: none)
        assertThat(conf.settings()).extracting(PureFtpdConf.Setting::arguments).containsExactly(
                List.of("--login", "puredb:/etc/pureftpd.pdb"), List.of("--login", "unix"), List.of());
        assertThat(conf.notes()).containsExactly(
                "/etc/pure-ftpd.conf:1: Daemonize yes changes nothing: Ferry runs in the foreground; run it under a "
                        + "supervisor such as systemd",
                "/etc/pure-ftpd.conf:3: LogPID yes changes nothing: Ferry is one process; its syslog lines "
                        + "(SyslogFacility) carry that process's id",
                "/etc/pure-ftpd.conf:4: PIDFile /run/pure-ftpd.pid changes nothing: Ferry writes no pid file",
                "/etc/pure-ftpd.conf:8: BrokenClientsCompatibility yes changes nothing: Ferry has no compatibility "
                        + "mode for broken clients",
                "/etc/pure-ftpd.conf:9: CreateHomeDir yes changes nothing: Ferry always creates a virtual user's home "
                        + "at the first login",
                "/etc/pure-ftpd.conf:10: MinUID 100 changes nothing: Ferry's virtual users have no uid, and system "
                        + "accounts never log in");
        assertThat(serve(conf).server()).isEqualTo(plain());
    }

    @Test
    void everyProblemIsReportedWithFileAndLine() {
        assertThat(errors(
                "MaxClientsNumber fifty",
                "Frobnicate yes",
                "ChrootEveryone maybe",
                "UserBandwidth fast",
                "AltLog apache:/var/log/pureftpd.log",
                "TrustedGID 100",
                "Umask 999:022",
                "PassivePortRange 30000",
                "Bind",
                "ForcePassiveIP a b",
                "MaxIdleTime 5",
                "MaxIdleTime 6",
                "TLS 4",
                "ExtCert /run/pure-certd.sock")).containsExactly(
                "/etc/pure-ftpd.conf:1: MaxClientsNumber takes a number, not 'fifty'",
                "/etc/pure-ftpd.conf:2: unknown key 'Frobnicate' (not a pure-ftpd.conf setting)",
                "/etc/pure-ftpd.conf:3: ChrootEveryone takes yes or no, not 'maybe'",
                "/etc/pure-ftpd.conf:4: -T (--userbandwidth) takes KB/s as RATE or UPLOAD:DOWNLOAD, e.g. 100 or 50:200, "
                        + "not 'fast'",
                "/etc/pure-ftpd.conf:5: unknown log format 'apache'; the formats are xferlog, clf, stats, w3c and json",
                "/etc/pure-ftpd.conf:6: -a (--trustedgid) takes a group name in Ferry, not a numeric gid like 100: "
                        + "Ferry's users have named groups",
                "/etc/pure-ftpd.conf:7: -U (--umask) takes FILES:DIRS in octal from 000 to 777, e.g. 133:022, "
                        + "not '999:022'",
                "/etc/pure-ftpd.conf:8: expected LOW:HIGH, got '30000'",
                "/etc/pure-ftpd.conf:9: Bind needs a value",
                "/etc/pure-ftpd.conf:10: ForcePassiveIP takes one value, not 'a b'",
                "/etc/pure-ftpd.conf:12: MaxIdleTime is given twice (also at line 11)",
                "/etc/pure-ftpd.conf:13: -Y (--tls) takes 0, 1, 2 or 3, not '4'",
                "/etc/pure-ftpd.conf:14: ExtCert is not supported yet");
    }

    @Test
    void noRenameKeepAllFilesAndNoChmodAreTheirSwitches() throws PureFtpdConfException {
        assertThat(serve(parse("NoRename yes", "KeepAllFiles yes", "NoChmod yes")).server())
                .isEqualTo(plain("-G", "-K", "-R"));
        assertThat(serve(parse("NoRename no", "KeepAllFiles no", "NoChmod no")).server()).isEqualTo(plain());
    }

    @Test
    void theCommandLineWinsAndEachOverrideIsReported() throws PureFtpdConfException {
        PureFtpdConf conf = parse("MaxClientsNumber 20", "MaxClientsPerIP 4", "ProhibitDotFilesWrite no",
                "Umask 133:022", "Bind 127.0.0.1,21");
        Result r = serve(conf, "-c", "50", "--maxclientsperip", "4", "-x", "-U", "177:077", "-S", "127.0.0.1,2121");
        assertThat(r.server().limits().maxSessions()).isEqualTo(50);
        assertThat(r.server().logins().dotFiles()).isEqualTo(DotFiles.NO_WRITE);
        assertThat(r.server().files().fileMode()).isEqualTo(0600);
        assertThat(r.server().files().directoryMode()).isEqualTo(0700);
        assertThat(r.server().binds()).containsExactly(new InetSocketAddress("127.0.0.1", 2121));
        // MaxClientsPerIP 4 agrees with the command line: nothing to report.
        assertThat(r.conflicts()).containsExactly(
                "-c 50 overrides MaxClientsNumber 20 from /etc/pure-ftpd.conf",
                "-x overrides ProhibitDotFilesWrite no from /etc/pure-ftpd.conf",
                "-U 177:077 overrides Umask 133:022 from /etc/pure-ftpd.conf",
                "-S 127.0.0.1,2121 overrides Bind 127.0.0.1,21 from /etc/pure-ftpd.conf");
    }

    @Test
    void aSwitchAlsoWinsOverTheSettingItExcludes() throws PureFtpdConfException {
        Result r = serve(parse("ChrootEveryone yes", "NoAnonymous yes"), "-a", "staff", "-e");
        assertThat(r.server()).isEqualTo(plain("-a", "staff", "-e"));
        assertThat(r.conflicts()).containsExactly(
                "-a staff overrides ChrootEveryone yes from /etc/pure-ftpd.conf",
                "-e overrides NoAnonymous yes from /etc/pure-ftpd.conf");
        Result off = serve(parse("ChrootEveryone no"), "-a", "staff");
        assertThat(off.conflicts()).isEmpty();
        assertThat(off.server()).isEqualTo(plain("-a", "staff"));
    }

    @Test
    void contradictionsInsideTheFileAreErrorsOfTheSwitches() throws PureFtpdConfException {
        PureFtpdConf conf = parse("ChrootEveryone yes", "TrustedGID staff");
        assertThatThrownBy(() -> serve(conf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("-A (--chrooteveryone) and -a (--trustedgid) contradict each other");
    }

    /** The stock pure-ftpd.conf (comments trimmed) loads as it is, every key meaning what it says. */
    @Test
    void theStockPureFtpdConfLoads() throws IOException, PureFtpdConfException {
        Path file = stockConf();
        PureFtpdConf conf = PureFtpdConf.read(file);
        assertThat(conf.notes()).extracting(n -> n.substring(n.indexOf(": ") + 2, n.indexOf(" changes nothing")))
                .containsExactly("Daemonize yes", "MinUID 100");
        Result r = serve(conf);
        assertThat(r.conflicts()).isEmpty();
        // PureDB and UnixAuthentication: Ferry's own users stand in for both
        assertThat(r.notes()).containsExactly(
                "-l puredb:/etc/pure-ftpd/pureftpd.pdb: that file is not read; " + LoginMethods.OWN_USERS,
                "-l unix: system accounts do not log in to Ferry; " + LoginMethods.OWN_USERS);
        assertThat(r.server()).isEqualTo(plain("-A", "-c", "50", "-C", "8", "-H", "-I", "15", "-s", "-U", "133:022",
                "-k", "99", "-D", "-L", "10000:8", "-m", "4", "-Z"));
        assertThat(r.server().files().listOptions().flags().all()).isTrue();
        assertThat(r.server().files().listOptions().maxFiles()).isEqualTo(10000);
        assertThat(r.server().files().listOptions().maxDepth()).isEqualTo(8);
        assertThat(r.server().limits().anonymousMaxLoad()).isEqualTo(4.0);
        assertThat(r.server().files().customerProof()).isTrue();
        assertThat(r.server().files().maxDiskUsagePercent()).isEqualTo(99);
        assertThat(r.server().files().fileMode()).isEqualTo(0644);
        assertThat(r.server().files().directoryMode()).isEqualTo(0755);
        assertThat(r.server().limits().maxSessionsPerIp()).isEqualTo(8);
    }

    @Test
    void anUnreadableFileIsAnError() {
        Path missing = temp.resolve("missing.conf");
        assertThatThrownBy(() -> PureFtpdConf.read(missing)).isInstanceOfSatisfying(PureFtpdConfException.class,
                e -> assertThat(e.errors()).singleElement().asString().startsWith(missing + ": cannot read: "));
    }

    // Through `ferry serve --pureconf`: the overrides are printed at start, errors stop it with status 2.

    @Test
    @ResourceLock("java.lang.System.err")
    void ferryServePrintsOverridesAndRefusesABadFile() throws IOException {
        Path conf = temp.resolve("pure-ftpd.conf");
        Files.writeString(conf, "MaxClientsNumber 20\nDaemonize yes\n");
        // -3 stops the start after the file was read, so nothing listens.
        ServeSwitchesTest.Run run = ServeSwitchesTest.ferry("serve", "--data-dir", data.root().toString(),
                "--pureconf", conf.toString(), "-c", "50", "-3", "/run/pure-certd.sock");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(
                "ferry serve: -c 50 overrides MaxClientsNumber 20 from " + conf + "\n"
                        + "ferry serve: note: " + conf + ":2: Daemonize yes changes nothing: Ferry runs in the "
                        + "foreground; run it under a supervisor such as systemd\n"
                        + "ferry serve: --extcert is not supported yet\n");

        Files.writeString(conf, "MaxClientsNumber 20\nExtCert /run/pure-certd.sock\n");
        run = ServeSwitchesTest.ferry("serve", "--data-dir", data.root().toString(), "--pureconf", conf.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(conf + ":2: ExtCert is not supported yet\n"
                + "ferry serve: " + conf + " has errors; not started\n");

        run = ServeSwitchesTest.ferry("serve", "--data-dir", data.root().toString(), "--pureconf", conf.toString(),
                "--config", conf.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ferry serve: --pureconf and --config cannot be used together\n");
        assertThat(data.root()).doesNotExist();
    }

    /** Debian's stock /etc/pure-ftpd (pure-ftpd-common 1.0.50): conf/ files and auth/ links. */
    private Path debianDirectory() throws IOException {
        Path etc = temp.resolve("etc/pure-ftpd");
        Path conf = Files.createDirectories(etc.resolve("conf"));
        Path auth = Files.createDirectories(etc.resolve("auth"));
        Files.createDirectories(temp.resolve("log"));
        Files.writeString(conf.resolve("AltLog"), "clf:" + temp.resolve("log/transfer.log") + "\n");
        Files.writeString(conf.resolve("FSCharset"), "UTF-8\n");
        Files.writeString(conf.resolve("MinUID"), "1000\n");
        Files.writeString(conf.resolve("NoAnonymous"), "yes\n");
        Files.writeString(conf.resolve("PAMAuthentication"), "yes\n");
        Files.writeString(conf.resolve("PureDB"), "/etc/pure-ftpd/pureftpd.pdb\n");
        Files.writeString(conf.resolve("TLSCipherSuite"), "HIGH\n");
        Files.writeString(conf.resolve("UnixAuthentication"), "no\n");
        Files.createSymbolicLink(auth.resolve("65unix"), Path.of("../conf/UnixAuthentication"));
        Files.createSymbolicLink(auth.resolve("70pam"), Path.of("../conf/PAMAuthentication"));
        return etc;
    }

    @Test
    void debiansConfDirectoryIsReadAsPureFtpdWrapperReadsIt() throws IOException, PureFtpdConfException {
        Path etc = debianDirectory();
        for (Path given : List.of(etc, etc.resolve("conf"))) {
            PureFtpdConf conf = PureFtpdConf.read(given);
            assertThat(conf.settings()).extracting(PureFtpdConf.Setting::key)
                    .containsExactly("AltLog", "NoAnonymous", "TLSCipherSuite", "UnixAuthentication", "PAMAuthentication");
            assertThat(conf.settings().get(3).arguments()).isEmpty(); // UnixAuthentication no
            assertThat(conf.settings().get(4).arguments()).containsExactly("--login", "pam");
            assertThat(conf.notes()).hasSize(2).anyMatch(n -> n.startsWith(etc.resolve("conf/FSCharset") + ": FSCharset "
                    + "UTF-8 changes nothing")).anyMatch(n -> n.contains("MinUID 1000 changes nothing"));
            Result r = serve(conf);
            assertThat(r.server().anonymous()).isEmpty();
            assertThat(r.server().transferLogs()).hasSize(1);
            assertThat(r.notes()).singleElement().asString().startsWith("-l pam: system accounts do not log in");
        }
        // the auth links decide the order, and UnixAuthentication counts once it says yes
        Files.writeString(etc.resolve("conf/UnixAuthentication"), "yes\n");
        assertThat(PureFtpdConf.read(etc).settings()).extracting(PureFtpdConf.Setting::arguments)
                .contains(List.of("--login", "unix"), List.of("--login", "pam"));
        Files.writeString(etc.resolve("conf/FSCharset"), "ISO-8859-1\n");
        assertThatThrownBy(() -> PureFtpdConf.read(etc)).isInstanceOfSatisfying(PureFtpdConfException.class,
                e -> assertThat(e.errors()).containsExactly(etc.resolve("conf/FSCharset")
                        + ": FSCharset ISO-8859-1 is not supported yet: Ferry's file names are UTF-8 (RFC 2640)"));
    }

    private Path stockConf() throws IOException {
        Path file = temp.resolve("pure-ftpd.conf");
        try (InputStream in = getClass().getResourceAsStream("pure-ftpd.conf")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static int lineOf(List<String> lines, String key) {
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith(key + " ")).findFirst()
                .orElseThrow() + 1;
    }
}
