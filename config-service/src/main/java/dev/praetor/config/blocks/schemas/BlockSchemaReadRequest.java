package dev.praetor.config.blocks.schemas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.BlockSchemaFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code POST /block_schemas/filter}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockSchemaReadRequest(BlockSchemaFilter block_schemas, Integer limit, Integer offset)
        implements PrefectBody {
}
