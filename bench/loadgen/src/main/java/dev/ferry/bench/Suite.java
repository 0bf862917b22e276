package dev.ferry.bench;

import dev.ferry.bench.FtpClient.FtpError;
import dev.ferry.bench.FtpClient.Received;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios, run against one server. Each has warm-up rounds (not reported) and timed
 * rounds; each round gives one figure, and the report shows their median and spread.
 */
final class Suite {
    /** What to run and how big. */
    record Config(String host, int port, String user, String pass, long serverPid, int rounds, int warmup,
            int smallWarmup, int listWarmup, boolean verify, long bigSize, long mediumSize, int smallCount, int smallSize, int loginClients,
            int loginSeconds, int concClients, List<Integer> idleLevels, int idleOpeners, int idleProbes,
            int listCount, int timeoutMillis, boolean readBack, String variant, boolean tls) {
    }

    private final Config cfg;
    private final Dataset data;
    private final Results results;

    Suite(Config cfg, Dataset data, Results results) {
        this.cfg = cfg;
        this.data = data;
        this.results = results;
    }

    private FtpClient session() throws IOException {
        if (cfg.tls()) {
            return secureSession();
        }
        FtpClient c = FtpClient.login(cfg.host(), cfg.port(), cfg.user(), cfg.pass(), cfg.timeoutMillis());
        try {
            c.binary();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** AUTH TLS, USER, PASS, PBSZ 0, PROT P (after the login, the order common clients use), TYPE I. */
    private FtpClient secureSession() throws IOException {
        FtpClient c = FtpClient.connect(cfg.host(), cfg.port(), cfg.timeoutMillis());
        try {
            c.secure();
            c.login(cfg.user(), cfg.pass());
            c.protectData();
            c.binary();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Measures wall time and the CPU the server tree and this JVM used meanwhile. */
    private final class Meter {
        private final long wall0 = System.nanoTime();
        private final double server0 = cfg.serverPid() > 0 ? ProcTree.cpuSeconds(cfg.serverPid()) : 0;
        private final double self0 = ProcTree.selfCpuSeconds();

        double seconds() {
            return (System.nanoTime() - wall0) / 1e9;
        }

        /** {server %, loadgen %} of one core over the measured span. */
        double[] cpu() {
            double wall = seconds();
            double server = cfg.serverPid() > 0 ? (ProcTree.cpuSeconds(cfg.serverPid()) - server0) / wall * 100 : Double.NaN;
            double self = (ProcTree.selfCpuSeconds() - self0) / wall * 100;
            return new double[] {server, self};
        }
    }

    private void cpuInfo(String scenario, String metric, String label, List<Double> server, List<Double> self) {
        if (cfg.serverPid() > 0) {
            results.ok(scenario, metric + ".server_cpu", label + ": server CPU", "% of a core", "info", server, "");
        }
        results.ok(scenario, metric + ".loadgen_cpu", label + ": loadgen CPU", "% of a core", "info", self, "");
    }

    /**
     * With --tls, scenarios 1 and 3 over explicit FTPS are scenario 7: their own rows, so the
     * report sets them against the same servers' FTPS figures, never against plain FTP.
     */
    private String scenario(String plain) {
        return cfg.tls() ? "7" : plain;
    }

    private String metric(String plain) {
        return cfg.tls() ? "ftps_" + plain : plain;
    }

    private String label(String plain) {
        return cfg.tls() ? "FTPS " + plain : plain;
    }

    /** A server that refuses AUTH TLS: its FTPS rows are n/a, with its reply. */
    private boolean tlsRefused(Exception e, String scenario, String metric, String label, String unit) {
        if (e instanceof FtpClient.TlsRefused) {
            results.na(scenario, metric, label, unit, "higher", e.getMessage());
            return true;
        }
        return false;
    }

    private static String msg(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    // --- 1: one big file, RETR and STOR -------------------------------------------------------

    void big() {
        String sc = scenario("1");
        String retr = metric("retr_big");
        String stor = metric("stor_big");
        String label = label("RETR " + Args.human(cfg.bigSize()));
        String tlsNote = "";
        List<Double> mbps = new ArrayList<>();
        List<Double> scpu = new ArrayList<>();
        List<Double> lcpu = new ArrayList<>();
        try (FtpClient c = session()) {
            long expected = data.crc(Dataset.BIG);
            for (int round = -cfg.warmup(); round < cfg.rounds(); round++) {
                boolean check = cfg.verify() || (cfg.warmup() > 0 && round == -cfg.warmup());
                Meter m = new Meter();
                Received r = c.retrieve("RETR " + Dataset.BIG, check, false);
                double secs = m.seconds();
                double[] cpu = m.cpu();
                if (r.bytes() != cfg.bigSize()) {
                    throw new FtpError("RETR " + Dataset.BIG + " gave " + r.bytes() + " bytes, expected " + cfg.bigSize());
                }
                if (check && r.crc() != expected) {
                    throw new FtpError("RETR " + Dataset.BIG + " gave wrong bytes (CRC-32C mismatch)");
                }
                if (round >= 0) {
                    mbps.add(cfg.bigSize() / 1e6 / secs);
                    scpu.add(cpu[0]);
                    lcpu.add(cpu[1]);
                }
            }
            tlsNote = c.tlsSummary().isEmpty() ? "" : c.tlsSummary() + ", PROT P";
            c.quit();
            results.ok(sc, retr, label, "MB/s", "higher", mbps, tlsNote);
            cpuInfo(sc, retr, label, scpu, lcpu);
        } catch (IOException | RuntimeException e) {
            if (tlsRefused(e, sc, retr, label, "MB/s")) {
                results.na(sc, stor, label("STOR " + Args.human(cfg.bigSize())), "MB/s", "higher", e.getMessage());
                return;
            }
            results.fail(sc, retr, label, "MB/s", "higher", mbps, msg(e));
        }

        label = label("STOR " + Args.human(cfg.bigSize()));
        mbps.clear();
        scpu.clear();
        lcpu.clear();
        ByteBuffer pattern = Dataset.pattern(7);
        String target = Dataset.UPLOAD_DIR + "/stor.bin";
        try (FtpClient c = session()) {
            long expectedCrc = Dataset.patternCrc(pattern, cfg.bigSize());
            for (int round = -cfg.warmup(); round < cfg.rounds(); round++) {
                boolean check = cfg.verify() || (cfg.warmup() > 0 && round == -cfg.warmup());
                Meter m = new Meter();
                c.store(target, cfg.bigSize(), pattern);
                double secs = m.seconds();
                double[] cpu = m.cpu();
                long size = c.size(target);
                if (size != cfg.bigSize()) {
                    throw new FtpError("after STOR, SIZE says " + size + " bytes, expected " + cfg.bigSize());
                }
                if (check && cfg.readBack()) {
                    Received back = c.retrieve("RETR " + target, true, false);
                    if (back.bytes() != cfg.bigSize() || back.crc() != expectedCrc) {
                        throw new FtpError("the STORed file does not read back the same (" + back.bytes() + " bytes)");
                    }
                }
                c.delete(target);
                if (round >= 0) {
                    mbps.add(cfg.bigSize() / 1e6 / secs);
                    scpu.add(cpu[0]);
                    lcpu.add(cpu[1]);
                }
            }
            tlsNote = c.tlsSummary().isEmpty() ? "" : c.tlsSummary() + ", PROT P";
            c.quit();
            results.ok(sc, stor, label, "MB/s", "higher", mbps, tlsNote);
            cpuInfo(sc, stor, label, scpu, lcpu);
        } catch (IOException | RuntimeException e) {
            if (!tlsRefused(e, sc, stor, label, "MB/s")) {
                results.fail(sc, stor, label, "MB/s", "higher", mbps, msg(e));
            }
        }
    }

    // --- 2: many small files over one session -------------------------------------------------

    void small() {
        String label = cfg.smallCount() + " x RETR " + Args.human(cfg.smallSize());
        List<Double> rates = new ArrayList<>();
        List<Double> scpu = new ArrayList<>();
        List<Double> lcpu = new ArrayList<>();
        try (FtpClient c = session()) {
            long[] crcs = new long[cfg.smallCount()];
            for (int i = 0; i < crcs.length; i++) {
                crcs[i] = data.crc(Dataset.small(i));
            }
            for (int round = -cfg.smallWarmup(); round < cfg.rounds(); round++) {
                boolean check = cfg.verify() || (cfg.smallWarmup() > 0 && round == -cfg.smallWarmup());
                Meter m = new Meter();
                for (int i = 0; i < cfg.smallCount(); i++) {
                    Received r = c.retrieve("RETR " + Dataset.small(i), check, false);
                    if (r.bytes() != cfg.smallSize()) {
                        throw new FtpError("RETR " + Dataset.small(i) + " gave " + r.bytes() + " bytes, expected "
                                + cfg.smallSize());
                    }
                    if (check && r.crc() != crcs[i]) {
                        throw new FtpError("RETR " + Dataset.small(i) + " gave wrong bytes");
                    }
                }
                double secs = m.seconds();
                double[] cpu = m.cpu();
                if (round >= 0) {
                    rates.add(cfg.smallCount() / secs);
                    scpu.add(cpu[0]);
                    lcpu.add(cpu[1]);
                }
            }
            c.quit();
            results.ok("2", "small_retr", label, "transfers/s", "higher", rates, "one session, EPSV per file");
            cpuInfo("2", "small_retr", label, scpu, lcpu);
        } catch (IOException | RuntimeException e) {
            results.fail("2", "small_retr", label, "transfers/s", "higher", rates, msg(e));
        }
    }

    // --- 3: login rate ------------------------------------------------------------------------

    void login() {
        // variant "nocache": the same scenario against a server whose cache of verified passwords
        // is off, reported as its own metric.
        String sc = scenario("3");
        String metric = metric(cfg.variant().isEmpty() ? "login" : "login_" + cfg.variant());
        String label = label("login, " + cfg.loginClients() + " clients"
                + (cfg.variant().equals("nocache") ? ", login cache off" : cfg.variant().isEmpty() ? "" : ", " + cfg.variant()));
        // A server without FTPS is n/a, not a failure: ask once before loading it.
        if (cfg.tls()) {
            try (FtpClient c = FtpClient.connect(cfg.host(), cfg.port(), cfg.timeoutMillis())) {
                c.secure();
                c.quit();
            } catch (FtpClient.TlsRefused e) {
                results.na(sc, metric, label, "logins/s", "higher", e.getMessage());
                return;
            } catch (IOException | RuntimeException e) {
                results.fail(sc, metric, label, "logins/s", "higher", List.of(), msg(e));
                return;
            }
        }
        List<Double> rates = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> scpu = new ArrayList<>();
        List<Double> lcpu = new ArrayList<>();
        long failures = 0;
        String firstError = "";
        for (int round = -cfg.warmup(); round < cfg.rounds(); round++) {
            int seconds = round < 0 ? Math.max(1, Math.min(3, cfg.loginSeconds())) : cfg.loginSeconds();
            AtomicLong ok = new AtomicLong();
            AtomicLong bad = new AtomicLong();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            Meter m = new Meter();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < cfg.loginClients(); t++) {
                    ex.submit(() -> {
                        List<Double> mine = new ArrayList<>();
                        // Bounded by time and by count.
                        for (int n = 0; n < 1_000_000 && System.nanoTime() < deadline; n++) {
                            long t0 = System.nanoTime();
                            try (FtpClient c = FtpClient.connect(cfg.host(), cfg.port(), cfg.timeoutMillis())) {
                                if (cfg.tls()) {
                                    c.secure(); // a full handshake each time: a new context per client
                                }
                                c.login(cfg.user(), cfg.pass());
                                c.quit();
                                ok.incrementAndGet();
                                mine.add((System.nanoTime() - t0) / 1e6);
                            } catch (IOException | RuntimeException e) {
                                bad.incrementAndGet();
                                if (errors.size() < 5) {
                                    errors.add(msg(e));
                                }
                                sleepQuietly(10);
                            }
                        }
                        latencies.addAll(mine);
                    });
                }
            }
            double secs = m.seconds();
            double[] cpu = m.cpu();
            if (round >= 0) {
                rates.add(ok.get() / secs);
                p50.add(Stats.percentile(latencies, 50));
                p99.add(Stats.percentile(latencies, 99));
                scpu.add(cpu[0]);
                lcpu.add(cpu[1]);
            }
            failures += bad.get();
            if (firstError.isEmpty() && !errors.isEmpty()) {
                firstError = String.join("; ", errors);
            }
        }
        String note = (cfg.tls() ? "connect+AUTH TLS+USER+PASS+QUIT" : "connect+USER+PASS+QUIT") + " for "
                + cfg.loginSeconds() + " s";
        if (failures > 0) {
            results.fail(sc, metric, label, "logins/s", "higher", rates,
                    failures + " failed logins (warm-up included), e.g. " + firstError);
        } else {
            results.ok(sc, metric, label, "logins/s", "higher", rates, note);
        }
        results.ok(sc, metric + ".p50_ms", label + ": latency p50", "ms", "info", p50, "");
        results.ok(sc, metric + ".p99_ms", label + ": latency p99", "ms", "info", p99, "");
        cpuInfo(sc, metric, label, scpu, lcpu);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- 4: concurrent downloads --------------------------------------------------------------

    void concurrent() {
        int n = cfg.concClients();
        String label = n + " x RETR " + Args.human(cfg.mediumSize());
        List<Double> mbps = new ArrayList<>();
        List<Double> scpu = new ArrayList<>();
        List<Double> lcpu = new ArrayList<>();
        List<FtpClient> sessions = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<FtpClient>> logins = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                logins.add(ex.submit(this::session));
            }
            for (Future<FtpClient> f : logins) {
                sessions.add(f.get());
            }
            long expected = data.crc(Dataset.MEDIUM);
            for (int round = -cfg.warmup(); round < cfg.rounds(); round++) {
                boolean check = cfg.verify() || (cfg.warmup() > 0 && round == -cfg.warmup());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> done = new ArrayList<>();
                for (FtpClient c : sessions) {
                    done.add(ex.submit(() -> {
                        go.await();
                        Received r = c.retrieve("RETR " + Dataset.MEDIUM, check, false);
                        if (r.bytes() != cfg.mediumSize()) {
                            throw new FtpError("RETR " + Dataset.MEDIUM + " gave " + r.bytes() + " bytes, expected "
                                    + cfg.mediumSize());
                        }
                        if (check && r.crc() != expected) {
                            throw new FtpError("RETR " + Dataset.MEDIUM + " gave wrong bytes");
                        }
                        return r.bytes();
                    }));
                }
                Meter m = new Meter();
                go.countDown();
                long total = 0;
                for (Future<Long> f : done) {
                    total += f.get();
                }
                double secs = m.seconds();
                double[] cpu = m.cpu();
                if (round >= 0) {
                    mbps.add(total / 1e6 / secs);
                    scpu.add(cpu[0]);
                    lcpu.add(cpu[1]);
                }
            }
            for (FtpClient c : sessions) {
                c.quit();
            }
            results.ok("4", "concurrent", label, "MB/s", "higher", mbps, "aggregate");
            cpuInfo("4", "concurrent", label, scpu, lcpu);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && !(e instanceof IOException) ? e.getCause() : e;
            results.fail("4", "concurrent", label, "MB/s", "higher", mbps, msg(cause));
        } finally {
            closeAll(sessions);
        }
    }

    private static void closeAll(List<FtpClient> sessions) {
        synchronized (sessions) {
            for (FtpClient c : sessions) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            sessions.clear();
        }
    }

    // --- 5: idle sessions ---------------------------------------------------------------------

    void idle() {
        List<FtpClient> open = Collections.synchronizedList(new ArrayList<>());
        try {
            if (cfg.serverPid() > 0) {
                ProcTree.Memory base = ProcTree.memory(cfg.serverPid());
                results.ok("5", "idle_0.rss", "idle 0: RSS", "MiB", "lower", List.of(base.rssMiB()),
                        base.processes() + " processes");
            }
            for (int level : cfg.idleLevels()) {
                String label = "idle " + level;
                AtomicLong failed = new AtomicLong();
                ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
                long t0 = System.nanoTime();
                int missing = level - open.size();
                Semaphore openers = new Semaphore(cfg.idleOpeners());
                try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < missing; i++) {
                        openers.acquireUninterruptibly();
                        ex.submit(() -> {
                            try {
                                open.add(FtpClient.login(cfg.host(), cfg.port(), cfg.user(), cfg.pass(),
                                        cfg.timeoutMillis()));
                            } catch (IOException | RuntimeException e) {
                                failed.incrementAndGet();
                                if (errors.size() < 5) {
                                    errors.add(msg(e));
                                }
                            } finally {
                                openers.release();
                            }
                        });
                    }
                }
                double openSecs = (System.nanoTime() - t0) / 1e9;
                if (failed.get() > 0) {
                    results.fail("5", "idle_" + level + ".rss", label + ": RSS", "MiB", "lower", List.of(),
                            failed.get() + " of " + missing + " sessions failed to log in (" + open.size()
                                    + " open): " + String.join("; ", errors));
                    return;
                }
                sleepQuietly(1000); // let the server settle (threads parked, buffers released)
                if (cfg.serverPid() > 0) {
                    ProcTree.Memory mem = ProcTree.memory(cfg.serverPid());
                    results.ok("5", "idle_" + level + ".rss", label + ": RSS", "MiB", "lower", List.of(mem.rssMiB()),
                            mem.processes() + " processes");
                    results.ok("5", "idle_" + level + ".pss", label + ": PSS", "MiB", "lower", List.of(mem.pssMiB()),
                            "");
                    results.ok("5", "idle_" + level + ".procs", label + ": processes", "count", "info",
                            List.of((double) mem.processes()), "");
                }
                results.ok("5", "idle_" + level + ".open_s", label + ": time to open", "s", "info", List.of(openSecs),
                        "");
                List<Double> probes = new ArrayList<>();
                for (int p = 0; p < cfg.idleProbes(); p++) {
                    long p0 = System.nanoTime();
                    try (FtpClient c = FtpClient.login(cfg.host(), cfg.port(), cfg.user(), cfg.pass(),
                            cfg.timeoutMillis())) {
                        Received r = c.retrieve("LIST", false, true);
                        if (r.bytes() == 0) {
                            throw new FtpError("LIST of the root came back empty");
                        }
                        c.quit();
                    }
                    probes.add((System.nanoTime() - p0) / 1e6);
                }
                results.ok("5", "idle_" + level + ".probe_ms", label + ": new login+LIST", "ms", "lower", probes,
                        "each value one probe");
            }
        } catch (IOException | RuntimeException e) {
            results.fail("5", "idle", "idle sessions", "ms", "lower", List.of(), msg(e) + " (" + open.size() + " open)");
        } finally {
            closeAll(open);
        }
    }

