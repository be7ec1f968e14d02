package dev.praetor.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers for the processes we start: launching with a log file and pid file, stopping, reading log tails. */
final class ChildProcesses {

    private static final System.Logger LOG = System.getLogger(ChildProcesses.class.getName());
    private static final int MAX_TAIL_BYTES = 64 * 1024;

    private ChildProcesses() {
    }

    /** The java launcher of the running JVM, so children run on the same Java as their parent. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port that is free on the loopback interface right now (another process may take it before we bind it). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        }
    }

    /**
     * Fails if something already listens on {@code port} on loopback. Checked before starting a server on a fixed
     * port: otherwise a readiness check could succeed against that other server while ours fails to bind.
     */
    static void requireFreePort(int port, String user) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        } catch (IOException e) {
            return; // nothing listens
        }
        throw new IllegalStateException("Port " + port + " for " + user + " is already in use");
    }

    /**
     * Starts a process whose stdout and stderr go to {@code logFile}, and records its pid in {@code pidFile} so a
     * later run can stop it if this JVM dies without running its shutdown hooks.
     */
    static Process launch(List<String> command, Path workingDirectory, Path logFile, boolean appendToLog, Path pidFile)
            throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.createDirectories(pidFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendToLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        return process;
    }

    /**
     * Asks a process to stop (SIGTERM) and waits up to {@code grace}; then kills it (SIGKILL) and waits for it to
     * be gone. Returns true if it stopped within the grace period.
     */
    static boolean terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        return awaitExitOrKill(process, grace);
    }

    /** Waits up to {@code grace} for a process asked to stop; then kills it. Returns true if it stopped in time. */
    static boolean awaitExitOrKill(ProcessHandle process, Duration grace) {
        if (awaitExit(process, grace)) {
            return true;
        }
        LOG.log(Level.WARNING, "Process " + process.pid() + " did not stop within " + grace.toSeconds() + " s; killing it");
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        return false;
    }

    /**
     * Stops the process recorded in {@code pidFile} by an earlier run if it is still alive and its command line
     * contains {@code marker} (pids are reused, so the marker tells it is really ours), then deletes the pid file.
     */
    static void stopLeftover(Path pidFile, String marker, Duration grace) {
        leftoverProcess(readPid(pidFile), marker).ifPresent(process -> {
            LOG.log(Level.WARNING, "Stopping process " + process.pid() + " left running by an earlier run ("
                    + pidFile + ")");
            terminate(process, grace);
        });
        deletePidFile(pidFile);
    }

    /** The live process with this pid whose command line contains {@code marker}, if any. */
    static Optional<ProcessHandle> leftoverProcess(Optional<Long> pid, String marker) {
        return pid.flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false));
    }

    /** The first line of a pid file as a pid; empty if the file is missing or does not start with a number. */
    static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void deletePidFile(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + pidFile, e);
        }
    }

    /** The size of a file, 0 if it does not exist: remembered at launch so that a tail shows only this run. */
    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last {@code maxLines} lines written to {@code logFile} after byte {@code fromOffset}. */
    static String tail(Path logFile, long fromOffset, int maxLines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(fromOffset, file.length() - MAX_TAIL_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            return String.join(System.lineSeparator(),
                    Arrays.asList(lines).subList(Math.max(0, lines.length - maxLines), lines.length));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
