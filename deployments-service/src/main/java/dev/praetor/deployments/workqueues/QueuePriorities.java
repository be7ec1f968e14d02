package dev.praetor.deployments.workqueues;

import dev.praetor.deployments.workqueues.WorkQueueRepository.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Priorities of the queues of one pool (work-pools.md §4): unique, at least 1, lower served first. */
final class QueuePriorities {
    private QueuePriorities() {
    }

    /** For a queue created without one: the first gap in the sorted priorities, else the maximum plus one. */
    static int next(List<Priority> existing) {
        List<Integer> sorted = existing.stream().map(Priority::priority).sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i) != i + 1) {
                return i + 1;
            }
        }
        return sorted.isEmpty() ? 1 : sorted.get(sorted.size() - 1) + 1;
    }

    /**
     * Gives {@code target} the priority {@code wanted} and shifts the other queues only as needed to keep the
     * priorities strictly increasing in their current order. Returns every queue whose priority changes (the target
     * included when its own value changes), with its new priority.
     */
    static Map<UUID, Integer> assign(List<Priority> all, UUID target, int wanted) {
        List<Priority> ordered = new ArrayList<>();
        Integer targetBefore = null;
        for (Priority queue : all) {
            if (queue.id().equals(target)) {
                targetBefore = queue.priority();
            } else {
                ordered.add(queue);
            }
        }
        ordered.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        Priority placed = new Priority(target, wanted);
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).priority() >= wanted) {
                ordered.add(i, placed);
                break;
            }
        }
        Map<UUID, Integer> changed = new LinkedHashMap<>();
        if (targetBefore == null || targetBefore != wanted) {
            changed.put(target, wanted);
        }
        int last = 0;
        for (Priority queue : ordered) {
            if (queue.priority() <= last) {
                last++;
                changed.put(queue.id(), last);
            } else {
                last = queue.priority();
            }
        }
        return changed;
    }
}
