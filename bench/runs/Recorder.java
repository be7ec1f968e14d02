import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-run recorder benchmark: streams {@code prefect.task-run.*} events (Pending, Running, Completed per task run,
 * shaped like the client's) over {@code ws /events/in} through the gateway at a target rate, and measures
 * <ul>
 *   <li>throughput: events sent / time until the last task run reads back COMPLETED from {@code GET /task_runs/{id}};</li>
 *   <li>lag: for every 20th task run, the time from sending its Completed event until {@code GET /task_runs/{id}}
 *   shows COMPLETED (p50/p99).</li>
 * </ul>
 * Usage: java bench/runs/Recorder.java [api-url] [events-per-second] [seconds]
 */
public class Recorder {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    record Probe(UUID taskRunId, long sentNanos) {
    }

    public static void main(String[] args) throws Exception {
        String api = args.length > 0 ? args[0] : "http://127.0.0.1:4200/api";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String flowId = id(post(http, api + "/flows/", "{\"name\":\"bench-recorder\"}"));
        String flowRunId = id(post(http, api + "/flow_runs/", "{\"flow_id\":\"" + flowId + "\",\"state\":{\"type\":\"RUNNING\"}}"));

        CompletableFuture<Void> authenticated = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().subprotocols("prefect")
                .buildAsync(URI.create(api.replaceFirst("^http", "ws") + "/events/in"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        if (data.toString().contains("auth_success")) {
                            authenticated.complete(null);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        authenticated.completeExceptionally(error);
                        error.printStackTrace();
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"auth\",\"token\":null}", true).get();
        authenticated.get(10, TimeUnit.SECONDS);

        ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        Thread poller = new Thread(() -> poll(http, api, probes, lags));
        poller.setDaemon(true);
        poller.start();

        String[][] steps = {{"PENDING", "Pending"}, {"RUNNING", "Running"}, {"COMPLETED", "Completed"}};
        long start = System.nanoTime();
        long sent = 0;
        UUID last = null;
        int taskRuns = rate * seconds / steps.length;
        for (int t = 0; t < taskRuns; t++) {
            UUID taskRunId = UUID.randomUUID();
            for (String[] step : steps) {
                long due = start + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                socket.sendText(event(taskRunId, flowRunId, t, step[0], step[1]), true).get();
                sent++;
            }
            if (t % 20 == 0) {
                probes.add(new Probe(taskRunId, System.nanoTime()));
            }
            last = taskRunId;
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        while (!completed(http, api, last)) {
            Thread.sleep(5);
        }
        double allVisible = (System.nanoTime() - start) / 1e9;
        while (!probes.isEmpty()) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get();
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        System.out.printf("sent %d events (%d task runs) in %.1f s = %.0f events/s offered; all recorded after %.1f s"
                + " = %.0f events/s recorded%n", sent, taskRuns, sendSeconds, sent / sendSeconds, allVisible,
                sent / allVisible);
        System.out.printf("event -> visible in GET /task_runs/{id}: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probes)%n",
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6, sorted.size());
    }

    static void poll(HttpClient http, String api, ConcurrentLinkedQueue<Probe> probes, List<Long> lags) {
        while (true) {
            Probe probe = probes.peek();
            if (probe == null) {
                sleep(2);
                continue;
            }
            if (completed(http, api, probe.taskRunId())) {
                lags.add(System.nanoTime() - probe.sentNanos());
                probes.poll();
            } else {
                sleep(2);
            }
        }
    }

    static boolean completed(HttpClient http, String api, UUID taskRunId) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/task_runs/" + taskRunId))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"state_type\":\"COMPLETED\"");
        } catch (Exception e) {
            return false;
        }
    }

    static String event(UUID taskRunId, String flowRunId, int n, String type, String name) {
        String now = Instant.now().toString();
        return """
                {"id":"%s","occurred":"%s","event":"prefect.task-run.%s",
                 "resource":{"prefect.resource.id":"prefect.task-run.%s","prefect.resource.name":"bench-%d",
                   "prefect.run-count":"%d","prefect.state-name":"%s","prefect.state-type":"%s","prefect.orchestration":"client"},
                 "related":[{"prefect.resource.id":"prefect.flow-run.%s","prefect.resource.role":"flow-run","prefect.resource.name":"bench"}],
                 "payload":{"intended":{"from":null,"to":"%s"},"initial_state":null,
                   "validated_state":{"type":"%s","name":"%s","message":null,"state_details":{},"data":null},
                   "task_run":{"name":"bench-%d","task_key":"bench-task","dynamic_key":"%d",
                     "empirical_policy":{"retries":0,"retry_delay":0,"retry_jitter_factor":null},"tags":[],"labels":{},
                     "task_inputs":{},"run_count":%d,"flow_run_run_count":1,"expected_start_time":"%s","total_run_time":0.0}},
                 "follows":null}""".formatted(UUID.randomUUID(), now, name, taskRunId, n,
                type.equals("PENDING") ? 0 : 1, name, type, flowRunId, type, type, name, n, n,
                type.equals("PENDING") ? 0 : 1, now).replace("\n", "");
    }

    static double pct(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size())) / 1e6;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
