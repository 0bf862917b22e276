package dev.ferry.session;

import dev.ferry.auth.UserAccount;
import dev.ferry.fs.VirtualFileSystem;
import dev.ferry.policy.ContextRules;
import dev.ferry.policy.ratio.Ratio;

/** Where a session is in the USER/PASS exchange (RFC 959 §5.4 sequencing). */
public sealed interface LoginState {

    /** Nothing yet, or after REIN. */
    record AwaitingUser() implements LoginState {
    }

    /** USER was accepted; PASS must follow. */
    record AwaitingPassword(String user) implements LoginState {
    }

    /**
     * Logged in: the account, its file system, the configuration contexts that apply to it, and
     * the upload/download ratio its downloads are held to ({@link Ratio#NONE} for none).
     */
    record LoggedIn(UserAccount account, VirtualFileSystem fs, ContextRules rules, Ratio ratio) implements LoginState {
    }
}
