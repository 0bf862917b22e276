package dev.ferry.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Ferry's benchmark load generator. Commands:
 *
 * <pre>
 * free-port                              print a free loopback TCP port
 * wait-ftp --port P [--seconds S]        wait until an FTP server greets on 127.0.0.1:P
 * prepare --root DIR [sizes]             create the dataset (big.bin, medium.bin, small/, many/, upload/)
 * ceiling --root DIR --out FILE          loopback copy and sendfile ceilings
 * suite --target NAME --port P ...       run scenarios against a server (or --self: the null server);
 *                                        with --tls, big and login run over explicit FTPS (scenario 7)
 * report --in FILE... --json FILE        merge result files: JSON, tables on stdout
 * </pre>
 *
 * Every load loop is bounded in count and in time; {@code --deadline-seconds} stops the whole
 * command (exit 3) if a server hangs.
 */
public final class Main {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Main() {
    }

    static void log(String format, Object... args) {
        System.err.println("[" + LocalTime.now().format(CLOCK) + "] " + String.format(format, args));
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: loadgen free-port|wait-ftp|prepare|ceiling|suite|report [--options]");
            System.exit(2);
        }
        int code;
        try {
            code = switch (argv[0]) {
                case "free-port" -> freePort();
                case "wait-ftp" -> waitFtp(new Args(argv, 1, Set.of()));
                case "prepare" -> prepare(new Args(argv, 1, Set.of()));
                case "ceiling" -> ceiling(new Args(argv, 1, Set.of()));
                case "suite" -> suite(new Args(argv, 1, Set.of("self", "verify", "tls")));
                case "report" -> report(new Args(argv, 1, Set.of()));
                default -> throw new IllegalArgumentException("unknown command " + argv[0]);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            System.out.println(s.getLocalPort());
        }
        return 0;
    }

    private static int waitFtp(Args a) throws InterruptedException {
        int port = Integer.parseInt(a.require("port"));
        String host = a.get("host", "127.0.0.1");
        int seconds = a.integer("seconds", 60);
        a.done();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "";
        for (int tries = 0; tries < 100_000 && System.nanoTime() < deadline; tries++) {
            try (FtpClient c = FtpClient.connect(host, port, 2000)) {
                c.quit();
                return 0;
            } catch (IOException e) {
                last = e.toString();
                Thread.sleep(100);
            }
        }
        System.err.println("loadgen: no FTP server greeted on " + host + ":" + port + " within " + seconds + " s: " + last);
        return 1;
    }

    private static int prepare(Args a) throws IOException {
        Dataset d = new Dataset(Path.of(a.require("root")));
        long big = a.size("big-size", 1L << 30);
        long medium = a.size("medium-size", 100L << 20);
        int smallCount = a.integer("small-count", 2000);
        int smallSize = (int) a.size("small-size", 4096);
        int listCount = a.integer("list-count", 10_000);
        a.done();
        long t0 = System.nanoTime();
        d.prepare(big, medium, smallCount, smallSize, listCount);
        log("dataset ready in %s (%.1f s)", d.root(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static Path out(Args a) {
        String o = a.get("out", null);
        return o == null ? null : Path.of(o);
    }

    private static int ceiling(Args a) {
        Path root = Path.of(a.require("root"));
        long copy = a.size("copy-size", 1L << 30);
        int rounds = a.integer("rounds", 3);
        int warmup = a.integer("warmup", 1);
        Path out = out(a);
        int deadline = a.integer("deadline-seconds", 600);
        a.done();
        Results r = new Results(out, "ceiling");
        watchdog(deadline, r, "ceiling");
        Ceiling.run(root.resolve(Dataset.BIG), copy, rounds, warmup, r);
        return r.failures() > 0 ? 1 : 0;
    }

    private static int suite(Args a) throws IOException {
        String target = a.require("target");
        boolean self = a.flag("self");
        Path root = Path.of(a.require("root"));
        List<String> scenarios = Arrays.asList(a.get("scenarios", "big,small,login,concurrent,listing").split(","));
        List<Integer> levels = new ArrayList<>();
        for (String l : a.get("idle-levels", "100,1000,5000").split(",")) {
            levels.add(Integer.parseInt(l.trim()));
        }
        NullFtpServer nul = self ? new NullFtpServer(root) : null;
        Suite.Config cfg = new Suite.Config(
                a.get("host", "127.0.0.1"),
                self ? nul.port() : Integer.parseInt(a.require("port")),
                a.get("user", "ferrybench"),
                a.get("pass", ""),
                Long.parseLong(a.get("server-pid", "0")),
                a.integer("rounds", 3),
                a.integer("warmup", 1),
                a.integer("small-warmup", a.integer("warmup", 1)),
                a.integer("list-warmup", a.integer("warmup", 1)),
                a.flag("verify"),
                a.size("big-size", 1L << 30),
                a.size("medium-size", 100L << 20),
                a.integer("small-count", 2000),
                (int) a.size("small-size", 4096),
                a.integer("login-clients", 50),
                a.integer("login-seconds", 10),
                a.integer("conc-clients", 20),
                levels,
                a.integer("idle-openers", 50),
                a.integer("idle-probes", 5),
                a.integer("list-count", 10_000),
                a.integer("timeout-seconds", 60) * 1000,
                !self,
                a.get("variant", ""),
                a.flag("tls"));
        Path out = out(a);
        int deadline = a.integer("deadline-seconds", 900);
        a.done();
        if (cfg.tls() && (self || !Set.of("big", "login").containsAll(scenarios.stream().map(String::trim).toList()))) {
            if (nul != null) {
                nul.close();
            }
            throw new IllegalArgumentException("--tls runs big and login against a real server only");
        }
        Results results = new Results(out, target);
        watchdog(deadline, results, target + " " + String.join(",", scenarios));
        Suite suite = new Suite(cfg, new Dataset(root), results);
        for (String s : scenarios) {
            switch (s.trim()) {
                case "big" -> suite.big();
                case "small" -> suite.small();
                case "login" -> suite.login();
                case "concurrent" -> suite.concurrent();
                case "idle" -> suite.idle();
                case "listing" -> suite.listing();
                default -> throw new IllegalArgumentException("unknown scenario " + s);
            }
        }
        if (nul != null) {
            nul.close();
        }
        return results.failures() > 0 ? 1 : 0;
    }

    /** Stops the JVM, recording a failure, if the command runs past its deadline. */
    private static void watchdog(int seconds, Results results, String what) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            results.fail("watchdog", "watchdog", what, "-", "info", List.of(),
                    "still running after " + seconds + " s (server hung?); stopped");
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static int report(Args a) throws IOException {
        List<String> inputs = a.all("in");
        String json = a.get("json", null);
        String markdown = a.get("markdown", null);
        a.done();
        Report r = new Report();
        for (String in : inputs) {
            r.read(Path.of(in));
        }
        if (json != null) {
            Files.writeString(Path.of(json), r.json(), StandardCharsets.UTF_8);
        }
        if (markdown != null) {
            Files.writeString(Path.of(markdown), r.tables(true), StandardCharsets.UTF_8);
        }
        System.out.print(r.tables(false));
        return r.failed() ? 1 : 0;
    }
}
