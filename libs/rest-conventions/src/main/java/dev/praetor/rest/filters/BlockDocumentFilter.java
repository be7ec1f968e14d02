package dev.praetor.rest.filters;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/**
 * Prefect's BlockDocumentFilter. An absent {@code is_anonymous} key means {@code {"eq_": false}} (anonymous documents
 * are hidden unless asked for); an explicit {@code null} means no condition.
 */
public record BlockDocumentFilter(Operator operator, BlockDocumentFilterId id,
        @JsonDeserialize(using = BlockDocumentFilterIsAnonymous.AbsentMeansNotAnonymous.class)
        BlockDocumentFilterIsAnonymous is_anonymous,
        BlockDocumentFilterBlockTypeId block_type_id, BlockDocumentFilterName name) implements Criterion {

    /** What Prefect applies when a route gets no block document filter at all. */
    public static final BlockDocumentFilter NOT_ANONYMOUS =
            new BlockDocumentFilter(null, null, BlockDocumentFilterIsAnonymous.NOT_ANONYMOUS, null, null);

    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(is_anonymous, alias).nested(block_type_id, alias)
                .nested(name, alias));
    }
}
