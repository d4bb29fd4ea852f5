package dev.agentsession.postgres;

import dev.agentsession.conformance.LocalTools;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL servers and PgBouncer that cluster tests start themselves from Debian's
 * {@code postgresql-15} and {@code pgbouncer} packages: on loopback ports found free, their data
 * in a temporary folder, run as the {@code postgres} user when the tests run as root (the servers
 * refuse root). Every wait is bounded and says what it waited for; {@link #close()} stops
 * everything and removes the folder.
 *
 * <p>Without the packages the tests are skipped saying so, except in CI ({@code CI=true}), where
 * their absence fails.
 */
final class LocalPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final Path PGBOUNCER = Path.of("/usr/sbin/pgbouncer");

    private final Path folder;
    private final List<Runnable> stops = new ArrayList<>();

    private LocalPostgres(Path folder) {
        this.folder = folder;
    }

    /** @return a new, empty place for servers; skips the test when PostgreSQL's programs are missing */
    static LocalPostgres create(boolean needsPgBouncer) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(BIN.resolve("initdb")) && (!needsPgBouncer || Files.isExecutable(PGBOUNCER));
        String missing = "PostgreSQL 15's programs" + (needsPgBouncer ? " or PgBouncer" : "") + " are not installed ("
                + BIN + (needsPgBouncer ? ", " + PGBOUNCER : "") + "): apt-get install postgresql-15"
                + (needsPgBouncer ? " pgbouncer" : "");
        LocalTools.require(present, missing);
        Path folder = Files.createTempDirectory("agentsession-pg-");
        LocalPostgres local = new LocalPostgres(folder);
        local.giveToPostgres(folder);
        return local;
    }

    /** A PostgreSQL server: its port and data folder. */
    final class Server {
        final int port;
        final Path data;
        private Process postmaster;

        private Server(int port, Path data) {
            this.port = port;
            this.data = data;
        }

        /** @return the JDBC URL of a database on this server alone */
        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
        }

        /** Starts the postmaster and waits until it accepts connections. */
        void start() throws IOException, InterruptedException {
            postmaster = new ProcessBuilder(asPostgres(List.of(BIN.resolve("postgres").toString(), "-D", data.toString())))
                    .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
                    .start();
            awaitReady(Duration.ofSeconds(60));
        }

        void awaitReady(Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!postmaster.isAlive()) {
                    throw new IllegalStateException("PostgreSQL on port " + port + " exited while starting: " + log());
                }
                Process ready = new ProcessBuilder(BIN.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
                        String.valueOf(port)).start();
                if (ready.waitFor(10, TimeUnit.SECONDS) && ready.exitValue() == 0) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("PostgreSQL on port " + port + " did not accept connections within "
                    + timeout + ": " + log());
        }

        /** Kills the postmaster with SIGKILL, as a crash does; its backends end when they notice. */
        void kill() throws InterruptedException {
            postmaster.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            if (!postmaster.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("PostgreSQL on port " + port + " did not die within 30 s of SIGKILL");
            }
        }

        /** Promotes this standby to primary and waits until it accepts writes. */
        void promote() throws IOException, InterruptedException {
            run(asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "promote", "-w", "-t", "60", "-D", data.toString())));
        }

        void stop() {
            if (postmaster == null || !postmaster.isAlive()) {
                return;
            }
            try {
                run(asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "stop", "-m", "fast", "-w", "-t", "30", "-D",
                        data.toString())));
            } catch (IOException | RuntimeException e) {
                // killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                if (!postmaster.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String log() {
            try {
                List<String> lines = Files.readAllLines(data.resolveSibling(data.getFileName() + ".log"),
                        StandardCharsets.UTF_8);
                return "its log ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                return "no log: " + e.getMessage();
            }
        }
    }

    /**
     * A new primary: {@code initdb} with trust authentication on loopback, ready to stream to
     * standbys; with {@code synchronousStandby} every commit waits for a standby to flush it.
     */
    Server primary(boolean synchronousStandby) throws IOException, InterruptedException {
        int port = LocalTools.freePort();
        Path data = folder.resolve("primary-" + port);
        run(asPostgres(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")));
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "port = " + port,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + data + "'",
                "wal_level = replica",
                "max_wal_senders = 5",
                "hot_standby = on",
                "shared_buffers = 32MB",
                "synchronous_commit = on",
                "synchronous_standby_names = '" + (synchronousStandby ? "*" : "") + "'",
                ""), StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n"
                + "host replication all 127.0.0.1/32 trust\nlocal all all trust\n");
        giveToPostgres(data);
        Server server = new Server(port, data);
        stops.add(server::stop);
        server.start();
        return server;
    }

    /** A hot standby streaming from {@code primary}, made by {@code pg_basebackup}. */
    Server standby(Server primary) throws IOException, InterruptedException {
        int port = LocalTools.freePort();
        Path data = folder.resolve("standby-" + port);
        run(asPostgres(List.of(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(primary.port), "-U", "postgres", "-D", data.toString(), "-R", "-X", "stream",
                "--no-sync")));
        // Once promoted it stands alone: it must not wait for a synchronous standby of its own.
        Files.writeString(data.resolve("postgresql.auto.conf"), "port = " + port + "\nunix_socket_directories = '"
                + data + "'\nsynchronous_standby_names = ''\n", StandardOpenOption.APPEND);
        giveToPostgres(data);
        Server server = new Server(port, data);
        stops.add(server::stop);
        server.start();
        return server;
    }

    /**
     * Starts PgBouncer in transaction pooling mode in front of the server on {@code serverPort}
     * of this machine: every database name is passed through, trust authentication.
     *
     * @return its port
     */
    int pgBouncer(int serverPort) throws IOException, InterruptedException {
        int port = LocalTools.freePort();
        Path home = folder.resolve("pgbouncer-" + port);
        Files.createDirectories(home);
        Files.writeString(home.resolve("users.txt"), "\"postgres\" \"\"\n");
        Files.writeString(home.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "* = host=127.0.0.1 port=" + serverPort,
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + home.resolve("users.txt"),
                "pool_mode = transaction",
                "max_client_conn = 200",
                // a test makes many databases: few server connections each, closed soon when idle, and a
                // ceiling for them all, so the server's max_connections is never reached
                "default_pool_size = 4",
                "max_user_connections = 30",
                "server_idle_timeout = 1",
                "ignore_startup_parameters = extra_float_digits",
                "logfile = " + home.resolve("pgbouncer.log"),
                "pidfile = " + home.resolve("pgbouncer.pid"),
                ""));
        giveToPostgres(home);
        Process bouncer = new ProcessBuilder(asPostgres(List.of(PGBOUNCER.toString(), home.resolve("pgbouncer.ini")
                .toString()))).redirectErrorStream(true).redirectOutput(home.resolve("stdout.log").toFile()).start();
        stops.add(() -> {
            bouncer.toHandle().descendants().forEach(ProcessHandle::destroy);
            bouncer.destroy();
            try {
                if (!bouncer.waitFor(10, TimeUnit.SECONDS)) {
                    bouncer.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                    bouncer.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!bouncer.isAlive()) {
                throw new IllegalStateException("PgBouncer exited while starting: " + Files.readString(
                        home.resolve("stdout.log")));
            }
            try (Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("PgBouncer did not listen on " + port + " within 30 s");
    }

    /** Stops what was started, newest first, and removes the folder. */
    @Override
    public void close() {
        for (int i = stops.size() - 1; i >= 0; i--) {
            stops.get(i).run();
        }
        try {
            LocalTools.deleteTree(folder);
        } catch (IOException ignored) {
            // a temporary folder
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(List<String> command) {
        if (!root()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void giveToPostgres(Path path) throws IOException, InterruptedException {
        if (root()) {
            run(List.of("chown", "-R", "postgres:postgres", path.toString()));
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        LocalTools.run(command, Files.createTempFile(folder, "command", ".log"), Duration.ofSeconds(120));
    }
}
