package dev.ferry.protocol.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A minimal FTP client that can switch its control connection to TLS (AUTH TLS, implicit FTPS)
 * and back (CCC), and open data connections in the clear or through TLS, resuming the control
 * session the way a well-behaved client does ({@link ControlPortSocket}).
 */
final class FtpsRawClient implements AutoCloseable {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    static final String HOST = "127.0.0.1";

    private final Socket plain;
    private final int port;
    private final SSLContext tls;
    private Socket current;
    private InputStream in;
    private OutputStream out;
    private Reply banner;

    record Reply(int code, List<String> lines) {
        String text() {
            return lines.getLast().substring(4);
        }

        String all() {
            return String.join("\n", lines);
        }
    }

    private FtpsRawClient(int port, SSLContext tls) throws IOException {
        this.port = port;
        this.tls = tls;
        this.plain = new Socket();
        plain.connect(new InetSocketAddress(HOST, port), 10_000);
        plain.setSoTimeout(20_000);
        use(plain);
    }

    /** Connected in the clear, banner read. */
    static FtpsRawClient connect(int port) {
        return connect(port, trustAll("TLS"));
    }

    static FtpsRawClient connect(int port, SSLContext tls) {
        try {
            FtpsRawClient c = new FtpsRawClient(port, tls);
            c.banner = c.read();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Implicit FTPS: TLS from the first byte, then the banner. */
    static FtpsRawClient implicit(int port) {
        try {
            FtpsRawClient c = new FtpsRawClient(port, trustAll("TLS"));
            c.handshake();
            c.banner = c.read();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SSL context that trusts any server certificate (the tests' servers are self-signed). */
    static SSLContext trustAll(String protocol) {
        try {
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Reply banner() {
        return banner;
    }

    private void use(Socket socket) throws IOException {
        current = socket;
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The client side of the handshake on the control connection (after 234, or at connect). */
    void handshake() throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(plain, HOST, port, false);
        secured.setUseClientMode(true);
        secured.startHandshake();
        use(secured);
    }

    SSLSocket controlTls() {
        return (SSLSocket) current;
    }

    /** AUTH {@code mechanism}; on 234 the handshake follows. */
    Reply auth(String mechanism) {
        Reply reply = command("AUTH " + mechanism);
        if (reply.code() == 234) {
            try {
                handshake();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reply;
    }

    /** AUTH TLS, PBSZ 0, PROT P. */
    void secure() {
        expect(auth("TLS"), 234);
        expect(command("PBSZ 0"), 200);
        expect(command("PROT P"), 200);
    }

    void login() {
        expect(command("USER " + FtpsServer.USER), 331);
        expect(command("PASS " + FtpsServer.PASSWORD), 230);
    }

    /**
     * CCC after its 200: close_notify on the control connection, then the clear socket again.
     * The server's close_notify is read first, so no TLS byte is left to be taken for a reply.
     */
    Reply ccc() {
        Reply reply = command("CCC");
        if (reply.code() == 200) {
            try {
                SSLSocket secured = (SSLSocket) current;
                secured.shutdownOutput();
                if (secured.getInputStream().read() != -1) {
                    throw new IOException("data after CCC instead of close_notify");
                }
                use(plain);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reply;
    }

    static Reply expect(Reply reply, int code) {
        if (reply == null || reply.code() != code) {
            throw new IllegalStateException("expected " + code + ", got " + reply);
        }
        return reply;
    }

    Reply command(String line) {
        send(line);
        return read();
    }

    void send(String line) {
        sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One complete reply; null at the end of the stream. */
    Reply read() {
        try {
            List<String> lines = new ArrayList<>();
            String first = readLine();
            if (first == null) {
                return null;
            }
            lines.add(first);
            if (first.length() >= 4 && first.charAt(3) == '-') {
                String end = first.substring(0, 3) + " ";
                String line;
                do {
                    line = readLine();
                    if (line == null) {
                        throw new IOException("closed inside a multi-line reply");
                    }
                    lines.add(line);
                } while (!line.startsWith(end));
            }
            return new Reply(Integer.parseInt(first.substring(0, 3)), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
    }

    /** PASV: the port the server listens on. */
    int pasv() {
        Reply reply = expect(command("PASV"), 227);
        Matcher m = PASV.matcher(reply.text());
        if (!m.find()) {
            throw new IllegalStateException("PASV: " + reply);
        }
        return Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
    }

    /** A clear TCP connection to {@code dataPort}. */
    static Socket open(int dataPort) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(HOST, dataPort), 10_000);
            s.setSoTimeout(20_000);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * TLS over an open data connection. With {@code resume}, under the control connection's
     * host and port ({@link ControlPortSocket}) so that the session is resumed; otherwise under
     * the data port, so that it is not (a client that does not reuse sessions).
     */
    Socket protect(Socket data, boolean resume) {
        try {
            SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(
                    resume ? new ControlPortSocket(data, port) : data, HOST, resume ? port : data.getPort(), true);
            secured.setUseClientMode(true);
            secured.startHandshake();
            return secured;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the peer sends until it closes (or, under TLS, sends close_notify). */
    static byte[] readAll(Socket data) {
        try (data; InputStream s = data.getInputStream()) {
            return s.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server sends on the control connection until it closes it (bounded by the read timeout). */
    byte[] readToEnd() {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server has closed the control connection (or sends nothing more). */
    boolean closedByServer() {
        try {
            current.setSoTimeout(5_000);
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            current.close();
            plain.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
