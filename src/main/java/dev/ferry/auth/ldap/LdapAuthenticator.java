package dev.ferry.auth.ldap;

import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.ferry.auth.AuthResult;
import dev.ferry.auth.Authenticator;
import dev.ferry.auth.GroupNames;
import dev.ferry.auth.UserNames;
import dev.ferry.auth.VerifiedPasswordCache;
import dev.ferry.auth.password.PasswordFormat;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts that live in an LDAP directory, as ProFTPD's mod_ldap and Pure-FTPd's LDAP backend
 * find them: the login name is put (escaped, RFC 4515) into the user filter, the one entry found
 * under the search base is the account, and the password is checked by binding as that entry
 * ({@link LdapSettings.Method#BIND}) or against its {@code userPassword}
 * ({@link LdapSettings.Method#COMPARE}).
 *
 * <p>A name the directory does not have is left to the next account source. A directory that
 * cannot be asked (down, too slow, TLS refused) says no: the name must not fall through to a
 * source that happens to have the same name with another password. An empty password never
 * logs in, as a simple bind with one is an unauthenticated bind that servers let "succeed"
 * (RFC 4513 §5.1.2).
 *
 * <p>The {@link VerifiedPasswordCache} serves {@link LdapSettings.Method#COMPARE} only, keyed on
 * the stored value so that a changed password is seen at once; a bind is checked by the directory
 * each time, since nothing Ferry can read changes when the password does.
 */
public final class LdapAuthenticator implements Authenticator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LdapAuthenticator.class);
    /** Groups one account may be in; more is a filter that matches far too much. */
    private static final int MAX_GROUPS = 1000;

    private final LdapSettings settings;
    private final Optional<VerifiedPasswordCache> cache;
    private final DirectoryConnections connections;

    /**
     * No connection is made here; the first login makes one.
     *
     * @throws IllegalArgumentException when the CA file of {@code settings} cannot be read
     */
    public LdapAuthenticator(LdapSettings settings, Optional<VerifiedPasswordCache> cache) {
        this.settings = settings;
        this.cache = cache;
        this.connections = new DirectoryConnections(settings);
    }

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        if (!UserNames.isValid(user)) {
            return new AuthResult.NotApplicable();
        }
        return switch (findEntry(user, settings.method() == LdapSettings.Method.COMPARE)) {
            case Lookup.Missing() -> new AuthResult.NotApplicable();
            case Lookup.Refused(String reason) -> new AuthResult.Failure(reason);
            case Lookup.Found(SearchResultEntry entry) -> {
                if (password == null || password.length == 0) {
                    yield new AuthResult.Failure("empty password");
                }
                String name = DirectoryAccount.canonicalName(entry, settings, user);
                Optional<AuthResult.Failure> refused = switch (settings.method()) {
                    case BIND -> bind(entry.getDN(), password);
                    case COMPARE -> compare(entry, name, password);
                };
                yield refused.isPresent() ? refused.get() : account(entry, name);
            }
        };
    }

    @Override
    public AuthResult find(String user, InetAddress client) {
        if (!UserNames.isValid(user)) {
            return new AuthResult.NotApplicable();
        }
        return switch (findEntry(user, false)) {
            case Lookup.Missing() -> new AuthResult.NotApplicable();
            case Lookup.Refused(String reason) -> new AuthResult.Failure(reason);
            case Lookup.Found(SearchResultEntry entry) ->
                    account(entry, DirectoryAccount.canonicalName(entry, settings, user));
        };
    }

    @Override
    public void close() {
        connections.close();
    }

    /** What the search for a login name came to. */
    private sealed interface Lookup {
        /** The one entry the filter matched. */
        record Found(SearchResultEntry entry) implements Lookup {
        }

        /** No entry: not a name of this directory. */
        record Missing() implements Lookup {
        }

        /** The directory could not say, or said something that rules the login out. */
        record Refused(String reason) implements Lookup {
        }
    }

    private Lookup findEntry(String user, boolean withPassword) {
        List<String> attributes = new ArrayList<>(List.of(settings.attributes().uid(),
                settings.attributes().homeDirectory()));
        if (withPassword) {
            attributes.add(settings.attributes().userPassword());
        }
        attributes.addAll(settings.limitAttributes().named());
        Filter filter = settings.userFilter().fill(user, "");
        SearchRequest request = request(settings.userBase(), filter, attributes.toArray(String[]::new));
        // two are enough to tell one entry from an ambiguous filter
        request.setSizeLimit(2);
        SearchResult result;
        try {
            result = connections.search(request);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return ambiguous(user);
            }
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                LOG.warn("LDAP user search base {} does not exist", settings.userBase());
                return new Lookup.Refused("LDAP user search base does not exist: " + settings.userBase());
            }
            return new Lookup.Refused(unavailable("searching for " + user, e));
        }
        List<SearchResultEntry> entries = result.getSearchEntries();
        if (entries.size() > 1) {
            return ambiguous(user);
        }
        return entries.isEmpty() ? new Lookup.Missing() : new Lookup.Found(entries.getFirst());
    }

    private static Lookup ambiguous(String user) {
        LOG.warn("LDAP user filter matches more than one entry for {}: refusing the login", user);
        return new Lookup.Refused("ambiguous: the LDAP user filter matches more than one entry");
    }

    private Optional<AuthResult.Failure> bind(String dn, char[] password) {
        try {
            connections.bindAs(dn, password);
            return Optional.empty();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return Optional.of(new AuthResult.Failure("wrong password"));
            }
            if (isOutage(e.getResultCode())) {
                return Optional.of(new AuthResult.Failure(unavailable("binding as " + dn, e)));
            }
            // account locked, password expired, bind not allowed: the directory's own answer
            return Optional.of(new AuthResult.Failure("the LDAP directory refused the bind as " + dn + ": "
                    + e.getResultCode().getName() + describe(e)));
        }
    }

    private Optional<AuthResult.Failure> compare(SearchResultEntry entry, String name, char[] password) {
        String[] stored = entry.getAttributeValues(settings.attributes().userPassword());
        if (stored == null || stored.length == 0) {
            // log_ldap.c says the same: the service account was most likely not allowed to read it
            LOG.warn("LDAP entry {} shows no {}: the bind DN may lack the right to read it", entry.getDN(),
                    settings.attributes().userPassword());
            return Optional.of(new AuthResult.Failure("no readable " + settings.attributes().userPassword()));
        }
        for (String value : stored) {
            if (cache.isPresent() && cache.get().matches(name, value, password)) {
                return Optional.empty();
            }
        }
        for (String value : stored) {
            PasswordFormat format = value.startsWith("{") && value.indexOf('}') > 0 ? PasswordFormat.RFC2307
                    : settings.unschemedPasswords();
            if (format.matches(password, value)) {
                cache.ifPresent(c -> c.remember(name, value, password));
                return Optional.empty();
            }
        }
        return Optional.of(new AuthResult.Failure("wrong password"));
    }

    private AuthResult account(SearchResultEntry entry, String name) {
        Set<String> groups = new TreeSet<>();
        if (settings.groups().isPresent()) {
            LdapSettings.GroupSearch search = settings.groups().get();
            String attribute = settings.attributes().groupName();
            SearchRequest request = request(search.base(), search.filter().fill(name, entry.getDN()), attribute);
            request.setSizeLimit(MAX_GROUPS);
            try {
                for (SearchResultEntry group : connections.search(request).getSearchEntries()) {
                    String groupName = group.getAttributeValue(attribute);
                    if (groupName != null && GroupNames.isValid(groupName)) {
                        groups.add(groupName);
                    } else {
                        LOG.debug("LDAP group {} has no usable {}; not counted for {}", group.getDN(), attribute,
                                name);
                    }
                }
            } catch (LDAPException e) {
                // Groups decide <Limit> and DefaultRoot: a login without them could get more than it should.
                return new AuthResult.Failure(unavailable("searching the groups of " + name, e));
            }
        }
        return DirectoryAccount.account(entry, settings, name, groups);
    }

    private SearchRequest request(String base, Filter filter, String... attributes) {
        SearchRequest request = new SearchRequest(base, scope(), filter, attributes);
        request.setDerefPolicy(switch (settings.dereference()) {
            case NEVER -> DereferencePolicy.NEVER;
            case SEARCHING -> DereferencePolicy.SEARCHING;
            case FINDING -> DereferencePolicy.FINDING;
            case ALWAYS -> DereferencePolicy.ALWAYS;
        });
        request.setTimeLimitSeconds((int) Math.max(1, settings.queryTimeout().toSeconds()));
        request.setResponseTimeoutMillis(settings.queryTimeout().toMillis());
        return request;
    }

    private SearchScope scope() {
        return switch (settings.scope()) {
            case BASE -> SearchScope.BASE;
            case ONE -> SearchScope.ONE;
            case SUB -> SearchScope.SUB;
        };
    }

    private String unavailable(String doing, LDAPException e) {
        String what = e.getResultCode().getName() + describe(e);
        LOG.warn("LDAP directory {} could not be asked ({}): {}", settings.servers(), doing, what);
        return "LDAP directory unavailable: " + what;
    }

    private static String describe(LDAPException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }

    /** Result codes that say the directory could not be reached or did not answer in time. */
    private static boolean isOutage(ResultCode code) {
        return code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR || code == ResultCode.TIMEOUT
                || code == ResultCode.UNAVAILABLE || code == ResultCode.BUSY || code == ResultCode.LOCAL_ERROR
                || code == ResultCode.DECODING_ERROR || code == ResultCode.TIME_LIMIT_EXCEEDED
                || !ResultCode.isConnectionUsable(code);
    }
}
