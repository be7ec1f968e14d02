package dev.praetor.runs.concurrency;

import java.util.UUID;

/** What the increment and decrement routes list for each limit. */
public record MinimalConcurrencyLimitResponse(UUID id, String name, int limit) {
}
