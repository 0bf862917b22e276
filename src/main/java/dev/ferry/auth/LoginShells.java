package dev.ferry.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ProFTPD's {@code RequireValidShell}: an account whose source gives it a shell may log in only
 * if that shell is listed in {@code /etc/shells}, so that accounts locked by giving them
 * {@code /usr/sbin/nologin} or {@code /bin/false} stay locked for FTP too. The file is read at
 * each check: it is small, and an edit takes effect without a reload.
 */
public final class LoginShells {
    private final Path file;

    public LoginShells(Path file) {
        this.file = file;
    }

    public static LoginShells system() {
        return new LoginShells(Path.of("/etc/shells"));
    }

    /** Whether {@code shell} is listed; a missing or unreadable file lists none. */
    public boolean listed(String shell) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#") && entry.equals(shell.strip())) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
