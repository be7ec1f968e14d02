package dev.praetor.gateway;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: creation (the key is returned once), listing, revocation, and the lookup that every authenticated
 * request makes. Lookups go through a small cache so that the common case costs no database round trip; an entry
 * lives {@code praetor.gateway.auth.key-cache-ttl}, which bounds how long a key revoked elsewhere keeps working
 * here. A revocation made through this replica clears its own entries at once.
 */
@Singleton
public class ApiKeys {

    /** Prefect Cloud's service-account keys start with {@code pnb_}; the prefix makes leaked keys recognisable. */
    static final String KEY_PREFIX = "pnb_";
    private static final int KEY_BYTES = 32;
    /** Characters of a key kept in clear to tell keys apart in a list (prefix plus 4 of the random part). */
    private static final int SHOWN_CHARACTERS = KEY_PREFIX.length() + 4;
    /** Past this many cached lookups the cache starts over, so a flood of random keys cannot grow it without bound. */
    private static final int MAX_CACHED = 10_000;
    static final UUID DEFAULT_ACCOUNT_ID = new UUID(0, 0);

    private final ApiKeyRepository repository;
    private final GatewayConfig config;
    private final long cacheTtlNanos;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CachedLookup> cache = new ConcurrentHashMap<>();

    private record CachedLookup(Future<ApiKey> key, long expiresAtNanos) {
    }

    /** A new key: the stored record and the secret, which exists only in this answer. */
    record CreatedKey(ApiKey apiKey, String secret) {
    }

    ApiKeys(ApiKeyRepository repository, GatewayConfig config) {
        this.repository = repository;
        this.config = config;
        this.cacheTtlNanos = config.auth().keyCacheTtl().toNanos();
    }

    /** The default workspace exists as a row so that keys can be made for it. */
    void registerDefaultWorkspace(@Observes StartupEvent started) {
        UUID id = UUID.fromString(config.defaultWorkspaceId());
        repository.insertWorkspace(new Workspace(id, DEFAULT_ACCOUNT_ID, "Default account", "default", "Default",
                        "default", "The workspace of the plain /api prefix.", null, null))
                .toCompletionStage().toCompletableFuture().join();
    }

    Future<CreatedKey> create(UUID workspaceId, String name, OffsetDateTime expiration) {
        byte[] randomPart = new byte[KEY_BYTES];
        random.nextBytes(randomPart);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomPart);
        return repository.insertKey(UUID.randomUUID(), workspaceId, name, hash(secret),
                        secret.substring(0, SHOWN_CHARACTERS), expiration)
                .map(created -> new CreatedKey(created, secret));
    }

    Future<List<ApiKey>> list(UUID workspaceId) {
        return repository.listKeys(workspaceId);
    }

    Future<Boolean> revoke(UUID id) {
        return repository.revokeKey(id).onSuccess(revoked -> forget(id));
    }

    /**
     * @return the active key for this secret, or null when it is unknown, revoked or expired. Completes on the
     *         caller's Vert.x context.
     */
    Future<ApiKey> authenticate(String secret) {
        long now = System.nanoTime();
        CachedLookup cached = cache.get(secret);
        if (cached == null || now - cached.expiresAtNanos() > 0) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            Future<ApiKey> lookup = repository.findKeyByHash(hash(secret));
            cached = new CachedLookup(lookup, now + cacheTtlNanos);
            cache.put(secret, cached);
            CachedLookup entry = cached;
            // A database failure is not an answer about the key: the next request asks again.
            lookup.onFailure(failure -> cache.remove(secret, entry));
        }
        return onCallerContext(cached.key()).map(ApiKeys::activeOrNull);
    }

    private static ApiKey activeOrNull(ApiKey key) {
        return key != null && key.isActive(OffsetDateTime.now(ZoneOffset.UTC)) ? key : null;
    }

    private void forget(UUID keyId) {
        cache.values().removeIf(entry -> entry.key().succeeded() && entry.key().result() != null
                && entry.key().result().id().equals(keyId));
    }

    /**
     * A pending lookup may have been started by a request on another event loop; its result is handed back on this
     * request's context so that the proxied exchange stays on its own event loop. A finished one is used as is.
     */
    private static <T> Future<T> onCallerContext(Future<T> future) {
        Context context = Vertx.currentContext();
        if (future.isComplete() || context == null) {
            return future;
        }
        Promise<T> promise = Promise.promise();
        future.onComplete(outcome -> context.runOnContext(ignored -> promise.handle(outcome)));
        return promise.future();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
