package dev.praetor.gateway;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per workspace (per gateway replica): {@code burst} requests at once, refilled at
 * {@code requests-per-second}. Over the limit the request is answered 429 with a whole-second {@code Retry-After},
 * which the Python client honours before retrying.
 */
@Singleton
public class RateLimiter {

    private final boolean enabled;
    private final double tokensPerNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config) {
        GatewayConfig.RateLimit limit = config.rateLimit();
        this.enabled = limit.enabled();
        this.tokensPerNano = limit.requestsPerSecond() / 1e9;
        this.burst = Math.max(1, limit.burst());
        if (enabled && limit.requestsPerSecond() <= 0) {
            throw new IllegalArgumentException("praetor.gateway.rate-limit.requests-per-second must be positive");
        }
    }

    /** @return 0 when the request may go on, else the seconds to wait before a retry can succeed (at least 1) */
    long acquire(String workspaceId) {
        if (!enabled) {
            return 0;
        }
        return buckets.computeIfAbsent(workspaceId, id -> new Bucket(burst)).take(System.nanoTime());
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens) {
            this.tokens = tokens;
            this.refilledAt = System.nanoTime();
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - tokens) / tokensPerNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        }
    }
}
