package dev.agentsession.cli;

import dev.agentsession.SessionService;
import dev.agentsession.cli.inspector.AccessToken;
import dev.agentsession.cli.inspector.Inspector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the inspector page over a store until stopped. */
@Command(name = "serve", description = {"Serve a read-only page to look at the store's conversations in a browser.",
    "Listens on 127.0.0.1 unless told otherwise; every request needs the access token printed at start."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "7341", description = "the port to listen on; 0 picks a free one"
            + " (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE}); anything but loopback needs"
                    + " --allow-remote")
    String bind;

    @Option(names = "--allow-remote", description = "allow --bind to an address other machines can reach"
            + " (the token is still required; the page is plain HTTP)")
    boolean allowRemote;

    @Option(names = "--token", defaultValue = "${env:AGENTSESSION_INSPECTOR_TOKEN}",
            description = "the access token, at least 16 letters, digits, '-' or '_'"
                    + " (default: $AGENTSESSION_INSPECTOR_TOKEN, else a new random one)")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        InetAddress address = address(bind);
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("--bind " + bind + " would let other machines reach the page:"
                    + " add --allow-remote to mean it");
        }
        AccessToken secret = token == null || token.isBlank() ? AccessToken.random() : new AccessToken(token);
        CountDownLatch stopAsked = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl+C: the hook asks this thread to stop, then lets the JVM end once the store is closed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAsked.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "session-inspector-stop"));
        try (SessionService service = store.open(StoreOptions.Access.READ);
             Inspector inspector = Inspector.start(service, new InetSocketAddress(address, port), secret)) {
            System.out.println("session inspector of " + service + " at " + inspector.uri());
            System.out.println("open this link (it holds the access token): " + inspector.link());
            if (!address.isLoopbackAddress()) {
                System.out.println("warning: listening on " + bind + " over plain HTTP: the token and the"
                        + " conversations cross the network unencrypted");
            }
            System.out.println("read-only; stop with Ctrl+C");
            System.out.flush();
            stopAsked.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + host + " is not an address of this machine", e);
        }
    }
}
