package dev.praetor.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory while one of our processes uses it, so that a second user fails fast
 * instead of corrupting the data. The operating system releases it when the JVM dies, however it dies.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Locks {@code directory} (creating it if needed) or fails if another process or owner holds the lock. */
    static DirectoryLock acquire(Path directory) {
        Path lockFile = directory.resolve(".lock");
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another owner in this JVM
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException(directory + " is in use by another process (" + lockFile + ")");
            }
            return new DirectoryLock(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile, e);
        }
    }

    /** Releases the lock (closing the channel releases it). */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
