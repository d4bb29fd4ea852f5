package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Time: UTC microseconds, whatever the JVM default time zone.
 */
abstract class TimeCases extends ConformanceCases {

    TimeCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("instants are UTC, truncated to microseconds, and read back equal")
    void instantsAreMicrosecondPrecise() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Session session = newSession();
        List<Event> events = append(session, 20);
        Instant after = Instant.now();

        List<Instant> instants = new ArrayList<>();
        instants.add(session.createdAt());
        events.forEach(e -> instants.add(e.createdAt()));
        assertThat(instants).allSatisfy(instant -> {
            assertThat(instant.getNano() % 1_000).isZero();
            assertThat(instant).isBetween(before.minusSeconds(5), after.plusSeconds(5));
        });
        assertThat(reread(session).updatedAt()).isEqualTo(events.get(19).createdAt());
        assertThat(session.events(EventsOptions.all())).extracting(Event::createdAt)
                .isEqualTo(events.stream().map(Event::createdAt).collect(Collectors.toList()));
    }

    @Test
    @DisplayName("events can be chosen by the time they were written: at or after it, then the sequence filter and the limit")
    void eventsFilteredByTimeWritten() {
        Session session = newSession();
        List<Event> events = append(session, 12);
        Instant threshold = events.get(5).createdAt();
        List<Event> notBefore = events.stream().filter(e -> !e.createdAt().isBefore(threshold)).toList();

        assertThat(notBefore).contains(events.get(5)).doesNotContain(events.get(0));
        assertThat(session.events(EventsOptions.notBefore(threshold))).isEqualTo(notBefore);
        assertThat(session.events(EventsOptions.last(3).withNotBefore(threshold)))
                .isEqualTo(notBefore.subList(notBefore.size() - 3, notBefore.size()));
        assertThat(session.events(EventsOptions.after(9).withNotBefore(threshold))).isEqualTo(events.subList(9, 12));
        assertThat(session.events(new EventsOptions(100, 0, threshold))).isEqualTo(notBefore);
        Instant afterLast = events.get(11).createdAt().plus(1, ChronoUnit.MICROS);
        assertThat(session.events(EventsOptions.notBefore(afterLast))).isEmpty();
        assertThat(session.events(EventsOptions.notBefore(Instant.EPOCH))).isEqualTo(events);
    }

    @ParameterizedTest(name = "written in {0}, read in {1}")
    @CsvSource({
        "Asia/Shanghai, America/Los_Angeles",
        "America/Los_Angeles, Pacific/Chatham",
        "Asia/Kolkata, UTC"})
    @DisplayName("results do not change with the JVM default time zone")
    void defaultTimeZoneDoesNotMatter(String writeZone, String readZone) throws Exception {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(writeZone));
            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Session session = newSession();
            Event event = session.addEvent(AddEventOptions.of("user", "what time is it?"));
            Instant cutoff = cutoffAfter(event.createdAt());
            Session later = newSession();

            TimeZone.setDefault(TimeZone.getTimeZone(readZone));
            if (capabilities().contains(Capability.REOPEN)) {
                service.close();
                reopenStore();
            }
            Session read = reread(session);
            assertThat(read.createdAt()).isEqualTo(session.createdAt());
            assertThat(read.updatedAt()).isEqualTo(event.createdAt());
            assertThat(read.events(EventsOptions.all()).get(0).createdAt()).isEqualTo(event.createdAt());
            assertThat(event.createdAt()).isBetween(before.minusSeconds(5), cutoff.plusSeconds(5));
            assertThat(service.deleteSessionsUpdatedBefore(cutoff, APP, USER)).isEqualTo(1);
            assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                    .containsExactly(later.id());
        } finally {
            TimeZone.setDefault(original);
        }
    }
}
