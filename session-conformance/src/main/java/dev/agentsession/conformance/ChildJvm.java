package dev.agentsession.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts another JVM of the running Java on the test classpath, for tests that need several
 * processes. From Java 22 on, the child is allowed native access, as the README tells programs
 * to do: without it the JDK prints a warning when sqlite-jdbc loads its library, and the child's
 * output would not be what the test reads.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * @param main the class whose {@code main} runs
     * @param args its arguments
     * @return the started process, standard error merged into standard output
     * @throws IOException if the process cannot start
     */
    public static Process start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
