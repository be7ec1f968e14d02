package dev.praetor.rest.filter;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One filter object compiled to SQL: its conditions joined by its operator, every value bound as a parameter.
 * The operator methods implement Prefect's grammar exactly (filters-runs.md §1): a null argument adds no condition,
 * {@code any_: []} matches nothing, {@code not_any_: []} and {@code all_: []} add nothing, {@code like_} is a
 * case-insensitive substring match whose {@code %}/{@code _} act as wildcards, {@code before_}/{@code after_} are
 * inclusive. An object with no conditions is TRUE.
 */
public final class Conditions {
    private final SqlParams params;
    private final Operator operator;
    private final Relations relations;
    private final List<String> parts = new ArrayList<>();

    public Conditions(SqlParams params, Operator operator, Relations relations) {
        this.params = params;
        this.operator = operator == null ? Operator.AND : operator;
        this.relations = relations == null ? Relations.NONE : relations;
    }

    /** Top-level AND group of a request (criteria from different body keys are ANDed). */
    public static Conditions all(SqlParams params, Relations relations) {
        return new Conditions(params, Operator.AND, relations);
    }

    public SqlParams params() {
        return params;
    }

    public Relations relations() {
        return relations;
    }

    public String bind(Object value) {
        return params.bind(value);
    }

