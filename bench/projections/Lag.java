import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Projection lag (issue 6): the time from a flow run's set_state response (runs-service commits the state and its
 * flow-runs snapshot in one transaction) until flows-service's {@code POST /flows/filter} with a {@code flow_runs}
 * criterion naming that run in its new state returns the flow, i.e. outbox relay + Kafka + projection consumer +
 * query, at a steady offered rate of state changes through the gateway.
 *
 * <p>Runs of a few flows are created first (not measured). Then worker threads take "tickets" scheduled at
 * {@code rate} per second (open loop: a late ticket is sent at once, so the achieved rate shows whether the stack
 * kept up); each worker moves its current run to RUNNING, then to COMPLETED or FAILED, then takes a new run. Every
 * Nth final change (COMPLETED/FAILED; about 10 per second) is sampled: a sampler polls the filter every 20 ms until it answers the flow.
 * The first 5 s are a warm-up at the target rate and are not measured.
 *
 * <p>Usage: {@code java bench/projections/Lag.java [api-url] [changes-per-second] [seconds] [threads]}
 */
public class Lag {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final int FLOWS = 4;
    private static final int WARMUP_SECONDS = 5;
    private static final long POLL_MILLIS = 20;
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);

    record Run(String id, String flowId) {
    }

    public static void main(String[] args) throws Exception {
        String api = args.length > 0 ? args[0] : "http://127.0.0.1:4200/api";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Math.max(8, rate / 10);
        // about 10 samples a second, among the final changes (a RUNNING state is soon replaced, so never sampled)
        int sampleEvery = Math.max(1, rate / 20);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();

        String tag = Long.toString(System.currentTimeMillis(), 36);
        List<String> flowIds = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            flowIds.add(id(post(http, api + "/flows/", "{\"name\":\"bench-lag-" + tag + "-" + i + "\"}")));
        }

        // Two changes per run; a margin for workers that stop mid-run.
        long totalTickets = (long) rate * (WARMUP_SECONDS + seconds);
        int runCount = (int) (totalTickets / 2 + threads * 2L);
        ConcurrentLinkedQueue<Run> runs = new ConcurrentLinkedQueue<>();
        long createStart = System.nanoTime();
        AtomicInteger created = new AtomicInteger();
        ExecutorService creators = Executors.newFixedThreadPool(16);
        for (int c = 0; c < 16; c++) {
            creators.submit(() -> {
                int i;
                while ((i = created.getAndIncrement()) < runCount) {
                    String flowId = flowIds.get(i % FLOWS);
                    runs.add(new Run(id(post(http, api + "/flow_runs/", "{\"flow_id\":\"" + flowId + "\"}")), flowId));
                }
                return null;
            });
        }
        creators.shutdown();
        creators.awaitTermination(1, TimeUnit.HOURS);
        if (runs.size() < runCount) {
            throw new IllegalStateException("created only " + runs.size() + " of " + runCount + " runs");
        }
        System.out.printf("created %d runs of %d flows in %.1fs; settling 5s%n", runCount, FLOWS,
                (System.nanoTime() - createStart) / 1e9);
        Thread.sleep(5000);

        AtomicLong tickets = new AtomicLong();
        long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
        long measureFrom = start + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        long nanosPerTicket = 1_000_000_000L / rate;
        AtomicLong measuredChanges = new AtomicLong();
        AtomicLong lastMeasuredResponse = new AtomicLong(measureFrom);
        AtomicLong notAccepted = new AtomicLong();
        AtomicLong behind = new AtomicLong();
        List<Long> setStateNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> lagNanos = Collections.synchronizedList(new ArrayList<>());
        AtomicLong timeouts = new AtomicLong();
        AtomicLong samplesDue = new AtomicLong();
        ExecutorService samplers = Executors.newCachedThreadPool();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                Run current = null;
                try {
                    while (true) {
                        long ticket = tickets.getAndIncrement();
                        long due = start + ticket * nanosPerTicket;
                        if (due >= end) {
                            return;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } else if (wait < -Duration.ofMillis(100).toNanos() && due >= measureFrom) {
                            behind.incrementAndGet();
                        }
                        String type;
                        if (current == null) {
                            current = runs.poll();
                            type = "RUNNING";
                        } else {
                            type = ticket % 3 == 0 ? "FAILED" : "COMPLETED";
                        }
                        Run run = current;
                        long a = System.nanoTime();
                        String response = post(http, api + "/flow_runs/" + run.id() + "/set_state",
                                "{\"state\":{\"type\":\"" + type + "\"},\"force\":true}");
                        long b = System.nanoTime();
                        if (!"RUNNING".equals(type)) {
                            current = null;
                        }
                        Matcher status = STATUS.matcher(response);
                        boolean accepted = status.find() && "ACCEPT".equals(status.group(1));
                        if (!accepted) {
                            notAccepted.incrementAndGet();
                        }
                        if (due >= measureFrom) {
                            measuredChanges.incrementAndGet();
                            lastMeasuredResponse.accumulateAndGet(b, Math::max);
                            setStateNanos.add(b - a);
                            if (accepted && !"RUNNING".equals(type) && samplesDue.incrementAndGet() % sampleEvery == 0) {
                                samplers.submit(() -> sample(http, api, run, type, b, lagNanos, timeouts));
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double achievedSeconds = (lastMeasuredResponse.get() - measureFrom) / 1e9;
        samplers.shutdown();
        samplers.awaitTermination(2, TimeUnit.MINUTES);

        List<Long> lags = new ArrayList<>(lagNanos);
        Collections.sort(lags);
        List<Long> sets = new ArrayList<>(setStateNanos);
        Collections.sort(sets);
        System.out.printf("offered=%d/s threads=%d measured=%ds changes=%d achieved=%.1f/s late(>100ms)=%d "
                        + "not-accepted=%d%n", rate, threads, seconds, measuredChanges.get(),
                measuredChanges.get() / Math.max(achievedSeconds, seconds), behind.get(), notAccepted.get());
        System.out.printf("set_state p50=%.1fms p99=%.1fms%n", pct(sets, 0.50) / 1e6, pct(sets, 0.99) / 1e6);
        System.out.printf("lag samples=%d (every %dth final change, poll %dms) timeouts(>%ds)=%d "
                        + "p50=%.0fms p90=%.0fms p99=%.0fms max=%.0fms%n", lags.size(), sampleEvery, POLL_MILLIS,
                SAMPLE_TIMEOUT.toSeconds(), timeouts.get(), pct(lags, 0.50) / 1e6, pct(lags, 0.90) / 1e6,
                pct(lags, 0.99) / 1e6, lags.isEmpty() ? Double.NaN : lags.get(lags.size() - 1) / 1e6);
        System.exit(0);
    }

    /** Polls flows-service's filter until it answers the run's flow (projection caught up) or the timeout passes. */
    private static Void sample(HttpClient http, String api, Run run, String type, long committedAt, List<Long> lags,
            AtomicLong timeouts) throws Exception {
        String body = "{\"flows\":{\"id\":{\"any_\":[\"" + run.flowId() + "\"]}},\"flow_runs\":{\"id\":{\"any_\":[\""
                + run.id() + "\"]},\"state\":{\"type\":{\"any_\":[\"" + type + "\"]}}}}";
        long deadline = committedAt + SAMPLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String found = post(http, api + "/flows/filter", body);
            long at = System.nanoTime();
            if (found.contains(run.flowId())) {
                lags.add(at - committedAt);
                return null;
            }
            Thread.sleep(POLL_MILLIS);
        }
        timeouts.incrementAndGet();
        return null;
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private static String post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
