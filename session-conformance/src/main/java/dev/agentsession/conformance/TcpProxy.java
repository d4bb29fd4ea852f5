package dev.agentsession.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on the loopback interface for outage tests: it forwards connections to a database
 * server until {@link #cut()}, which drops every open connection and refuses new ones, and
 * {@link #restore()}, which lets connections through again.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Pattern AUTHORITY = Pattern.compile("//([^/:?]+)(?::(\\d+))?");

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    /**
     * Starts a proxy to {@code host:port} on a free local port.
     *
     * @throws IOException if no local port can be opened
     */
    public TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy to the server a JDBC URL names ({@code jdbc:xxx://host:port/...}).
     *
     * @throws IOException if no local port can be opened
     */
    public static TcpProxy to(String jdbcUrl, int defaultPort) throws IOException {
        Matcher authority = AUTHORITY.matcher(jdbcUrl);
        if (!authority.find()) {
            throw new IllegalArgumentException("no //host:port in " + jdbcUrl);
        }
        String port = authority.group(2);
        return new TcpProxy(authority.group(1), port == null ? defaultPort : Integer.parseInt(port));
    }

    /** @return the JDBC URL with its host and port replaced by this proxy's */
    public String route(String jdbcUrl) {
        return AUTHORITY.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + port());
    }

    /** @return the local port clients connect to */
    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Lets connections through again. */
    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 5_000);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // one side went away: drop both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);  // reset, as a dropped network link or a killed server looks
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
