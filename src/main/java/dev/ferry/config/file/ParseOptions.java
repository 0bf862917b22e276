package dev.ferry.config.file;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the parse-time conditionals test: {@code <IfDefine NAME>} against {@code defines} (case-sensitive, as
 * ProFTPD's {@code -D} and {@code Define}) and {@code <IfModule mod_name.c>} against {@code modules}, where
 * {@code mod_tls.c} and {@code mod_tls} name the same module.
 */
public record ParseOptions(Set<String> defines, Set<String> modules) {

    /** The ProFTPD modules whose features Ferry implements. */
    private static final Set<String> FERRY_MODULES = Set.of(
            "mod_core.c", "mod_auth.c", "mod_xfer.c", "mod_ls.c", "mod_site.c", "mod_delay.c", "mod_facts.c",
            "mod_ident.c", "mod_auth_file.c", "mod_auth_unix.c", "mod_lang.c", "mod_tls.c", "mod_ifsession.c",
            "mod_ratio.c", "mod_sql.c", "mod_sql_mysql.c", "mod_sql_postgres.c", "mod_sql_sqlite.c", "mod_sql_passwd.c",
            "mod_ldap.c");

    public ParseOptions {
        defines = Set.copyOf(defines);
        modules = Set.copyOf(modules);
        for (String define : defines) {
            if (define.isBlank()) {
                throw new IllegalArgumentException("a define needs a name");
            }
        }
        for (String module : modules) {
            if (moduleKey(module).isEmpty()) {
                throw new IllegalArgumentException("a module needs a name");
            }
        }
    }

    /** No defines, and the modules Ferry stands in for (so {@code <IfModule mod_tls.c>} holds). */
    public static ParseOptions standard() {
        return new ParseOptions(Set.of(), FERRY_MODULES);
    }

    /** These options plus one more define, as {@code proftpd -D NAME}. */
    public ParseOptions withDefine(String name) {
        Set<String> more = new HashSet<>(defines);
        more.add(name);
        return new ParseOptions(more, modules);
    }

    public boolean isDefined(String name) {
        return defines.contains(name);
    }

    public boolean hasModule(String name) {
        String key = moduleKey(name);
        return modules.stream().anyMatch(module -> moduleKey(module).equals(key));
    }

    private static String moduleKey(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".c") ? lower.substring(0, lower.length() - 2) : lower;
    }
}
