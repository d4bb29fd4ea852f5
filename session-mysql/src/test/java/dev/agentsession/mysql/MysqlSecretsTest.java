package dev.agentsession.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.SessionStoreException;
import dev.agentsession.conformance.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own JVM with every library logging at DEBUG, and captures all that is printed
 * while stores open, work and fail with a password.
 */
@DisplayName("secrets: no message or log line shows the database password")
class MysqlSecretsTest {

    private static final String SECRET = "s3cr3t-Pa55word-xyzzy";
    private static final String WRONG = "wr0ng-Pa55word-plugh";

    /** MySQL's native password hash: '*' and the hex of SHA-1(SHA-1(password)). */
    private static String nativePasswordHash(String password) throws Exception {
        java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
        byte[] twice = sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
        return "*" + java.util.HexFormat.of().withUpperCase().formatHex(twice);
    }

    @Test
    @DisplayName("opening, using and failing with a password never prints or throws it")
    void passwordsStayHidden() throws Exception {
        String server = TestDatabase.MYSQL.serverUrl(MysqlTestBackend.Container::start);
        String database = MysqlTestBackend.freshStore();
        try (Connection connection = DriverManager.getConnection(MysqlTestBackend.plainJdbcUrl(server));
             Statement statement = connection.createStatement()) {
            // by its hash: this JVM logs every statement at DEBUG, and the password must not appear even here
            String hash = nativePasswordHash(SECRET);
            for (String host : new String[] {"%", "localhost"}) {
                statement.execute("CREATE USER IF NOT EXISTS 'agentsession_secret'@'" + host
                        + "' IDENTIFIED BY PASSWORD '" + hash + "'");
                statement.execute("ALTER USER 'agentsession_secret'@'" + host + "' IDENTIFIED BY PASSWORD '" + hash + "'");
                statement.execute("GRANT ALL ON *.* TO 'agentsession_secret'@'" + host + "'");
            }
        }
        String plain = database.replaceFirst("\\?.*$", "");

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Throwable wrongPassword;
        Throwable wrongInUrl;
        String configText;
        try {
            System.setOut(capture);
            System.setErr(capture);
            try (SessionService store = MysqlSessionService.builder().url(plain).user("agentsession_secret")
                    .password(SECRET).build()) {
                store.create(CreateRequest.of("app", "user", "agent")).addEvent(AddEventOptions.of("user", "hi"));
            }
            SessionStoreConfig config = SessionStoreConfig.builder(plain + "?user=agentsession_secret&password=" + SECRET)
                    .build();
            configText = config.toString();
            try (SessionService store = SessionServices.open(config)) {
                store.create(CreateRequest.of("app", "user", "agent"));
            }
            wrongPassword = catchThrowable(() -> MysqlSessionService.builder().url(plain).user("agentsession_secret")
                    .password(WRONG).connectionTimeout(Duration.ofSeconds(2)).build());
            wrongInUrl = catchThrowable(() -> SessionServices.open(
                    plain + "?user=agentsession_secret&password=" + WRONG));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);

        assertThat(logs).as("DEBUG logging was on, so the check below could fail").contains("agent-session-mysql");
        assertThat(logs).doesNotContain(SECRET).doesNotContain(WRONG);
        assertThat(configText).doesNotContain(SECRET);
        for (Throwable failure : new Throwable[] {wrongPassword, wrongInUrl}) {
            assertThat(failure).isInstanceOf(SessionStoreException.class);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(WRONG).doesNotContain(SECRET);
                for (Throwable suppressed : t.getSuppressed()) {
                    assertThat(String.valueOf(suppressed.getMessage())).doesNotContain(WRONG);
                }
            }
        }
        System.out.println("secrets test: " + logs.lines().count() + " log lines checked");
    }
}
