package dev.ferry.auth.ldap;

import dev.ferry.auth.password.PasswordFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure-FTPd's LDAP configuration file ({@code pure-ftpd -l ldap:/etc/pure-ftpd/ldap.conf}), read
 * as its parser.c and log_ldap.c read it: one {@code Key value} per line, keys in any case, the
 * value running to the end of the line, {@code #} starting a comment line. The keys are those of
 * log_ldap_p.h: {@code LDAPScheme}, {@code LDAPServer}, {@code LDAPPort}, {@code LDAPBindDN},
 * {@code LDAPBindPW}, {@code LDAPBaseDN}, {@code LDAPFilter}, {@code LDAPHomeDir},
 * {@code LDAPVersion}, {@code LDAPUseTLS}, {@code LDAPAuthMethod},
 * {@code LDAPDefaultHomeDirectory}, and the uid/gid keys, which are noted as meaningless since
 * Ferry runs as one system user. Unlike Pure-FTPd, an unknown key, a value it would read as
 * something else (a bad port, a filter without {@code \L}) and a key given twice are errors.
 *
 * <p>As in Pure-FTPd: the search is a subtree search; the password is checked by binding as the
 * account's entry unless a bind DN is given, in which case {@code userPassword} is read and
 * compared ({@code LDAPAuthMethod} chooses either way), a value without {@code {SCHEME}} being
 * the password itself; and the account status and limits come from the {@code PureFTPdUser}
 * schema's attributes ({@code FTPStatus}, {@code FTPQuotaFiles}, {@code FTPQuotaMBytes},
 * {@code FTPUploadBandwidth}, {@code FTPDownloadBandwidth}, {@code FTPUploadRatio},
 * {@code FTPDownloadRatio}). Ferry adds the check of the directory's certificate against the
 * JDK's trusted CAs.
 */
public final class PureFtpdLdapConf {
    /** log_ldap.h's LDAP_DEFAULT_FILTER. */
    public static final String DEFAULT_FILTER = "(&(objectClass=posixAccount)(uid=\\L))";

    private static final Set<String> KEYS = Set.of("ldapscheme", "ldapserver", "ldapport", "ldapbinddn", "ldapbindpw",
            "ldapbasedn", "ldapfilter", "ldaphomedir", "ldapversion", "ldapdefaultuid", "ldapforcedefaultuid",
            "ldapdefaultgid", "ldapforcedefaultgid", "ldapusetls", "ldapauthmethod", "ldapdefaulthomedirectory");
    private static final Pattern LINE = Pattern.compile("(\\S+)(?:\\s+(.*))?");
    private static final String ONE_USER = "changes nothing: Ferry runs as one system user, which owns every file its "
            + "users store";

    private PureFtpdLdapConf() {
    }

