package dev.agentsession.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("observations of store calls")
class ObservedSessionServiceTest {

    /** Keeps every stopped observation's context, in order. */
    static final class Recorder implements ObservationHandler<Observation.Context> {
        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }
    }

    private static TestObservationRegistry registry(Recorder recorder) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        registry.observationConfig().observationHandler(recorder);
        return registry;
    }

    private static String tag(Observation.Context context, String key) {
        return context.getLowCardinalityKeyValue(key).getValue();
    }

    @TempDir
    Path folder;

    @Test
    @DisplayName("runs on the Micrometer release this run is for")
    void micrometerRelease() {
        String expected = System.getProperty("micrometer.expected");
        String actual = Observation.class.getPackage().getImplementationVersion();
        if (expected != null && actual != null) {
            assertThat(actual).isEqualTo(expected);
        }
        assertThat(Observation.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .contains("micrometer-observation-" + (expected != null ? expected : "1.15"));
    }

    @Test
    @DisplayName("each call is one observation with backend, operation and outcome, and no id or content")
    void everyCall() {
        Recorder recorder = new Recorder();
        TestObservationRegistry registry = registry(recorder);
        try (SessionService store = ObservedSessionService.observe(
                SessionServices.open("sqlite:" + folder.resolve("observed.db")), registry)) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("secret-id").build());
            session.addEvent(AddEventOptions.of("user", "private words"));
            store.get(new GetRequest("app", "user", "secret-id")).orElseThrow().events(EventsOptions.all());
            store.list(ListRequest.all("app", "user"));
            store.delete(new DeleteRequest("app", "user", "secret-id"));
        }

        List<String> operations = recorder.stopped.stream().map(context -> tag(context, "agentsession.operation"))
                .toList();
        assertThat(operations).containsExactly("create", "append", "get", "events", "list", "delete");
        TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsWithNameEqualTo(
                ObservedSessionService.NAME, 6);
        for (Observation.Context context : recorder.stopped) {
            Set<String> keys = context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey)
                    .collect(Collectors.toSet());
            assertThat(keys).containsExactlyInAnyOrder("agentsession.backend", "agentsession.operation",
                    "agentsession.outcome");
            assertThat(context.getHighCardinalityKeyValues()).isEmpty();
            assertThat(tag(context, "agentsession.backend")).isEqualTo("sqlite");
            assertThat(tag(context, "agentsession.outcome")).isEqualTo("success");
            assertThat(context.toString()).doesNotContain("secret-id").doesNotContain("private words");
        }
    }

    @Test
    @DisplayName("failures are observed with their outcome and the error")
    void failures() {
        Recorder recorder = new Recorder();
        TestObservationRegistry registry = registry(recorder);
        try (SessionService store = ObservedSessionService.observe(SessionServices.open("memory:"), registry)) {
            Session session = store.create(CreateRequest.of("app", "user", "agent"));
            assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("user").expectedLastSequence(7).build()))
                    .isInstanceOf(SessionConflictException.class);
            assertThatThrownBy(() -> store.get(null)).isInstanceOf(IllegalArgumentException.class);
            store.delete(new DeleteRequest("app", "user", session.id()));
            assertThatThrownBy(() -> session.addEvent(AddEventOptions.of("user", "late")))
                    .isInstanceOf(SessionNotFoundException.class);
        }

        assertThat(recorder.stopped.stream().map(context -> tag(context, "agentsession.outcome")).toList())
                .containsExactly("success", "conflict", "bad-input", "success", "not-found");
        assertThat(recorder.stopped.get(1).getError()).isInstanceOf(SessionConflictException.class);
        assertThat(tag(recorder.stopped.get(0), "agentsession.backend")).isEqualTo("memory");
        TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsWithNameEqualTo(
                ObservedSessionService.NAME, 5);
    }

    @Test
    @DisplayName("the metrics page's line: a store opened by URL, observed")
    void metricsPageExample() {
        String url = "memory:";
        Recorder recorder = new Recorder();
        TestObservationRegistry observationRegistry = registry(recorder);
        // tag::metrics-page[]
        SessionService store = ObservedSessionService.observe(SessionServices.open(url), observationRegistry);
        // end::metrics-page[]
        try (store) {
            store.create(CreateRequest.of("app", "user", "agent"));
        }
        TestObservationRegistryAssert.assertThat(observationRegistry).hasNumberOfObservationsWithNameEqualTo(
                ObservedSessionService.NAME, 1);
    }
}
