package dev.ferry.command;

import dev.ferry.command.auth.AcctHandler;
import dev.ferry.command.auth.HostHandler;
import dev.ferry.command.auth.PassHandler;
import dev.ferry.command.auth.ReinHandler;
import dev.ferry.command.auth.UserHandler;
import dev.ferry.command.data.EprtHandler;
import dev.ferry.command.data.EpsvHandler;
import dev.ferry.command.data.PasvHandler;
import dev.ferry.command.data.PortHandler;
import dev.ferry.command.fs.AvblHandler;
import dev.ferry.command.fs.DeleHandler;
import dev.ferry.command.fs.MdtmHandler;
import dev.ferry.command.fs.MfmtHandler;
import dev.ferry.command.fs.MkdHandler;
import dev.ferry.command.fs.RmdHandler;
import dev.ferry.command.fs.RnfrHandler;
import dev.ferry.command.fs.RntoHandler;
import dev.ferry.command.fs.SizeHandler;
import dev.ferry.command.info.ClntHandler;
import dev.ferry.command.info.FeatHandler;
import dev.ferry.command.info.HelpHandler;
import dev.ferry.command.info.NoopHandler;
import dev.ferry.command.info.OptsHandler;
import dev.ferry.command.info.QuitHandler;
import dev.ferry.command.info.SiteHandler;
import dev.ferry.command.info.StatHandler;
import dev.ferry.command.info.SystHandler;
import dev.ferry.command.listing.ListHandler;
import dev.ferry.command.listing.MlsdHandler;
import dev.ferry.command.listing.MlstHandler;
import dev.ferry.command.listing.NlstHandler;
import dev.ferry.command.nav.CdupHandler;
import dev.ferry.command.nav.CwdHandler;
import dev.ferry.command.nav.PwdHandler;
import dev.ferry.command.nav.SmntHandler;
import dev.ferry.command.security.AuthHandler;
import dev.ferry.command.security.CccHandler;
import dev.ferry.command.security.PbszHandler;
import dev.ferry.command.security.ProtHandler;
import dev.ferry.command.transfer.AborHandler;
import dev.ferry.command.transfer.AlloHandler;
import dev.ferry.command.transfer.AppeHandler;
import dev.ferry.command.transfer.ModeHandler;
import dev.ferry.command.transfer.RestHandler;
import dev.ferry.command.transfer.RetrHandler;
import dev.ferry.command.transfer.StorHandler;
import dev.ferry.command.transfer.StouHandler;
import dev.ferry.command.transfer.StruHandler;
import dev.ferry.command.transfer.TypeHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every verb the server knows, and the only place verbs are listed: dispatch, HELP, FEAT and the
 * table-driven tests all read it. Immutable once built.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byVerb;

    private CommandTable(List<CommandSpec> specs) {
        Map<String, CommandSpec> map = new LinkedHashMap<>();
        for (CommandSpec spec : specs) {
            if (map.putIfAbsent(spec.verb(), spec) != null) {
                throw new IllegalArgumentException("verb listed twice: " + spec.verb());
            }
        }
        this.byVerb = Collections.unmodifiableMap(map);
    }

    public Optional<CommandSpec> find(String verb) {
        return Optional.ofNullable(byVerb.get(verb));
    }

    /** All specs, in alphabetical order of verb. */
    public List<CommandSpec> all() {
        List<CommandSpec> sorted = new ArrayList<>(byVerb.values());
        sorted.sort(java.util.Comparator.comparing(CommandSpec::verb));
        return sorted;
    }

    /** The standard FTP command set (RFC 959, 1123, 2389, 2428, 2640, 3659 and common extensions). */
    public static CommandTable standard() {
        Builder b = new Builder();
        // Login and session (RFC 959 §4.1.1). Allowed before login.
        b.preLogin("USER", ArgRule.REQUIRED, CommandGroup.LOGIN, "USER <name>", new UserHandler());
        b.preLogin("PASS", ArgRule.OPTIONAL, CommandGroup.LOGIN, "PASS <password>", new PassHandler());
        b.preLogin("HOST", ArgRule.REQUIRED, CommandGroup.LOGIN, "HOST <domain>", new HostHandler()).feature("HOST");
        b.preLogin("ACCT", ArgRule.REQUIRED, CommandGroup.LOGIN, "ACCT <account>", new AcctHandler());
        b.preLogin("REIN", ArgRule.NONE, CommandGroup.LOGIN, "REIN", new ReinHandler());
        b.preLogin("QUIT", ArgRule.NONE, CommandGroup.MISC, "QUIT", new QuitHandler());
        b.preLogin("FEAT", ArgRule.NONE, CommandGroup.MISC, "FEAT", new FeatHandler());
        b.preLogin("HELP", ArgRule.OPTIONAL, CommandGroup.MISC, "HELP [<command>]", new HelpHandler());
        b.preLogin("NOOP", ArgRule.NONE, CommandGroup.MISC, "NOOP", new NoopHandler());
        b.preLogin("SYST", ArgRule.NONE, CommandGroup.MISC, "SYST", new SystHandler());
        b.preLogin("OPTS", ArgRule.REQUIRED, CommandGroup.MISC, "OPTS <option> [<value>]", new OptsHandler())
                .feature("UTF8");
        b.preLogin("CLNT", ArgRule.REQUIRED, CommandGroup.MISC, "CLNT <client name>", new ClntHandler())
                .feature("CLNT");

        // Security (RFC 2228, RFC 4217). TLS comes before the credentials, so AUTH, PBSZ and PROT
        // are allowed before login; CCC only after it (it would let the credentials go in the clear).
        b.preLogin("AUTH", ArgRule.REQUIRED, CommandGroup.LOGIN, "AUTH TLS|TLS-C|SSL|TLS-P", new AuthHandler())
                .feature(whenTls("AUTH TLS"));
        b.preLogin("PBSZ", ArgRule.REQUIRED, CommandGroup.LOGIN, "PBSZ 0", new PbszHandler())
                .feature(whenTls("PBSZ"));
        b.preLogin("PROT", ArgRule.REQUIRED, CommandGroup.LOGIN, "PROT C|P", new ProtHandler())
                .feature(whenTls("PROT"));
        b.loggedIn("CCC", ArgRule.NONE, CommandGroup.MISC, "CCC", new CccHandler()).feature(whenTls("CCC"));

        // Navigation.
        b.loggedIn("CWD", ArgRule.REQUIRED, CommandGroup.DIRS, "CWD <directory>", new CwdHandler())
                .feature("TVFS").alias("XCWD");
        b.loggedIn("CDUP", ArgRule.NONE, CommandGroup.DIRS, "CDUP", new CdupHandler()).alias("XCUP");
        b.loggedIn("PWD", ArgRule.NONE, CommandGroup.DIRS, "PWD", new PwdHandler()).alias("XPWD");
        b.loggedIn("SMNT", ArgRule.REQUIRED, CommandGroup.MISC, "SMNT <path>", new SmntHandler());

        // Data connection set-up.
        b.loggedIn("PORT", ArgRule.REQUIRED, CommandGroup.MISC, "PORT h1,h2,h3,h4,p1,p2", new PortHandler());
        b.loggedIn("PASV", ArgRule.NONE, CommandGroup.MISC, "PASV", new PasvHandler());
        b.loggedIn("EPRT", ArgRule.REQUIRED, CommandGroup.MISC, "EPRT |proto|address|port|", new EprtHandler())
                .feature("EPRT");
        b.loggedIn("EPSV", ArgRule.OPTIONAL, CommandGroup.MISC, "EPSV [1|2|ALL]", new EpsvHandler())
                .feature("EPSV");

        // Transfer parameters and transfers.
        b.loggedIn("TYPE", ArgRule.REQUIRED, CommandGroup.MISC, "TYPE A [N|T] | I | L 8", new TypeHandler());
        b.loggedIn("MODE", ArgRule.REQUIRED, CommandGroup.MISC, "MODE S", new ModeHandler());
        b.loggedIn("STRU", ArgRule.REQUIRED, CommandGroup.MISC, "STRU F", new StruHandler());
        b.loggedIn("REST", ArgRule.REQUIRED, CommandGroup.MISC, "REST <byte offset>", new RestHandler())
                .feature("REST STREAM");
        b.loggedIn("RETR", ArgRule.REQUIRED, CommandGroup.READ, "RETR <file>", new RetrHandler());
        b.loggedIn("STOR", ArgRule.REQUIRED, CommandGroup.WRITE, "STOR <file>", new StorHandler());
        b.loggedIn("APPE", ArgRule.REQUIRED, CommandGroup.WRITE, "APPE <file>", new AppeHandler());
        b.loggedIn("STOU", ArgRule.OPTIONAL, CommandGroup.WRITE, "STOU [<name prefix>]", new StouHandler());
        b.loggedIn("ALLO", ArgRule.REQUIRED, CommandGroup.WRITE, "ALLO <bytes> [R <record size>]", new AlloHandler());
        b.loggedIn("ABOR", ArgRule.NONE, CommandGroup.MISC, "ABOR", new AborHandler()).duringTransfer();

        // File and directory operations.
        b.loggedIn("DELE", ArgRule.REQUIRED, CommandGroup.WRITE, "DELE <file>", new DeleHandler());
        b.loggedIn("MKD", ArgRule.REQUIRED, CommandGroup.WRITE, "MKD <directory>", new MkdHandler()).alias("XMKD");
        b.loggedIn("RMD", ArgRule.REQUIRED, CommandGroup.WRITE, "RMD <directory>", new RmdHandler()).alias("XRMD");
        b.loggedIn("RNFR", ArgRule.REQUIRED, CommandGroup.DIRS, "RNFR <old name>", new RnfrHandler());
        b.loggedIn("RNTO", ArgRule.REQUIRED, CommandGroup.WRITE, "RNTO <new name>", new RntoHandler());
        b.loggedIn("SIZE", ArgRule.REQUIRED, CommandGroup.READ, "SIZE <file>", new SizeHandler()).feature("SIZE");
        b.loggedIn("MDTM", ArgRule.REQUIRED, CommandGroup.DIRS, "MDTM [YYYYMMDDHHMMSS] <file>", new MdtmHandler())
                .feature("MDTM");
        b.loggedIn("MFMT", ArgRule.REQUIRED, CommandGroup.WRITE, "MFMT YYYYMMDDHHMMSS <path>", new MfmtHandler())
                .feature("MFMT");
        b.loggedIn("AVBL", ArgRule.OPTIONAL, CommandGroup.DIRS, "AVBL [<directory>]", new AvblHandler())
                .feature("AVBL");

        // Listings.
        b.loggedIn("LIST", ArgRule.OPTIONAL, CommandGroup.DIRS, "LIST [-a] [<path>]", new ListHandler());
        b.loggedIn("NLST", ArgRule.OPTIONAL, CommandGroup.DIRS, "NLST [-a] [<path>]", new NlstHandler());
        b.loggedIn("MLSD", ArgRule.OPTIONAL, CommandGroup.DIRS, "MLSD [<directory>]", new MlsdHandler());
        b.loggedIn("MLST", ArgRule.OPTIONAL, CommandGroup.DIRS, "MLST [<path>]", new MlstHandler())
                .feature(MlstHandler::featureLine);
        b.loggedIn("STAT", ArgRule.OPTIONAL, CommandGroup.DIRS, "STAT [<path>]", new StatHandler()).duringTransfer();
        b.loggedIn("SITE", ArgRule.REQUIRED, CommandGroup.MISC, "SITE <command> (SITE HELP lists them)",
                new SiteHandler());
        return b.build();
    }

    /** A FEAT line shown only by servers with TLS on (RFC 4217 §6); empty lines are left out. */
    private static FeatureLine whenTls(String line) {
        return session -> session.config().tls().enabled() ? line : "";
    }

    /** Assembles specs with a little less noise than the record constructor. */
    private static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        Entry preLogin(String verb, ArgRule arg, CommandGroup group, String syntax, CommandHandler handler) {
            return add(new Entry(verb, arg, false, group, syntax, handler));
        }

        Entry loggedIn(String verb, ArgRule arg, CommandGroup group, String syntax, CommandHandler handler) {
            return add(new Entry(verb, arg, true, group, syntax, handler));
        }

        private Entry add(Entry e) {
            entries.add(e);
            return e;
        }

        CommandTable build() {
            List<CommandSpec> specs = new ArrayList<>();
            for (Entry e : entries) {
                specs.add(new CommandSpec(e.verb, null, e.arg, e.login, e.group, e.duringTransfer, e.syntax,
                        e.features, e.handler));
                for (String alias : e.aliases) {
                    specs.add(new CommandSpec(alias, e.verb, e.arg, e.login, e.group, e.duringTransfer,
                            e.syntax.replaceFirst(e.verb, alias), List.of(), e.handler));
                }
            }
            return new CommandTable(specs);
        }
    }

    private static final class Entry {
        final String verb;
        final ArgRule arg;
        final boolean login;
        final CommandGroup group;
        final String syntax;
        final CommandHandler handler;
        final List<FeatureLine> features = new ArrayList<>();
        final List<String> aliases = new ArrayList<>();
        boolean duringTransfer;

        Entry(String verb, ArgRule arg, boolean login, CommandGroup group, String syntax, CommandHandler handler) {
            this.verb = verb;
            this.arg = arg;
            this.login = login;
            this.group = group;
            this.syntax = syntax;
            this.handler = handler;
        }

        Entry feature(String line) {
            features.add(FeatureLine.fixed(line));
            return this;
        }

        Entry feature(FeatureLine line) {
            features.add(line);
            return this;
        }

        Entry alias(String alias) {
            aliases.add(alias);
            return this;
        }

        Entry duringTransfer() {
            duringTransfer = true;
            return this;
        }
    }
}
