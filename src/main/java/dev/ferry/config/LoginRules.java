package dev.ferry.config;

import dev.ferry.auth.AccountSource;
import dev.ferry.policy.limit.NameExpression;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a login name becomes an account and a jail.
 *
 * @param defaultRoots      {@code DefaultRoot} lines in order; the first that applies to the user's
 *                          groups is the jail. When lines exist but none applies, the user is not
 *                          jailed (ProFTPD); when there are none, every user is jailed in their
 *                          home (safer than ProFTPD, and what Pure-FTPd does for virtual users)
 * @param userAliases       {@code UserAlias alias real}: alias to real login name
 * @param authAliasOnly     {@code AuthAliasOnly} at server level: real names that have an alias
 *                          may log in only by the alias
 * @param rootLogin         {@code RootLogin}: whether the name "root" may log in
 * @param requireValidShell {@code RequireValidShell}: refuse accounts whose shell is not in
 *                          /etc/shells (accounts that have a shell; virtual users have none)
 * @param useReverseDns     {@code UseReverseDNS}: resolve client addresses for host-name rules and logs
 * @param anonymousGroup    {@code AnonymousGroup}: users whose groups match log in with their own
 *                          password but are treated as anonymous (read-only unless allowed)
 * @param realUsers         whether non-anonymous logins are accepted at all; false is Pure-FTPd's
 *                          {@code -e} ({@code AnonymousOnly}): only the anonymous areas can be entered
 * @param dotFiles          what non-anonymous users may do with dot-files (Pure-FTPd's {@code -x} and
 *                          {@code -X}); anonymous users never have access to them
 * @param sources           where users are looked up, in order (ProFTPD's {@code AuthOrder},
 *                          Pure-FTPd's {@code -l}); the first that knows a name decides
 * @param trustedAddress    Pure-FTPd's {@code --trustedip}: non-anonymous logins only on
 *                          connections to this local address; anonymous ones on any
 */
public record LoginRules(List<DefaultRoot> defaultRoots, Map<String, String> userAliases, boolean authAliasOnly,
                         boolean rootLogin, boolean requireValidShell, boolean useReverseDns,
                         Optional<NameExpression> anonymousGroup, boolean realUsers, DotFiles dotFiles,
                         List<AccountSource> sources, Optional<InetAddress> trustedAddress) {

    public static final LoginRules DEFAULT = new LoginRules(List.of(), Map.of(), false, false, true, false,
            Optional.empty(), true, DotFiles.ALLOWED);

    public LoginRules {
        defaultRoots = List.copyOf(defaultRoots);
        userAliases = Map.copyOf(userAliases);
        Objects.requireNonNull(dotFiles);
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no account source");
        }
        Objects.requireNonNull(trustedAddress);
    }

    /** Rules without a trusted address: real users may log in on every address. */
    public LoginRules(List<DefaultRoot> defaultRoots, Map<String, String> userAliases, boolean authAliasOnly,
                      boolean rootLogin, boolean requireValidShell, boolean useReverseDns,
                      Optional<NameExpression> anonymousGroup, boolean realUsers, DotFiles dotFiles,
                      List<AccountSource> sources) {
        this(defaultRoots, userAliases, authAliasOnly, rootLogin, requireValidShell, useReverseDns, anonymousGroup,
                realUsers, dotFiles, sources, Optional.empty());
    }

    /** Rules that look users up in Ferry's own user database only. */
    public LoginRules(List<DefaultRoot> defaultRoots, Map<String, String> userAliases, boolean authAliasOnly,
                      boolean rootLogin, boolean requireValidShell, boolean useReverseDns,
                      Optional<NameExpression> anonymousGroup, boolean realUsers, DotFiles dotFiles) {
        this(defaultRoots, userAliases, authAliasOnly, rootLogin, requireValidShell, useReverseDns, anonymousGroup,
                realUsers, dotFiles, AccountSource.OWN_USERS_ONLY);
    }

    /** Rules under which real users may log in and dot-files are unrestricted (ProFTPD's defaults). */
    public LoginRules(List<DefaultRoot> defaultRoots, Map<String, String> userAliases, boolean authAliasOnly,
                      boolean rootLogin, boolean requireValidShell, boolean useReverseDns,
                      Optional<NameExpression> anonymousGroup) {
        this(defaultRoots, userAliases, authAliasOnly, rootLogin, requireValidShell, useReverseDns, anonymousGroup,
                true, DotFiles.ALLOWED);
    }
}
