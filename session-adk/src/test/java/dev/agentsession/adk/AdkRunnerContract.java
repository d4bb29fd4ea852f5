package dev.agentsession.adk;

import static com.google.adk.testing.TestUtils.createFunctionCallLlmResponse;
import static com.google.adk.testing.TestUtils.createTextLlmResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.agents.LlmAgent;
import com.google.adk.events.Event;
import com.google.adk.models.LlmRequest;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.testing.TestLlm;
import com.google.adk.tools.FunctionTool;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A real ADK {@link Runner} with a scripted model, an {@link LlmAgent} and a function tool, keeping
 * its session in a store that is closed and opened again between turns.
 */
abstract class AdkRunnerContract {

    static final String APP = "weather_app";
    static final String USER = "ada";

    String url;

    /** @return the URL of a new, empty store that can be opened again */
    abstract String freshStoreUrl() throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        url = freshStoreUrl();
    }

    static Runner runner(AdkSessionService sessions, TestLlm model) {
        LlmAgent agent = LlmAgent.builder()
                .name("weather_agent")
                .model(model)
                .instruction("Answer questions about the weather.")
                .tools(FunctionTool.create(WeatherTools.class, "getWeather"))
                .build();
        return Runner.builder().agent(agent).appName(APP).sessionService(sessions).build();
    }

    /** @return copies of the events without the {@code temp:} keys of their deltas, as a store keeps them */
    static List<Event> withoutTemp(List<Event> events) {
        List<Event> kept = new ArrayList<>();
        for (Event event : events) {
            ConcurrentHashMap<String, Object> delta = new ConcurrentHashMap<>(event.actions().stateDelta());
            delta.keySet().removeIf(key -> key.startsWith("temp:"));
            kept.add(event.toBuilder().actions(event.actions().toBuilder().stateDelta(delta).build()).build());
        }
        return kept;
    }

    static Content say(String text) {
        return Content.builder().role("user").parts(List.of(Part.fromText(text))).build();
    }

    @Test
    @DisplayName("the ADK page's example: a Runner keeps its session in the store")
    void adkPageExample() {
        TestLlm model = TestLlm.create(List.of(
                createFunctionCallLlmResponse("call-1", "getWeather", Map.of("city", "Kyoto")),
                createTextLlmResponse("It is sunny in Kyoto.")));
        LlmAgent agent = LlmAgent.builder().name("weather_agent").model(model)
                .instruction("Answer questions about the weather.")
                .tools(FunctionTool.create(WeatherTools.class, "getWeather")).build();
        // tag::adk-page[]
        try (SessionService store = SessionServices.open(url)) {
            AdkSessionService sessions = AdkSessionService.over(store);   // or .builder(store)…build()
            Runner runner = Runner.builder().agent(agent).appName("weather_app").sessionService(sessions).build();
            String sessionId = sessions.createSession("weather_app", "ada").blockingGet().id();
            runner.runAsync("ada", sessionId, Content.fromParts(Part.fromText("Weather in Kyoto?"))).blockingSubscribe();
            assertThat(store.get(new GetRequest("weather_app", "ada", sessionId)).orElseThrow() // not on the page
                    .events(EventsOptions.all())).hasSize(4); // not on the page
        }
        // end::adk-page[]
    }

    @Test
    @DisplayName("a tool-calling turn is stored whole, and a new Runner on the reopened store resumes it")
    void conversationSurvivesRestart() {
        List<Event> firstTurn;
        List<Event> storedAfterFirst;
        try (SessionService store = SessionServices.open(url)) {
            AdkSessionService sessions = AdkSessionService.over(store);
            TestLlm model = TestLlm.create(List.of(
                    createFunctionCallLlmResponse("call-1", "getWeather", Map.of("city", "Paris")),
                    createTextLlmResponse("It is sunny in Paris, 24 degrees.")));
            sessions.createSession(APP, USER, Map.of("user:name", "Ada"), "trip").blockingGet();

            firstTurn = runner(sessions, model).runAsync(USER, "trip", say("What is the weather in Paris?"))
                    .toList().blockingGet();

            Session stored = sessions.getSession(APP, USER, "trip", Optional.empty()).blockingGet();
            storedAfterFirst = stored.events();
            assertThat(firstTurn).hasSize(3);
            assertThat(storedAfterFirst).hasSize(4);
            // the tool kept a live client under temp:, which the Runner's events carry and the store never keeps
            assertThat(firstTurn.get(1).actions().stateDelta()).containsKey("temp:http_client");
            assertThat(storedAfterFirst.subList(1, 4)).containsExactlyElementsOf(withoutTemp(firstTurn));
            assertThat(storedAfterFirst.get(0).author()).isEqualTo("user");
            assertThat(firstTurn.get(0).functionCalls()).singleElement()
                    .satisfies(call -> assertThat(call.name()).contains("getWeather"));
            assertThat(firstTurn.get(1).functionResponses()).singleElement()
                    .satisfies(response -> assertThat(response.response().orElseThrow()).containsEntry("forecast", "sunny"));
            assertThat(firstTurn.get(2).stringifyContent()).contains("It is sunny in Paris");
            assertThat(new HashMap<>(stored.state())).containsEntry("last_city", "Paris")
                    .containsEntry("user:name", "Ada").containsEntry("user:lookups", 1)
                    .doesNotContainKey("temp:http_client");
        }

        try (SessionService store = SessionServices.open(url)) {
            AdkSessionService sessions = AdkSessionService.over(store);
            TestLlm model = TestLlm.create(List.of(createTextLlmResponse("You are welcome, Ada.")));

            List<Event> secondTurn = runner(sessions, model).runAsync(USER, "trip", say("Thanks!")).toList()
                    .blockingGet();

            LlmRequest request = model.getLastRequest();
            assertThat(request.contents()).extracting(AdkRunnerContract::describe).containsExactly(
                    "user: What is the weather in Paris?",
                    "model: call getWeather",
                    "user: response getWeather",
                    "model: It is sunny in Paris, 24 degrees.",
                    "user: Thanks!");
            Session resumed = sessions.getSession(APP, USER, "trip", Optional.empty()).blockingGet();
            assertThat(resumed.events().subList(0, 4)).containsExactlyElementsOf(storedAfterFirst);
            assertThat(resumed.events()).hasSize(6).endsWith(secondTurn.get(0));
            assertThat(new HashMap<>(resumed.state())).containsEntry("last_city", "Paris");
            List<dev.agentsession.Event> plain = store.get(new GetRequest(APP, USER, "trip")).orElseThrow()
                    .events(EventsOptions.all());
            assertThat(plain).extracting(dev.agentsession.Event::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(plain.get(2).actions()).singleElement().satisfies(action -> {
                assertThat(action.toolName()).isEqualTo("getWeather");
                assertThat(action.input()).isEqualTo(Map.of("city", "Paris"));
                assertThat(action.output()).isEqualTo(Map.of("forecast", "sunny", "celsius", 24L));
            });
        }
    }

    @Test
    @DisplayName("two Runners taking turns on one session at once lose nothing (stale check off)")
    void twoRunnersAtOnce() throws Exception {
        try (SessionService store = SessionServices.open(url)) {
            AdkSessionService sessions = AdkSessionService.builder(store).staleSessionCheck(false).build();
            sessions.createSession(APP, USER, Map.of(), "busy").blockingGet();
            List<Event> emitted = new CopyOnWriteArrayList<>();

            List<Throwable> failures = runConcurrently(sessions, emitted, 5);

            assertThat(failures).isEmpty();
            List<Event> stored = sessions.getSession(APP, USER, "busy", Optional.empty()).blockingGet().events();
            assertThat(stored).hasSize(20).containsAll(emitted);
            assertThat(stored.stream().filter(e -> "user".equals(e.author()))).hasSize(10);
            assertThat(store.get(new GetRequest(APP, USER, "busy")).orElseThrow().lastSequence()).isEqualTo(20);
        }
    }

    @Test
    @DisplayName("two Runners at once with the stale check: every acknowledged event is stored once, the losers fail as stale")
    void twoRunnersAtOnceWithStaleCheck() throws Exception {
        try (SessionService store = SessionServices.open(url)) {
            AdkSessionService sessions = AdkSessionService.over(store);
            sessions.createSession(APP, USER, Map.of(), "busy").blockingGet();
            List<Event> emitted = new CopyOnWriteArrayList<>();

            List<Throwable> failures = runConcurrently(sessions, emitted, 5);

            List<Event> stored = sessions.getSession(APP, USER, "busy", Optional.empty()).blockingGet().events();
            assertThat(stored).containsAll(emitted).doesNotHaveDuplicates();
            assertThat(store.get(new GetRequest(APP, USER, "busy")).orElseThrow().lastSequence())
                    .isEqualTo(stored.size());
            assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(SessionException.class)
                    .hasCauseInstanceOf(SessionConflictException.class));
            assertThat(emitted).isNotEmpty();
        }
    }

    /** Two runners, each taking {@code turns} turns on session "busy" at the same time. */
    private static List<Throwable> runConcurrently(AdkSessionService sessions, List<Event> emitted, int turns)
            throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String who : List.of("left", "right")) {
                Runner runner = runner(sessions, new TestLlm(() -> Flowable.just(createTextLlmResponse("noted, " + who))));
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int turn = 0; turn < turns; turn++) {
                        try {
                            emitted.addAll(runner.runAsync(USER, "busy", say(who + " " + turn)).toList().blockingGet());
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    private static String describe(Content content) {
        Part part = content.parts().orElseThrow().get(0);
        String text = part.text().orElse(null);
        if (text == null && part.functionCall().isPresent()) {
            text = "call " + part.functionCall().get().name().orElseThrow();
        }
        if (text == null && part.functionResponse().isPresent()) {
            text = "response " + part.functionResponse().get().name().orElseThrow();
        }
        return content.role().orElse("?") + ": " + text;
    }
}
