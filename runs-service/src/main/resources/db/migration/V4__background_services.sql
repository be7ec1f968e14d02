-- The background services (late runs, pause expirations, cancellation cleanup) scan across workspaces for the few
-- runs they must act on. Partial indexes keep each scan proportional to the runs in that condition, not to the table.
CREATE INDEX flow_run_scheduled_due ON flow_run (next_scheduled_start_time)
    WHERE state_type = 'SCHEDULED' AND state_name = 'Scheduled';
CREATE INDEX flow_run_paused ON flow_run (id) WHERE state_type = 'PAUSED';
CREATE INDEX flow_run_cancelling ON flow_run (state_timestamp) WHERE state_type = 'CANCELLING';
CREATE INDEX flow_run_cancelled_recently ON flow_run (end_time) WHERE state_type = 'CANCELLED';
CREATE INDEX flow_run_active_subflows ON flow_run (id)
    WHERE parent_task_run_id IS NOT NULL AND state_type IN ('PENDING', 'SCHEDULED', 'RUNNING', 'PAUSED', 'CANCELLING');
