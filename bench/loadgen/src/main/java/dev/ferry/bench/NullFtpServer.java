package dev.ferry.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A do-nothing FTP server inside the load generator's own JVM: it accepts any login, serves the
 * dataset's files with transferTo (sendfile), discards uploads and makes up listings. Running the
 * scenarios against it shows what the load generator (plus a server that does no work) reaches on
 * this machine, i.e. that the load generator is not what limits the real servers.
 */
final class NullFtpServer implements Closeable {
    private final ServerSocket listener;
    private final Path root;
    private final Map<String, Long> stored = new ConcurrentHashMap<>();
    private final Thread acceptor;

    NullFtpServer(Path root) throws IOException {
        this.root = root;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(out, "220 null server");
            ServerSocketChannel passive = null;
            for (int n = 0; n < 10_000_000; n++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                int sp = line.indexOf(' ');
                String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase();
                String arg = sp < 0 ? "" : line.substring(sp + 1);
                switch (verb) {
                    case "USER" -> reply(out, "331 any password");
                    case "PASS" -> reply(out, "230 in");
                    case "TYPE" -> reply(out, "200 ok");
                    case "EPSV", "PASV" -> {
                        if (passive != null) {
                            passive.close();
                        }
                        passive = bindPassive();
                        int p = ((InetSocketAddress) passive.getLocalAddress()).getPort();
                        reply(out, verb.equals("EPSV") ? "229 Entering Extended Passive Mode (|||" + p + "|)"
                                : "227 Entering Passive Mode (127,0,0,1," + (p >> 8) + "," + (p & 255) + ")");
                    }
                    case "RETR", "STOR", "LIST", "MLSD" -> {
                        if (passive == null) {
                            reply(out, "425 no EPSV");
                            continue;
                        }
                        reply(out, "150 here");
                        try (ServerSocketChannel ps = passive; SocketChannel data = ps.accept()) {
                            passive = null;
                            switch (verb) {
                                case "RETR" -> send(data, arg);
                                case "STOR" -> stored.put(arg, FtpClient.readAll(data, ByteBuffer.allocate(64 << 10), false, false).bytes());
                                default -> list(data, verb, arg);
                            }
                        }
                        reply(out, "226 done");
                    }
                    case "SIZE" -> {
                        Long size = stored.get(arg);
                        reply(out, "213 " + (size != null ? size : Files.size(root.resolve(arg))));
                    }
                    case "DELE" -> {
                        stored.remove(arg);
                        reply(out, "250 gone");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    /**
     * Small files: read and written by this virtual thread. Large ones: sendfile on a platform
     * thread, because a blocking sendfile (transferTo) pins a virtual thread's carrier, and the
     * readers are virtual threads of this same JVM.
     */
    private void send(SocketChannel data, String path) throws IOException {
        Path file = root.resolve(path);
        long size = Files.size(file);
        if (size <= 1 << 20) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
            while (b.hasRemaining()) {
                data.write(b);
            }
            return;
        }
        IOException[] failure = new IOException[1];
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try (FileChannel f = FileChannel.open(file)) {
                long pos = 0;
                while (pos < size) {
                    pos += f.transferTo(pos, Math.min(8L << 20, size - pos), data);
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void list(SocketChannel data, String verb, String arg) throws IOException {
        StringBuilder sb = new StringBuilder();
        Path dir = arg.isEmpty() ? root : root.resolve(arg);
        try (var names = Files.list(dir)) {
            for (Path p : (Iterable<Path>) names::iterator) {
                String name = p.getFileName().toString();
                if (verb.equals("LIST")) {
                    sb.append("-rw-r--r--    1 0        0               0 Jan 01 00:00 ").append(name).append("\r\n");
                } else {
                    sb.append("type=file;size=0; ").append(name).append("\r\n");
                }
            }
        }
        ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            data.write(b);
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * A listener in the servers' passive range (10000-31999, below the ephemeral ports), as the
     * real servers get: with ephemeral listeners, thousands of transfers leave the ephemeral
     * range full of TIME_WAIT, and the client's own connects slow down.
     */
    private static ServerSocketChannel bindPassive() throws IOException {
        for (int i = 0; i < 100; i++) {
            int port = 10_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(22_000);
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return channel;
            } catch (java.net.BindException busy) {
                channel.close();
            }
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        return channel;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        acceptor.interrupt();
    }
}
