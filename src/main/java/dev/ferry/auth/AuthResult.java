package dev.ferry.auth;

/** The outcome of one authenticator. */
public sealed interface AuthResult {

    /** The credentials are right; this is the account. */
    record Success(UserAccount account) implements AuthResult {
    }

    /** This authenticator knows the user and says no; the chain stops. The reason is logged, never sent. */
    record Failure(String reason) implements AuthResult {
    }

    /** This authenticator does not know the user; the next one is asked. */
    record NotApplicable() implements AuthResult {
    }
}
