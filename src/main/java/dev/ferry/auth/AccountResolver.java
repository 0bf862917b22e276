package dev.ferry.auth;

import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.DefaultRoot;
import dev.ferry.config.LoginRules;
import dev.ferry.config.ServerConfig;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.AnonymousAccess;
import dev.ferry.policy.DotFileAccess;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns USER and PASS into the account a session runs as, under one server's rules: anonymous
 * areas and their names ({@code User}, {@code UserAlias}, {@code AuthAliasOnly},
 * {@code AnonRequirePassword}), {@code RootLogin}, {@code AnonymousGroup}, the jail
 * ({@code DefaultRoot}), and Pure-FTPd's {@code -e} (anonymous-only server: every other login is
 * refused, before any password is checked) and {@code -x}/{@code -X} (dot-file rules laid over
 * a real user's access policy, see {@link DotFileAccess}). The password itself is checked by the
 * {@link Authenticator} chain.
 */
public final class AccountResolver {
    private final AccountBackends backends;
    private final LoginShells shells;

    /** A resolver whose servers can name no account source but Ferry's own users, {@code ownUsers}. */
    public AccountResolver(Authenticator ownUsers) {
        this(new AccountBackends(ownUsers, Optional.empty()), LoginShells.system());
    }

    public AccountResolver(AccountBackends backends, LoginShells shells) {
        this.backends = backends;
        this.shells = shells;
    }

    /** The authenticators behind the sources, for closing those a reload leaves unused. */
    public AccountBackends backends() {
        return backends;
    }

    /** Whether {@code user} enters an anonymous area of {@code server} (the 331 text differs). */
    public static boolean isAnonymous(ServerConfig server, String user) {
        return server.anonymousFor(user).isPresent();
    }

    public AuthResult resolve(ServerConfig server, String user, char[] password, InetAddress client) {
        Optional<AnonymousConfig> area = server.anonymousFor(user);
        if (area.isPresent()) {
            return anonymous(server.logins(), area.get(), user, password, client);
        }
        Authenticator chain = backends.chainFor(server.logins().sources());
        return real(server.logins(), user, name -> chain.authenticate(name, password, client));
    }

    /**
     * The account of a real user whose identity something other than a password proved (a
     * client certificate, RFC 4217 §12), under the same rules as {@link #resolve}; anonymous
     * areas are not entered this way.
     */
    public AuthResult resolveProven(ServerConfig server, String user, InetAddress client) {
        if (server.anonymousFor(user).isPresent()) {
            return new AuthResult.Failure("anonymous logins are not made by certificate");
        }
        Authenticator chain = backends.chainFor(server.logins().sources());
        return real(server.logins(), user, name -> chain.find(name, client));
    }

    private AuthResult real(LoginRules rules, String user, Function<String, AuthResult> check) {
        if (!rules.realUsers()) {
            return new AuthResult.Failure("This is an anonymous-only server (-e): only anonymous logins are accepted");
        }
        String real = rules.userAliases().getOrDefault(user, user);
        if (rules.authAliasOnly() && real.equals(user) && hasAlias(rules.userAliases(), user)) {
            return new AuthResult.Failure("AuthAliasOnly: '" + user + "' may log in only by its alias");
        }
        if (real.equals("root") && !rules.rootLogin()) {
            return new AuthResult.Failure("root login refused (RootLogin off)");
        }
        AuthResult result = check.apply(real);
        if (!(result instanceof AuthResult.Success(UserAccount account))) {
            return result;
        }
        if (rules.requireValidShell() && account.shell().filter(s -> !s.isBlank()).isPresent()
                && !shells.listed(account.shell().get())) {
            return new AuthResult.Failure("RequireValidShell: the shell " + account.shell().get() + " of " + real
                    + " is not in /etc/shells");
        }
        if (rules.anonymousGroup().isPresent() && rules.anonymousGroup().get().matches(account.groups())) {
            account = account.asAnonymous(new AnonymousAccess(Optional.empty(), true));
        } else {
            account = account.withAccess(DotFileAccess.over(account.access(), rules.dotFiles()));
        }
        return jail(rules, account);
    }

    private AuthResult anonymous(LoginRules rules, AnonymousConfig area, String user, char[] password,
                                 InetAddress client) {
        if (area.requirePassword()) {
            AuthResult own = backends.chainFor(rules.sources()).authenticate(area.account(), password, client);
            if (!(own instanceof AuthResult.Success)) {
                return new AuthResult.Failure("AnonRequirePassword: wrong password for " + area.account());
            }
        }
        Optional<VirtualPath> drop = area.uploadDir().map(dir -> {
            try {
                return VirtualPath.ROOT.resolve(dir);
            } catch (FsException.InvalidName e) {
                throw new IllegalArgumentException("invalid anonymous upload directory: " + dir, e);
            }
        });
        Set<String> groups = area.group().map(Set::of).orElse(Set.of());
        return new AuthResult.Success(new UserAccount(user.toLowerCase(Locale.ROOT), true, area.root(),
                VirtualPath.ROOT, Optional.empty(), groups, new AnonymousAccess(drop, area.writesByLimit(), area.readsDotFiles(),
                        area.makesDirectories()),
                UserLimits.NONE));
    }

    private static boolean hasAlias(Map<String, String> aliases, String real) {
        return aliases.containsValue(real);
    }

    /**
     * ProFTPD's DefaultRoot: the first line whose group expression admits the user is the jail;
     * lines but no match means no jail (root "/", starting in the home). Without any line Ferry
     * jails users in their homes, as Pure-FTPd does for virtual users.
     */
    static AuthResult jail(LoginRules rules, UserAccount account) {
        if (rules.defaultRoots().isEmpty()) {
            return new AuthResult.Success(account);
        }
        Path home = account.home().orElse(account.root());
        for (DefaultRoot line : rules.defaultRoots()) {
            if (!line.appliesTo(account.groups())) {
                continue;
            }
            Path root = switch (line.path()) {
                case "~" -> home;
                case String p when p.startsWith("~/") -> home.resolve(p.substring(2)).normalize();
                case String p -> Path.of(p).normalize();
            };
            return new AuthResult.Success(account.jailed(root, startIn(root, home)));
        }
        Path hostRoot = home.getRoot() != null ? home.getRoot() : Path.of("/");
        return new AuthResult.Success(account.jailed(hostRoot, startIn(hostRoot, home)));
    }

    /** The home as seen inside {@code root}, or "/" when the home lies outside the jail. */
    private static VirtualPath startIn(Path root, Path home) {
        if (!home.startsWith(root)) {
            return VirtualPath.ROOT;
        }
        try {
            return VirtualPath.ROOT.resolve(root.relativize(home).toString());
        } catch (FsException.InvalidName e) {
            return VirtualPath.ROOT;
        }
    }
}
