package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** An in-memory deployment concurrency limit with leases, recording what the rules asked of it. */
final class FakeDeployments implements DeploymentConcurrency {
    final UUID limitId = UUID.randomUUID();
    Optional<Limit> limit;
    int activeSlots;
    final Set<UUID> leases = new HashSet<>();
    final List<String> calls = new ArrayList<>();

    private FakeDeployments(Optional<Limit> limit) {
        this.limit = limit;
    }

    static FakeDeployments withLimit(int slots, CollisionStrategy strategy) {
        FakeDeployments fake = new FakeDeployments(Optional.empty());
        fake.limit = Optional.of(new Limit(fake.limitId, slots, 0, strategy, null));
        return fake;
    }

    static FakeDeployments missing() {
        return new FakeDeployments(Optional.empty());
    }

    static FakeDeployments unlimited() {
        return new FakeDeployments(Optional.of(Limit.NONE));
    }

    @Override
    public Uni<Optional<Limit>> limitOf(SqlConnection tx, UUID workspaceId, UUID deploymentId) {
        return Uni.createFrom().item(limit.map(l -> new Limit(l.concurrencyLimitId(), l.limit(), activeSlots,
                l.collisionStrategy(), l.gracePeriodSeconds())));
    }

    @Override
    public Uni<Boolean> acquireSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId) {
        calls.add("acquire");
        if (activeSlots >= limit.orElseThrow().limit()) {
            return Uni.createFrom().item(false);
        }
        activeSlots++;
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<Void> releaseSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId) {
        calls.add("release");
        activeSlots--;
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<UUID> createLease(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId, Duration ttl, UUID holder) {
        UUID lease = UUID.randomUUID();
        leases.add(lease);
        calls.add("lease");
        return Uni.createFrom().item(lease);
    }

    @Override
    public Uni<Boolean> renewLease(SqlConnection tx, UUID workspaceId, UUID leaseId, Duration ttl) {
        calls.add("renew");
        return Uni.createFrom().item(leases.contains(leaseId));
    }

    @Override
    public Uni<Void> releaseLease(SqlConnection tx, UUID workspaceId, UUID leaseId, UUID fallbackLimitId) {
        calls.add("releaseLease");
        if (leases.remove(leaseId) || fallbackLimitId != null) {
            activeSlots--;
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> revokeLease(SqlConnection tx, UUID workspaceId, UUID leaseId) {
        calls.add("revoke");
        leases.remove(leaseId);
        return Uni.createFrom().voidItem();
    }
}
