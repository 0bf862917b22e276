package dev.ferry.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A minimal raw-socket FTP client: enough of RFC 959 / 2428 / 3659 for the benchmark
 * (USER, PASS, TYPE I, EPSV or PASV, RETR, STOR, LIST, MLSD, SIZE, DELE, QUIT), and explicit
 * FTPS (RFC 4217: AUTH TLS, PBSZ 0, PROT P). Blocking I/O, meant to run one per virtual thread.
 * Every unexpected reply is an {@link FtpError}.
 */
public final class FtpClient implements Closeable {
    /** Size of the buffer data connections are read into and written from. */
    static final int DATA_BUFFER = 1 << 20;
    /**
     * Buffer for protected data connections: TLS records carry at most 16 KiB, so a read gives at
     * most one record's plaintext; a few records per call keeps the per-call overhead small.
     */
    static final int TLS_BUFFER = 64 << 10;
    private static final Pattern PASV = Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)");
    private static final Pattern EPSV = Pattern.compile("\\(([^\\d])\\1\\1(\\d+)\\1\\)");

    /** A reply: its code and the text of all its lines. */
    public record Reply(int code, String text) {
        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    /** A protocol error: an unexpected reply, a short transfer, wrong bytes. */
    public static sealed class FtpError extends IOException permits TlsRefused {
        private static final long serialVersionUID = 1L;

        public FtpError(String message) {
            super(message);
        }
    }

    /** The server refused AUTH TLS: it does not offer FTPS as configured. */
    public static final class TlsRefused extends FtpError {
        private static final long serialVersionUID = 1L;

        public TlsRefused(String message) {
            super(message);
        }
    }

    /** What one data transfer carried. */
    public record Received(long bytes, long crc, byte[] data) {
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    /** The TCP connection, then, after AUTH TLS, the TLS socket over it. */
    private Socket control;
    private InputStream in;
    private OutputStream out;
    /** Set by AUTH TLS: its client session cache holds the tickets data connections resume. */
    private SSLContext tls;
    private boolean protectData;
    private boolean epsvRefused;
    /** The data buffer, allocated at the first transfer and reused (allocateDirect is costly). */
    private ByteBuffer buffer;
    private byte[] tlsBuffer;
    /** The last upload pattern as an array (TLS streams take arrays), and the buffer it came from. */
    private ByteBuffer patternOf;
    private byte[] patternBytes;
    private String lastCommand = "(connect)";

    private FtpClient(String host, int port, int timeoutMillis, Socket control) throws IOException {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.control = control;
        this.in = new BufferedInputStream(control.getInputStream(), 8192);
        this.out = control.getOutputStream();
    }

    /** Connects and reads the 220 greeting. */
    public static FtpClient connect(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            FtpClient client = new FtpClient(host, port, timeoutMillis, socket);
            client.expect(client.readReply(), 220);
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects and logs in (USER, PASS). */
    public static FtpClient login(String host, int port, String user, String pass, int timeoutMillis)
            throws IOException {
        FtpClient client = connect(host, port, timeoutMillis);
        try {
            client.login(user, pass);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * AUTH TLS: the rest of the control connection runs over TLS. {@link TlsRefused} if the
     * server does not offer it.
     */
    public void secure() throws IOException {
        Reply r = command("AUTH TLS");
        if (r.code() != 234) {
            throw new TlsRefused("AUTH TLS refused: " + r);
        }
        // Anything already buffered came in the clear after the 234: it must not be read as if
        // it had come through TLS.
        if (in.available() > 0) {
            throw new FtpError("data after the 234 reply to AUTH TLS");
        }
        SSLContext context = TrustAll.context();
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(control, host, port, true);
        s.setUseClientMode(true);
        s.startHandshake();
        control = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
        tls = context;
    }

    /** PBSZ 0 and PROT P: data connections are protected from now on. */
    public void protectData() throws IOException {
        if (tls == null) {
            throw new IllegalStateException("PROT P before AUTH TLS");
        }
        expect(command("PBSZ 0"), 200);
        expect(command("PROT P"), 200);
        protectData = true;
    }

    /** The control connection's TLS version and cipher suite, or "" before AUTH TLS. */
    public String tlsSummary() {
        if (!(control instanceof SSLSocket s)) {
            return "";
        }
        SSLSession session = s.getSession();
        return session.getProtocol() + " " + session.getCipherSuite();
    }

    public void login(String user, String pass) throws IOException {
        Reply r = command("USER " + user);
        if (r.code() == 331) {
            r = command("PASS " + pass);
        }
        expect(r, 230);
    }

    public void binary() throws IOException {
        expect(command("TYPE I"), 200);
    }

    public void quit() throws IOException {
        Reply r = command("QUIT");
        expect(r, 221);
    }

    public long size(String path) throws IOException {
        Reply r = expect(command("SIZE " + path), 213);
        return Long.parseLong(r.text().trim());
    }

    public void delete(String path) throws IOException {
        expect(command("DELE " + path), 250);
    }

    /** Sends one command line and reads its reply. */
    public Reply command(String line) throws IOException {
        lastCommand = line.startsWith("PASS ") ? "PASS ****" : line;
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    /** Reads one reply, single- or multi-line (RFC 959 §4.2). */
    public Reply readReply() throws IOException {
        String first = readLine();
        if (first.length() < 3) {
            throw new FtpError("malformed reply after " + lastCommand + ": '" + first + "'");
        }
        int code;
        try {
            code = Integer.parseInt(first.substring(0, 3));
        } catch (NumberFormatException e) {
            throw new FtpError("malformed reply after " + lastCommand + ": '" + first + "'");
        }
        if (first.length() > 3 && first.charAt(3) == '-') {
            StringBuilder text = new StringBuilder(first.substring(4));
            String end = first.substring(0, 3) + " ";
            for (int lines = 0; lines < 100_000; lines++) {
                String line = readLine();
                text.append('\n').append(line);
                if (line.startsWith(end)) {
                    return new Reply(code, text.toString());
                }
            }
            throw new FtpError("multi-line reply without end after " + lastCommand);
        }
        return new Reply(code, first.length() > 4 ? first.substring(4) : "");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new FtpError("control connection closed by the server after " + lastCommand
                        + (line.size() > 0 ? " (partial line '" + line + "')" : ""));
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            if (line.size() > 65536) {
                throw new FtpError("reply line too long after " + lastCommand);
            }
            line.write(b);
        }
    }

    Reply expect(Reply r, int... codes) throws FtpError {
        for (int c : codes) {
            if (r.code() == c) {
                return r;
            }
        }
        throw new FtpError("unexpected reply to " + lastCommand + ": " + r);
    }

    /** EPSV (falls back to PASV once the server refuses EPSV), then connects the data socket. */
    private SocketChannel openPassive() throws IOException {
        InetSocketAddress address = passive();
        SocketChannel data = SocketChannel.open();
        try {
            data.setOption(StandardSocketOptions.TCP_NODELAY, true);
            data.socket().connect(address, timeoutMillis);
            return data;
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** EPSV or PASV: where to connect the next data connection. */
    private InetSocketAddress passive() throws IOException {
        int port = -1;
        String dataHost = host;
        if (!epsvRefused) {
            Reply r = command("EPSV");
            if (r.code() == 229) {
                Matcher m = EPSV.matcher(r.text());
                if (!m.find()) {
                    throw new FtpError("cannot parse EPSV reply: " + r);
                }
                port = Integer.parseInt(m.group(2));
            } else if (r.code() >= 500) {
                epsvRefused = true;
            } else {
                throw new FtpError("unexpected reply to EPSV: " + r);
            }
        }
        if (port < 0) {
            Reply r = expect(command("PASV"), 227);
            Matcher m = PASV.matcher(r.text());
            if (!m.find()) {
                throw new FtpError("cannot parse PASV reply: " + r);
            }
            dataHost = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
            port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        }
        return new InetSocketAddress(dataHost, port);
    }

    /** A plain TCP data connection, to be secured once the server has answered the command. */
    private Socket openPassiveSocket() throws IOException {
        InetSocketAddress address = passive();
        Socket data = new Socket();
        try {
            data.setTcpNoDelay(true);
            data.connect(address, timeoutMillis);
            data.setSoTimeout(timeoutMillis);
            return data;
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * TLS over a data connection, as a client that resumes the control connection's session:
     * layered with the control connection's host and (through {@link ControlPortSocket}) port,
     * so the JDK's session cache offers one of the control session's tickets. If the server
     * refuses the handshake (a server requiring session reuse does so when it was not resumed),
     * its reply on the control connection says why, and goes into the error.
     */
    private SSLSocket secureData(Socket raw) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(new ControlPortSocket(raw, port), host, port, true);
        s.setUseClientMode(true);
        try {
            s.startHandshake();
            return s;
        } catch (IOException e) {
            raw.close();
            throw new FtpError("TLS handshake on the data connection failed after " + lastCommand + " (" + e
                    + "); the server said: " + replyAfterFailure());
        }
    }

    /**
     * A data connection that broke after its handshake: a server that checks session reuse
     * once the handshake is done (proftpd) refuses there, and says why on the control connection.
     */
    private FtpError explained(IOException e) {
        return new FtpError("data connection for " + lastCommand + " failed (" + e + "); the server said: "
                + replyAfterFailure());
    }

    /** The reply that explains a failed data connection, if the server sends one soon. */
    private String replyAfterFailure() {
        try {
            int old = control.getSoTimeout();
            control.setSoTimeout(5000);
            try {
                return readReply().toString();
            } finally {
                control.setSoTimeout(old);
            }
        } catch (IOException e) {
            return "(no reply: " + e.getMessage() + ")";
        }
    }

    /**
     * Downloads {@code path}: counts the bytes, and with {@code crc} computes their CRC-32C; with
     * {@code keep} keeps them (for listings). Returns after the final 226/250.
     */
    public Received retrieve(String verbAndPath, boolean crc, boolean keep) throws IOException {
        if (protectData) {
            return retrieveProtected(verbAndPath, crc, keep);
        }
        try (SocketChannel data = openPassive()) {
            Reply r = command(verbAndPath);
            expect(r, 150, 125);
            if (buffer == null) {
                buffer = ByteBuffer.allocateDirect(DATA_BUFFER);
            }
            Received got = readAll(data, buffer, crc, keep);
            data.close();
            expect(readReply(), 226, 250);
            return got;
        }
    }

    /** Uploads {@code size} bytes of {@code pattern} (repeated) to {@code path}. */
    public void store(String path, long size, ByteBuffer pattern) throws IOException {
        if (protectData) {
            storeProtected(path, size, pattern);
            return;
        }
        try (SocketChannel data = openPassive()) {
            Reply r = command("STOR " + path);
            expect(r, 150, 125);
            writeAll(data, size, pattern);
            data.shutdownOutput();
            data.close();
            expect(readReply(), 226, 250);
        }
    }

    private Received retrieveProtected(String verbAndPath, boolean crc, boolean keep) throws IOException {
        try (Socket raw = openPassiveSocket()) {
            expect(command(verbAndPath), 150, 125);
            if (tlsBuffer == null) {
                tlsBuffer = new byte[TLS_BUFFER];
            }
            Received got;
            try (SSLSocket data = secureData(raw)) {
                got = readAll(data.getInputStream(), tlsBuffer, crc, keep);
            } catch (FtpError e) {
                throw e;
            } catch (IOException e) {
                throw explained(e);
            }
            expect(readReply(), 226, 250);
            return got;
        }
    }

    private void storeProtected(String path, long size, ByteBuffer pattern) throws IOException {
        if (patternOf != pattern) {
            patternBytes = new byte[pattern.capacity()];
            pattern.duplicate().clear().get(patternBytes);
            patternOf = pattern;
        }
        try (Socket raw = openPassiveSocket()) {
            expect(command("STOR " + path), 150, 125);
            try (SSLSocket data = secureData(raw)) {
                OutputStream o = data.getOutputStream();
                long left = size;
                while (left > 0) {
                    int n = (int) Math.min(left, patternBytes.length);
                    o.write(patternBytes, 0, n);
                    left -= n;
                }
                o.flush();
                // close_notify ends the file; then read what the server still sends. An
                // OpenSSL server sends its TLS 1.3 session ticket after the handshake, and the
                // JDK only takes it in on a read: without this, every upload would spend one of
                // the session's tickets and bring none back, and after a few uploads a data
                // connection could no longer resume.
                data.shutdownOutput();
                drain(data.getInputStream());
            } catch (FtpError e) {
                throw e;
            } catch (IOException e) {
                throw explained(e);
            }
            expect(readReply(), 226, 250);
        }
    }

    /** Reads until the server closes; errors at the end of an upload's connection do not matter. */
    private void drain(InputStream data) {
        byte[] b = new byte[512];
        try {
            for (int i = 0; i < 1_000 && data.read(b) >= 0; i++) {
                // a server sends nothing but handshake messages here
            }
        } catch (IOException e) {
            // the upload's outcome is the server's reply, read next
        }
    }

    /**
     * Reads a protected data connection to its end. A server that closes the TCP connection
     * without TLS close_notify (an unclean but common end of a download) ends the transfer as
     * well; its byte count is checked by the caller against the file's size.
     */
    static Received readAll(InputStream data, byte[] buffer, boolean crc, boolean keep) throws IOException {
        CRC32C sum = crc ? new CRC32C() : null;
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        long total = 0;
        while (true) {
            int n;
            try {
                n = data.read(buffer);
            } catch (SSLException e) {
                if (isUncleanEnd(e)) {
                    break;
                }
                throw e;
            }
            if (n < 0) {
                break;
            }
            total += n;
            if (sum != null) {
                sum.update(buffer, 0, n);
            }
            if (kept != null) {
                kept.write(buffer, 0, n);
            }
        }
        return new Received(total, sum == null ? 0 : sum.getValue(), kept == null ? null : kept.toByteArray());
    }

    private static boolean isUncleanEnd(SSLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("close_notify") || e.getCause() instanceof SocketException;
    }

    /** Reads a data connection to its end: the loop whose speed the ceiling probes also measure. */
    static Received readAll(SocketChannel data, ByteBuffer buffer, boolean crc, boolean keep) throws IOException {
        CRC32C sum = crc ? new CRC32C() : null;
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        long total = 0;
        // Blocking channel reads (no socket timeout applies to them): bounded by the server closing
        // the connection; the caller's watchdog closes the socket if the server hangs.
        while (true) {
            buffer.clear();
            int n = data.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
            if (sum != null || kept != null) {
                buffer.flip();
                if (kept != null) {
                    byte[] chunk = new byte[n];
                    buffer.duplicate().get(chunk);
                    kept.write(chunk);
                }
                if (sum != null) {
                    sum.update(buffer);
                }
            }
        }
        return new Received(total, sum == null ? 0 : sum.getValue(), kept == null ? null : kept.toByteArray());
    }

    /** Writes {@code size} bytes taken round-robin from {@code pattern}. */
    static void writeAll(SocketChannel data, long size, ByteBuffer pattern) throws IOException {
        ByteBuffer src = pattern.duplicate();
        long left = size;
        while (left > 0) {
            src.clear();
            if (left < src.capacity()) {
                src.limit((int) left);
            }
            while (src.hasRemaining()) {
                left -= data.write(src);
            }
        }
    }

    /** Aborts: closes the control connection without QUIT. */
    @Override
    public void close() throws IOException {
        control.close();
    }

    public boolean isClosed() {
        return control.isClosed();
    }
}
