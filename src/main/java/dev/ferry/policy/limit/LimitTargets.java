package dev.ferry.policy.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The names a {@code <Limit>} can list and the order in which ProFTPD consults them for one
 * command (Limit howto, "Precedence"; mod_core source, {@code dir_check_full}): first blocks that
 * name the command itself ("raw" commands, {@code SITE_CHMOD} for SITE CHMOD), then blocks that
 * name its command group ({@code READ}, {@code WRITE}, {@code DIRS}), then blocks that name
 * {@code ALL}. {@code ALL} covers neither {@code LOGIN} nor EPRT, EPSV, PASV, PORT, PROT and OPTS,
 * which ProFTPD deliberately leaves out of it. Logins consult {@code LOGIN} blocks only.
 */
final class LimitTargets {
    static final String ALL = "ALL";
    static final String LOGIN = "LOGIN";

    /** The groups ProFTPD knows; Ferry's MISC means "no group" and is not one of them. */
    private static final Set<String> COMMAND_GROUPS = Set.of("READ", "WRITE", "DIRS");
    private static final Set<String> OUTSIDE_ALL = Set.of("EPRT", "EPSV", "PASV", "PORT", "PROT", "OPTS");

    /**
     * The RFC 959 X-variants that ProFTPD adds to a {@code <Limit>} naming only one of a pair
     * (its Bug#3077 fix: CDUP/XCUP, MKD/XMKD, PWD/XPWD, RMD/XRMD). CWD/XCWD is paired too: ProFTPD
     * leaves it out, and a {@code <Limit CWD> DenyAll} that XCWD walks around is a hole.
     */
    private static final List<List<String>> X_VARIANTS = List.of(
            List.of("CDUP", "XCUP"), List.of("CWD", "XCWD"), List.of("MKD", "XMKD"),
            List.of("PWD", "XPWD"), List.of("RMD", "XRMD"));

    private LimitTargets() {
    }

    static String canonical(String name) {
        return Objects.requireNonNull(name, "name").strip().toUpperCase(Locale.ROOT);
    }

    static boolean isLogin(String verb, String group) {
        return LOGIN.equals(canonical(verb)) || (group != null && LOGIN.equals(canonical(group)));
    }

    static boolean allCovers(String verb, String group) {
        return !isLogin(verb, group) && !OUTSIDE_ALL.contains(canonical(verb));
    }

    /** The targets to consult for a command, most specific first. */
    static List<String> passes(String verb, String group) {
        if (isLogin(verb, group)) {
            return List.of(LOGIN);
        }
        List<String> passes = new ArrayList<>(3);
        passes.add(canonical(verb));
        if (group != null && COMMAND_GROUPS.contains(canonical(group))) {
            passes.add(canonical(group));
        }
        if (allCovers(verb, group)) {
            passes.add(ALL);
        }
        return passes;
    }

    /** Adds the missing half of every X-variant pair. */
    static void addCounterparts(Set<String> targets) {
        for (List<String> pair : X_VARIANTS) {
            if (targets.contains(pair.get(0)) || targets.contains(pair.get(1))) {
                targets.addAll(pair);
            }
        }
    }
}
