package dev.praetor.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Praetor service (or the gateway) that the local stack runs as a child JVM from its Quarkus fast-jar. */
final class ServiceProcess {

    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 40;

    private final String module;
    private final int port;
    private final URI readinessUri;
    private final Path logFile;
    private final Process process;
    private final long launchedAt = System.nanoTime();

    private ServiceProcess(String module, int port, URI readinessUri, Path logFile, Process process) {
        this.module = module;
        this.port = port;
        this.readinessUri = readinessUri;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts {@code java -D<systemProperties> -jar <jar>} in the module's directory, output to {@code logFile}
     * (replaced on each run), pid in {@code pidFile}; ready once {@code readinessPath} answers 200.
     */
    static ServiceProcess launch(String module, Path jar, int port, String readinessPath,
            Map<String, String> systemProperties, Path logFile, Path pidFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaExecutable());
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path moduleDirectory = jar.getParent().getParent().getParent();
        Process process = ChildProcesses.launch(command, moduleDirectory, logFile, false, pidFile);
        return new ServiceProcess(module, port, URI.create("http://127.0.0.1:" + port + readinessPath), logFile,
                process);
    }

    String module() {
        return module;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    Process process() {
        return process;
    }

    Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    boolean hasExited() {
        return !process.isAlive();
    }

    boolean isReady(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(readinessUri).timeout(HEALTH_REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String logTail() {
        return ChildProcesses.tail(logFile, 0, LOG_TAIL_LINES);
    }

    @Override
    public String toString() {
        return module + " (pid " + process.pid() + ", port " + port + ")";
    }
}
