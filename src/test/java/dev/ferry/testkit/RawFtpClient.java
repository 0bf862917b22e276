package dev.ferry.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal FTP client over a plain socket, for asserting exact reply codes and texts and for
 * sending what well-behaved clients never send (overlong lines, raw bytes, pipelined commands).
 */
public final class RawFtpClient implements AutoCloseable {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RawReply banner;

    private RawFtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(20_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.banner = read();
    }

    public static RawFtpClient connect(String host, int port) {
        try {
            return new RawFtpClient(new Socket(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects from a chosen local address (e.g. 127.0.0.2, to be "another host"). */
    public static RawFtpClient connectFrom(String localHost, String host, int port) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(localHost, 0));
            s.connect(new InetSocketAddress(host, port), 10_000);
            return new RawFtpClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawReply banner() {
        return banner;
    }

    /** Sends one command line (CRLF added) and reads the reply. */
    public RawReply command(String line) {
        send(line);
        return read();
    }

    /** Sends a line without reading. */
    public void send(String line) {
        sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one complete reply (all lines of a multi-line reply); null at end of stream. */
    public RawReply read() {
        try {
            List<String> lines = new ArrayList<>();
            String first = readLine();
            if (first == null) {
                return null;
            }
            lines.add(first);
            if (first.length() >= 4 && first.charAt(3) == '-') {
                String end = first.substring(0, 3) + " ";
                while (true) {
                    String line = readLine();
                    if (line == null) {
                        throw new IOException("connection closed inside a multi-line reply");
                    }
                    lines.add(line);
                    if (line.startsWith(end)) {
                        break;
                    }
                }
            }
            return new RawReply(Integer.parseInt(first.substring(0, 3)), lines);
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
                if (!s.endsWith("\r")) {
                    throw new IOException("reply line not terminated by CRLF: " + s);
                }
                return s.substring(0, s.length() - 1);
            }
            line.write(b);
        }
    }

    public void login(String user, String password) {
        RawReply u = command("USER " + user);
        if (u.code() != 331) {
            throw new IllegalStateException("USER: " + u);
        }
        RawReply p = command("PASS " + password);
        if (p.code() != 230) {
            throw new IllegalStateException("PASS: " + p);
        }
    }

    public void login() {
        login(TestServer.USER, TestServer.PASSWORD);
    }

    /** Sends PASV and connects to the advertised address from the given local address. */
    public Socket passiveFrom(String localHost) {
        RawReply reply = command("PASV");
        Matcher m = PASV.matcher(reply.text());
        if (reply.code() != 227 || !m.find()) {
            throw new IllegalStateException("PASV: " + reply);
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(localHost, 0));
            s.connect(new InetSocketAddress(host, port), 10_000);
            s.setSoTimeout(20_000);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket passive() {
        return passiveFrom("127.0.0.1");
    }

    /** Sends EPSV and connects to the port on the control connection's host. */
    public Socket extendedPassive() {
        RawReply reply = command("EPSV");
        Matcher m = EPSV.matcher(reply.text());
        if (reply.code() != 229 || !m.find()) {
            throw new IllegalStateException("EPSV: " + reply);
        }
        try {
            Socket s = new Socket(socket.getInetAddress(), Integer.parseInt(m.group(1)));
            s.setSoTimeout(20_000);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the peer sends until it closes. */
    public static byte[] readAll(Socket data) {
        try (data; InputStream s = data.getInputStream()) {
            return s.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    /** True once the server has closed the control connection. */
    public boolean isClosedByServer() {
        try {
            socket.setSoTimeout(5_000);
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** One reply: its code and its lines as received (without CRLF). */
    public record RawReply(int code, List<String> lines) {
        /** The text of the first line, after the code and separator. */
        public String text() {
            return lines.getFirst().length() > 4 ? lines.getFirst().substring(4) : "";
        }

        public String all() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return all();
        }
    }
}
