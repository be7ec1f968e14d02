package dev.praetor.config.blocks.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.BlockSchemaFilter;
import dev.praetor.rest.filters.BlockTypeFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code POST /block_types/filter} ({@code block_schemas}: the type has a matching schema). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockTypeReadRequest(BlockTypeFilter block_types, BlockSchemaFilter block_schemas, Integer limit,
        Integer offset) implements PrefectBody {
}
