-- Runs of deployments carry their work queue (and its pool) as deployments-service resolved them. Workers and the
-- scheduler read "scheduled runs of these queues / deployments, soonest first": indexes led by workspace_id serve those
-- paths (filter by queue, deployment or flow, state type, ordered by next_scheduled_start_time).
CREATE INDEX flow_run_workspace_queue_scheduled ON flow_run (workspace_id, work_queue_id, state_type, next_scheduled_start_time);
CREATE INDEX flow_run_workspace_deployment_scheduled ON flow_run (workspace_id, deployment_id, state_type, next_scheduled_start_time);
CREATE INDEX flow_run_workspace_pool ON flow_run (workspace_id, work_pool_id);
-- the UI's next run of each flow (deployments-service's /ui/flows/next-runs)
CREATE INDEX flow_run_workspace_flow_scheduled ON flow_run (workspace_id, flow_id, state_type, next_scheduled_start_time);
