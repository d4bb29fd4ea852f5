package dev.agentsession.mysql;

import dev.agentsession.conformance.LocalTools;
import dev.agentsession.conformance.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A three-node MariaDB Galera cluster on this machine for tests: Debian's {@code mariadbd} with
 * the {@code galera-4} provider, every node on loopback ports found free, its data in a
 * temporary folder, state transfers by rsync. One cluster per test JVM ({@link #shared()}),
 * stopped and removed when the JVM ends; a folder left by a JVM that died is cleaned on the next
 * start. Every wait is bounded and says what it waited for, with the node's log.
 *
 * <p>Without the packages the tests are skipped saying so, except in CI ({@code CI=true}), where
 * their absence fails.
 */
final class GaleraCluster implements AutoCloseable {

    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static final String FOLDER_PREFIX = "agentsession-galera-";
    private static final Duration BOOTSTRAP = Duration.ofSeconds(60);
    private static final Duration JOIN = Duration.ofSeconds(120);

    private static GaleraCluster shared;

    /**
     * Each read first waits until the node has applied every write the cluster committed before
     * it: without it a read through one node may miss what another node just committed.
     */
    static final String CAUSAL_READS = "sessionVariables=wsrep_sync_wait=1";

    private final Path folder;
    private final List<Node> nodes = new ArrayList<>();
    private final AtomicInteger databases = new AtomicInteger();

    /** One node: its ports, folder and server process. */
    final class Node {
        final int number;
        final int port;
        final int groupPort;
        final int istPort;
        final int sstPort;
        final Path home;
        private Process process;

        Node(int number) throws IOException {
            this.number = number;
            this.port = LocalTools.freePort();
            this.groupPort = LocalTools.freePort();
            this.istPort = LocalTools.freePort();
            this.sstPort = LocalTools.freePort();
            this.home = folder.resolve("node" + number);
        }

        /** @return a JDBC URL of a database on this node alone, with causal reads */
        String url(String database) {
            return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root&" + CAUSAL_READS;
        }

        void writeConfig(String clusterAddress) throws IOException {
            Files.createDirectories(home.resolve("data"));
            Files.writeString(home.resolve("my.cnf"), String.join("\n",
                    "[mariadbd]",
                    "user=mysql",
                    "datadir=" + home.resolve("data"),
                    "socket=" + home.resolve("mysqld.sock"),
                    "pid-file=" + home.resolve("mysqld.pid"),
                    "log-error=" + home.resolve("error.log"),
                    "port=" + port,
                    "bind-address=127.0.0.1",
                    "skip-name-resolve",
                    "binlog_format=ROW",
                    "default_storage_engine=InnoDB",
                    "innodb_autoinc_lock_mode=2",
                    "innodb_buffer_pool_size=32M",
                    "innodb_log_file_size=16M",
                    // each node writes its log lazily: durability across nodes is Galera's, this is a test
                    "innodb_flush_log_at_trx_commit=2",
                    "performance_schema=OFF",
                    "max_connections=200",
                    "wsrep_on=ON",
                    "wsrep_provider=" + PROVIDER,
                    "wsrep_cluster_name=agentsession-test",
                    "wsrep_cluster_address=" + clusterAddress,
                    "wsrep_node_name=node" + number,
                    "wsrep_node_address=127.0.0.1:" + groupPort,
                    "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + groupPort + ";ist.recv_addr=127.0.0.1:"
                            + istPort + ";gcache.size=64M"
                            // a killed node is declared gone after 3-6 s (defaults: 5-15 s); writes wait until then
                            + ";evs.keepalive_period=PT1S;evs.inactive_check_period=PT1S;evs.suspect_timeout=PT3S"
                            + ";evs.inactive_timeout=PT6S;evs.install_timeout=PT6S\"",
                    "wsrep_sst_method=rsync",
                    "wsrep_sst_receive_address=127.0.0.1:" + sstPort,
                    ""));
        }

        /** Starts the server process, a new cluster when {@code bootstrap}; returns once it serves, synced. */
        void start(boolean bootstrap) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--defaults-file=" + home.resolve("my.cnf")));
            if (bootstrap) {
                command.add("--wsrep-new-cluster");
            }
            chownToMysql(home);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("stdout.log").toFile()).start();
            awaitSynced(bootstrap ? BOOTSTRAP : JOIN);
        }

        /** Kills the server with SIGKILL, as a crash or a pulled plug does, and waits for it to be gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + number + " did not die within 30 s of SIGKILL");
            }
        }

        /** @return whether the server process is running */
        boolean alive() {
            return process != null && process.isAlive();
        }

        void stop() throws InterruptedException {
            if (process == null || !process.isAlive()) {
                return;
            }
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }

        /** Waits until the node serves and is synced with the cluster. */
        void awaitSynced(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "no answer yet";
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("node " + number + " exited with " + process.exitValue()
                            + " while starting; its log ends:\n" + logTail());
                }
                try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port
                        + "/?user=root&connectTimeout=1000");
                     Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                    last = row.next() ? row.getString(2) : "no wsrep status";
                    if (last.equals("Synced")) {
                        return;
                    }
                } catch (SQLException e) {
                    last = e.getMessage();
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("node " + number + " was not synced within " + timeout + " (last: " + last
                    + "); its log ends:\n" + logTail());
        }

        /** @return the last lines of the node's error log */
        String logTail() {
            try {
                List<String> lines = Files.readAllLines(home.resolve("error.log"), StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    private GaleraCluster(Path folder) {
        this.folder = folder;
    }

    /**
     * The JVM's cluster, started on first use.
     *
     * @throws org.opentest4j.TestAbortedException when the packages are missing outside CI
     */
    static synchronized GaleraCluster shared() {
        requirePackages();
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start the Galera cluster: " + e.getMessage(), e);
            }
            GaleraCluster started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "galera-cluster-stop"));
        }
        return shared;
    }

    private static void requirePackages() {
        boolean present = Files.isExecutable(MARIADBD) && Files.exists(PROVIDER)
                && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db")) && Files.isExecutable(Path.of("/usr/bin/rsync"));
        LocalTools.require(present, "MariaDB with Galera is not installed (" + MARIADBD + ", " + PROVIDER
                + ", rsync): apt-get install mariadb-server galera-4 rsync");
    }

    private static GaleraCluster start() throws IOException, InterruptedException {
        removeLeftovers();
        Path folder = Files.createTempDirectory(FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
        GaleraCluster cluster = new GaleraCluster(folder);
        try {
            for (int number = 1; number <= 3; number++) {
                cluster.nodes.add(cluster.new Node(number));
            }
            String address = "gcomm://" + cluster.nodes.stream().map(node -> "127.0.0.1:" + node.groupPort)
                    .collect(Collectors.joining(","));
            for (Node node : cluster.nodes) {
                node.writeConfig(address);
            }
            Node first = cluster.nodes.get(0);
            chownToMysql(folder);
            LocalTools.run(List.of("/usr/bin/mariadb-install-db", "--defaults-file=" + first.home.resolve("my.cnf"),
                    "--auth-root-authentication-method=normal", "--skip-test-db"), first.home.resolve("install.log"),
                    Duration.ofSeconds(60));
            first.start(true);
            // one joiner at a time: the donor serves one state transfer at once
            for (Node node : cluster.nodes.subList(1, 3)) {
                node.start(false);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Stops the servers of clusters whose JVM died without stopping them, and removes their
     * folders; a cluster of a test JVM still running (its id is in the folder's name) is left alone.
     */
    private static void removeLeftovers() throws IOException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> folders = Files.list(temp)) {
            for (Path old : folders.filter(path -> path.getFileName().toString().startsWith(FOLDER_PREFIX)
                    && !TestDatabase.ownerAlive(path.getFileName().toString().replace('-', '_'),
                            FOLDER_PREFIX.replace('-', '_'))).toList()) {
                try (Stream<Path> homes = Files.list(old)) {
                    for (Path home : homes.toList()) {
                        Path pid = home.resolve("mysqld.pid");
                        if (Files.exists(pid)) {
                            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                                    .filter(handle -> handle.info().command().orElse("").endsWith("mariadbd"))
                                    .ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                }
                LocalTools.deleteTree(old);
            }
        }
    }

    /** The servers run as {@code mysql} (rsync state transfers refuse to write as root's daemon). */
    private static void chownToMysql(Path path) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", "mysql:mysql", path.toString()).inheritIO().start();
        if (!chown.waitFor(30, TimeUnit.SECONDS) || chown.exitValue() != 0) {
            throw new IllegalStateException("cannot give " + path + " to the mysql user");
        }
    }

    /** @return the three nodes */
    List<Node> nodes() {
        return nodes;
    }

    /** @return node 1, 2 or 3 */
    Node node(int number) {
        return nodes.get(number - 1);
    }

    /**
     * @param database the database
     * @param first the node clients try first (then the others in turn)
     * @return a multi-host URL: the client connects to the first node that answers
     */
    String multiHostUrl(String database, int first) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            hosts.add("127.0.0.1:" + nodes.get((first - 1 + i) % nodes.size()).port);
        }
        return "jdbc:mariadb:sequential://" + String.join(",", hosts) + "/" + database + "?user=root&" + CAUSAL_READS;
    }

    /**
     * Creates an empty database on the cluster (it replicates to every node).
     *
     * @return its name
     */
    String freshDatabase() throws SQLException {
        String name = "agentsession_g_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(node(1).url(""));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** Stops every node and removes the cluster's folder. */
    @Override
    public void close() {
        for (Node node : nodes) {
            try {
                node.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            LocalTools.deleteTree(folder);
        } catch (IOException ignored) {
            // a temporary folder: the next start removes what is left
        }
    }
}