    /** Adds a raw boolean SQL expression built by the caller from bound placeholders. */
    public Conditions add(String sql) {
        parts.add(sql);
        return this;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    public String toSql() {
        if (parts.isEmpty()) {
            return "TRUE";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return "(" + String.join(operator.sql(), parts) + ")";
    }

    /** A nested filter object: one condition (TRUE when it is empty), evaluated with its own operator. */
    public Conditions nested(Operator operator, Consumer<Conditions> body) {
        Conditions child = new Conditions(params, operator, relations);
        body.accept(child);
        parts.add(child.toSql());
        return this;
    }

    /** A nested filter object (it adds its own group); null adds nothing. */
    public Conditions nested(Criterion criterion, String alias) {
        if (criterion != null) {
            criterion.addTo(this, alias);
        }
        return this;
    }

    /** Compiles {@code criterion} as a separate group (for sub-queries) and returns its SQL. */
    public String compile(Criterion criterion, String alias) {
        Conditions child = new Conditions(params, Operator.AND, relations);
        if (criterion != null) {
            criterion.addTo(child, alias);
        }
        return child.toSql();
    }

    /** A criterion about related objects, answered by the service's {@link Relations}. */
    public Conditions related(String relation, String alias, Criterion criterion) {
        if (criterion != null) {
            parts.add(relations.exists(relation, alias, criterion, this));
        }
        return this;
    }

    public Conditions anyUuid(String column, Collection<UUID> values) {
        if (values != null) {
            parts.add(values.isEmpty() ? "FALSE" : column + " = ANY(" + bind(values.toArray(UUID[]::new)) + "::uuid[])");
        }
        return this;
    }

    public Conditions notAnyUuid(String column, Collection<UUID> values) {
        if (values != null && !values.isEmpty()) {
            parts.add(column + " <> ALL(" + bind(values.toArray(UUID[]::new)) + "::uuid[])");
        }
        return this;
    }

    public Conditions anyText(String column, Collection<String> values) {
        if (values != null) {
            parts.add(values.isEmpty() ? "FALSE" : column + " = ANY(" + bind(values.toArray(String[]::new)) + "::text[])");
        }
        return this;
    }

    public Conditions notAnyText(String column, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            parts.add(column + " <> ALL(" + bind(values.toArray(String[]::new)) + "::text[])");
        }
        return this;
    }

    public Conditions anyEnum(String column, Collection<? extends Enum<?>> values) {
        return anyText(column, values == null ? null : values.stream().map(Enum::name).toList());
    }

    public Conditions notAnyEnum(String column, Collection<? extends Enum<?>> values) {
        return notAnyText(column, values == null ? null : values.stream().map(Enum::name).toList());
    }

    public Conditions like(String column, String value) {
        if (value != null && !value.isEmpty()) {
            parts.add(column + " ILIKE " + bind("%" + value + "%"));
        }
        return this;
    }

    /** Case-insensitive prefixes, OR-ed; {@code []} matches nothing. */
    public Conditions startsWithAny(String column, Collection<String> prefixes) {
        if (prefixes != null) {
            if (prefixes.isEmpty()) {
                parts.add("FALSE");
            } else {
                List<String> ors = new ArrayList<>();
                for (String prefix : prefixes) {
                    ors.add(column + " ILIKE " + bind(prefix + "%"));
                }
                parts.add("(" + String.join(" OR ", ors) + ")");
            }
        }
        return this;
    }

    public Conditions isNull(String column, Boolean isNull) {
        if (isNull != null) {
            parts.add(column + (isNull ? " IS NULL" : " IS NOT NULL"));
        }
        return this;
    }

    public Conditions eq(String column, Object value) {
        if (value != null) {
            parts.add(column + " = " + bind(value));
        }
        return this;
    }

    public Conditions before(String column, OffsetDateTime value) {
        if (value != null) {
            parts.add(column + " <= " + bind(value));
        }
        return this;
    }

    public Conditions after(String column, OffsetDateTime value) {
        if (value != null) {
            parts.add(column + " >= " + bind(value));
        }
        return this;
    }

    public Conditions ge(String column, Number value) {
        if (value != null) {
            parts.add(column + " >= " + bind(value));
        }
        return this;
    }

    public Conditions le(String column, Number value) {
        if (value != null) {
            parts.add(column + " <= " + bind(value));
        }
        return this;
    }

    /** Tags contain every listed tag; {@code []} adds nothing. */
    public Conditions tagsAll(String column, Collection<String> tags) {
        if (tags != null && !tags.isEmpty()) {
            parts.add(column + " @> " + bind(tags.toArray(String[]::new)) + "::text[]");
        }
        return this;
    }

    /** Tags contain at least one listed tag; {@code []} matches nothing. */
    public Conditions tagsAny(String column, Collection<String> tags) {
        if (tags != null) {
            parts.add(tags.isEmpty() ? "FALSE" : column + " && " + bind(tags.toArray(String[]::new)) + "::text[]");
        }
        return this;
    }

    /** For tags, "null" means the empty array. */
    public Conditions tagsIsNull(String column, Boolean isNull) {
        if (isNull != null) {
            parts.add(isNull ? "cardinality(" + column + ") = 0" : "cardinality(" + column + ") > 0");
        }
        return this;
    }

    /**
     * Prefect's text search over {@code searchable} (a SQL text expression): up to three conditions added to this
     * group as they are, so its operator combines them (filters-runs.md §5): any include term, no exclude term,
     * every required term. Terms match as case-insensitive substrings whose {@code %}/{@code _} act as wildcards.
     * A blank query adds nothing.
     */
    public Conditions textSearch(String searchable, String query) {
        if (query == null) {
            return this;
        }
        TextSearch search = TextSearch.parse(query);
        String text = "lower(" + searchable + ")";
        if (!search.include().isEmpty()) {
            parts.add(join(text, " LIKE ", search.include(), " OR "));
        }
        if (!search.exclude().isEmpty()) {
            parts.add(join(text, " NOT LIKE ", search.exclude(), " AND "));
        }
        if (!search.required().isEmpty()) {
            parts.add(join(text, " LIKE ", search.required(), " AND "));
        }
        return this;
    }

    private String join(String text, String comparison, List<String> terms, String separator) {
        List<String> each = new ArrayList<>(terms.size());
        for (String term : terms) {
            each.add(text + comparison + bind("%" + term.toLowerCase(Locale.ROOT) + "%"));
        }
        return each.size() == 1 ? each.get(0) : "(" + String.join(separator, each) + ")";
    }
}
