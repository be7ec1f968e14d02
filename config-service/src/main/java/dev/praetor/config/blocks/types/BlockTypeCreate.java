package dev.praetor.config.blocks.types;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.regex.Pattern;

/** Body of {@code POST /block_types/}; unknown keys are rejected. */
public record BlockTypeCreate(String name, String slug, String logo_url, String documentation_url, String description,
        String code_example) implements PrefectBody {
    /** Not a Prefect limit: it keeps names and slugs within PostgreSQL's btree entry size (the unique index). */
    static final int MAX_LENGTH = 500;
    static final Pattern SLUG = Pattern.compile("^[a-z0-9-]*$");

    @Override
    public void validate(Errors errors) {
        errors.required("name", name).name("name", name, MAX_LENGTH);
        errors.required("slug", slug).maxLength("slug", slug, MAX_LENGTH);
        if (slug != null) {
            errors.check(SLUG.matcher(slug).matches(), "slug",
                    "Block type slug must only contain lowercase letters, numbers, and dashes.", slug);
        }
    }
}
