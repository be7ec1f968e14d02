package dev.praetor.runs.background;

import java.util.UUID;

/** A run a background service found: its workspace and id. */
public record RunRef(UUID workspaceId, UUID id) {
}
