package dev.ferry.policy.limit;

/**
 * What one {@code <Limit>} block, one configuration context or a whole chain of contexts says
 * about a request. {@link #NONE} means "nothing here decided": the next, outer place is asked, and
 * when nobody decides the request is allowed (ProFTPD's implicit allow, mod_core
 * {@code AllowAll}: "the default ProFTPD behavior is to implicitly allow access").
 */
public enum Decision {
    ALLOW,
    DENY,
    NONE
}
