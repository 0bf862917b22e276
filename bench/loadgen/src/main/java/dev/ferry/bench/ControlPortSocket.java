package dev.ferry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A connected data socket that answers the control connection's port to {@link #getPort()}.
 * The JDK's TLS client looks its session cache up by the host it is given and by the port of
 * the socket it is layered over; a protected data connection only offers the control
 * connection's session (which servers requiring session reuse insist on) when that port is the
 * control port. Everything else is the real socket's.
 */
final class ControlPortSocket extends Socket {
    private final Socket data;
    private final int controlPort;

    ControlPortSocket(Socket data, int controlPort) {
        this.data = data;
        this.controlPort = controlPort;
    }

    @Override
    public int getPort() {
        return controlPort;
    }

    @Override
    public InetAddress getInetAddress() {
        return data.getInetAddress();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return data.getRemoteSocketAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return data.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return data.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return data.getLocalSocketAddress();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return data.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return data.getOutputStream();
    }

    @Override
    public boolean isConnected() {
        return data.isConnected();
    }

    @Override
    public boolean isBound() {
        return data.isBound();
    }

    @Override
    public boolean isClosed() {
        return data.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return data.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return data.isOutputShutdown();
    }

    @Override
    public void shutdownInput() throws IOException {
        data.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        data.shutdownOutput();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        data.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return data.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        data.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return data.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        data.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return data.getSoLinger();
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
