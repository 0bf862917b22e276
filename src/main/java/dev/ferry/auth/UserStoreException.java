package dev.ferry.auth;

/** A user-store operation failed; the message is fit for an administrator. */
public final class UserStoreException extends RuntimeException {
    public UserStoreException(String message) {
        super(message);
    }

    public UserStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
