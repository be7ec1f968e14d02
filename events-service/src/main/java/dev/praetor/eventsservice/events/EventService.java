package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.filter.SqlParams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The rules of {@code /events}: storing received events and answering paged, filtered queries over them. */
@ApplicationScoped
public class EventService {
    /** Prefect's PIVOT_DATETIME: time buckets are counted from this Monday. */
    static final OffsetDateTime PIVOT = OffsetDateTime.of(2024, 4, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final int MAX_BUCKETS = 1000;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    @Inject
    EventWriter writer;

    @Inject
    EventRepository events;

    @Inject
    ObjectMapper mapper;

    /** Stores the events (re-sent ones are ignored); completes once they are stored. */
    public Uni<Void> receive(UUID workspaceId, List<Event> received) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<WorkspaceEvent> batch = new ArrayList<>(received.size());
        received.forEach(event -> batch.add(new WorkspaceEvent(workspaceId, ReceivedEvent.receive(event, now))));
        return Uni.createFrom().completionStage(() -> writer.write(batch)).onFailure(EventWriter.OverloadedException.class)
                .transform(overloaded -> new PrefectHttpException(503, "Too many events waiting to be stored."));
    }

    /**
     * The first page of matching events. {@code nextPageLink} turns a page token into the absolute URL of
     * {@code /events/filter/next}.
     */
    public Uni<EventPage> read(UUID workspaceId, EventReadRequest request, Function<String, String> nextPageLink) {
        EventFilter filter = request.filterOrNone().resolvedAt(OffsetDateTime.now(ZoneOffset.UTC));
        int pageSize = request.limitOrDefault();
        return Uni.combine().all()
                .unis(events.count(workspaceId, filter), events.read(workspaceId, filter, pageSize, 0))
                .with((total, found) -> page(filter, found, total, pageSize, 0, nextPageLink));
    }

    /** The page a token names; the total is the first query's, as in Prefect. */
    public Uni<EventPage> readNext(UUID workspaceId, String token, Function<String, String> nextPageLink) {
        PageToken page = PageToken.decode(mapper, token);
        return events.read(workspaceId, page.filter(), page.page_size(), page.offset())
                .map(found -> page(page.filter(), found, page.count(), page.page_size(), page.offset(), nextPageLink));
    }

    /**
     * {@code POST /events/count-by/{countable}}: per event name or resource, most frequent first; or per time bucket,
     * every bucket of the window in order, empty ones included. Buckets are aligned on Prefect's pivot (Monday
     * 2024-04-01 UTC) so that the same bucket has the same bounds in every query.
     */
    public Uni<List<EventCount>> countBy(UUID workspaceId, Countable countable, EventCountRequest request) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        EventFilter filter = request.filter().resolvedAt(now);
        return switch (countable) {
            case event -> events.countBy(new SqlParams(), workspaceId, filter, "e.event", "e.event", false);
            case resource -> events.countBy(new SqlParams(), workspaceId, filter, "e.resource_id",
                    "COALESCE(e.resource ->> 'prefect.resource.name', e.resource ->> 'prefect.name', e.resource_id)",
                    false);
            case day -> countByTime(workspaceId, filter, TimeUnit.day, 1.0, now);
            case time -> countByTime(workspaceId, filter, request.timeUnitOrDefault(), request.timeIntervalOrDefault(),
                    now);
        };
    }

    private Uni<List<EventCount>> countByTime(UUID workspaceId, EventFilter filter, TimeUnit unit, double interval,
            OffsetDateTime now) {
        Duration bucket = unit.times(interval);
        OffsetDateTime since = filter.occurred().since().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime until = filter.occurred().until().withOffsetSameInstant(ZoneOffset.UTC);
        long bucketMicros = bucket.toNanos() / 1000;
        long buckets = ceilDiv(ChronoUnit.MICROS.between(since, until), bucketMicros);
        if (buckets > MAX_BUCKETS) {
            throw PrefectHttpException.unprocessable("The given interval would create " + buckets + " buckets, which is "
                    + "too many. Please increase the interval or reduce the time range to produce " + MAX_BUCKETS
                    + " buckets or fewer.");
        }
        OffsetDateTime end = until.isAfter(now) ? unit.endOfPeriod(now) : until;
        long first = Math.floorDiv(ChronoUnit.MICROS.between(PIVOT, since), bucketMicros);
        List<OffsetDateTime> starts = new ArrayList<>();
        for (OffsetDateTime start = PIVOT.plus(bucket.multipliedBy(first)); start.isBefore(end); start = start.plus(bucket)) {
            starts.add(start);
        }
        SqlParams params = new SqlParams();
        String index = "floor(extract(epoch FROM e.occurred - " + params.bind(PIVOT) + "::timestamptz) / "
                + params.bind(bucketMicros / 1_000_000.0) + "::numeric)::bigint::text";
        return events.countBy(params, workspaceId, filter, index, index, true).map(counted -> {
            long[] counts = new long[starts.size()];
            for (EventCount count : counted) {
                long position = Long.parseLong(count.value()) - first;
                if (position >= 0 && position < counts.length) {
                    counts[(int) position] += count.count();
                }
            }
            List<EventCount> result = new ArrayList<>(starts.size());
            for (int i = 0; i < starts.size(); i++) {
                OffsetDateTime start = starts.get(i);
                result.add(new EventCount(Integer.toString(i), pythonIsoFormat(start), counts[i], start,
                        start.plus(bucket).minusNanos(1000)));
            }
            return result;
        });
    }

    /** Python's {@code datetime.isoformat()} of a UTC time: Prefect labels time buckets with it. */
    private static String pythonIsoFormat(OffsetDateTime utc) {
        int micros = utc.getNano() / 1000;
        return SECONDS.format(utc) + (micros == 0 ? "" : String.format(".%06d", micros)) + "+00:00";
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private EventPage page(EventFilter filter, List<ReceivedEvent> found, long total, int pageSize, int offset,
            Function<String, String> nextPageLink) {
        PageToken next = PageToken.after(filter, total, pageSize, offset);
        return new EventPage(found, total, next == null ? null : nextPageLink.apply(next.encode(mapper)));
    }
}
