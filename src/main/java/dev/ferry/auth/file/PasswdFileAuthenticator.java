package dev.ferry.auth.file;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.Authenticator;
import dev.ferry.auth.HomeDirectory;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.policy.AccessPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * ProFTPD's mod_auth_file: users in a file of passwd(5) lines ({@code AuthUserFile},
 * {@code name:hash:uid:gid:gecos:home:shell}, as ftpasswd writes them) and their groups in a
 * file of group(5) lines ({@code AuthGroupFile}, {@code name:x:gid:member,member}). The hash is
 * any form the system's crypt(3) checks (yescrypt, SHA-crypt, MD5-crypt, bcrypt, DES); an empty
 * hash, or one starting with {@code !} or {@code *}, is a locked account. A user's groups are
 * those naming it as a member and the one whose gid is its own. The files are read at each
 * login, so an edit (ftpasswd) takes effect at once; uid and gid are not used otherwise (Ferry
 * serves every user as its own system user).
 */
public final class PasswdFileAuthenticator implements Authenticator {
    private final Path users;
    private final Optional<Path> groups;

    public PasswdFileAuthenticator(Path users, Optional<Path> groups) {
        this.users = Objects.requireNonNull(users);
        this.groups = Objects.requireNonNull(groups);
    }

    /** One line of the user file. */
    private record Entry(String name, String hash, String gid, String home, String shell) {
    }

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        return lookUp(user, Optional.of(password));
    }

    @Override
    public AuthResult find(String user, InetAddress client) {
        return lookUp(user, Optional.empty());
    }

    private AuthResult lookUp(String user, Optional<char[]> password) {
        Optional<Entry> entry;
        try {
            entry = entry(user);
        } catch (IOException e) {
            return new AuthResult.Failure("AuthUserFile " + users + " cannot be read: " + e.getMessage());
        }
        if (entry.isEmpty()) {
            return new AuthResult.NotApplicable();
        }
        Entry e = entry.get();
        if (password.isPresent()) {
            if (e.hash().isEmpty() || e.hash().startsWith("!") || e.hash().startsWith("*")) {
                return new AuthResult.Failure("the account " + user + " in " + users + " is locked");
            }
            if (!PasswordFormat.CRYPT.matches(password.get(), e.hash())) {
                return new AuthResult.Failure("wrong password for " + user + " (" + users + ")");
            }
        }
        Set<String> memberOf;
        try {
            memberOf = groupsOf(user, e.gid());
        } catch (IOException ex) {
            return new AuthResult.Failure("AuthGroupFile " + groups.orElseThrow() + " cannot be read: " + ex.getMessage());
        }
        return HomeDirectory.account(user, e.home(), Optional.of(e.shell()).filter(s -> !s.isBlank()), memberOf,
                AccessPolicy.FULL, UserLimits.NONE);
    }

    private Optional<Entry> entry(String user) throws IOException {
        for (String line : Files.readAllLines(users, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length == 7 && f[0].equals(user)) {
                return Optional.of(new Entry(f[0], f[1], f[3], f[5], f[6]));
            }
        }
        return Optional.empty();
    }

    private Set<String> groupsOf(String user, String gid) throws IOException {
        Set<String> names = new TreeSet<>();
        if (groups.isEmpty()) {
            return names;
        }
        List<String> lines = Files.readAllLines(groups.get(), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length != 4) {
                continue;
            }
            if (f[2].equals(gid) || List.of(f[3].split(",")).contains(user)) {
                names.add(f[0]);
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "AuthUserFile " + users;
    }
}
