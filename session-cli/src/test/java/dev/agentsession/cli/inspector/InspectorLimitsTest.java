package dev.agentsession.cli.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inspector against clients that stall or pretend to be another site. */
@DisplayName("the inspector's limits")
class InspectorLimitsTest {

    private static final AccessToken TOKEN = new AccessToken("test-token-0123456789abcdef");

    private SessionService store;
    private Inspector inspector;

    @BeforeEach
    void start() {
        store = SessionServices.open("memory:");
        inspector = Inspector.start(store, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN);
    }

    @AfterEach
    void stop() {
        inspector.close();
        store.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(inspector.address().getAddress(), inspector.address().getPort());
        socket.setSoTimeout((Inspector.REQUEST_SECONDS + 20) * 1000);
        return socket;
    }

    /** Sends a whole request and reads the status line of its answer, or "(closed)" when the server closed the connection. */
    private String statusOf(String host) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/apps HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + TOKEN.value()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return text.isEmpty() ? "(closed)" : text.substring(0, text.indexOf("\r\n"));
        } catch (SocketException reset) {
            return "(closed)";
        }
    }

    /** @return true when the server closed the connection (end of stream or reset) without sending a byte */
    private static boolean closedWithoutAnswer(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Opens {@code count} connections that each send half a request's headers, then nothing. */
    private void stall(List<Socket> stalled, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket socket = connect();
            stalled.add(socket);
            socket.getOutputStream().write(("GET /api/apps HTTP/1.1\r\nHost: " + local() + "\r\nX-Half: ")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
    }

    private String local() {
        return "127.0.0.1:" + inspector.address().getPort();
    }

    @Test
    @DisplayName("24 stalled half-sent requests do not hold up a normal one, and each is closed unanswered after the request deadline")
    void stalledClientsCannotFreezeThePage() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            stall(stalled, 24);

            assertThat(statusOf(local())).isEqualTo("HTTP/1.1 200 OK");

            for (Socket socket : stalled) {
                assertThat(closedWithoutAnswer(socket.getInputStream())).as("a stalled request is closed unanswered")
                        .isTrue();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    @DisplayName("beyond the connection bound a connection is closed at once; once stalled ones pass the deadline, requests are answered again")
    void connectionBound() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            stall(stalled, Inspector.MAX_CONNECTIONS);
            assertThat(statusOf(local())).as("a request over the bound").isEqualTo("(closed)");

            for (Socket socket : stalled) {
                assertThat(closedWithoutAnswer(socket.getInputStream())).isTrue();
            }
            assertThat(statusOf(local())).as("a request once the stalled ones are closed").isEqualTo("HTTP/1.1 200 OK");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"evil.example", "evil.example:PORT", "127.0.0.1.nip.io:PORT", "localhost:1"})
    @DisplayName("on loopback, a Host header that is not this machine's loopback address and port is refused")
    void foreignHostRefused(String host) throws IOException {
        assertThat(statusOf(host.replace("PORT", String.valueOf(inspector.address().getPort()))))
                .isEqualTo("HTTP/1.1 403 Forbidden");
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT"})
    @DisplayName("the loopback names with the port are answered")
    void loopbackHostAnswered(String host) throws IOException {
        assertThat(statusOf(host.replace("PORT", String.valueOf(inspector.address().getPort()))))
                .isEqualTo("HTTP/1.1 200 OK");
    }
}
