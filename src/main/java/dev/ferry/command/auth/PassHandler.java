package dev.ferry.command.auth;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.CertificateLogin;
import dev.ferry.auth.UserAccount;
import dev.ferry.command.CommandHandler;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.FxpPolicy;
import dev.ferry.config.Messages;
import dev.ferry.config.ServerConfig;
import dev.ferry.policy.ContextRules;
import dev.ferry.policy.limit.Decision;
import dev.ferry.policy.limit.LimitChain;
import dev.ferry.policy.limit.LimitContext;
import dev.ferry.policy.limit.Requester;
import dev.ferry.policy.ratio.Ratio;
import dev.ferry.session.MessageFile;
import dev.ferry.fs.LocalFileSystem;
import dev.ferry.log.LogText;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.LoginState;
import dev.ferry.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASS (RFC 959 §4.1.1). A failed login waits before answering and the connection is closed
 * after too many; unknown user and wrong password get the same reply after the same work.
 * Under Pure-FTPd's {@code --trustedip} a real user's login on another local address fails the
 * same way, logged with the reason.
 */
public final class PassHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PassHandler.class);

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (!(session.login() instanceof LoginState.AwaitingPassword(String user))) {
            throw FtpException.badSequence(session.isLoggedIn() ? "Already logged in" : "Login with USER first");
        }
        char[] password = argument.toCharArray();
        ServerConfig server = session.config();
        AuthResult result;
        try {
            Optional<String> untrusted = untrustedAddress(session, user);
            result = untrusted.isPresent() ? new AuthResult.Failure(untrusted.get())
                    : session.services().accounts().resolve(server, user, password, session.remote().getAddress());
        } finally {
            Arrays.fill(password, '\0');
        }
        if (result instanceof AuthResult.Success(UserAccount account)) {
            Optional<String> refused = CertificateLogin.atPass(server, user, account, session.clientCertificate());
            if (refused.isPresent()) {
                result = new AuthResult.Failure(refused.get());
            }
        }
        return conclude(session, user, result, argument, false);
    }

    /**
     * Pure-FTPd's {@code --trustedip}: why a real user may not log in on this connection (it goes
     * to another local address than the trusted one), or empty. Checked before the password, so
     * that the public addresses cost no password hashing for real users' names.
     */
    private static Optional<String> untrustedAddress(Session session, String user) {
        Optional<java.net.InetAddress> trusted = session.config().logins().trustedAddress();
        if (trusted.isEmpty() || session.config().anonymousFor(user).isPresent()
                || dev.ferry.data.DataChannels.sameHost(session.local().getAddress(), trusted.get())) {
            return Optional.empty();
        }
        return Optional.of("--trustedip: only anonymous logins on " + session.local().getAddress().getHostAddress());
    }

    /**
     * The end of a login, whatever proved it: the login limits, then the session runs as the
     * account (230, or 232 when {@code byCertificate}, RFC 2228 §5); or a failed login, which
     * waits and counts towards the attempt limit.
     *
     * @param password what PASS gave (an anonymous user's e-mail address is logged); "" at USER
     */
    static Reply conclude(Session session, String user, AuthResult result, String password, boolean byCertificate)
            throws FtpException {
        ServerConfig server = session.config();
        if (result instanceof AuthResult.Success && untrustedAddress(session, user).isPresent()) {
            result = new AuthResult.Failure(untrustedAddress(session, user).get()); // a certificate login at USER
        }
        if (result instanceof AuthResult.Success(UserAccount account)) {
            Optional<AnonymousConfig> area = server.anonymousFor(user);
            if (loginLimited(session, server, area, account)) {
                result = new AuthResult.Failure("refused by <Limit LOGIN>");
            } else {
                Optional<String> full = session.slot().logIn(account.name(), area, account.limits().maxSessions());
                if (full.isPresent()) {
                    LOG.info("login refused for {}: {}", LogText.escape(user),
                            area.filter(a -> a.maxClients() > 0).isPresent() ? "MaxClients of its <Anonymous> area"
                                    : "MaxClientsPerUser");
                    session.login(new LoginState.AwaitingUser());
                    session.close();
                    return Reply.of(ReplyCode.NOT_LOGGED_IN, full.get());
                }
                try {
                    return loggedIn(session, server, area, account, user, password, byCertificate);
                } finally {
                    if (!session.isLoggedIn()) {
                        session.slot().logOut();
                    }
                }
            }
        }
        String reason = result instanceof AuthResult.Failure(String why) ? why : "unknown user";
        LOG.info("login failed for {}: {}", LogText.escape(user), reason);
        session.login(new LoginState.AwaitingUser());
        int failures = session.recordFailedLogin();
        pause(session.config().limits().loginFailureDelay());
        if (failures >= session.config().limits().maxLoginAttempts()) {
            session.close();
            return Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Too many failed logins, closing control connection");
        }
        return Reply.of(ReplyCode.NOT_LOGGED_IN, "Login incorrect");
    }

    private static Reply loggedIn(Session session, ServerConfig server, Optional<AnonymousConfig> area,
                                  UserAccount account, String user, String password, boolean byCertificate)
            throws FtpException {
        try {
            if (!account.anonymous() && account.home().isPresent()) {
                Files.createDirectories(account.home().get()); // a virtual user's home appears at first login
            }
            if (!Files.isDirectory(account.root())) {
                throw new IOException("not a directory");
            }
            Requester requester = session.requester(Optional.of(account));
            ContextRules rules = ContextRules.forLogin(server, area, account.home(), requester);
            Ratio ratio = server.limits().ratios().forLogin(account.limits().ratio(), requester, account.anonymous(),
                    account.anonymous() ? password : "");
            session.login(new LoginState.LoggedIn(account, LocalFileSystem.open(account.root(), server.symlinks()), rules,
                    ratio));
        } catch (IOException e) {
            LOG.error("login of {} failed: root directory {} is not usable: {}", LogText.escape(user),
                    account.root(), e.toString());
            session.login(new LoginState.AwaitingUser());
            throw new FtpException(ReplyCode.NOT_LOGGED_IN, "Login failed: home directory unavailable");
        }
        session.cwd(account.start());
        FxpPolicy fxp = server.fxp();
        session.data().allowForeign(fxp == FxpPolicy.EVERYONE || (fxp == FxpPolicy.AUTHENTICATED && !account.anonymous()));
        Messages messages = area.map(AnonymousConfig::messages).orElse(server.messages());
        String last;
        if (account.anonymous()) {
            LOG.info("anonymous login as {}, password (e-mail) {}", LogText.escape(account.name()), LogText.escape(password));
            last = messages.accessGrant().map(t -> t.replace("%u", account.name()))
                    .orElse("Anonymous access granted, restrictions apply");
        } else {
            LOG.info("user {} logged in{}", account.name(), byCertificate ? " by client certificate" : "");
            last = messages.accessGrant().map(t -> t.replace("%u", account.name()))
                    .orElse("User " + account.name() + " logged in"
                            + (byCertificate ? ", authorized by security data exchange" : ""));
        }
        Optional<Path> welcome = messages.displayLogin().map(f -> f.startsWith("/") && !account.anonymous()
                ? Path.of(f) : session.hostPath(virtual(f)));
        List<String> lines = new ArrayList<>(MessageFile.withLast(welcome, last));
        lines.addAll(lines.size() - 1, ratioLines(session, server));
        return Reply.multiline(byCertificate ? CertificateLogin.AUTHORIZED_BY_SECURITY_DATA : ReplyCode.LOGGED_IN,
                lines);
    }

    /**
     * What the login is told of its ratio, before the last line (Pure-FTPd announces its ratio in
     * the greeting, ProFTPD's mod_ratio in the reply to PASS); ProFTPD's {@code LeechRatioMsg} for
     * a login without one where the server has ratios.
     */
    private static List<String> ratioLines(Session session, ServerConfig server) {
        var standing = session.ratio();
        if (standing.isPresent()) {
            return standing.get().summary();
        }
        var ratios = server.limits().ratios();
        return ratios.enabled() ? ratios.texts().leech().map(List::of).orElse(List.of()) : List.of();
    }

    private static dev.ferry.fs.VirtualPath virtual(String file) {
        try {
            return dev.ferry.fs.VirtualPath.ROOT.resolve(file);
        } catch (dev.ferry.fs.FsException.InvalidName e) {
            return dev.ferry.fs.VirtualPath.ROOT;
        }
    }

    /** {@code <Limit LOGIN>}: the area's blocks, then the server's; allowed when none decides. */
    private static boolean loginLimited(Session session, ServerConfig server, Optional<AnonymousConfig> area,
                                        UserAccount account) {
        Requester requester = session.requester(Optional.of(account));
        List<LimitContext> contexts = new ArrayList<>();
        area.ifPresent(a -> contexts.add(a.access().limits()));
        contexts.add(server.access().limits());
        return LimitChain.decide(contexts, "LOGIN", "LOGIN", requester) == Decision.DENY;
    }

    private static void pause(java.time.Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
