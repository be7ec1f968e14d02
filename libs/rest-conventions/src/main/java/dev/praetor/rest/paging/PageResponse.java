package dev.praetor.rest.paging;

import java.util.List;

/** The body of every {@code /paginate} route. */
public record PageResponse<T>(List<T> results, long count, int limit, long pages, int page) {

    public static <T> PageResponse<T> of(List<T> results, long count, int limit, int page) {
        long pages = limit == 0 ? 0 : (count + limit - 1) / limit;
        return new PageResponse<>(results, count, limit, pages, page);
    }
}
