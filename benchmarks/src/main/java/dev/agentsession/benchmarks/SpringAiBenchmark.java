package dev.agentsession.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.springai.SessionChatMemoryRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.MysqlChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.PostgresChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.SqliteChatMemoryRepositoryDialect;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Spring AI chat memory: {@code MessageWindowChatMemory} over Spring AI's own
 * {@code JdbcChatMemoryRepository} (the peer: {@code repository=jdbc}, used without Spring Boot,
 * its table made from the schema file its jar ships) or over this library's
 * {@code SessionChatMemoryRepository} ({@code repository=agent-session}), on the same database.
 * Each add of a ~1 KB message to a conversation already holding {@code window} messages.
 */
@State(Scope.Benchmark)
public class SpringAiBenchmark {

    @Param({"SQLITE", "POSTGRES", "MARIADB"})
    public Backend backend;

    @Param({"20", "1000"})
    public int window;

    @Param({"jdbc", "agent-session"})
    public String repository;

    Fixture fixture;
    HikariDataSource pool;
    ChatMemory memory;
    String conversation;

    @Setup(Level.Trial)
    public void open() throws Exception {
        fixture = Fixture.open(backend, "peer", true);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(fixture.jdbcUrl);
        config.setDataSourceProperties(fixture.pool.getDataSourceProperties());
        config.setMaximumPoolSize(Fixture.POOL_SIZE);
        pool = new HikariDataSource(config);
        ChatMemoryRepository repository;
        if (this.repository.equals("jdbc")) {
            createTable();
            repository = JdbcChatMemoryRepository.builder()
                    .jdbcTemplate(new JdbcTemplate(pool))
                    .dialect(dialect())
                    .transactionManager(new DataSourceTransactionManager(pool))
                    .build();
        } else {
            repository = SessionChatMemoryRepository.builder(fixture.service).scope("bench", "user").build();
        }
        memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(window).build();
        conversation = UUID.randomUUID().toString();
        List<Message> history = new ArrayList<>();
        for (int i = 0; i < window; i++) {
            history.add(new UserMessage(Fixture.CONTENT));
        }
        repository.saveAll(conversation, history);
    }

    private JdbcChatMemoryRepositoryDialect dialect() {
        return switch (backend) {
            case SQLITE -> new SqliteChatMemoryRepositoryDialect();
            case POSTGRES -> new PostgresChatMemoryRepositoryDialect();
            default -> new MysqlChatMemoryRepositoryDialect();
        };
    }

    private void createTable() throws Exception {
        String file = switch (backend) {
            case SQLITE -> "sqlite";
            case POSTGRES -> "postgresql";
            default -> "mariadb";
        };
        String script;
        try (InputStream in = JdbcChatMemoryRepository.class.getResourceAsStream("schema-" + file + ".sql")) {
            if (in == null) {
                throw new IOException("Spring AI's jar has no schema-" + file + ".sql");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
        fixture.close();
    }

    @Benchmark
    public ChatMemory add() {
        memory.add(conversation, new UserMessage(Fixture.CONTENT));
        return memory;
    }
}
