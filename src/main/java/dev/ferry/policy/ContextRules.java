package dev.ferry.policy;

import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.DirectoryConfig;
import dev.ferry.config.FileRules;
import dev.ferry.config.ServerConfig;
import dev.ferry.policy.limit.Decision;
import dev.ferry.policy.limit.DirectoryPattern;
import dev.ferry.policy.limit.LimitChain;
import dev.ferry.policy.limit.LimitContext;
import dev.ferry.policy.limit.Requester;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The configuration contexts that apply to one logged-in session, resolved once at login:
 * its {@code <Directory>} blocks with {@code ~} expanded to the user's home, then its
 * {@code <Anonymous>} area, then the server. Answers the two questions every command asks of
 * them: may this command act on this path ({@code <Limit>}), and which file settings hold there.
 *
 * <p>{@code <Limit>} resolution follows ProFTPD ({@link LimitChain}): the chain is the matching
 * directories, most specific first, then the area and the server; blocks naming the command
 * outrank blocks naming its group, which outrank {@code ALL}, wherever they stand; when none
 * decides, the command is allowed.
 */
public final class ContextRules {
    private record Directory(DirectoryPattern pattern, DirectoryConfig config) {
    }

    /** Most specific first. */
    private final List<Directory> directories;
    /** The area's and the server's own blocks, innermost first. */
    private final List<LimitContext> outer;
    private final FileRules base;
    private final Optional<String> baseChdir;
    private final Requester requester;

    private ContextRules(List<Directory> directories, List<LimitContext> outer, FileRules base,
                         Optional<String> baseChdir, Requester requester) {
        this.directories = directories;
        this.outer = outer;
        this.base = base;
        this.baseChdir = baseChdir;
        this.requester = requester;
    }

    /**
     * @param home the user's home, for {@code <Directory ~...>}; directories under {@code ~} do not
     *             apply to accounts without one
     */
    public static ContextRules forLogin(ServerConfig server, Optional<AnonymousConfig> area, Optional<Path> home,
                                        Requester requester) {
        List<Directory> directories = new ArrayList<>();
        List<DirectoryConfig> configured = new ArrayList<>(server.access().directories());
        area.ifPresent(a -> configured.addAll(a.access().directories()));
        for (DirectoryConfig d : configured) {
            expand(d.pattern(), home).ifPresent(p -> directories.add(new Directory(DirectoryPattern.parse(p), d)));
        }
        directories.sort(Comparator.comparingInt((Directory d) -> d.pattern().specificity()).reversed());
        List<LimitContext> outer = new ArrayList<>();
        area.ifPresent(a -> outer.add(a.access().limits()));
        outer.add(server.access().limits());
        FileRules base = area.map(AnonymousConfig::files).orElse(server.files());
        Optional<String> chdir = area.map(a -> a.messages().displayChdir()).orElse(server.messages().displayChdir());
        return new ContextRules(List.copyOf(directories), List.copyOf(outer), base, chdir, requester);
    }

    private static Optional<String> expand(String pattern, Optional<Path> home) {
        if (!pattern.startsWith("~")) {
            return Optional.of(pattern);
        }
        return home.map(h -> pattern.equals("~") ? h.toString() : h + pattern.substring(1));
    }

    /**
     * The {@code <Limit>} decision for {@code verb} (of command group {@code group}) acting on
     * {@code hostPath}; {@link Decision#NONE} when no block speaks to it.
     */
    public Decision decide(String verb, String group, Path hostPath) {
        return LimitChain.decide(chain(hostPath), verb, group, requester);
    }

    /** Whether a {@code <Limit>} for the command says {@code IgnoreHidden on} at {@code hostPath}. */
    public boolean ignoresHidden(String verb, String group, Path hostPath) {
        return LimitChain.ignoresHidden(chain(hostPath), verb, group);
    }

    /** The {@code <Limit>} contexts that apply at {@code hostPath}, innermost first. */
    private List<LimitContext> chain(Path hostPath) {
        List<LimitContext> chain = new ArrayList<>(directories.size() + outer.size());
        Path real = realPath(hostPath);
        for (Directory d : directories) {
            if (applies(d, hostPath, real)) {
                chain.add(d.config().limits());
            }
        }
        chain.addAll(outer);
        return chain;
    }

    /**
     * Whether some context here could hide a listing entry ({@code HideUser}, {@code HideGroup},
     * {@code HideNoAccess}); when none can, listings need not look up each entry's rules.
     */
    public boolean mayHideEntries() {
        return base.hidesEntries() || directories.stream().anyMatch(d -> d.config().files().touchesHiding());
    }

    /** The file settings in force at {@code hostPath}: the base with matching directories laid over it. */
    public FileRules files(Path hostPath) {
        FileRules rules = base;
        Path real = realPath(hostPath);
        for (Directory d : directories.reversed()) {
            if (!d.config().files().isEmpty() && applies(d, hostPath, real)) {
                rules = rules.with(d.config().files());
            }
        }
        return rules;
    }

    /** The {@code DisplayChdir} file name in force in {@code hostDirectory}. */
    public Optional<String> displayChdir(Path hostDirectory) {
        Path real = realPath(hostDirectory);
        for (Directory d : directories) {
            if (d.config().displayChdir().isPresent() && applies(d, hostDirectory, real)) {
                return d.config().displayChdir();
            }
        }
        return baseChdir;
    }

    /**
     * A {@code <Directory>} applies to a path by its name as the client reached it or by where it
     * really is: a symbolic link inside the jail must not walk around a rule on its target, and
     * a rule written for a linked path (an FTP root under a symlink) must still hold.
     */
    private static boolean applies(Directory d, Path lexical, Path real) {
        return d.pattern().matches(lexical) || (real != lexical && d.pattern().matches(real));
    }

    /**
     * The path with every symbolic link of its existing part resolved; the part that does not
     * exist yet (an upload's target) is appended as it is. The path itself when nothing needs
     * resolving or it cannot be resolved.
     */
    private Path realPath(Path path) {
        if (directories.isEmpty()) {
            return path;
        }
        Path existing = path;
        Path missing = null;
        for (int depth = 0; existing != null && depth < 4096; depth++) {
            try {
                Path real = existing.toRealPath();
                Path full = missing == null ? real : real.resolve(missing);
                return full.equals(path) ? path : full;
            } catch (IOException e) {
                Path name = existing.getFileName();
                if (name == null) {
                    return path;
                }
                missing = missing == null ? name : name.resolve(missing);
                existing = existing.getParent();
            }
        }
        return path;
    }

    public Requester requester() {
        return requester;
    }
}
