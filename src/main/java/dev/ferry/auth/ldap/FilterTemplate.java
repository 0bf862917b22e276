package dev.ferry.auth.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Objects;

/**
 * A search filter (RFC 4515) with places for a login name, as ProFTPD's mod_ldap writes them:
 * {@code %u} (and its older spelling {@code %v}) stands for the login name; Ferry adds {@code %d}
 * for the account entry's DN, for groups that list their members by DN ({@code groupOfNames}).
 *
 * <p>What is put in is escaped as an assertion value (RFC 4515 §3, {@link Filter#encodeValue}):
 * {@code *}, {@code (}, {@code )}, {@code \} and NUL become {@code \2a}, {@code \28}, {@code \29},
 * {@code \5c}, {@code \00}, so a name can only ever be compared, never add wildcards or terms.
 *
 * @param text the template, which names the login name at least once
 */
public record FilterTemplate(String text) {

    public FilterTemplate {
        Objects.requireNonNull(text);
        if (!text.contains("%u") && !text.contains("%v")) {
            throw new IllegalArgumentException("the LDAP filter '" + text + "' has no %u for the login name: it would "
                    + "find the same entries for every login");
        }
        try {
            Filter.create(substitute(text, "name", "cn=entry"));
        } catch (LDAPException e) {
            throw new IllegalArgumentException("invalid LDAP filter '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * The filter for one login.
     *
     * @param name the login name, put in for {@code %u} and {@code %v}
     * @param dn   the account entry's DN, put in for {@code %d}
     */
    public Filter fill(String name, String dn) {
        try {
            return Filter.create(substitute(text, Filter.encodeValue(name), Filter.encodeValue(dn)));
        } catch (LDAPException e) {
            // escaped values cannot break a template that parsed with plain ones
            throw new IllegalStateException("filter template '" + text + "' did not take an escaped value", e);
        }
    }

    /** Replaces the placeholders in one pass, so that nothing put in is read as a placeholder again. */
    private static String substitute(String template, String name, String dn) {
        StringBuilder out = new StringBuilder(template.length() + name.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char next = template.charAt(i + 1);
                if (next == 'u' || next == 'v') {
                    out.append(name);
                    i++;
                    continue;
                }
                if (next == 'd') {
                    out.append(dn);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
