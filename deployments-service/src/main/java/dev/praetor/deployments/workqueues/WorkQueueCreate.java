package dev.praetor.deployments.workqueues;

import dev.praetor.deployments.workpools.WorkPoolValidation;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /work_pools/{pool}/queues} and {@code POST /work_queues/} (work-pools.md §1.4). */
public record WorkQueueCreate(String name, String description, Boolean is_paused, Integer concurrency_limit,
        Integer priority, QueueFilter filter) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("name", name).name("name", name, WorkPoolValidation.MAX_NAME_LENGTH);
        errors.range("concurrency_limit", concurrency_limit, 0, Integer.MAX_VALUE);
        errors.range("priority", priority, 1, Integer.MAX_VALUE);
    }

    /** A queue a deployment or flow run names that does not exist yet: created with defaults. */
    public static WorkQueueCreate named(String name) {
        return new WorkQueueCreate(name, null, null, null, null, null);
    }

    boolean paused() {
        return Boolean.TRUE.equals(is_paused);
    }
}
