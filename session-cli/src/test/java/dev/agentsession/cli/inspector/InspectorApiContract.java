package dev.agentsession.cli.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The inspector's HTTP contract over one backend: the token on every request, read-only, and the
 * JSON views of apps, users, sessions, events, state and finding by id. Subclasses say which store.
 */
abstract class InspectorApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccessToken TOKEN = new AccessToken("test-token-0123456789abcdef");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private SessionService store;
    private Inspector inspector;

    /** @return a new, empty store */
    protected abstract SessionService openEmptyStore() throws Exception;

    @BeforeEach
    void start() throws Exception {
        store = openEmptyStore();
        Conversations.trip(store);
        inspector = Inspector.start(store, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN);
    }

    @AfterEach
    void stop() {
        if (inspector != null) {
            inspector.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(inspector.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, "Bearer " + TOKEN.value());
        assertThat(response.statusCode()).as("GET %s answered %s", path, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    private static JsonNode tree(String json) throws IOException {
        return JSON.readTree(json);
    }

    private static String query(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return "?" + String.join("&", parts);
    }

    private static String trip(String... more) {
        List<String> pairs = new ArrayList<>(List.of("app", Conversations.APP, "user", Conversations.USER,
                "id", Conversations.TRIP));
        pairs.addAll(List.of(more));
        return query(pairs.toArray(String[]::new));
    }

    @Test
    @DisplayName("every page, script and API call is refused without the token, or with a wrong one")
    void refusesRequestsWithoutTheToken() throws Exception {
        for (String path : List.of("/", "/inspector.js", "/inspector.css", "/api/apps", "/api/session" + trip(),
                "/no-such-page")) {
            HttpResponse<String> none = send("GET", path, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.body()).contains("needs the access token").doesNotContain(Conversations.TRIP);
            assertThat(send("GET", path, "Bearer wrong-token-0123456789abcdef").statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path + (path.contains("?") ? "&" : "?") + "token=nearly" + TOKEN.value(), null)
                    .statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("the printed link moves the token into a strict, HTTP-only cookie that later requests carry")
    void linkSetsTheCookie() throws Exception {
        HttpResponse<String> link = http.send(HttpRequest.newBuilder(inspector.link()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(link.statusCode()).isEqualTo(303);
        assertThat(link.headers().firstValue("Location")).hasValue("/");
        String cookie = link.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("agentsession-token-" + inspector.address().getPort() + "=" + TOKEN.value())
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(inspector.uri())
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>agent-session inspector</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    @DisplayName("nothing writes: any method but GET and HEAD is refused and the store is unchanged")
    void readOnly() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = send(method, "/api/session" + trip(), "Bearer " + TOKEN.value());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        assertThat(send("HEAD", "/api/apps", "Bearer " + TOKEN.value()).statusCode()).isEqualTo(200);
        assertThat(store.get(new GetRequest(Conversations.APP, Conversations.USER, Conversations.TRIP)).orElseThrow()
                .lastSequence()).isEqualTo(4);
    }

    @Test
    @DisplayName("apps, then users, then a user's sessions newest first, a page at a time")
    void browsesAppsUsersAndSessions() throws Exception {
        Conversations.more(store, Conversations.APP, "bob", 5);
        Conversations.more(store, "weather-bot", "carol", 1);

        assertThat(get("/api/apps").get("apps")).isEqualTo(tree("[\"travel-bot\",\"weather-bot\"]"));
        assertThat(get("/api/users" + query("app", Conversations.APP)).get("users"))
                .isEqualTo(tree("[\"alice\",\"bob\"]"));

        JsonNode first = get("/api/sessions" + query("app", Conversations.APP, "user", "bob", "limit", "2"));
        assertThat(first.get("sessions").findValuesAsText("id")).containsExactly("bob-5", "bob-4");
        assertThat(first.get("more").asBoolean()).isTrue();
        assertThat(first.get("sessions").get(0).get("lastSequence").asLong()).isEqualTo(1);
        JsonNode last = get("/api/sessions" + query("app", Conversations.APP, "user", "bob", "limit", "2",
                "offset", "4"));
        assertThat(last.get("sessions").findValuesAsText("id")).containsExactly("bob-1");
        assertThat(last.get("more").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("a session shows its metadata and current state; its events come in order with every field")
    void showsASessionAndItsEvents() throws Exception {
        JsonNode session = get("/api/session" + trip());
        assertThat(session.get("agent").asText()).isEqualTo("planner");
        assertThat(session.get("lastSequence").asLong()).isEqualTo(4);
        assertThat(session.get("metadata")).isEqualTo(tree("{\"channel\":\"web\",\"locale\":\"en-GB\"}"));
        assertThat(session.get("state")).isEqualTo(tree("{\"user:name\":\"Alice\",\"user:trips\":1}"));

        JsonNode events = get("/api/events" + trip());
        assertThat(events.get("events").findValuesAsText("author")).containsExactly("user", "planner", "user", "planner");
        assertThat(events.get("more").asBoolean()).isFalse();
        JsonNode answer = events.get("events").get(1);
        assertThat(answer.get("sequence").asLong()).isEqualTo(2);
        assertThat(answer.get("reasoning").asText()).startsWith("The user wants a forecast");
        assertThat(answer.get("branch").asText()).isEqualTo("planner.weather");
        assertThat(answer.get("actions").get(0).get("toolName").asText()).isEqualTo("get_forecast");
        assertThat(answer.get("actions").get(0).get("input")).isEqualTo(tree("{\"city\":\"Kyoto\",\"days\":1}"));
        assertThat(answer.get("actions").get(0).get("output").get("conditions").asText()).isEqualTo("light rain");
        assertThat(answer.get("actions").get(1).get("output").isNull()).isTrue();
        assertThat(answer.get("longRunningToolIds")).isEqualTo(tree("[\"booking-77\"]"));
        assertThat(answer.get("stateDelta")).isEqualTo(tree("{\"city\":\"Kyoto\",\"user:trips\":1}"));
        assertThat(answer.get("createdAt").asText()).endsWith("Z");
        assertThat(events.get("events").get(2).get("content").asText()).isEqualTo(Conversations.SCRIPT);
    }

    @Test
    @DisplayName("events page forward from a sequence, which is how the page picks up new ones")
    void pagesEventsAfterASequence() throws Exception {
        JsonNode page = get("/api/events" + trip("after", "1", "limit", "2"));
        assertThat(page.get("events").findValues("sequence").stream().map(JsonNode::asLong)).containsExactly(2L, 3L);
        assertThat(page.get("more").asBoolean()).isTrue();
        JsonNode end = get("/api/events" + trip("after", "4"));
        assertThat(end.get("events")).isEmpty();
        assertThat(end.get("more").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("the state as of an event: what the session's deltas had built by then, removals included,"
            + " and the keys no event changed as they are now")
    void stateAsOfAnEvent() throws Exception {
        assertThat(get("/api/state" + trip("at", "1")).get("state")).isEqualTo(tree("{\"user:name\":\"Alice\"}"));
        JsonNode second = get("/api/state" + trip("at", "2"));
        assertThat(second.get("state")).isEqualTo(tree("{\"city\":\"Kyoto\",\"user:name\":\"Alice\",\"user:trips\":1}"));
        assertThat(second.get("changedByEvents")).isEqualTo(tree("[\"city\",\"user:trips\"]"));
        assertThat(get("/api/state" + trip("at", "4")).get("state"))
                .isEqualTo(tree("{\"user:name\":\"Alice\",\"user:trips\":1}"));
        assertThat(get("/api/state" + trip()).get("at").asLong()).isEqualTo(4);
    }

    @Test
    @DisplayName("a session is found by its id alone, in every scope that holds it")
    void findsASessionById() throws Exception {
        assertThat(get("/api/find" + query("id", Conversations.TRIP)).get("matches"))
                .isEqualTo(tree("[{\"app\":\"travel-bot\",\"user\":\"alice\"}]"));
        assertThat(get("/api/find" + query("id", "no-such-session")).get("matches")).isEmpty();
    }

    @Test
    @DisplayName("a missing or malformed parameter, an unknown session or page gets an error naming it")
    void badRequestsNameWhatWasWrong() throws Exception {
        String bearer = "Bearer " + TOKEN.value();
        HttpResponse<String> missing = send("GET", "/api/sessions" + query("app", Conversations.APP), bearer);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("'user' is required");
        HttpResponse<String> malformed = send("GET", "/api/events" + trip("after", "ten"), bearer);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("'after' must be a whole number");
        HttpResponse<String> tooMany = send("GET", "/api/events" + trip("limit", "100000"), bearer);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("'limit' must be between 1 and 500");
        HttpResponse<String> unknown = send("GET", "/api/session" + query("app", Conversations.APP, "user", "bob",
                "id", Conversations.TRIP), bearer);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no session 'kyoto-trip' of user 'bob' in app 'travel-bot'");
        assertThat(send("GET", "/api/nothing", bearer).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("the link and address point at loopback with the port the server got")
    void linkPointsAtTheServer() {
        URI link = inspector.link();
        assertThat(link.getHost()).isEqualTo("127.0.0.1");
        assertThat(link.getPort()).isEqualTo(inspector.address().getPort()).isPositive();
        assertThat(link.getQuery()).isEqualTo("token=" + TOKEN.value());
        assertThat(TOKEN.toString()).doesNotContain(TOKEN.value());
    }
}
