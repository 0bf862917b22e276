package dev.ferry.policy;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The system's one-minute load average, for Pure-FTPd's {@code -m} (anonymous downloads wait
 * while the machine is busy). Read from the kernel at each question (on Linux the JDK reads
 * {@code /proc/loadavg}), so a spike that has passed no longer refuses anyone.
 */
public final class SystemLoad {
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private SystemLoad() {
    }

    /** Whether the load is above {@code max}; never when the platform cannot tell (a negative reading). */
    public static boolean above(double max) {
        double load = OS.getSystemLoadAverage();
        return load >= 0 && load > max;
    }

    public static double oneMinute() {
        return OS.getSystemLoadAverage();
    }
}
