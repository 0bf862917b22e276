package dev.ferry.server.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP as "re-read the configuration", as ProFTPD's daemon takes it (ProFTPD howto "Stopping
 * and Starting", the HUP signal) and as systemd's {@code ExecReload=kill -HUP $MAINPID} expects.
 * Uses {@code sun.misc.Signal} (module jdk.unsupported), the JDK's only way to catch a signal.
 * Installing it also stops SIGHUP from ending the JVM, which is what it would do otherwise.
 */
public final class HangupSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /**
     * Runs {@code reload} on a new thread at each SIGHUP; the signal's own thread must return
     * at once, and a reload reads files and binds sockets.
     *
     * @return false when SIGHUP cannot be caught here (logged): no such signal on this platform,
     *         or the process was started with SIGHUP ignored (nohup)
     */
    public static boolean install(Runnable reload) {
        SignalHandler previous;
        try {
            previous = Signal.handle(new Signal("HUP"),
                    signal -> Thread.ofPlatform().name("ferry-reload").start(reload));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP cannot be caught on this platform ({}); reload with: ferry reload", e.getMessage());
            return false;
        }
        if (previous == SignalHandler.SIG_IGN) {
            // the JVM keeps an ignored SIGHUP ignored (nohup): the handler above never runs
            LOG.warn("SIGHUP is ignored by this process (started with nohup?); reload with: ferry reload");
            return false;
        }
        return true;
    }
}
