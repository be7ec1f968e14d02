package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.deployments.DeploymentRepository.StoredDeployment;
import java.util.UUID;

/**
 * The work queue (and its pool) a run created from a deployment is placed on, as sent to runs-service. Prefect's
 * server shows a run's queue and pool names through a join on its queue; runs-service does not own queues, so the run
 * carries them: the queue's id and current name, and the pool's id and name. A pool-only deployment's run so stores
 * its default queue's name where Prefect stores the deployment's null {@code work_queue_name} column (and shows the
 * name only in responses), as runs-service already does for a client's run created with {@code work_pool_name}.
 */
public record RunQueue(UUID id, String name, UUID poolId, String poolName) {

    /** The deployment's own queue; a deployment without one passes on its stored {@code work_queue_name} text. */
    public static RunQueue of(StoredDeployment stored) {
        DeploymentResponse deployment = stored.deployment();
        if (deployment.work_queue_id() == null) {
            return new RunQueue(null, stored.storedWorkQueueName(), null, null);
        }
        String name = deployment.work_queue_name() != null ? deployment.work_queue_name() : stored.storedWorkQueueName();
        return new RunQueue(deployment.work_queue_id(), name, stored.workPoolId(), deployment.work_pool_name());
    }

    /** Writes the run's {@code work_queue_name}, {@code work_queue_id}, {@code work_pool_id} and {@code work_pool_name}. */
    public void writeTo(ObjectNode run) {
        run.put("work_queue_name", name);
        run.put("work_queue_id", id == null ? null : id.toString());
        if (id != null) {
            run.put("work_pool_id", poolId == null ? null : poolId.toString());
            run.put("work_pool_name", poolName);
        }
    }
}
