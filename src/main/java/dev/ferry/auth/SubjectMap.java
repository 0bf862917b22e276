package dev.ferry.auth;

import dev.ferry.log.LogText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's map of users to the certificates that name them, by subject DN: one
 * {@code USER: DN} per line ({@code alice: CN=Alice Smith,OU=Finance,O=Example}), {@code #}
 * comments, a user on several lines for several certificates. DNs are compared as X.500 names
 * (RFC 2253 canonical form: case, spacing and escaping do not matter, the order of RDNs does).
 * The file is read at each certificate login, so an edit takes effect without a reload.
 */
final class SubjectMap {
    private static final Logger LOG = LoggerFactory.getLogger(SubjectMap.class);

    private SubjectMap() {
    }

    /** The users the map names for {@code subject}; none when the file cannot be read. */
    static List<String> usersFor(Path file, X500Principal subject) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot read the map of users to certificate subjects {}: {}", file, e.toString());
            return List.of();
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                LOG.warn("{}:{}: not USER: DN, skipped", file, i + 1);
                continue;
            }
            X500Principal listed;
            try {
                listed = new X500Principal(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                LOG.warn("{}:{}: not a DN ({}), skipped", file, i + 1, LogText.escape(e.getMessage()));
                continue;
            }
            if (listed.equals(subject)) {
                users.add(line.substring(0, colon).strip());
            }
        }
        return users;
    }
}
