package dev.agentsession.cli.inspector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A read-only web page over a store, served by the JDK's HTTP server: browse apps, users and
 * sessions, read a conversation with its tool calls, reasoning and state, and watch new events
 * arrive.
 *
 * <p>Every request must carry the {@link AccessToken}; a request without it gets 401 and nothing
 * else. Only {@code GET} and {@code HEAD} are answered (405 otherwise), and no endpoint writes to
 * the store. Pages and script come from this jar; the page's content security policy allows no
 * other source and no inline script, and the page puts every stored value into the document as
 * text, never as markup.
 *
 * <p><b>Slow and hostile clients.</b> The JDK's server reads a request on a worker thread, so
 * its limits are what keeps a client that sends half a request from holding the page: a request's
 * line and headers must arrive within {@value #REQUEST_SECONDS} seconds and its answer (and any
 * body the client sends) be done within {@value #RESPONSE_SECONDS} seconds, else the connection is
 * closed; at most {@value #MAX_CONNECTIONS} connections are open at once (one more is accepted
 * and closed at once), each with its own worker thread (so a request never queues behind stalled
 * ones), and an idle
 * kept-alive connection is closed after {@value #IDLE_SECONDS} seconds. These are the JDK server's
 * JVM-wide properties ({@code sun.net.httpserver.maxReqTime}, {@code maxRspTime},
 * {@code idleInterval}, {@code jdk.httpserver.maxConnections}): this class sets each that is not
 * already set when it loads, before it creates a server; a JVM that created an HTTP server of the
 * JDK's before keeps the values it read then. On a loopback address the {@code Host} header must
 * name {@code localhost}, {@code 127.0.0.1}, {@code [::1]} or the bound address, with the port
 * (a page of another site rebinding its name to 127.0.0.1 is refused, 403).
 *
 * <p>The inspector does not own the store: closing it stops the server, and the caller closes the
 * store.
 */
public final class Inspector implements AutoCloseable {

    /** Seconds a request (line, headers, body) may take to arrive. */
    public static final int REQUEST_SECONDS = 10;
    /** Seconds an answer may take to be sent. */
    public static final int RESPONSE_SECONDS = 30;
    /** Connections open at once. */
    public static final int MAX_CONNECTIONS = 64;
    /** Seconds an idle kept-alive connection stays open. */
    public static final int IDLE_SECONDS = 30;

    static {
        setIfAbsent("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
        setIfAbsent("sun.net.httpserver.idleInterval", IDLE_SECONDS);
        setIfAbsent("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
    }

    private static final String RESOURCES = "/dev/agentsession/cli/inspector/";
    private static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final AccessToken token;
    private final Map<String, Asset> assets;
    private final Map<String, Function<Request, Map<String, Object>>> api = new LinkedHashMap<>();
    private final String cookieName;
    /** The Host headers answered, or null when any is (a non-loopback address). */
    private final Set<String> allowedHosts;

    private Inspector(HttpServer server, ExecutorService workers, AccessToken token, StoreViews views) {
        this.server = server;
        this.workers = workers;
        this.token = token;
        this.cookieName = "agentsession-token-" + server.getAddress().getPort();
        this.allowedHosts = allowedHosts(server.getAddress());
        this.assets = Map.of(
                "/", Asset.load("index.html", "text/html; charset=utf-8"),
                "/inspector.js", Asset.load("inspector.js", "text/javascript; charset=utf-8"),
                "/inspector.css", Asset.load("inspector.css", "text/css; charset=utf-8"));
        api.put("/api/apps", views::apps);
        api.put("/api/users", views::users);
        api.put("/api/sessions", views::sessions);
        api.put("/api/session", views::session);
        api.put("/api/events", views::events);
        api.put("/api/state", views::stateAt);
        api.put("/api/find", views::findById);
    }

    /**
     * Starts serving a store.
     *
     * @param store the store to show; it must list its apps and users (every backend of this
     *     project does)
     * @param address where to listen; port 0 picks a free port
     * @param token the secret every request must carry
     * @return the running inspector
     * @throws IllegalArgumentException if the store cannot list its apps and users
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static Inspector start(SessionService store, InetSocketAddress address, AccessToken token) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
        StoreViews views = new StoreViews(store);
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage(), e);
        }
        AtomicInteger count = new AtomicInteger();
        // a thread per open connection, up to the connection bound, so a request never waits
        // behind stalled ones for a worker; idle threads end after a minute
        int threads = Math.max(1, Integer.getInteger("jdk.httpserver.maxConnections", MAX_CONNECTIONS));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "session-inspector-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
        Inspector inspector = new Inspector(server, workers, token, views);
        server.createContext("/", inspector::handle);
        server.setExecutor(workers);
        server.start();
        return inspector;
    }

    /** @return the address the server listens on, with the port it got */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the page's address without the token */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** @return the page's address with the token: the link to open */
    public URI link() {
        return uri().resolve("/?token=" + token.value());
    }

    /** Stops serving at once; the store stays open. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            respond(exchange);
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange) {
        try {
            secureHeaders(exchange);
            Request request = new Request(exchange);
            String method = exchange.getRequestMethod();
            String host = request.header("Host");
            if (allowedHosts != null && (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT)))) {
                sendText(exchange, 403, "agent-session inspector: the Host header must name this machine's loopback"
                        + " address and port, such as 127.0.0.1:" + server.getAddress().getPort() + "\n");
                return;
            }
            if (!authorized(request)) {
                sendText(exchange, 401, "agent-session inspector: this request needs the access token printed when the"
                        + " server started (open the link it printed)\n");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, 405, "agent-session inspector is read-only: " + method + " is not allowed\n");
                return;
            }
            String path = request.path();
            if (path.equals("/") && request.parameter("token") != null) {
                // The token moves from the address bar into a cookie the page's requests carry.
                exchange.getResponseHeaders().add("Set-Cookie", cookieName + "=" + token.value()
                        + "; Path=/; HttpOnly; SameSite=Strict");
                exchange.getResponseHeaders().set("Location", "/");
                send(exchange, 303, "text/plain; charset=utf-8", new byte[0]);
                return;
            }
            Asset asset = assets.get(path.equals("/index.html") ? "/" : path);
            if (asset != null) {
                send(exchange, 200, asset.contentType(), asset.bytes());
                return;
            }
            Function<Request, Map<String, Object>> view = api.get(path);
            if (view == null) {
                sendJson(exchange, 404, Map.of("error", "no such page: " + path));
                return;
            }
            sendJson(exchange, 200, view.apply(request));
        } catch (Request.BadRequest e) {
            sendJson(exchange, 400, Map.of("error", e.getMessage()));
        } catch (StoreViews.NotFound e) {
            sendJson(exchange, 404, Map.of("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            sendJson(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (SessionStoreException e) {
            sendJson(exchange, 503, Map.of("error", String.valueOf(e.getMessage())));
        } catch (IOException | UncheckedIOException e) {
            // The browser went away while we answered: nothing to tell anyone.
        } catch (RuntimeException e) {
            sendJson(exchange, 500, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(value));
        }
    }

    private static Set<String> allowedHosts(InetSocketAddress address) {
        if (!address.getAddress().isLoopbackAddress()) {
            return null;
        }
        String bound = address.getAddress().getHostAddress();
        List<String> names = List.of("localhost", "127.0.0.1", "[::1]", bound.contains(":") ? "[" + bound + "]" : bound);
        List<String> hosts = new ArrayList<>();
        for (String name : names) {
            hosts.add(name + ":" + address.getPort());
            if (address.getPort() == 80) {
                hosts.add(name); // browsers leave out the default port
            }
        }
        return Set.copyOf(hosts);
    }

    private boolean authorized(Request request) {
        String header = request.header("Authorization");
        if (header != null && header.startsWith("Bearer ") && token.matches(header.substring(7).trim())) {
            return true;
        }
        return token.matches(request.parameter("token")) || token.matches(request.cookie(cookieName));
    }

    private static void secureHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
    }

    private static void sendJson(HttpExchange exchange, int status, Map<String, Object> body) {
        try {
            send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the inspector's answer as JSON", e);
        } catch (IOException e) {
            // The browser went away.
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A file of the page, read from the jar once. */
    private record Asset(byte[] bytes, String contentType) {

        static Asset load(String name, String contentType) {
            try (InputStream in = Inspector.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("the inspector's " + name + " is missing from the jar");
                }
                return new Asset(in.readAllBytes(), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the inspector's " + name, e);
            }
        }
    }
}
