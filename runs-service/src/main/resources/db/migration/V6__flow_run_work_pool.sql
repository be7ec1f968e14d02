-- WorkPoolFilter's id and name are answered by a run's own work_pool_id / work_pool_name. Runs created from a
-- deployment before deployments-service sent the pool's id carry only their queue and the pool's name: their pool's
-- id comes from the projected queue (a queue never changes pool).
UPDATE flow_run fr
   SET work_pool_id = q.work_pool_id, work_pool_name = COALESCE(fr.work_pool_name, q.work_pool_name)
  FROM work_queue_projection q
 WHERE fr.work_pool_id IS NULL AND fr.work_queue_id = q.id AND q.workspace_id = fr.workspace_id;

-- the name criterion's path, led by workspace_id like every filter path
CREATE INDEX flow_run_workspace_pool_name ON flow_run (workspace_id, work_pool_name);