    // --- 6: listings --------------------------------------------------------------------------

    void listing() {
        listing("LIST");
        listing("MLSD");
    }

    private void listing(String verb) {
        String metric = verb.toLowerCase() + "_ms";
        String label = verb + " of " + cfg.listCount() + " entries";
        List<Double> ms = new ArrayList<>();
        try (FtpClient c = session()) {
            for (int round = -cfg.listWarmup(); round < cfg.rounds(); round++) {
                long t0 = System.nanoTime();
                Received r;
                try {
                    r = c.retrieve(verb + " " + Dataset.MANY_DIR, false, true);
                } catch (FtpError e) {
                    if (verb.equals("MLSD") && e.getMessage().matches("unexpected reply to MLSD .*: 50[0-4]\\b.*")) {
                        results.na("6", metric, label, "ms", "lower", "server has no MLSD (" + e.getMessage() + ")");
                        return;
                    }
                    throw e;
                }
                double elapsed = (System.nanoTime() - t0) / 1e6;
                int entries = countEntries(verb, r.data());
                if (entries != cfg.listCount()) {
                    throw new FtpError(verb + " listed " + entries + " entries, expected " + cfg.listCount());
                }
                if (round >= 0) {
                    ms.add(elapsed);
                }
            }
            c.quit();
            results.ok("6", metric, label, "ms", "lower", ms, "");
        } catch (IOException | RuntimeException e) {
            results.fail("6", metric, label, "ms", "lower", ms, msg(e));
        }
    }

    private static int countEntries(String verb, byte[] listing) {
        int n = 0;
        for (String line : new String(listing, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (verb.equals("LIST")) {
                if (!line.startsWith("total ") && line.contains(" e")) {
                    n++;
                }
            } else if (line.toLowerCase().contains("type=file;")) {
                n++;
            }
        }
        return n;
    }
}
