package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's BlockSchemaFilter, over a table with the block schema columns (capabilities as {@code text[]}). */
public record BlockSchemaFilter(Operator operator, BlockSchemaFilterBlockTypeId block_type_id,
        BlockSchemaFilterCapabilities block_capabilities, BlockSchemaFilterId id, BlockSchemaFilterVersion version)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(block_type_id, alias).nested(block_capabilities, alias).nested(id, alias)
                .nested(version, alias));
    }
}
