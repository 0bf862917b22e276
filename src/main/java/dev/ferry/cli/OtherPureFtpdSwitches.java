package dev.ferry.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Pure-FTPd's switches (pure-ftpd(8)) that Ferry does not act on, so that a Pure-FTPd command
 * line is understood rather than rejected as unknown: those that only concern how Pure-FTPd
 * itself runs are accepted with a note saying why they change nothing, and those for features
 * Ferry lacks are refused, never silently ignored. Hidden from the help; docs/configuration.md
 * lists them.
 */
public final class OtherPureFtpdSwitches {

    // Accepted: they concern how Pure-FTPd runs.

    @Option(names = {"-1", "--logpid"}, hidden = true)
    private boolean logPid;

    @Option(names = {"-b", "--brokenclientscompatibility"}, hidden = true)
    private boolean brokenClients;

    @Option(names = {"-B", "--daemonize"}, hidden = true)
    private boolean daemonize;

    @Option(names = {"-d", "--verboselog"}, hidden = true)
    private boolean[] verboseLog = new boolean[0];

    @Option(names = {"-g", "--pidfile"}, hidden = true)
    private String pidFile;

    @Option(names = {"-j", "--createhomedir"}, hidden = true)
    private boolean createHomeDir;

    @Option(names = {"-u", "--minuid"}, hidden = true)
    private String minUid;

    // Refused: Ferry lacks the feature.

    @Option(names = {"-3", "--extcert"}, hidden = true)
    private String extCert;

    @Option(names = {"-v", "--bonjour"}, hidden = true)
    private String bonjour;

    /**
     * Adds a note for each accepted switch that was given.
     *
     * @throws IllegalArgumentException "--NAME is not supported yet" for the first refused switch given
     */
    void check(List<String> notes) {
        Map<String, Boolean> refused = new LinkedHashMap<>();
        refused.put("--extcert", extCert != null);
        refused.put("--bonjour", bonjour != null);
        for (Map.Entry<String, Boolean> r : refused.entrySet()) {
            if (r.getValue()) {
                throw new IllegalArgumentException(notSupported(r.getKey()));
            }
        }
        if (logPid) {
            notes.add("-1 changes nothing: Ferry is one process; its syslog lines (-f) carry that process's id");
        }
        if (brokenClients) {
            notes.add("-b changes nothing: Ferry has no compatibility mode for broken clients");
        }
        if (daemonize) {
            notes.add("-B changes nothing: Ferry runs in the foreground; run it under a supervisor such as systemd");
        }
        if (verboseLog.length > 0) {
            notes.add("-d changes nothing: set FERRY_LOG_LEVEL=DEBUG to log every command");
        }
        if (pidFile != null) {
            notes.add("-g " + pidFile + " changes nothing: Ferry writes no pid file");
        }
        if (createHomeDir) {
            notes.add("-j changes nothing: Ferry always creates a virtual user's home at the first login");
        }
        if (minUid != null) {
            notes.add("-u " + minUid + " changes nothing: Ferry's virtual users have no uid, and system accounts "
                    + "never log in");
        }
    }

    static String notSupported(String what) {
        return what + " is not supported yet";
    }
}
