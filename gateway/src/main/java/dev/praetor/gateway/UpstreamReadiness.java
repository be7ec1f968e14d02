package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether every configured upstream is ready (answers its {@code /q/health/ready} with 200), behind {@code GET /ready}.
 * The answer is reused for {@code praetor.gateway.ready-cache-ttl} so that frequent probes cost one lookup, and
 * concurrent callers share one round of checks.
 */
@Singleton
public class UpstreamReadiness {

    private static final String READY_PATH = "/q/health/ready";

    private record Check(long expiresAtNanos, Future<Boolean> result) {
    }

    private final Upstreams upstreams;
    private final long ttlNanos;
    private final long checkTimeoutMillis;
    private final AtomicReference<Check> latest = new AtomicReference<>();

    UpstreamReadiness(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.ttlNanos = config.readyCacheTtl().toNanos();
        this.checkTimeoutMillis = config.readyCheckTimeout().toMillis();
    }

    /** @return true when every configured upstream is ready (vacuously true when none is configured) */
    Future<Boolean> allReady() {
        long now = System.nanoTime();
        Check current = latest.get();
        if (current != null && now - current.expiresAtNanos() < 0) {
            return current.result();
        }
        Promise<Boolean> promise = Promise.promise();
        Check next = new Check(now + ttlNanos, promise.future());
        if (!latest.compareAndSet(current, next)) {
            return latest.get().result();
        }
        checkAll().onComplete(ar -> promise.complete(ar.succeeded() && ar.result()));
        return promise.future();
    }

    private Future<Boolean> checkAll() {
        List<Future<Boolean>> checks = new ArrayList<>();
        for (Upstream upstream : upstreams.all()) {
            checks.add(isReady(upstream));
        }
        return Future.all(checks).map(all -> checks.stream().allMatch(Future::result));
    }

    private Future<Boolean> isReady(Upstream upstream) {
        RequestOptions probe = new RequestOptions().setMethod(HttpMethod.GET).setURI(READY_PATH)
                .setTimeout(checkTimeoutMillis);
        return upstream.client().request(probe)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200))
                .otherwise(false);
    }
}
