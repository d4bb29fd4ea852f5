package dev.agentsession.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.dbcp2.BasicDataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the SQLite group-commit writer")
class GroupCommitWriterTest {

    @TempDir
    Path temp;

    private Path file;
    private BasicDataSource pool;
    private final AtomicInteger commits = new AtomicInteger();
    private GroupCommitWriter writer;

    @BeforeEach
    void open() throws SQLException {
        file = temp.resolve("writer.db");
        try (Connection connection = DriverManager.getConnection(SqliteDatabase.url(file));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("CREATE TABLE t (n INTEGER NOT NULL)");
        }
        pool = SqliteDatabase.pool(file, SqliteDatabase.config(Synchronous.NORMAL, Duration.ofMillis(200), false), 1);
        writer = new GroupCommitWriter(pool, Duration.ofMillis(300), commits::incrementAndGet);
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        pool.close();
    }

    private static int insert(DSLContext dsl, int n) {
        return dsl.insertInto(DSL.table("t")).values(n).execute();
    }

    private long rows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SqliteDatabase.url(file));
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM t")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    @DisplayName("writes from eight threads each get their own result, and every one is committed")
    void manyThreads() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(threads.submit(() -> writer.transaction(dsl -> insert(dsl, n) * 1000 + n)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(1, TimeUnit.MINUTES)).isEqualTo(1000 + i);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(rows()).isEqualTo(400);
        assertThat(commits.get()).isBetween(1, 400);
    }

    @Test
    @DisplayName("writes queued behind a running one commit together; one that fails there fails alone")
    void batchIsolatesFailures() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> first = threads.submit(() -> writer.transaction(dsl -> {
                running.countDown();
                await(release);
                return insert(dsl, 1);
            }));
            assertThat(running.await(1, TimeUnit.MINUTES)).isTrue();
            IllegalStateException refused = new IllegalStateException("this write is refused");
            Future<Integer> failing = threads.submit(() -> writer.transaction(dsl -> {
                insert(dsl, 2);
                throw refused;
            }));
            Future<Integer> third = threads.submit(() -> writer.transaction(dsl -> insert(dsl, 3)));
            Thread.sleep(100);  // both queued behind the first
            release.countDown();

            assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo(1);
            assertThat(third.get(1, TimeUnit.MINUTES)).isEqualTo(1);
            assertThatThrownBy(() -> failing.get(1, TimeUnit.MINUTES)).hasCause(refused);
        } finally {
            threads.shutdownNow();
        }
        assertThat(rows()).isEqualTo(2);
        assertThat(commits.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("a write waits for another process's lock up to the lock wait, fails saying why, and the next one succeeds")
    void lockHeldElsewhere() throws Exception {
        try (Connection other = DriverManager.getConnection(SqliteDatabase.url(file));
             Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            long start = System.nanoTime();
            assertThatThrownBy(() -> writer.transaction(dsl -> insert(dsl, 1)))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("SQLite write failed")
                    .hasRootCauseInstanceOf(org.sqlite.SQLiteException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            statement.execute("ROLLBACK");
        }
        int inserted = writer.transaction(dsl -> insert(dsl, 2));
        assertThat(inserted).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    @DisplayName("an Error thrown by a write reaches its caller, and the writer goes on")
    void errorsReachTheCaller() throws Exception {
        AssertionError error = new AssertionError("broken write");
        assertThatThrownBy(() -> writer.transaction(dsl -> {
            throw error;
        })).isSameAs(error);
        int inserted = writer.transaction(dsl -> insert(dsl, 1));
        assertThat(inserted).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
