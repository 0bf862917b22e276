package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolution of {@code <Limit>} blocks across nested contexts, innermost first: the most specific
 * {@code <Directory>}, the directories enclosing it, then {@code <Anonymous>} (for anonymous
 * sessions), then the server or {@code <VirtualHost>}. Limits flow downward (mod_core
 * {@code <Limit>}), so an inner context inherits every block of its outer contexts unless a closer
 * block decides first.
 *
 * <p>ProFTPD ranks blocks by what they name before it ranks them by where they are (Limit howto,
 * "Precedence": raw commands above command groups above {@code ALL}; dirtree.c
 * {@code dir_check_full} runs {@code dir_check_limits} over the whole context chain once per
 * pass). {@link #decide} does the same:
 *
 * <ol>
 *   <li>blocks naming the command, innermost context first; the first ALLOW or DENY wins;
 *   <li>if none decided, blocks naming the command's group (READ, WRITE, DIRS), innermost first;
 *   <li>if none decided, blocks naming {@code ALL}, innermost first;
 *   <li>if none decided, the command is allowed (NONE).
 * </ol>
 *
 * Consequently {@code <Limit STOR> DenyAll} at the server still denies STOR inside a directory
 * whose only block is {@code <Limit WRITE> AllowAll}: the command-specific block outranks the
 * group block wherever the two stand. Logins consult {@code <Limit LOGIN>} blocks only, with the
 * chain [{@code <Anonymous>}, server] for anonymous logins and [server] otherwise; LOGIN blocks in
 * a {@code <Directory>} mean nothing (FAQ chapter 5 §11) and should not be passed in.
 */
public final class LimitChain {
    private LimitChain() {
    }

    /**
     * True unless the chain denies the command (ProFTPD's default is to allow).
     *
     * @param verb the command as the client sent it, SITE commands as {@code SITE_CHMOD}
     * @param group the command's group from Ferry's command table (READ, WRITE, DIRS, LOGIN or
     *     MISC); a LOGIN group (or verb) asks whether the login may proceed
     */
    public static boolean permits(List<LimitContext> innermostFirst, String verb, String group, Requester requester) {
        return decide(innermostFirst, verb, group, requester) != Decision.DENY;
    }

    /** The chain's decision, NONE when no block decided; see the type's documentation. */
    public static Decision decide(List<LimitContext> innermostFirst, String verb, String group, Requester requester) {
        Objects.requireNonNull(innermostFirst, "innermostFirst");
        Objects.requireNonNull(requester, "requester");
        for (String target : LimitTargets.passes(verb, group)) {
            for (LimitContext context : innermostFirst) {
                Decision decision = context.decideFor(target, requester);
                if (decision != Decision.NONE) {
                    return decision;
                }
            }
        }
        return Decision.NONE;
    }

    /**
     * Whether hidden entries do not exist for this command ({@code IgnoreHidden}, mod_core): the
     * blocks that concern the command are searched in the order {@link #decide} uses (the command,
     * then its group, then {@code ALL}; innermost context first; file order within a context),
     * and the first that says {@code IgnoreHidden on} or {@code off} answers. Who asks does not
     * matter: {@code IgnoreHidden} belongs to the block, not to its Allow and Deny lines.
     */
    public static boolean ignoresHidden(List<LimitContext> innermostFirst, String verb, String group) {
        Objects.requireNonNull(innermostFirst, "innermostFirst");
        for (String target : LimitTargets.passes(verb, group)) {
            for (LimitContext context : innermostFirst) {
                for (LimitSection section : context.sections()) {
                    if (section.names(target) && section.ignoreHidden().isPresent()) {
                        return section.ignoreHidden().get();
                    }
                }
            }
        }
        return false;
    }

    /**
     * The check at connect time (ProFTPD FAQ chapter 5 §11; {@code login_check_limits} with OR
     * semantics in ProFTPD's main.c): false only when no user could ever be allowed to log in
     * from this client, so the server may close the connection before the greeting.
     *
     * <p>The client is evaluated without a user ({@link Requester#beforeLogin}): user and group
     * lines are as favourable as they could be. Then:
     *
     * <ul>
     *   <li>if any {@code <Limit LOGIN>} of the server context allows, or none of them says
     *       anything, the client may log in;
     *   <li>if the server context denies, the client may still log in when some
     *       {@code <Anonymous>} context has a {@code <Limit LOGIN>} that allows it (the FAQ's
     *       "deny at the top, AllowAll in <Anonymous>"). An {@code <Anonymous>} context without
     *       a deciding LOGIN block inherits the server's deny and so admits nobody.
     * </ul>
     */
    public static boolean mayEverLogIn(LimitContext server, List<LimitContext> anonymousContexts, InetAddress address,
            Optional<String> hostName, Optional<String> className) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(anonymousContexts, "anonymousContexts");
        Requester requester = Requester.beforeLogin(address, hostName, className);
        Decision atServer = anyLoginAllows(server, requester);
        if (atServer != Decision.DENY) {
            return true;
        }
        for (LimitContext anonymous : anonymousContexts) {
            if (anyLoginAllows(anonymous, requester) == Decision.ALLOW) {
                return true;
            }
        }
        return false;
    }

    /** ALLOW if any LOGIN block allows, else DENY if any denies, else NONE. */
    private static Decision anyLoginAllows(LimitContext context, Requester requester) {
        Decision result = Decision.NONE;
        for (LimitSection section : context.sections()) {
            if (section.names(LimitTargets.LOGIN)) {
                Decision decision = section.evaluate(requester);
                if (decision == Decision.ALLOW) {
                    return Decision.ALLOW;
                }
                if (decision == Decision.DENY) {
                    result = Decision.DENY;
                }
            }
        }
        return result;
    }
}
