package dev.praetor.rest.filters;

/** Prefect's {@code WorkerStatus}: refreshed by heartbeats, turned OFFLINE by the foreman. */
public enum WorkerStatus {
    ONLINE,
    OFFLINE
}
