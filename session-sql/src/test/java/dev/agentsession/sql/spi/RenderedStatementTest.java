package dev.agentsession.sql.spi;

import static dev.agentsession.sql.schema.Tables.EVENTS;
import static dev.agentsession.sql.schema.Tables.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("statements rendered once")
class RenderedStatementTest {

    private static final DSLContext DSL_CONTEXT = DSL.using(SQLDialect.POSTGRES, SqlDatabase.settings());
    private static final Param<String> APP = DSL.param("app", SESSIONS.APP_NAME);
    private static final Param<String> USER = DSL.param("user", SESSIONS.USER_ID);
    private static final Param<Instant> NOW = DSL.param("now", SESSIONS.UPDATED_AT);

    @Test
    @DisplayName("a statement's placeholders are its named parameters, in bind order")
    void parametersInBindOrder() {
        RenderedStatement statement = RenderedStatement.of(DSL_CONTEXT, DSL_CONTEXT.update(SESSIONS)
                .set(SESSIONS.UPDATED_AT, NOW).where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq(USER)));

        assertThat(statement.sql()).startsWith("update \"sessions\"").doesNotContain(":now", ":app", ":user");
        assertThat(statement.sql().chars().filter(c -> c == '?').count()).isEqualTo(3);
        assertThat(statement.parameterNames()).containsExactly("now", "app", "user");
        assertThat(statement.values().set(USER, "u").set(APP, "a").set(NOW, Instant.EPOCH)).isNotNull();
    }

    @Test
    @DisplayName("two parameters of one name fail when the statement is built")
    void duplicateNameFails() {
        Param<String> otherUser = DSL.param("app", SESSIONS.USER_ID);
        assertThatThrownBy(() -> RenderedStatement.of(DSL_CONTEXT, DSL_CONTEXT.selectFrom(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq(otherUser))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 placeholders but 1 distinct named parameters [app]");
    }

    @Test
    @DisplayName("a bind value that is not a named parameter fails when the statement is built")
    void unnamedValueFails() {
        assertThatThrownBy(() -> RenderedStatement.of(DSL_CONTEXT, DSL_CONTEXT.selectFrom(SESSIONS)
                .where(SESSIONS.APP_NAME.eq(APP)).and(SESSIONS.USER_ID.eq("alice"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a bind value without a name");
    }

    @Test
    @DisplayName("a value for a parameter the statement lacks, or a parameter left without a value, fails")
    void valuesMustMatch() {
        RenderedStatement statement = RenderedStatement.of(DSL_CONTEXT, DSL_CONTEXT.selectFrom(EVENTS)
                .where(EVENTS.SESSION_PK.eq(DSL.param("pk", EVENTS.SESSION_PK))));

        assertThatThrownBy(() -> statement.values().set(APP, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parameter app");
        assertThatThrownBy(() -> statement.values().prepare(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no value for parameter pk");
    }
}
