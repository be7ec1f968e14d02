import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PERFORMANCE.md's lifecycle scenario: each of N clients in a closed loop creates a flow run, proposes RUNNING,
 * then COMPLETED, through the gateway. Prints lifecycles/s and set_state p50/p99 after a warm-up.
 * Usage: java bench/runs/Lifecycles.java [api-url] [clients] [warmup-s] [measure-s]
 */
public class Lifecycles {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String api = args.length > 0 ? args[0] : "http://127.0.0.1:4200/api";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int measure = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String flowId = id(post(http, api + "/flows/", "{\"name\":\"bench-lifecycles\"}"));

        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(measure).toNanos();
        AtomicLong lifecycles = new AtomicLong();
        List<Long> setStateNanos = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        String run = id(post(http, api + "/flow_runs/", "{\"flow_id\":\"" + flowId + "\"}"));
                        long a = System.nanoTime();
                        post(http, api + "/flow_runs/" + run + "/set_state", "{\"state\":{\"type\":\"RUNNING\"}}");
                        long b = System.nanoTime();
                        post(http, api + "/flow_runs/" + run + "/set_state", "{\"state\":{\"type\":\"COMPLETED\"}}");
                        long d = System.nanoTime();
                        if (a >= measureFrom && d <= end) {
                            lifecycles.incrementAndGet();
                            setStateNanos.add(b - a);
                            setStateNanos.add(d - b);
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(setStateNanos);
        Collections.sort(sorted);
        System.out.printf("clients=%d measured=%ds lifecycles=%d rate=%.1f/s set_state p50=%.2fms p99=%.2fms%n",
                clients, measure, lifecycles.get(), lifecycles.get() / (double) measure,
                pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6);
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private static String post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
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
