package dev.praetor.gateway;

import io.vertx.core.json.JsonObject;

/**
 * A token bucket's settings: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
 *
 * @param requestsPerSecond positive
 * @param burst             at least 1
 */
public record WorkspaceRateLimit(double requestsPerSecond, int burst) {

    public WorkspaceRateLimit {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1) {
            throw new IllegalArgumentException("requests_per_second must be a positive number and burst at least 1");
        }
    }

    /**
     * Reads {@code {"requests_per_second": n, "burst": m}} as the admin API takes it; a missing burst defaults to
     * two seconds' worth of requests (at least 1). Null stays null: no limit of the workspace's own.
     *
     * @throws IllegalArgumentException when the object is malformed
     */
    static WorkspaceRateLimit fromJson(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject json) || !(json.getValue("requests_per_second") instanceof Number rate)) {
            throw new IllegalArgumentException("rate_limit must be an object with a numeric requests_per_second");
        }
        Object burst = json.getValue("burst");
        if (burst != null && !(burst instanceof Number)) {
            throw new IllegalArgumentException("burst must be a number");
        }
        double perSecond = rate.doubleValue();
        int size = burst == null ? (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(2 * perSecond)))
                : ((Number) burst).intValue();
        return new WorkspaceRateLimit(perSecond, size);
    }

    JsonObject toJson() {
        return new JsonObject().put("requests_per_second", requestsPerSecond).put("burst", burst);
    }
}
