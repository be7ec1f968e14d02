package dev.praetor.rest.paging;

import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import java.util.List;
import java.util.Map;

/** Prefect's {@code limit}/{@code offset}/{@code page} rules (filters-runs.md §8). */
public final class Paging {
    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 200;

    private Paging() {
    }

    /** The shared LimitBody: null = 200; outside 0..200 is a 422 with a {@code detail} body, not the validation shape. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 0) {
            throw PrefectHttpException.unprocessable("Invalid limit: must be greater than or equal to 0.");
        }
        if (limit > MAX_LIMIT) {
            throw PrefectHttpException.unprocessable("Invalid limit: must be less than or equal to " + MAX_LIMIT + ".");
        }
        return limit;
    }

    public static int offset(Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw new RequestValidationException(List.of(new ValidationError("greater_than_equal", List.of("body", "offset"),
                    "Input should be greater than or equal to 0", offset, Map.of("ge", 0))), null);
        }
        return offset;
    }

    public static int page(Integer page) {
        if (page == null) {
            return 1;
        }
        if (page < 1) {
            throw new RequestValidationException(List.of(new ValidationError("greater_than_equal", List.of("body", "page"),
                    "Input should be greater than or equal to 1", page, Map.of("ge", 1))), null);
        }
        return page;
    }

    /** Bulk routes: 1 ≤ limit ≤ 50, default 50, validation-shaped 422. */
    public static int bulkLimit(Integer limit) {
        if (limit == null) {
            return 50;
        }
        if (limit < 1 || limit > 50) {
            boolean low = limit < 1;
            throw new RequestValidationException(List.of(new ValidationError(low ? "greater_than_equal" : "less_than_equal",
                    List.of("body", "limit"), "Input should be " + (low ? "greater than or equal to 1" : "less than or equal to 50"),
                    limit, Map.of(low ? "ge" : "le", low ? 1 : 50))), null);
        }
        return limit;
    }
}
