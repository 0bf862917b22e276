package dev.ferry.tls;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;

/**
 * Says in words why a TLS handshake failed, for the log: JSSE's messages name alerts and
 * internal states, an operator wants to know whom to blame. The alerts are RFC 8446 §6.2's.
 */
public final class HandshakeFailure {

    private HandshakeFailure() {
    }

    public static String describe(IOException e) {
        String message = String.valueOf(e.getMessage());
        String m = message.toLowerCase(Locale.ROOT);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientCertificateTrust.ClientCertificateRefused refused) {
                return refused.getMessage();
            }
        }
        if (m.contains("empty client certificate chain")) {
            return "client certificate refused: the client sent none, and this server requires one";
        }
        if (e instanceof EOFException || m.contains("remote host terminated") || m.contains("closed during")) {
            return "the client closed the connection during the handshake (it may not trust the certificate)";
        }
        if (m.contains("certificate_unknown") || m.contains("bad_certificate") || m.contains("unknown_ca")
                || m.contains("certificate_expired") || m.contains("certificate_unsupported")) {
            return "the client rejected the server's certificate (" + message + "); "
                    + "it does not trust it: give it the certificate or its CA, or use a CA-signed one";
        }
        if (m.contains("protocol_version") || m.contains("no appropriate protocol")
                || m.contains("unsupported protocol") || m.contains("client requested protocol")) {
            return "no TLS version in common (" + message + "); the server offers TLS 1.2 and 1.3 only";
        }
        if (m.contains("no cipher suites in common") || m.contains("insufficient_security")
                || m.contains("handshake_failure")) {
            return "no cipher suite in common (" + message + ")";
        }
        if (m.contains("no_application_protocol") || m.contains("application protocol")) {
            return "the client asked for another application protocol than FTP in ALPN (" + message + ")";
        }
        if (m.contains("unrecognized ssl message") || m.contains("plaintext") || m.contains("unsupported or unrecognized")) {
            return "the client did not speak TLS (" + message + ")";
        }
        return message;
    }
}