    /**
     * Reads {@code file}.
     *
     * @param notes gets what to tell the operator at start, each "FILE:LINE: ..."
     * @throws IllegalArgumentException naming FILE:LINE for each thing wrong, one per line
     */
    public static LdapSettings parse(Path file, List<String> notes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file, lines, notes);
    }

    /** Reads the lines of a file named {@code file}; see {@link #parse(Path, List)}. */
    public static LdapSettings parse(Path file, List<String> lines, List<String> notes) {
        Map<String, Value> values = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String at = file + ":" + (i + 1) + ": ";
            Matcher m = LINE.matcher(text);
            if (!m.matches()) {
                errors.add(at + "expected 'Key value'");
                continue;
            }
            String key = m.group(1);
            String lower = key.toLowerCase(Locale.ROOT);
            String value = m.group(2) == null ? "" : m.group(2).strip();
            if (!KEYS.contains(lower)) {
                errors.add(at + "unknown key '" + key + "' (not an ldap.conf setting of Pure-FTPd)");
                continue;
            }
            if (value.isEmpty()) {
                errors.add(at + key + " needs a value");
                continue;
            }
            Value earlier = values.putIfAbsent(lower, new Value(key, value, at));
            if (earlier != null) {
                errors.add(at + key + " is given twice (also at " + earlier.at().substring(0, earlier.at().length() - 2)
                        + ")");
            }
        }
        LdapSettings settings = null;
        if (errors.isEmpty()) {
            settings = settings(file, values, notes, errors);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return settings;
    }

    /** One key's line. */
    private record Value(String key, String text, String at) {
    }

    private static LdapSettings settings(Path file, Map<String, Value> values, List<String> notes,
                                         List<String> errors) {
        Reader r = new Reader(values, notes, errors);
        boolean ldaps = r.get("ldapscheme").map(v -> switch (v.text().toLowerCase(Locale.ROOT)) {
            case "ldap" -> false;
            case "ldaps" -> true;
            default -> r.error(v, "takes ldap or ldaps", false);
        }).orElse(false);
        String host = r.get("ldapserver").map(Value::text).orElse("localhost");
        int port = r.get("ldapport").map(v -> {
            if (!v.text().matches("[0-9]{1,5}") || Integer.parseInt(v.text()) < 1
                    || Integer.parseInt(v.text()) > 65535) {
                return r.error(v, "takes a port number from 1 to 65535", 0);
            }
            return Integer.parseInt(v.text());
        }).orElse(ldaps ? LdapSettings.Server.LDAPS_PORT : LdapSettings.Server.LDAP_PORT);
        Optional<LdapSettings.Server> server = r.attempt(r.get("ldapserver"), () -> new LdapSettings.Server(ldaps, host,
                port == 0 ? LdapSettings.Server.LDAP_PORT : port));

        Optional<Value> bindDn = r.get("ldapbinddn");
        Optional<Value> bindPw = r.get("ldapbindpw");
        Optional<LdapSettings.Credentials> bind = Optional.empty();
        if (bindDn.isPresent()) {
            bind = r.attempt(bindDn, () -> new LdapSettings.Credentials(bindDn.get().text(),
                    bindPw.map(Value::text).orElse("")));
        } else if (bindPw.isPresent()) {
            // log_ldap.c: "if (binddn == NULL) pwd = NULL;"
            r.note(bindPw.get(), "is ignored without LDAPBindDN: the directory is searched anonymously");
        }

        Optional<String> base = r.get("ldapbasedn").map(Value::text);
        if (base.isEmpty()) {
            errors.add(file + ": LDAPBaseDN is required: it names where the accounts are");
        } else {
            r.attempt(r.get("ldapbasedn"), () -> {
                LdapSettings.requireDn("LDAPBaseDN", base.get());
                return base.get();
            });
        }

        Optional<FilterTemplate> filter = filter(r, r.get("ldapfilter"));
        String homeAttribute = r.get("ldaphomedir").map(v -> {
            if (!LdapSettings.isAttributeName(v.text())) {
                return r.error(v, "takes an attribute name, not '" + v.text() + "' (the value runs to the end of "
                        + "the line: a comment must be on a line of its own)", "homeDirectory");
            }
            return v.text();
        }).orElse("homeDirectory");

        r.get("ldapversion").ifPresent(v -> {
            if (!v.text().equals("3")) {
                r.error(v, v.text() + " is not supported: Ferry speaks LDAPv3 only (LDAPv2 is historic, RFC 3494)",
                        null);
            }
        });
        for (String key : List.of("ldapdefaultuid", "ldapdefaultgid")) {
            r.get(key).ifPresent(v -> r.note(v, ONE_USER));
        }
        for (String key : List.of("ldapforcedefaultuid", "ldapforcedefaultgid")) {
            r.get(key).ifPresent(v -> {
                if (r.trueFalse(v)) {
                    r.note(v, ONE_USER);
                }
            });
        }
        boolean startTls = r.get("ldapusetls").map(r::trueFalse).orElse(false);
        if (startTls && ldaps) {
            r.note(r.get("ldapusetls").get(), "changes nothing with LDAPScheme ldaps, which speaks TLS from the start");
        }
        if (startTls || ldaps) {
            notes.add(file + ": the directory's certificate is checked against the JDK's trusted CAs and must name "
                    + host + " (Pure-FTPd's LDAP library reads its CAs from the system's ldap.conf instead)");
        }

        // log_ldap.c: BIND unless a bind DN is given, for compatibility with older versions
        LdapSettings.Method method = bindDn.isPresent() ? LdapSettings.Method.COMPARE : LdapSettings.Method.BIND;
        Optional<Value> methodValue = r.get("ldapauthmethod");
        if (methodValue.isPresent()) {
            method = switch (methodValue.get().text().toLowerCase(Locale.ROOT)) {
                case "bind" -> LdapSettings.Method.BIND;
                case "password" -> LdapSettings.Method.COMPARE;
                default -> r.error(methodValue.get(), "takes BIND or PASSWORD", method);
            };
        }

        Optional<LdapSettings.GeneratedHome> home = Optional.empty();
        Optional<Value> defaultHome = r.get("ldapdefaulthomedirectory");
        if (defaultHome.isPresent()) {
            if (!defaultHome.get().text().startsWith("/")) {
                r.error(defaultHome.get(), "needs an absolute directory, not '" + defaultHome.get().text() + "'", null);
            } else {
                home = r.attempt(defaultHome, () -> new LdapSettings.GeneratedHome(Path.of(defaultHome.get().text()),
                        false, false));
            }
        }

        if (!errors.isEmpty()) {
            return null;
        }
        try {
            return new LdapSettings(List.of(server.orElseThrow()), startTls && !ldaps, true, Optional.empty(), bind,
                    base.orElseThrow(), filter.orElseThrow(), LdapSettings.Scope.SUB, LdapSettings.Dereference.NEVER,
                    method, PasswordFormat.PLAINTEXT, LdapSettings.Attributes.RFC2307.withHomeDirectory(homeAttribute),
                    Optional.empty(), home, LdapSettings.LimitAttributes.PURE_FTPD, LdapSettings.DEFAULT_TIMEOUT,
                    LdapSettings.DEFAULT_TIMEOUT);
        } catch (IllegalArgumentException e) {
            errors.add(file + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * {@code LDAPFilter} with {@code \L} for the login name, made a {@link FilterTemplate}.
     * log_ldap.c refuses a {@code %} in it, since the filter becomes a printf format.
     */
    private static Optional<FilterTemplate> filter(Reader r, Optional<Value> given) {
        String text = given.map(Value::text).orElse(DEFAULT_FILTER);
        if (text.indexOf('%') >= 0) {
            return Optional.ofNullable(r.error(given.orElseThrow(), "must not contain '%' (Pure-FTPd refuses it too)",
                    null));
        }
        if (!text.contains("\\L")) {
            return Optional.ofNullable(r.error(given.orElseThrow(), "needs \\L where the login name goes, e.g. "
                    + DEFAULT_FILTER, null));
        }
        return r.attempt(given, () -> new FilterTemplate(text.replace("\\L", "%u")));
    }

    /** The values read, and where to put what is wrong with them. */
    private record Reader(Map<String, Value> values, List<String> notes, List<String> errors) {
        Optional<Value> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        <T> T error(Value v, String message, T fallback) {
            errors.add(v.at() + v.key() + " " + message);
            return fallback;
        }

        void note(Value v, String message) {
            notes.add(v.at() + v.key() + " " + message);
        }

        /** log_ldap.c takes "True" for true and anything else for false; Ferry takes True or False. */
        boolean trueFalse(Value v) {
            return switch (v.text().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> error(v, "takes True or False, not '" + v.text() + "'", false);
            };
        }

        /** What {@code make} gives, or an error at {@code v}'s line (the file's, without one). */
        <T> Optional<T> attempt(Optional<Value> v, java.util.function.Supplier<T> make) {
            try {
                return Optional.of(make.get());
            } catch (IllegalArgumentException e) {
                errors.add(v.map(value -> value.at() + value.key() + ": ").orElse("") + e.getMessage());
                return Optional.empty();
            }
        }
    }
}
