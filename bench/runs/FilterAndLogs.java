import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two PERFORMANCE.md scenarios through the gateway:
 * <ol>
 *   <li>{@code POST /flow_runs/filter} (state type {@code any_}, limit 200) over a workspace with {@code runs} runs,
 *   topped up first in a spread of terminal and non-terminal states; N clients in a closed loop; p50/p99 and requests/s.</li>
 *   <li>{@code POST /logs/} in 100-line batches; N clients in a closed loop; lines/s.</li>
 * </ol>
 * Usage: java bench/runs/FilterAndLogs.java [api-url] [clients] [runs] [warmup-s] [measure-s]
 */
public class FilterAndLogs {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String[] STATES = {"COMPLETED", "FAILED", "SCHEDULED", "RUNNING", "CANCELLED", "CRASHED",
            "COMPLETED", "COMPLETED", "PENDING", "COMPLETED"};

    public static void main(String[] args) throws Exception {
        String api = args.length > 0 ? args[0] : "http://127.0.0.1:4200/api";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int measure = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String flowId = id(post(http, api + "/flows/", "{\"name\":\"bench-filter\"}"));

        // The workspace's runs count towards the 20,000: the scenario is a filter over a table of that size.
        String existing = post(http, api + "/flow_runs/count", "{}").trim();
        long have = existing.matches("\\d+") ? Long.parseLong(existing) : 0;
        long seedStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> seeding = new ArrayList<>();
        for (long i = have; i < runs; i++) {
            String state = STATES[(int) (i % STATES.length)];
            seeding.add(pool.submit(() -> post(http, api + "/flow_runs/",
                    "{\"flow_id\":\"" + flowId + "\",\"state\":{\"type\":\"" + state + "\"}}")));
        }
        for (Future<?> f : seeding) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("seeded %d runs (%d already there) in %.1f s%n", Math.max(0, runs - have), have,
                (System.nanoTime() - seedStart) / 1e9);

        String filter = "{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"COMPLETED\",\"FAILED\"]}}},"
                + "\"sort\":\"EXPECTED_START_TIME_DESC\",\"limit\":200}";
        Result filters = closedLoop(clients, warmup, measure, c -> () -> {
            String body = post(http, api + "/flow_runs/filter", filter);
            if (!body.startsWith("[")) {
                throw new IllegalStateException(body);
            }
            return 1;
        });
        System.out.printf("flow_runs/filter over %d runs: %.0f req/s, p50 %.2f ms, p99 %.2f ms%n", runs,
                filters.perSecond(), filters.p(0.50), filters.p(0.99));

        String runId = id(post(http, api + "/flow_runs/", "{\"flow_id\":\"" + flowId + "\"}"));
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"name\":\"bench.logs\",\"level\":20,\"message\":\"line ")
                    .append(i).append(" of a 100-line batch from the log benchmark\",")
                    .append("\"timestamp\":\"2026-11-30T00:00:00Z\",\"flow_run_id\":\"").append(runId).append("\"}");
        }
        String logs = batch.append("]").toString();
        Result lines = closedLoop(clients, warmup, measure, c -> () -> {
            post(http, api + "/logs/", logs);
            return 100;
        });
        System.out.printf("logs in 100-line batches: %.0f lines/s, batch p50 %.2f ms, p99 %.2f ms%n",
                lines.perSecond(), lines.p(0.50), lines.p(0.99));
    }

    interface Step {
        int run() throws Exception;
    }

    record Result(long units, double seconds, List<Long> nanos) {
        double perSecond() {
            return units / seconds;
        }

        double p(double q) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size())) / 1e6;
        }
    }

    static Result closedLoop(int clients, int warmup, int measure, IntFunction<Step> steps) throws Exception {
        long measureFrom = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(measure).toNanos();
        AtomicLong units = new AtomicLong();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Step step = steps.apply(c);
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long a = System.nanoTime();
                        int done = step.run();
                        long b = System.nanoTime();
                        if (a >= measureFrom && b <= end) {
                            units.addAndGet(done);
                            nanos.add(b - a);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(units.get(), measure, nanos);
    }

    static String post(HttpClient http, String url, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
