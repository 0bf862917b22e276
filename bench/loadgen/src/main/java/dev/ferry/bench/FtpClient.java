package dev.ferry.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A minimal raw-socket FTP client: enough of RFC 959 / 2428 / 3659 for the benchmark
 * (USER, PASS, TYPE I, EPSV or PASV, RETR, STOR, LIST, MLSD, SIZE, DELE, QUIT). Blocking I/O,
 * meant to run one per virtual thread. Every unexpected reply is an {@link FtpError}.
 */
public final class FtpClient implements Closeable {
    /** Size of the buffer data connections are read into and written from. */
    static final int DATA_BUFFER = 1 << 20;
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
    public static final class FtpError extends IOException {
        private static final long serialVersionUID = 1L;

        public FtpError(String message) {
            super(message);
        }
    }

    /** What one data transfer carried. */
    public record Received(long bytes, long crc, byte[] data) {
    }

    private final String host;
    private final int timeoutMillis;
    private final Socket control;
    private final InputStream in;
    private final OutputStream out;
    private boolean epsvRefused;
    /** The data buffer, allocated at the first transfer and reused (allocateDirect is costly). */
    private ByteBuffer buffer;
    private String lastCommand = "(connect)";

    private FtpClient(String host, int timeoutMillis, Socket control) throws IOException {
        this.host = host;
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
            FtpClient client = new FtpClient(host, timeoutMillis, socket);
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
        SocketChannel data = SocketChannel.open();
        try {
            data.setOption(StandardSocketOptions.TCP_NODELAY, true);
            data.socket().connect(new InetSocketAddress(dataHost, port), timeoutMillis);
            return data;
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * Downloads {@code path}: counts the bytes, and with {@code crc} computes their CRC-32C; with
     * {@code keep} keeps them (for listings). Returns after the final 226/250.
     */
    public Received retrieve(String verbAndPath, boolean crc, boolean keep) throws IOException {
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
        try (SocketChannel data = openPassive()) {
            Reply r = command("STOR " + path);
            expect(r, 150, 125);
            writeAll(data, size, pattern);
            data.shutdownOutput();
            data.close();
            expect(readReply(), 226, 250);
        }
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
