package dev.ferry.session;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthResult;
import dev.ferry.auth.UserAccount;
import dev.ferry.command.CommandSpec;
import dev.ferry.command.Dispatcher;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.TlsPolicy;
import dev.ferry.config.TransferRates;
import dev.ferry.data.DataChannels;
import dev.ferry.data.DataProtection;
import dev.ferry.data.LoggedFile;
import dev.ferry.data.TransferJob;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualFileSystem;
import dev.ferry.fs.VirtualPath;
import dev.ferry.log.LogText;
import dev.ferry.log.transfer.TransferRecord;
import dev.ferry.policy.AnonymousAccess;
import dev.ferry.policy.ContextRules;
import dev.ferry.policy.EntryVisibility;
import dev.ferry.policy.Permission;
import dev.ferry.policy.limit.Decision;
import dev.ferry.policy.limit.LimitChain;
import dev.ferry.policy.limit.Requester;
import dev.ferry.policy.quota.Quota;
import dev.ferry.policy.quota.QuotaCharge;
import dev.ferry.policy.quota.QuotaUsage;
import dev.ferry.policy.ratio.RatioStanding;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.tls.HandshakeFailure;
import dev.ferry.tls.TlsChannel;
import dev.ferry.tls.TlsContext;
import dev.ferry.tls.VirtualHostKeyManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One control connection, from banner to close, on its own virtual thread. State here is owned
 * by that thread; the transfer thread only reports back through {@link #transferFinished}, and
 * the timer thread only reads timestamps, aborts stalled transfers and starts {@link #shutdown}.
 */
public final class Session implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final int MAX_OVERLONG_LINES = 3;
    private static final int MAX_UNKNOWN_BEFORE_LOGIN = 5;
    /** How long {@link #shutdown} waits for its 421 to be written before closing anyway. */
    private static final Duration NOTICE_WRITE_LIMIT = Duration.ofSeconds(2);

    private final long id = IDS.incrementAndGet();
    private final java.time.Instant connectedAt = java.time.Instant.now();
    /** The bandwidth caps of the logged-in user, set at login. */
    private volatile TransferRates rates = TransferRates.NONE;
    private final SessionServices services;
    /** The server this session is in; HOST may change it before login (RFC 7151). */
    private ServerConfig config;
    private final SocketChannel socket;
    private final ControlChannel control;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private DataChannels data;
    private final TransferParameters parameters = new TransferParameters();
    /** When the login clock started: at connect, and again at REIN. */
    private volatile long loginClockNanos = System.nanoTime();
    private final Runnable onClose;
    /** This session's place in the client counts (MaxClients, MaxClientsPerUser, ...). */
    private final SessionSlot slot;

    private LoginState login = new LoginState.AwaitingUser();
    /** What this login has been shown of DisplayChdir files; a new login gets a new one. */
    private ShownMessages shownMessages = new ShownMessages();
    /** The logged-in user's quota usage, when they have a quota; owned by the control thread. */
    private QuotaUsage quota;
    /** The login's uploads and downloads against its ratio, when it has one. */
    private volatile RatioStanding ratio;
    private VirtualPath cwd = VirtualPath.ROOT;
    /** Guarded by transferLock for the control thread; volatile for the timer and stop(). */
    private volatile Transfer transfer;
    /**
     * Makes "send the transfer's final reply, forget the transfer" one step as the control thread
     * sees it: a command the client sends on receipt of the 226 must find no transfer running.
     */
    private final ReentrantLock transferLock = new ReentrantLock();
    private volatile long lastActivityNanos = loginClockNanos;
    /** Login, or the end of the last data transfer: the TimeoutNoTransfer clock. */
    private volatile long lastTransferNanos = loginClockNanos;
    private volatile boolean closing;
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private int failedLogins;
    private int overlongLines;
    private int unknownBeforeLogin;
    private boolean epsvAll;
    private String clientName = "";
    /** Set by the dispatcher for the command being handled, for {@code <Limit>} checks. */
    private CommandSpec current;
    private boolean hostSent;
    /** The client's name from reverse DNS, when the server resolves names (UseReverseDNS). */
    private Optional<String> clientHostName = Optional.empty();
    private Optional<String> clientClass = Optional.empty();
    /** Whether TLS started at connect (implicit FTPS) rather than with AUTH. */
    private final boolean implicitTls;
    /** The control connection's TLS layer; null in the clear (before AUTH, after CCC). */
    private volatile TlsChannel controlTls;
    /** The certificate and session the control connection negotiated; data connections follow them. */
    private TlsContext controlContext;
    private SSLSession controlSession;
    /** The server the client named with TLS SNI on the control connection; HOST may not pick another. */
    private ServerConfig tlsNamedServer;
    /** PBSZ was given (RFC 4217 §8: PROT needs it first). */
    private boolean bufferSizeSet;
    /** PROT P: data connections are protected (RFC 4217 §9). */
    private boolean dataProtected;

    public Session(SessionServices services, SocketChannel socket, SessionSlot slot, Runnable onClose)
            throws IOException {
        this(services, socket, slot, onClose, false);
    }

    /**
     * @param implicitTls the connection arrived on an implicit-FTPS address: TLS first, then the
     *                    banner, and data connections protected from the start
     */
    public Session(SessionServices services, SocketChannel socket, SessionSlot slot, Runnable onClose,
                   boolean implicitTls) throws IOException {
        this.implicitTls = implicitTls;
        this.services = services;
        this.socket = socket;
        this.remote = (InetSocketAddress) socket.getRemoteAddress();
        this.local = (InetSocketAddress) socket.getLocalAddress();
        this.config = services.config().serverFor(local);
        this.control = new ControlChannel(socket, config.limits().maxLineLength());
        this.data = newDataChannels(config);
        this.slot = slot;
        this.onClose = onClose;
    }

    private DataChannels newDataChannels(ServerConfig server) {
        return new DataChannels(services.passivePorts(server), local.getAddress(), remote.getAddress(),
                server.timeouts().dataConnect());
    }

    @Override
    public void run() {
        MDC.put("session", Long.toString(id));
        MDC.put("client", remote.getAddress().getHostAddress());
        LOG.info("connected to {}:{}", local.getAddress().getHostAddress(), local.getPort());
        try {
            if (implicitTls && !startImplicitTls()) {
                return;
            }
            identifyClient();
            if (!LimitChain.mayEverLogIn(config.access().limits(),
                    config.anonymous().stream().map(a -> a.access().limits()).toList(),
                    remote.getAddress(), clientHostName, clientClass)) {
                // ProFTPD FAQ ch. 5 §11: nobody could log in from here, so no banner either
                LOG.info("refused: <Limit LOGIN> denies every login from this client");
                control.send(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Access denied"));
                return;
            }
            control.send(Banner.of(config));
            commandLoop();
        } catch (IOException e) {
            if (!closing) {
                LOG.debug("control connection ended: {}", e.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("session failed", e);
        } finally {
            finish();
        }
    }

    private void commandLoop() throws IOException {
        Dispatcher dispatcher = new Dispatcher(services.commands());
        while (!closing) {
            String line;
            try {
                line = control.readLine();
            } catch (ControlChannel.LineTooLongException e) {
                touch();
                if (++overlongLines >= MAX_OVERLONG_LINES) {
                    LOG.warn("closing after {} overlong command lines", overlongLines);
                    control.send(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Too many overlong command lines, closing"));
                    return;
                }
                control.send(Reply.of(ReplyCode.SYNTAX_ERROR, "Command line too long"));
                continue;
            }
            if (line == null) {
                LOG.info("client closed the connection");
                return;
            }
            touch();
            CommandLine command = CommandLine.parse(line);
            LOG.debug("command: {}", LogText.command(command.verb(), command.argument()));
            CommandSpec spec = services.commands().find(command.verb()).orElse(null);
            Transfer running = transfer();
            if (running != null) {
                // answer pipelined commands in order: after the transfer's 150, and unless the
                // command may be handled during a transfer, after its final reply too
                running.awaitPreliminaryReply();
                if (spec == null || !spec.allowedDuringTransfer()) {
                    running.awaitCompletion();
                }
            }
            if (spec == null && !isLoggedIn() && ++unknownBeforeLogin >= MAX_UNKNOWN_BEFORE_LOGIN) {
                // An FTP client does not do this; an HTTP or SMTP client tricked into talking to
                // us does (cross-protocol attacks such as ALPACA): stop reading its lines.
                LOG.warn("closing after {} unknown commands before login", unknownBeforeLogin);
                control.send(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Too many unknown commands, closing"));
                return;
            }
            Outcome outcome = dispatcher.dispatch(this, spec, command);
            if (outcome instanceof Reply reply) {
                control.send(reply);
            }
            touch(); // idle time runs from the answer: a slow command (a password hash) is not idleness
        }
    }

    /** Reverse DNS (only with UseReverseDNS on, as it costs a lookup per connection) and the client's class. */
    private void identifyClient() {
        if (config.logins().useReverseDns()) {
            String name = remote.getAddress().getCanonicalHostName();
            if (!name.equals(remote.getAddress().getHostAddress())) {
                clientHostName = Optional.of(name);
            }
        }
        clientClass = services.config().classes().classify(remote.getAddress(), clientHostName);
    }

    /** Implicit FTPS: the handshake before anything else; false when it failed. */
    private boolean startImplicitTls() {
        Optional<TlsContext> context = services.tls().forServer(config);
        if (context.isEmpty()) {
            LOG.warn("implicit FTPS connection, but the server has no certificate: closing");
            return false;
        }
        try {
            secureControl(context.get());
        } catch (IOException e) {
            LOG.info("TLS handshake failed on the implicit FTPS connection: {}", HandshakeFailure.describe(e));
            return false;
        }
        bufferSizeSet = true;
        dataProtected = true;
        return true;
    }

    private void secureControl(TlsContext context) throws IOException {
        int dropped = control.upgrade(() -> {
            controlTls = TlsChannel.accept(socket, context.controlEngine(), true);
            return controlTls;
        });
        if (dropped > 0) {
            // RFC 4217 §4 leaves the plaintext stream at AUTH; anything after it is an injection attempt
            LOG.warn("discarded {} bytes sent in the clear after AUTH, before the TLS handshake", dropped);
        }
        controlContext = context;
        controlSession = controlTls.session();
        LOG.info("control connection secured: {} {}", controlSession.getProtocol(), controlSession.getCipherSuite());
        followServerName();
    }

    /**
     * RFC 6066 SNI on the control connection: a name that selects a TLS server reachable here
     * selects it for the session too, as HOST would (ProFTPD 1.3.7: SNI selects the virtual
     * host), so that the certificate the client checked and the server it talks to agree. After
     * HOST named another server the session ends (421): the client has verified a certificate
     * for a host it is not talking to. A name no server here has changes nothing.
     *
     * @throws IOException after the 421, to end the session
     */
    private void followServerName() throws IOException {
        Optional<String> name = VirtualHostKeyManager.requestedName(controlSession);
        Optional<ServerConfig> named = name.flatMap(n -> services.config().serverNamed(n, local))
                .filter(server -> server.tls().enabled());
        if (named.isEmpty()) {
            return;
        }
        if (!named.get().equals(config)) {
            Optional<String> refusal = hostSent
                    ? Optional.of("TLS server name " + name.get() + " is not the host chosen with HOST")
                    : moveTo(named.get());
            if (refusal.isPresent()) {
                LOG.info("closing: {}", refusal.get());
                control.send(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, refusal.get()));
                throw new IOException(refusal.get());
            }
            LOG.info("TLS server name {} selects its virtual host", name.get());
        }
        tlsNamedServer = named.get();
    }

    private void finish() {
        closing = true;
        Transfer running = transfer;
        if (running != null) {
            running.abort("session closed", data);
        }
        data.close();
        try {
            control.close();
        } catch (IOException ignored) {
            // already gone
        }
        LOG.info("disconnected");
        releaseQuota();
        slot.release();
        onClose.run();
        MDC.clear();
    }

    // ---- used by handlers ------------------------------------------------------------------

    public long id() {
        return id;
    }

    public ServerConfig config() {
        return config;
    }

    /** RFC 7151 HOST: continue in another server of this configuration, before login. */
    /**
     * Makes {@code server} this session's server (RFC 7151 {@code HOST}); the refusal text, and no
     * change, when that server has no room for another client.
     */
    public Optional<String> selectServer(ServerConfig server) throws FtpException {
        if (tlsNamedServer != null && !tlsNamedServer.equals(server)) {
            // RFC 7151 asks for HOST before AUTH; after TLS named a host, the certificate is that host's
            throw FtpException.badSequence("HOST must name the host the TLS handshake named (SNI), or come before AUTH");
        }
        return moveTo(server);
    }

    private Optional<String> moveTo(ServerConfig server) {
        Optional<String> full = slot.moveTo(server);
        if (full.isPresent()) {
            return full;
        }
        this.config = server;
        this.hostSent = true;
        data.close();
        this.data = newDataChannels(server);
        return Optional.empty();
    }

    public boolean hostSent() {
        return hostSent;
    }

    public Optional<String> clientClass() {
        return clientClass;
    }

    /** Who is asking, as {@code <Limit>} rules see it; the user once logged in. */
    public Requester requester(Optional<UserAccount> account) {
        return new Requester(remote.getAddress(), clientHostName, account.map(UserAccount::name),
                account.map(UserAccount::groups).orElse(java.util.Set.of()), clientClass);
    }

    public void currentCommand(CommandSpec spec) {
        this.current = spec;
    }

    public ContextRules rules() {
        return ((LoginState.LoggedIn) login).rules();
    }

    /** The host path a virtual path stands for in this user's jail (lexically; symbolic links aside). */
    public Path hostPath(VirtualPath path) {
        Path root = account().root();
        return path.isRoot() ? root : root.resolve(String.join("/", path.segments()));
    }

    public SessionServices services() {
        return services;
    }

    public ControlChannel control() {
        return control;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public InetSocketAddress local() {
        return local;
    }

    public DataChannels data() {
        return data;
    }

    public TransferParameters parameters() {
        return parameters;
    }

    public LoginState login() {
        return login;
    }

    public void login(LoginState state) {
        if (login instanceof LoginState.LoggedIn && !(state instanceof LoginState.LoggedIn)) {
            slot.logOut();
            releaseQuota();
            ratio = null;
        }
        if (state instanceof LoginState.LoggedIn in && !(login instanceof LoginState.LoggedIn)) {
            lastTransferNanos = System.nanoTime();
            shownMessages = new ShownMessages();
            var own = in.account().limits();
            rates = config.limits().ratesFor(new TransferRates(own.uploadBytesPerSec(), own.downloadBytesPerSec()),
                    in.account().anonymous());
            Quota ownQuota = new Quota(own.quotaFiles(), own.quotaBytes());
            Quota limits = in.account().anonymous() ? ownQuota : ownQuota.orElse(config.limits().quota());
            if (limits.isLimited()) {
                quota = services.quotas().open(in.account().name(), in.account().home().orElse(in.account().root()), limits);
            }
            ratio = in.ratio().isEnforced() ? new RatioStanding(in.ratio(), config.limits().ratios().texts()) : null;
        }
        this.login = state;
    }

    /**
     * The bandwidth caps of this login's transfers: the user's own, else the server's
     * ({@code -t}/{@code -T}, {@code TransferRate}).
     */
    public TransferRates rates() {
        return rates;
    }

    /** The login's standing against its upload/download ratio; empty when it has none. */
    public Optional<RatioStanding> ratio() {
        return Optional.ofNullable(ratio);
    }

    private void releaseQuota() {
        QuotaUsage held = quota;
        quota = null;
        if (held != null) {
            held.close();
        }
    }

    /**
     * What counts against the user's quota at {@code path}: present when the user has a quota
     * and the path is under their home.
     */
    public Optional<QuotaUsage> quota(VirtualPath path) {
        QuotaUsage held = quota;
        return held != null && held.covers(hostPath(path)) ? Optional.of(held) : Optional.empty();
    }

    /** The quota's view of {@code path} before a change; settle it after. Empty where no quota counts. */
    public Optional<QuotaCharge> quotaCharge(VirtualPath path) {
        return quota(path).map(usage -> QuotaCharge.before(usage, hostPath(path)));
    }

    /** The directory messages this login has been shown. */
    public ShownMessages shownMessages() {
        return shownMessages;
    }

    /** This session's place in the client counts. */
    public SessionSlot slot() {
        return slot;
    }

    public boolean isLoggedIn() {
        return login instanceof LoginState.LoggedIn;
    }

    /** The logged-in account; handlers behind the login gate may rely on it. */
    public UserAccount account() {
        return ((LoginState.LoggedIn) login).account();
    }

    public VirtualFileSystem fs() {
        return ((LoginState.LoggedIn) login).fs();
    }

    public VirtualPath cwd() {
        return cwd;
    }

    public void cwd(VirtualPath directory) {
        this.cwd = directory;
    }

    /** A client path resolved against the working directory. */
    public VirtualPath resolve(String clientPath) throws FsException.InvalidName {
        return cwd.resolve(clientPath);
    }

    /**
     * Checks the account's access policy and the {@code <Limit>} blocks that apply to the
     * command on this path; a refusal is 550. In a configured anonymous area, a write needs a
     * block that allows it. Where a block for the command says {@code IgnoreHidden on}, an
     * entry that listings hide ({@link EntryVisibility}) is "No such file or directory" instead,
     * as ProFTPD answers, whether or not it would have been allowed.
     */
    public void require(Permission permission, VirtualPath path) throws FtpException {
        String verb = current == null ? null : permission == Permission.CHMOD ? "SITE_CHMOD" : limitVerb(current);
        if (verb != null && !path.isRoot() && rules().ignoresHidden(verb, current.group().name(), hostPath(path))
                && new EntryVisibility(account().name(), account().groups(), account().access(), rules(),
                        this::hostPath).isHidden(fs(), path)) {
            LOG.info("{} of hidden {} refused (IgnoreHidden)", verb, LogText.escape(path.toString()));
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "No such file or directory");
        }
        boolean allowed = account().access().permits(permission, path);
        if (allowed && verb != null) {
            Decision decision = rules().decide(verb, current.group().name(), hostPath(path));
            allowed = decision == Decision.ALLOW || (decision == Decision.NONE && !(permission.isWrite()
                    && account().access() instanceof AnonymousAccess anonymous && anonymous.writesByLimit()));
        }
        if (!allowed) {
            LOG.info("denied {} on {}", permission.name().toLowerCase(Locale.ROOT), LogText.escape(path.toString()));
            throw FtpException.denied();
        }
    }

    /** X-verbs count as the verbs they stand for (a {@code <Limit MKD>} covers XMKD). */
    public static String limitVerb(CommandSpec spec) {
        return spec.aliasOf() != null ? spec.aliasOf() : spec.verb();
    }

    public int recordFailedLogin() {
        return ++failedLogins;
    }

    public boolean epsvAll() {
        return epsvAll;
    }

    public void epsvAll(boolean on) {
        this.epsvAll = on;
    }

    public String clientName() {
        return clientName;
    }

    public void clientName(String name) {
        this.clientName = name;
    }

    /** Ends the session after the current reply (QUIT, too many failures). */
    public void close() {
        closing = true;
    }

    // ---- FTPS (RFC 4217) -------------------------------------------------------------------

    /** The TLS policy of this session's server. */
    public TlsPolicy tlsPolicy() {
        return config.tls().policy();
    }

    /** This server's certificate, when it has TLS on. */
    public Optional<TlsContext> tlsContext() {
        return services.tls().forServer(config);
    }

    /** Whether the control connection runs through TLS now. */
    public boolean controlProtected() {
        return controlTls != null;
    }

    /** Whether TLS was negotiated on this connection at all (it may have been cleared by CCC since). */
    public boolean tlsNegotiated() {
        return controlSession != null;
    }

    public boolean implicitTls() {
        return implicitTls;
    }

    /**
     * The certificate the client presented in the control connection's handshake, which the
     * server's client CAs verified (RFC 4217 §12); it stays after CCC, which ends TLS but not
     * what the handshake proved.
     */
    public Optional<X509Certificate> clientCertificate() {
        SSLSession negotiated = controlSession;
        if (negotiated == null) {
            return Optional.empty();
        }
        try {
            return negotiated.getPeerCertificates()[0] instanceof X509Certificate leaf ? Optional.of(leaf)
                    : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /**
     * AUTH (RFC 4217 §4): answers 234 in the clear, drops what the client pipelined after AUTH,
     * and runs the handshake. A name given with USER before AUTH is forgotten (§4.2: the
     * session restarts almost as after REIN). With {@code protectData} (AUTH SSL and TLS-P)
     * data connections are protected from now on, as clients of those mechanisms expect.
     *
     * @return false when the handshake failed and the session is ending (RFC 4217 §10.1: the
     *         server drops the connection)
     */
    public boolean startTls(TlsContext context, String mechanism, boolean protectData) {
        try {
            control.send(Reply.of(ReplyCode.SECURITY_EXCHANGE_COMPLETE, "AUTH " + mechanism + " OK, starting TLS"));
            secureControl(context);
        } catch (IOException e) {
            LOG.info("TLS handshake failed on the control connection: {}", HandshakeFailure.describe(e));
            close();
            return false;
        }
        if (login instanceof LoginState.AwaitingPassword) {
            login(new LoginState.AwaitingUser());
        }
        if (protectData) {
            bufferSizeSet = true;
            dataProtected = true;
        }
        return true;
    }

    /**
     * CCC (RFC 4217 §6): the 200 goes out under TLS, then both sides send close_notify and the
     * connection continues in the clear. What the client sent after its close_notify is kept:
     * it is the first clear command. Data protection (PROT) stays as it was.
     */
    public void clearControl() throws IOException {
        TlsChannel tls = controlTls;
        control.send(Reply.of(ReplyCode.OK, "CCC OK: the control connection continues in the clear"));
        tls.closeOutbound();
        control.downgrade(tls.awaitPeerClose());
        controlTls = null;
        LOG.info("control connection back in the clear (CCC)");
    }

    public boolean bufferSizeSet() {
        return bufferSizeSet;
    }

    /** PBSZ 0 (RFC 4217 §8). */
    public void bufferSizeSet(boolean set) {
        this.bufferSizeSet = set;
    }

    public boolean dataProtected() {
        return dataProtected;
    }

    /** PROT P (true) or PROT C (false) (RFC 4217 §9). */
    public void dataProtected(boolean protect) {
        this.dataProtected = protect;
    }

    /**
     * Refuses a login in the clear where the policy wants TLS first: at USER, so that the
     * password is never sent in the clear (proftpd#1640). 530, as for any login that cannot
     * proceed; the text says what to do.
     */
    public void requireTlsForLogin(String user) throws FtpException {
        if (controlTls == null && tlsPolicy().requiresControl(AccountResolver.isAnonymous(config, user), user,
                groupsForTls(user))) {
            LOG.info("USER refused: TLS is required on the control connection before login");
            throw new FtpException(ReplyCode.NOT_LOGGED_IN, "TLS required: send AUTH TLS before USER");
        }
    }

    /**
     * The groups of {@code user} where a TLS level depends on them ({@code <IfGroup>}), looked up
     * without a password; none otherwise, or for a name that is no account. The reply then
     * tells a member of such a group from anyone else: see SECURITY.md, "TLS".
     */
    private Set<String> groupsForTls(String user) {
        if (!tlsPolicy().looksAtGroups()) {
            return Set.of();
        }
        return services.accounts().resolveProven(config, user, remote.getAddress()) instanceof AuthResult.Success(
                UserAccount account) ? account.groups() : Set.of();
    }

    /** How the next data connection is protected: empty under PROT C. */
    private Optional<DataProtection> dataProtection() {
        if (!dataProtected || controlSession == null) {
            return Optional.empty();
        }
        return Optional.of(new DataProtection(controlContext, controlSession, tlsPolicy().sessionReuseRequired()));
    }

    /** REIN: back to the state of a fresh connection (RFC 959 §4.1.1). */
    public void reinitialize() {
        login(new LoginState.AwaitingUser());
        cwd = VirtualPath.ROOT;
        if (hostSent) { // RFC 7151 §3.2: REIN returns to the server the connection arrived at
            Optional<String> full = moveTo(tlsNamedServer != null ? tlsNamedServer : services.config().serverFor(local));
            hostSent = false;
            if (full.isPresent()) {
                shutdown(full.get());
            }
        }
        parameters.reset();
        data.reset();
        data.allowForeign(false);
        epsvAll = false;
        loginClockNanos = System.nanoTime();
        // TLS on the control connection stays (a command must not be able to drop it); what
        // PBSZ and PROT set goes back to a fresh connection's (implicit FTPS: protected)
        bufferSizeSet = implicitTls;
        dataProtected = implicitTls;
    }

    /** The running transfer, or null; one whose final reply has gone out is not running. */
    public Transfer transfer() {
        transferLock.lock();
        try {
            return transfer;
        } finally {
            transferLock.unlock();
        }
    }

    /**
     * Starts a transfer on its own thread; the control thread returns {@link Outcome#DEFERRED}.
     * Where the policy wants data connections protected and PROT is C, the job is released and
     * 521 is the answer instead (RFC 4217 §9).
     */
    public Outcome startTransfer(TransferJob job) {
        if (!dataProtected && isLoggedIn() && tlsPolicy().requiresData(account().anonymous(), account().name(),
                account().groups())) {
            job.release();
            LOG.info("data connection refused: PROT P is required");
            return Reply.of(ReplyCode.DATA_PROTECTION_REQUIRED,
                    "Data connections must be protected: send PBSZ 0 and PROT P first");
        }
        Transfer started = new Transfer(job, dataProtection(), subject(job), ratio);
        transferLock.lock();
        try {
            transfer = started;
        } finally {
            transferLock.unlock();
        }
        started.start(this, control, data, services.transferThreads());
        return Outcome.DEFERRED;
    }

    /** Who moves what, when the job moves a file and this server logs transfers or runs an upload script. */
    private Optional<TransferSubject> subject(TransferJob job) {
        if (!config.afterTransfer().any()) {
            return Optional.empty();
        }
        return job.loggedFile().map(this::subjectFor);
    }

    private TransferSubject subjectFor(LoggedFile file) {
        return new TransferSubject(account().name(), account().anonymous(), hostPath(file.path()), file);
    }

    /**
     * Before DELE: what writes the deletion to the transfer logs once the file is gone (ProFTPD's
     * {@code TransferLog} records DELE with direction {@code d} and the file's size); empty when
     * this server writes none. The size is taken now, while the file is there.
     */
    public Optional<Runnable> deletionLog(VirtualPath path) {
        if (config.transferLogs().isEmpty()) {
            return Optional.empty();
        }
        long size;
        try {
            size = fs().stat(path).size();
        } catch (FsException e) {
            size = 0; // the deletion will fail too, and nothing is written
        }
        long bytes = size;
        TransferSubject subject = subjectFor(new LoggedFile(path, TransferRecord.Direction.DELETE, false));
        return Optional.of(() -> writeTransferLog(subject, Duration.ZERO, bytes, true));
    }

    /** The transfer logs, and for an upload kept in full the upload script. */
    private void afterTransfer(TransferSubject subject, Transfer finished, boolean complete) {
        writeTransferLog(subject, finished.elapsed(), finished.progress().bytes(), complete);
        var script = config.afterTransfer().uploadScript();
        if (complete && script.isPresent() && subject.file().direction() == TransferRecord.Direction.UPLOAD) {
            services.uploadScripts().uploaded(script.get(), subject.hostFile(), subject.user());
        }
    }

    private void writeTransferLog(TransferSubject subject, Duration duration, long bytes, boolean complete) {
        if (config.transferLogs().isEmpty()) {
            return;
        }
        services.transferLogs().write(config.transferLogs(), new TransferRecord(java.time.Instant.now(), duration,
                id, connectedAt, remote.getAddress().getHostAddress(), subject.user(), subject.anonymous(),
                subject.hostFile().toString(), subject.file().path().toString(), subject.file().direction(),
                subject.file().ascii(), bytes, complete));
    }

    /** Called by the transfer thread: sends the transfer's final reply and forgets the transfer. */
    void transferFinished(Transfer finished, Optional<Reply> opening, Reply last) {
        lastTransferNanos = System.nanoTime();
        // before the final reply: a client that has its 226 finds the transfer in the logs, and
        // its next RETR is judged with this transfer counted
        finished.subject().ifPresent(subject -> afterTransfer(subject, finished, last.code() < 400));
        RatioStanding standing = finished.ratio();
        if (standing != null) {
            finished.direction().ifPresent(direction -> {
                if (direction == TransferRecord.Direction.UPLOAD) {
                    standing.uploaded(finished.progress().bytes(), last.code() < 400);
                } else if (direction == TransferRecord.Direction.DOWNLOAD) {
                    standing.downloaded(finished.progress().bytes(), last.code() < 400);
                }
            });
        }
        transferLock.lock();
        try {
            TlsChannel tls = controlTls;
            if (tls != null && dataProtected) {
                // with the final reply: a ticket for the next data connection to resume from
                tls.offerNewTicket();
            }
            try {
                if (opening.isPresent()) {
                    control.send(opening.get(), last);
                } else {
                    control.send(last);
                }
            } catch (IOException e) {
                LOG.debug("could not send the transfer's final reply: {}", e.toString());
            }
            if (transfer == finished) {
                transfer = null;
            }
        } finally {
            transferLock.unlock();
        }
        if (last.code() < 400) {
            // one line per file would flood the log on a mirror of many small files
            LOG.debug("transfer ended: {} bytes, {} {}", finished.progress().bytes(), last.code(), last.lines().getFirst());
        } else {
            LOG.info("transfer ended: {} bytes, {} {}", finished.progress().bytes(), last.code(), last.lines().getFirst());
        }
        touch();
    }

    private void touch() {
        lastActivityNanos = System.nanoTime();
    }

    // ---- timers ---------------------------------------------------------------------------

    /** Called by the server's timer thread; enforces login, idle and stall timeouts. */
    public void checkTimers(long now) {
        if (closing || shutdownStarted.get()) {
            return;
        }
        var timeouts = config.timeouts();
        Transfer running = transfer;
        if (running != null) {
            if (expired(timeouts.stalled(), running.progress().lastProgressNanos(), now)) {
                LOG.info("transfer stalled for {} s, aborting", timeouts.stalled().toSeconds());
                running.abort("stalled, no data for " + timeouts.stalled().toSeconds() + " seconds", data);
            }
            return; // a transfer making progress keeps the session alive
        }
        if (!isLoggedIn() && expired(timeouts.login(), loginClockNanos, now)) {
            timeOut("Login timeout (" + timeouts.login().toSeconds() + " seconds): closing control connection");
        } else if (expired(timeouts.idle(), lastActivityNanos, now)) {
            timeOut("Idle timeout (" + timeouts.idle().toSeconds() + " seconds): closing control connection");
        } else if (isLoggedIn() && expired(timeouts.noTransfer(), lastTransferNanos, now)) {
            // ProFTPD TimeoutNoTransfer: commands keep a session from idling out, but not forever
            timeOut("No transfer timeout (" + timeouts.noTransfer().toSeconds()
                    + " seconds): closing control connection");
        }
    }

    private static boolean expired(Duration limit, long since, long now) {
        return !limit.isZero() && now - since > limit.toNanos();
    }

    private void timeOut(String message) {
        LOG.info("{}", message);
        shutdown(message);
    }

    /**
     * Tells the client why and closes the connection (timeouts, server stop). Any thread, and it
     * never blocks its caller: the timer thread serves every session and stop() all of them, and
     * a client that does not read its replies can keep a write to it waiting forever. So the 421
     * goes out from a thread of its own, and the connection is closed once it has been written
     * or after {@link #NOTICE_WRITE_LIMIT}, whichever comes first.
     */
    public void shutdown(String message) {
        if (!shutdownStarted.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("ftp-shutdown-" + id).start(() -> {
            Thread notice = Thread.ofVirtual().start(() -> {
                try {
                    control.send(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, message));
                } catch (IOException ignored) {
                    // the client is gone already
                }
            });
            try {
                notice.join(NOTICE_WRITE_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Only now: a command loop that saw the flag first would close the connection before
            // the 421 went out, and the client would learn nothing about why it was dropped.
            closing = true;
            try {
                socket.close(); // also fails a write still waiting, which frees the notice thread
            } catch (IOException ignored) {
                // closed is closed
            }
        });
    }

    public boolean hasActiveTransfer() {
        return transfer != null;
    }
}
