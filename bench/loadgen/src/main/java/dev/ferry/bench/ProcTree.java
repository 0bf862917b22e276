package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The memory and CPU time of a server: its process and every descendant (forking servers have a
 * process, or two, per session), read from /proc.
 */
final class ProcTree {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** Memory of the whole tree: summed Rss (shared pages counted once per process) and Pss. */
    record Memory(int processes, long rssKiB, long pssKiB) {
        double rssMiB() {
            return rssKiB / 1024.0;
        }

        double pssMiB() {
            return pssKiB / 1024.0;
        }
    }

    private ProcTree() {
    }

    static List<Long> pids(long root) {
        List<Long> pids = new ArrayList<>();
        Optional<ProcessHandle> handle = ProcessHandle.of(root);
        if (handle.isEmpty()) {
            return pids;
        }
        pids.add(root);
        handle.get().descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    static Memory memory(long root) {
        long rss = 0;
        long pss = 0;
        int n = 0;
        for (long pid : pids(root)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Rss:")) {
                        rss += kib(line);
                    } else if (line.startsWith("Pss:")) {
                        pss += kib(line);
                    }
                }
                n++;
            } catch (IOException gone) {
                // the process exited meanwhile
            }
        }
        return new Memory(n, rss, pss);
    }

    /** CPU seconds used by the tree: live processes plus the children they have reaped. */
    static double cpuSeconds(long root) {
        long ticks = 0;
        for (long pid : pids(root)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name (which may contain spaces) start after ") ".
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // f[0] is field 3 (state); utime=14, stime=15, cutime=16, cstime=17.
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile
            }
        }
        return ticks / (double) TICKS_PER_SECOND;
    }

    /** CPU seconds used by this JVM. */
    static double selfCpuSeconds() {
        return cpuSeconds(ProcessHandle.current().pid());
    }

    private static long kib(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]);
    }
}
