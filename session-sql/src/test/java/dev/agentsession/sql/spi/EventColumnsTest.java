package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.sql.schema.tables.records.EventsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.JSONB;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the event columns: one typed list")
class EventColumnsTest {

    private static final AddEventOptions OPTIONS = AddEventOptions.builder("helper").invocationId("inv-1")
            .agentId("agent").branch("main.sub").content("It left the depot.").reasoning("Looked it up.")
            .action(Action.of("track", Map.of("order", "A-17"), Map.of("status", "in transit")))
            .longRunningToolIds(List.of("call-9")).metadata(Map.of("lang", "en"))
            .stateDelta(Map.of("k", 1L, "temp:scratch", "x")).build();

    @Test
    @DisplayName("an append writes every column of the generated events table, each once: a new column must join the list")
    void everyColumnOnce() {
        assertThat(EventColumns.inserted()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(EVENTS.fields());
        assertThat(EventColumns.inserted().subList(0, EventColumns.PAYLOAD.size()))
                .containsExactlyElementsOf(EventColumns.PAYLOAD.stream().map(EventColumns.Column::field).toList());
        assertThat(EventColumns.insertedValues(Appender.SESSION_PK, Appender.SEQUENCE, Appender.CREATED_AT))
                .hasSameSizeAs(EventColumns.inserted());
    }

    @Test
    @DisplayName("a read selects every column but the session's key, which the caller already has")
    void readsEveryColumn() {
        List<Field<?>> read = EventColumns.READ.fields();
        assertThat(read).doesNotContain(EVENTS.SESSION_PK);
        assertThat(read).hasSize(EVENTS.fields().length - 1);
    }

    @Test
    @DisplayName("each parameter is named after its column and typed as it")
    void parametersNamedAfterColumns() {
        for (EventColumns.Column<?> column : EventColumns.PAYLOAD) {
            assertThat(column.param().getParamName()).isEqualTo(column.field().getName());
            assertThat(column.param().getType()).isEqualTo(column.field().getType());
        }
    }

    @Test
    @DisplayName("an append and the event it stored give the same payload, temp: keys left out")
    void appendAndEventAgree() {
        EventColumns.Appended appended = new EventColumns.Appended("e-1", OPTIONS, Map.of("k", 1L));
        List<Object> fromAppend = EventColumns.payload(appended);
        Event event = EventColumns.appended(appended, "s-1", 7, Instant.parse("2026-12-07T10:00:00.000001Z"));

        assertThat(EventColumns.payload(event)).isEqualTo(fromAppend);
        assertThat(fromAppend).hasSize(EventColumns.PAYLOAD.size());
        assertThat(fromAppend.get(0)).isEqualTo("e-1");
        assertThat(fromAppend).contains("inv-1", "agent", "main.sub", "helper", "It left the depot.", "Looked it up.");
        assertThat(fromAppend.get(fromAppend.size() - 1)).isEqualTo(JsonCodec.object(Map.of("k", 1L)));
        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.stateDelta()).isEqualTo(Map.of("k", 1L));
    }

    @Test
    @DisplayName("empty lists and maps are stored as SQL NULL, absent text as NULL")
    void emptiesAreNull() {
        AddEventOptions plain = AddEventOptions.of("user", "hi");
        List<Object> payload = EventColumns.payload(new EventColumns.Appended("e-2", plain, Map.of()));
        int actions = EventColumns.PAYLOAD.indexOf(column(EVENTS.ACTIONS));
        int metadata = EventColumns.PAYLOAD.indexOf(column(EVENTS.METADATA));
        int reasoning = EventColumns.PAYLOAD.indexOf(column(EVENTS.REASONING));

        assertThat(payload.get(actions)).isNull();
        assertThat(payload.get(metadata)).isNull();
        assertThat(payload.get(reasoning)).isNull();
    }

    @Test
    @DisplayName("an imported event becomes a generated record with every inserted column set")
    void importRecord() {
        Event event = EventColumns.appended(new EventColumns.Appended("e-3", OPTIONS, Map.of("k", 1L)), "s-1", 3,
                Instant.parse("2026-12-07T10:00:00Z"));
        EventsRecord record = EventColumns.record(event, 42);

        for (Field<?> field : EventColumns.inserted()) {
            assertThat(record.changed(field)).as(field.getName()).isTrue();
        }
        assertThat(record.getSessionPk()).isEqualTo(42);
        assertThat(record.getSequence()).isEqualTo(3);
        assertThat(record.getActions()).isInstanceOf(JSONB.class);
        assertThat(record.getContent()).isEqualTo("It left the depot.");
    }

    private static EventColumns.Column<?> column(Field<?> field) {
        return EventColumns.PAYLOAD.stream().filter(column -> column.field() == field).findFirst().orElseThrow();
    }
}
