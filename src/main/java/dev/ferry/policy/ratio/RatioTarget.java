package dev.ferry.policy.ratio;

import dev.ferry.policy.limit.Glob;
import dev.ferry.policy.limit.NameExpression;
import dev.ferry.policy.limit.Requester;
import java.util.Objects;

/** Which logins a {@link RatioRule} applies to. */
public sealed interface RatioTarget {

    /**
     * @param who       the login (user, groups, client address)
     * @param anonymous whether it is an anonymous login
     * @param password  what an anonymous login gave as its password (its e-mail address); "" otherwise
     */
    boolean matches(Requester who, boolean anonymous, String password);

    /** Every login (Pure-FTPd {@code -Q}). */
    record Everyone() implements RatioTarget {
        @Override
        public boolean matches(Requester who, boolean anonymous, String password) {
            return true;
        }
    }

    /** Anonymous logins (Pure-FTPd {@code -q}). */
    record AnonymousLogins() implements RatioTarget {
        @Override
        public boolean matches(Requester who, boolean anonymous, String password) {
            return anonymous;
        }
    }

    /** One login name, or {@code *} for any (ProFTPD {@code UserRatio}). */
    record User(String name) implements RatioTarget {
        public User {
            Objects.requireNonNull(name);
        }

        @Override
        public boolean matches(Requester who, boolean anonymous, String password) {
            return name.equals("*") || who.user().filter(name::equals).isPresent();
        }
    }

    /**
     * Logins whose groups satisfy an expression (ProFTPD {@code GroupRatio}; the trusted group of
     * Pure-FTPd {@code -a}).
     */
    record Group(NameExpression groups) implements RatioTarget {
        public Group {
            Objects.requireNonNull(groups);
        }

        @Override
        public boolean matches(Requester who, boolean anonymous, String password) {
            return who.isLoggedIn() && groups.matches(who.groups());
        }
    }

    /**
     * Clients by address or reverse-DNS name, with wildcards (ProFTPD {@code HostRatio}): a
     * pattern that starts with a dot matches the names under that domain, one that ends with a
     * dot the addresses under that prefix.
     */
    record Host(String pattern) implements RatioTarget {
        public Host {
            Glob.validate(pattern);
        }

        @Override
        public boolean matches(Requester who, boolean anonymous, String password) {
            String glob = pattern.startsWith(".") ? "*" + pattern : pattern.endsWith(".") ? pattern + "*" : pattern;
            return Glob.matches(glob, who.address().getHostAddress(), true)
                    || who.hostName().filter(name -> Glob.matches(glob, name, true)).isPresent();
        }
    }

    /** Anonymous logins by the e-mail address they gave as password, with wildcards (ProFTPD {@code AnonRatio}). */
    record AnonymousPassword(String pattern) implements RatioTarget {
        public AnonymousPassword {
            Glob.validate(pattern);
        }

        @Override
        public boolean matches(Requester who, boolean anonymous, String password) {
            return anonymous && Glob.matches(pattern, password, true);
        }
    }
}
