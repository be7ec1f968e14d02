package dev.praetor.gateway;

import io.vertx.core.Future;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A token bucket per workspace, on this gateway replica. A workspace's own limit (set through the admin API) wins;
 * without one the configured default applies ({@code praetor.gateway.rate-limit.*}, off unless enabled). Over the
 * limit a request is answered 429 with a whole-second {@code Retry-After}, which the Python client waits before it
 * retries.
 * <p>
 * A workspace's settings are read from the database on its first request and then at most every
 * {@code settings-ttl}, in the background: the request path itself never waits for the database again, and a changed
 * limit reaches every replica within that time.
 */
@Singleton
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    /** Past this many workspaces the buckets start over, so requests naming random workspaces cannot grow it. */
    private static final int MAX_BUCKETS = 100_000;

    private final WorkspaceRateLimit defaultLimit;
    private final long settingsTtlNanos;
    private final ApiKeyRepository repository;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config, ApiKeyRepository repository) {
        GatewayConfig.RateLimit limit = config.rateLimit();
        this.repository = repository;
        this.settingsTtlNanos = limit.settingsTtl().toNanos();
        if (limit.enabled() && !(limit.requestsPerSecond() > 0)) {
            throw new IllegalArgumentException("praetor.gateway.rate-limit.requests-per-second must be positive");
        }
        this.defaultLimit = limit.enabled()
                ? new WorkspaceRateLimit(limit.requestsPerSecond(), Math.max(1, limit.burst())) : null;
    }

    /**
     * @return 0 when the request may go on, else the seconds to wait before a retry can succeed (at least 1).
     *         Completes at once but for a workspace's first request on this replica.
     */
    Future<Long> acquire(String workspaceId) {
        long now = System.nanoTime();
        Bucket bucket = buckets.get(workspaceId);
        if (bucket == null) {
            return settingsOf(workspaceId).map(limit -> {
                if (buckets.size() >= MAX_BUCKETS) {
                    buckets.clear();
                }
                return buckets.computeIfAbsent(workspaceId, id -> new Bucket(limit, System.nanoTime()))
                        .take(System.nanoTime());
            });
        }
        if (now - bucket.checkedAt > settingsTtlNanos && bucket.refreshing.compareAndSet(false, true)) {
            settingsOf(workspaceId).onComplete(read -> {
                bucket.update(read.result(), System.nanoTime());
                bucket.refreshing.set(false);
            });
        }
        return Future.succeededFuture(bucket.take(now));
    }

    /** The limit that applies to a workspace; the default when its own cannot be read (checked again next time). */
    private Future<WorkspaceRateLimit> settingsOf(String workspaceId) {
        return repository.findRateLimit(UUID.fromString(workspaceId))
                .map(own -> own.orElse(defaultLimit))
                .recover(failure -> {
                    LOG.debugf("Rate limit of workspace %s unreadable, using the default: %s", workspaceId,
                            failure.getMessage());
                    return Future.succeededFuture(defaultLimit);
                });
    }

    private static final class Bucket {
        /** Null: unlimited. */
        private WorkspaceRateLimit limit;
        private double tokens;
        private long refilledAt;
        private volatile long checkedAt;
        private final AtomicBoolean refreshing = new AtomicBoolean();

        Bucket(WorkspaceRateLimit limit, long now) {
            this.limit = limit;
            this.tokens = limit == null ? 0 : limit.burst();
            this.refilledAt = now;
            this.checkedAt = now;
        }

        synchronized void update(WorkspaceRateLimit newLimit, long now) {
            if (newLimit != null && limit == null) {
                tokens = newLimit.burst();
                refilledAt = now;
            }
            limit = newLimit;
            checkedAt = now;
        }

        synchronized long take(long now) {
            WorkspaceRateLimit current = limit;
            if (current == null) {
                return 0;
            }
            double perNano = current.requestsPerSecond() / 1e9;
            tokens = Math.min(current.burst(), tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - tokens) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        }
    }

    /** A limit changed through this replica applies here at once (other replicas read it within the TTL). */
    void forget(String workspaceId) {
        buckets.remove(workspaceId);
    }
}
