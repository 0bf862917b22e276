package dev.ferry.tls;

/** A certificate or key that cannot be used; the message names the file and says what is wrong. */
public final class TlsSetupException extends Exception {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
