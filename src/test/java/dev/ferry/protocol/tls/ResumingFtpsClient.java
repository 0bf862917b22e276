package dev.ferry.protocol.tls;

import java.io.IOException;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net's FTPSClient with data connections that resume the control connection's TLS
 * session. The stock client opens each protected data socket as a new SSLSocket named after
 * the data port, so the JDK's client session cache (keyed by host and port) never offers the
 * control session, and a server that requires reuse refuses the connection. Here the data
 * socket is opened in the clear and TLS is layered over it under the control connection's host
 * and, through {@link ControlPortSocket}, its port: the cache finds the session, with no
 * reflection into the JDK.
 */
final class ResumingFtpsClient extends FTPSClient {
    private final SSLContext context;
    private final String[] protocols;
    private boolean protectData;

    ResumingFtpsClient(boolean implicit, SSLContext context, String... protocols) {
        super(implicit, context);
        this.context = context;
        this.protocols = protocols;
        if (protocols.length > 0) {
            setEnabledProtocols(protocols);
        }
    }

    @Override
    public void execPROT(String prot) throws IOException {
        super.execPROT(prot);
        protectData = "P".equals(prot);
        // plain data sockets from the superclass; TLS is added below, with the control's name
        setSocketFactory(SocketFactory.getDefault());
    }

    @Override
    protected Socket _openDataConnection_(String command, String arg) throws IOException {
        Socket socket = super._openDataConnection_(command, arg);
        if (socket == null || !protectData) {
            return socket;
        }
        SSLSocket secured = (SSLSocket) context.getSocketFactory().createSocket(
                new ControlPortSocket(socket, getRemotePort()), getRemoteAddress().getHostAddress(), getRemotePort(), true);
        secured.setUseClientMode(true);
        if (protocols.length > 0) {
            secured.setEnabledProtocols(protocols);
        }
        secured.startHandshake();
        return secured;
    }
}
