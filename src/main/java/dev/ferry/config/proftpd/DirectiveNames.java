package dev.ferry.config.proftpd;

import java.util.Locale;
import java.util.Set;

/**
 * What to say about a directive the context did not take: one of ProFTPD's that Ferry does not
 * have yet, one that belongs in another context, or a name nobody knows.
 */
final class DirectiveNames {
    /** ProFTPD directives for features Ferry does not have yet (modules: sql, ldap, quota, log, ...). */
    private static final Set<String> NOT_YET = Set.of("extendedlog", "logformat",
            "sysloglevel",
            "quotaengine", "quotalimittable", "quotatallytable", "authpam",
            "maxhostsperuser", "maxclientsperclass", "bandwidth",
            "displayquit", "displayfiletransfer", "displaygoaway", "pathallowfilter",
            "pathdenyfilter", "allowchmod", "hidefiles", "dirfakeuser", "dirfakegroup", "dirfakemode",
            "scoreboardfile", "pidfile", "usesendfile", "maxcommandrate", "wtmplog",
            "userpassword", "grouppassword", "createhome", "rlimitcpu", "rlimitmemory", "rlimitopenfiles",
            "uselastlog", "serveradmin", "commandbuffersize", "deleteabortedstores",
            "trace", "tracelog", "debuglevel", "setenv", "unsetenv", "multilinerfc2228", "timeoutsession",
            "storeuniqueprefix", "allowlogsymlinks", "translationtable", "charsetoptions", "useencoding");

    /** Directives Ferry has in some contexts only, not yet in the others ProFTPD allows. */
    private static final Set<String> NOT_YET_HERE = Set.of("transferrate", "ratios", "userratio", "groupratio",
            "hostratio", "anonratio", "fileratioerrmsg", "byteratioerrmsg", "leechratiomsg", "saveratios",
            "ratiofile", "ratiotempfile", "cwdratiomsg");

    /** Directives Ferry knows, with the contexts they belong in. */
    private static final Set<String> SERVER_ONLY = Set.of("servername", "serverident", "serveralias", "port",
            "defaultaddress", "socketbindtight", "masqueradeaddress", "passiveports", "allowforeignaddress",
            "maxclients", "maxclientsperhost", "maxclientsperuser", "maxloginattempts", "timeoutidle", "timeoutlogin",
            "timeoutnotransfer", "timeoutstalled", "transferlog", "syslogfacility", "systemlog", "maxinstances",
            "deferwelcome", "showsymlinks", "delayengine", "modulepath", "modulecontrolsacls", "loadmodule",
            "defaultroot", "rootlogin", "anonymousgroup", "usereversedns",
            "identlookups", "displayconnect", "servertype", "defaultserver", "useipv6", "useftpusers", "tlsengine",
            "tlsrequired", "tlsprotocol", "tlsciphersuite", "tlsrsacertificatefile", "tlsrsacertificatekeyfile",
            "tlseccertificatefile", "tlseccertificatekeyfile", "tlscertificatechainfile", "tlspkcs12file",
            "tlsoptions", "tlsrenegotiate", "tlslog", "tlsverifyclient", "tlscacertificatefile",
            "tlscacertificatepath", "tlsusername", "authorder", "sqlbackend", "sqlengine", "sqlauthenticate",
            "sqlconnectinfo", "sqlauthtypes", "sqluserinfo", "sqlgroupinfo", "sqluserwhereclause", "sqldefaulthomedir",
            "sqlnamedquery", "sqlminid", "sqlminuseruid", "sqlminusergid", "sqldefaultuid", "sqldefaultgid",
            "sqllogfile", "sqloptions", "sqlpasswordengine", "sqlpasswordencoding", "authuserfile", "authgroupfile");
    private static final Set<String> ANONYMOUS_ONLY = Set.of("anonrequirepassword");
    private static final Set<String> LIMIT_ONLY = Set.of("order", "allow", "deny", "allowall", "denyall", "allowuser",
            "denyuser", "allowgroup", "denygroup", "allowclass", "denyclass", "ignorehidden");
    private static final Set<String> CLASS_ONLY = Set.of("from", "satisfy");

    private DirectiveNames() {
    }

    static String unknownMessage(String name, String where) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (NOT_YET.contains(lower)) {
            return name + " is not supported yet";
        }
        if (NOT_YET_HERE.contains(lower)) {
            return name + " is not supported yet in " + where;
        }
        if (SERVER_ONLY.contains(lower)) {
            return name + " is not allowed in " + where + "; it belongs in the server context or a <VirtualHost>";
        }
        if (ANONYMOUS_ONLY.contains(lower)) {
            return name + " is not allowed in " + where + "; it belongs in <Anonymous>";
        }
        if (LIMIT_ONLY.contains(lower)) {
            return name + " is not allowed in " + where + "; it belongs in a <Limit> block";
        }
        if (CLASS_ONLY.contains(lower)) {
            return name + " is not allowed in " + where + "; it belongs in a <Class> block";
        }
        return "unknown directive " + name;
    }
}
