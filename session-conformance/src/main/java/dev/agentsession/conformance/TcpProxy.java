package dev.agentsession.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on the loopback interface for outage tests: it forwards connections to a database
 * server until {@link #cut()}, which drops every open connection and refuses new ones, and
 * {@link #restore()}, which lets connections through again. {@link #loseReplyTo} cuts one
 * connection at the worst moment: after the server received (and so ran, and in auto-commit
 * committed) a request, before its reply reaches the client.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Pattern AUTHORITY = Pattern.compile("//([^/:?]+)(?::(\\d+))?");

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;
    private final AtomicReference<Trap> trap = new AtomicReference<>();

    /** Markers still to be seen, in order, on one connection; then that connection's next reply is lost. */
    private static final class Trap {
        private final List<byte[]> markers;
        private final CountDownLatch sprung = new CountDownLatch(1);
        private volatile Socket armedOn;
        private Socket watching;
        private int next;

        Trap(List<String> markers) {
            this.markers = markers.stream().map(marker -> marker.getBytes(StandardCharsets.UTF_8)).toList();
        }
    }

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

    /**
     * Loses one reply: once a client sends, on one connection, data holding each of the markers
     * in order (each in one read of the stream, the last in the request whose reply is lost), the
     * server's next answer on that connection is not forwarded and both sides are reset. The
     * server has then received that request in full; in auto-commit, or when it is a
     * {@code COMMIT}, the work is committed though the client never hears so.
     *
     * @param markers text the requests hold, in order, the last in the request to cut after
     */
    public void loseReplyTo(String... markers) {
        if (markers.length == 0) {
            throw new IllegalArgumentException("give at least one marker");
        }
        trap.set(new Trap(List.of(markers)));
    }

    /**
     * Waits for the reply set by {@link #loseReplyTo} to be lost.
     *
     * @return whether it was, within the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean replyLost(Duration timeout) throws InterruptedException {
        Trap current = trap.get();
        return current != null && current.sprung.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        Socket clientSide = request ? from : to;
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    Trap current = trap.get();
                    if (!request && current != null && current.armedOn == clientSide) {
                        current.sprung.countDown();
                        return;  // the reply is lost: finally resets both sides
                    }
                    if (request && current != null) {
                        // armed before the request goes on, so that its reply cannot slip through first
                        watch(current, clientSide, buffer, n);
                    }
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

    /** Moves the trap on when this request holds its next marker; arms it on the last. */
    private static void watch(Trap current, Socket clientSide, byte[] data, int length) {
        synchronized (current) {
            if (current.armedOn != null || current.next >= current.markers.size()) {
                return;
            }
            if ((current.watching == null || current.watching == clientSide)
                    && indexOf(data, length, current.markers.get(current.next)) >= 0) {
                current.watching = clientSide;
                current.next++;
                if (current.next == current.markers.size()) {
                    current.armedOn = clientSide;
                }
            }
        }
    }

    private static int indexOf(byte[] data, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (Character.toUpperCase(data[i + j]) != Character.toUpperCase(marker[j])) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
