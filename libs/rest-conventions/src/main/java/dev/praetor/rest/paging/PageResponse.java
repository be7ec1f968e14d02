package dev.praetor.rest.paging;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** The body of every {@code /paginate} route. */
public record PageResponse<T>(List<T> results, long count, int limit, long pages, int page) {

    /** One page of a filter: the results at an offset, at most {@code limit} of them. */
    @FunctionalInterface
    public interface PageQuery<T> {
        Uni<List<T>> fetch(int limit, int offset);
    }

    public static <T> PageResponse<T> of(List<T> results, long count, int limit, int page) {
        long pages = limit == 0 ? 0 : (count + limit - 1) / limit;
        return new PageResponse<>(results, count, limit, pages, page);
    }

    /**
     * A {@code /paginate} answer: the request's {@code limit} and {@code page} checked by {@link Paging}'s rules (a 422
     * when out of range), that page of {@code query} and the total {@code count}, fetched side by side.
     */
    public static <T> Uni<PageResponse<T>> paginate(Integer limitParam, Integer pageParam, PageQuery<T> query,
            Uni<Long> count) {
        int limit = Paging.limit(limitParam);
        int page = Paging.page(pageParam);
        long offset = (long) (page - 1) * limit;
        if (offset > Integer.MAX_VALUE) {
            // past any table this service could hold: an empty page rather than an overflowing OFFSET
            return count.map(total -> of(List.of(), total, limit, page));
        }
        return Uni.combine().all().unis(query.fetch(limit, (int) offset), count)
                .with((results, total) -> of(results, total, limit, page));
    }
}
