package dev.praetor.rest.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A related-object criterion as one correlated {@code EXISTS}: a chain of tables joined from the outer row, each
 * with the criterion (if any) its row must match, all about the <em>same</em> related rows. This is how Prefect joins
 * related filters given together (flows.md §2.3): e.g. a flow's run must match {@code flow_runs} and own a task run
 * matching {@code task_runs}; a flow's deployment must match {@code deployments} and sit in a pool matching
 * {@code work_pools}.
 *
 * <pre>
 * ExistsChain.from("f")
 *     .projection("flow_run_projection", "fr", "fr.flow_id = f.id", request.flow_runs())
 *     .projection("task_run_projection", "tr", "tr.flow_run_id = fr.id", request.task_runs())
 *     .addTo(conditions);
 * </pre>
 *
 * Nothing is added when no criterion of the chain is given; tables after the last given criterion are left out (they
 * only joined, and requiring them would change the answer). Every table is scoped to the outer row's workspace;
 * projection tables ({@link #projection}) also skip their delete markers. A given but empty criterion ({@code {}})
 * still requires the related row to exist, as in Prefect.
 */
public final class ExistsChain {

    private record Link(String table, String alias, String on, Criterion criterion, boolean projection,
            boolean onlyWhenGiven) {
        boolean skipped() {
            return onlyWhenGiven && criterion == null;
        }
    }

    private final String outerAlias;
    private final List<Link> links = new ArrayList<>();

    private ExistsChain(String outerAlias) {
        this.outerAlias = Objects.requireNonNull(outerAlias, "outerAlias");
    }

    /** A chain starting from the row at {@code outerAlias} (which has a {@code workspace_id} column). */
    public static ExistsChain from(String outerAlias) {
        return new ExistsChain(outerAlias);
    }

    /**
     * Joins a projection table (id, workspace_id, version, deleted + the owner's columns; rows with
     * {@code deleted} are ignored).
     *
     * @param on        the join condition with the previous table (or the outer row), from code
     * @param criterion what the joined row must match, compiled against {@code alias}; null for none
     */
    public ExistsChain projection(String table, String alias, String on, Criterion criterion) {
        links.add(new Link(table, alias, on, criterion, true, false));
        return this;
    }

    /**
     * Joins a projection table only when {@code criterion} is given: a side branch that nothing later in the chain
     * joins through (e.g. an artifact's flow run's flow and its deployment, each filtered only when asked for).
     */
    public ExistsChain projectionWhenGiven(String table, String alias, String on, Criterion criterion) {
        links.add(new Link(table, alias, on, criterion, true, true));
        return this;
    }

    /** Joins one of the service's own tables (no delete markers). */
    public ExistsChain table(String table, String alias, String on, Criterion criterion) {
        links.add(new Link(table, alias, on, criterion, false, false));
        return this;
    }

    /** Whether any criterion of the chain is given. */
    public boolean isActive() {
        return lastGiven() >= 0;
    }

    /** The {@code EXISTS (...)} expression, or null when no criterion is given. */
    public String toSql(Conditions outer) {
        int last = lastGiven();
        if (last < 0) {
            return null;
        }
        List<String> from = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            Link link = links.get(i);
            if (link.skipped()) {
                continue;
            }
            from.add(link.table() + " " + link.alias());
            where.add(link.alias() + ".workspace_id = " + outerAlias + ".workspace_id");
            where.add(link.on());
            if (link.projection()) {
                where.add("NOT " + link.alias() + ".deleted");
            }
            if (link.criterion() != null) {
                String sql = outer.compile(link.criterion(), link.alias());
                if (!"TRUE".equals(sql)) {
                    where.add(sql);
                }
            }
        }
        return "EXISTS (SELECT 1 FROM " + String.join(", ", from) + " WHERE " + String.join(" AND ", where) + ")";
    }

    /** Adds the {@code EXISTS} to {@code conditions} when a criterion is given. */
    public Conditions addTo(Conditions conditions) {
        String sql = toSql(conditions);
        if (sql != null) {
            conditions.add(sql);
        }
        return conditions;
    }

    private int lastGiven() {
        for (int i = links.size() - 1; i >= 0; i--) {
            if (links.get(i).criterion() != null) {
                return i;
            }
        }
        return -1;
    }
}
