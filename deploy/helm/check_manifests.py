#!/usr/bin/env python3
"""Checks the invariants of manifests rendered from deploy/helm/praetor (used by deploy/helm/test.sh).

  check_manifests.py RENDERED.yaml                      every invariant below
  check_manifests.py --only-image-changed A.yaml B.yaml runs
                                                        B differs from A in the runs image alone

Invariants: the seven components each have a Deployment, a ConfigMap and a Service that selects the Deployment's
pods; each component's database URLs (reactive and JDBC) name its own database; every praetor.services.<x>-url of
the services and every praetor.gateway.upstream.<x> of the gateway points at the Service of <x> and its port;
probes on the Quarkus health endpoints; RollingUpdate with maxUnavailable 0; non-root, read-only root file system,
ALL capabilities dropped; the database password from a Secret; only the gateway exposed outside the cluster;
PodDisruptionBudgets and HorizontalPodAutoscalers aim at existing Deployments.
"""
import sys

import yaml

BACKENDS = ["flows", "runs", "deployments", "artifacts", "events", "config"]
COMPONENTS = BACKENDS + ["gateway"]
MODULES = {name: f"{name}-service" for name in BACKENDS} | {"gateway": "gateway"}
DATABASES = {name: f"praetor_{name}" for name in COMPONENTS}
KAFKA_USERS = BACKENDS  # every backend gets the bootstrap servers, as in the local stack
COMPONENT_LABEL = "app.kubernetes.io/component"


def load(path):
    with open(path) as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc]


def by_kind(docs, kind):
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


def component_of(doc):
    return doc["metadata"]["labels"].get(COMPONENT_LABEL)


def selects(selector, labels):
    return bool(selector) and all(labels.get(key) == value for key, value in selector.items())


def check(path):
    docs = load(path)
    errors = []

    def fail(message):
        errors.append(message)

    seen = set()
    for doc in docs:
        key = (doc["kind"], doc["metadata"]["name"])
        if key in seen:
            fail(f"duplicate {key}")
        seen.add(key)

    deployments = by_kind(docs, "Deployment")
    services = by_kind(docs, "Service")
    configmaps = by_kind(docs, "ConfigMap")
    secrets = by_kind(docs, "Secret")

    deployment_of = {component_of(d): d for d in deployments.values()}
    if sorted(deployment_of) != sorted(COMPONENTS):
        fail(f"Deployments for {sorted(deployment_of)}, want {sorted(COMPONENTS)}")

    # The Service of each component: selects its pods, port named http targeting the container's http port.
    service_of = {}
    for name, service in services.items():
        matched = [c for c, d in deployment_of.items()
                   if selects(service["spec"].get("selector"), d["spec"]["template"]["metadata"]["labels"])]
        if len(matched) != 1:
            fail(f"Service {name} selects the pods of {matched}, want exactly one component")
            continue
        component = matched[0]
        service_of[component] = service
        if component != "gateway" and service["spec"].get("type", "ClusterIP") != "ClusterIP":
            fail(f"Service {name} of {component} is {service['spec']['type']}: only the gateway may be exposed")
        ports = service["spec"]["ports"]
        if [p.get("targetPort") for p in ports] != ["http"]:
            fail(f"Service {name}: want one port with targetPort http, got {ports}")
    for component in COMPONENTS:
        if component not in service_of:
            fail(f"no Service for {component}")

    def url_of(component):
        service = service_of.get(component)
        if service is None:
            return None
        return f"http://{service['metadata']['name']}:{service['spec']['ports'][0]['port']}"

    for component, deployment in deployment_of.items():
        where = f"Deployment {deployment['metadata']['name']} ({component})"
        spec = deployment["spec"]
        pod = spec["template"]["spec"]
        labels = spec["template"]["metadata"]["labels"]
        if not selects(spec["selector"]["matchLabels"], labels):
            fail(f"{where}: selector does not match the pod labels")

        strategy = spec.get("strategy", {})
        if strategy.get("type") != "RollingUpdate" or strategy.get("rollingUpdate", {}).get("maxUnavailable") != 0:
            fail(f"{where}: want RollingUpdate with maxUnavailable 0, got {strategy}")

        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            fail(f"{where}: pod securityContext.runAsNonRoot is not true")
        if pod.get("automountServiceAccountToken") is not False:
            fail(f"{where}: the service account token is mounted")

        containers = pod["containers"]
        if len(containers) != 1:
            fail(f"{where}: want one container, got {len(containers)}")
            continue
        container = containers[0]
        image = container["image"]
        repository = image.rsplit(":", 1)[0]
        if not repository.endswith("/" + MODULES[component]):
            fail(f"{where}: image {image} is not the {MODULES[component]} image")

        for one in containers + pod.get("initContainers", []):
            context = one.get("securityContext", {})
            if context.get("readOnlyRootFilesystem") is not True:
                fail(f"{where}/{one['name']}: root file system is not read-only")
            if context.get("allowPrivilegeEscalation") is not False:
                fail(f"{where}/{one['name']}: privilege escalation is allowed")
            if "ALL" not in context.get("capabilities", {}).get("drop", []):
                fail(f"{where}/{one['name']}: capabilities ALL are not dropped")
        if "/tmp" not in [m["mountPath"] for m in container.get("volumeMounts", [])]:
            fail(f"{where}: no writable /tmp")

        port_names = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
        if "http" not in port_names:
            fail(f"{where}: no container port named http")

        # Probes: Quarkus health endpoints (the gateway's liveness on its own /api/health).
        want = {
            "livenessProbe": "/api/health" if component == "gateway" else "/q/health/live",
            "readinessProbe": "/q/health/ready",
            "startupProbe": "/q/health/started",
        }
        for probe, path in want.items():
            got = container.get(probe, {}).get("httpGet", {})
            if got.get("path") != path or got.get("port") != "http":
                fail(f"{where}: {probe} is {got}, want GET {path} on port http")

        # Settings: the ConfigMap in envFrom, the password from a Secret.
        refs = [e["configMapRef"]["name"] for e in container.get("envFrom", []) if "configMapRef" in e]
        if len(refs) != 1 or refs[0] not in configmaps:
            fail(f"{where}: envFrom ConfigMap {refs} is not rendered")
            continue
        config = configmaps[refs[0]]["data"]
        env = {e["name"]: e for e in container.get("env", [])}
        names = [e["name"] for e in container.get("env", [])]
        if len(names) != len(set(names)):
            fail(f"{where}: duplicate env names {names}")

        if str(config.get("QUARKUS_HTTP_PORT")) != str(port_names.get("http")):
            fail(f"{where}: QUARKUS_HTTP_PORT {config.get('QUARKUS_HTTP_PORT')} != container port "
                 f"{port_names.get('http')}")

        database = DATABASES[component]
        reactive = config.get("QUARKUS_DATASOURCE_REACTIVE_URL", "")
        jdbc = config.get("QUARKUS_DATASOURCE_JDBC_URL", "")
        if not reactive.startswith("postgresql://") or reactive.split("?")[0].rsplit("/", 1)[-1] != database:
            fail(f"{where}: reactive URL {reactive!r} does not name database {database}")
        if jdbc != "jdbc:" + reactive:
            fail(f"{where}: JDBC URL {jdbc!r} is not jdbc: + the reactive URL {reactive!r}")
        if not config.get("QUARKUS_DATASOURCE_USERNAME"):
            fail(f"{where}: no QUARKUS_DATASOURCE_USERNAME")
        password = env.get("QUARKUS_DATASOURCE_PASSWORD", {}).get("valueFrom", {}).get("secretKeyRef")
        if not password:
            fail(f"{where}: QUARKUS_DATASOURCE_PASSWORD is not from a Secret")
        elif password["name"] in secrets and password["key"] not in secrets[password["name"]].get("data", {}):
            fail(f"{where}: Secret {password['name']} has no key {password['key']}")
        for name, value in config.items():
            if any(word in name for word in ("PASSWORD", "TOKEN", "AUTH_STRING")):
                fail(f"{where}: credential {name} in a ConfigMap")

        if component == "gateway":
            for backend in BACKENDS:
                key = f"PRAETOR_GATEWAY_UPSTREAM_{backend.upper()}"
                if config.get(key) != url_of(backend):
                    fail(f"{where}: {key}={config.get(key)!r}, want {url_of(backend)!r}")
            if "PRAETOR_ADMIN_TOKEN" not in env:
                fail(f"{where}: no PRAETOR_ADMIN_TOKEN")
        else:
            if component in KAFKA_USERS and not config.get("KAFKA_BOOTSTRAP_SERVERS"):
                fail(f"{where}: no KAFKA_BOOTSTRAP_SERVERS")
            for backend in BACKENDS:
                key = f"PRAETOR_SERVICES_{backend.upper()}_URL"
                if config.get(key) != url_of(backend):
                    fail(f"{where}: {key}={config.get(key)!r}, want {url_of(backend)!r}")
            if any(name.startswith("PRAETOR_GATEWAY_UPSTREAM_") for name in config):
                fail(f"{where}: gateway upstreams in a service's ConfigMap")

    for name, pdb in by_kind(docs, "PodDisruptionBudget").items():
        selector = pdb["spec"]["selector"]["matchLabels"]
        if not any(selects(selector, d["spec"]["template"]["metadata"]["labels"]) for d in deployments.values()):
            fail(f"PodDisruptionBudget {name} selects no Deployment's pods")
    for name, hpa in by_kind(docs, "HorizontalPodAutoscaler").items():
        target = hpa["spec"]["scaleTargetRef"]["name"]
        if target not in deployments:
            fail(f"HorizontalPodAutoscaler {name} aims at a missing Deployment {target}")
        elif "replicas" in deployments[target]["spec"]:
            fail(f"Deployment {target} sets replicas although an autoscaler manages it")
    gateway_service = service_of.get("gateway", {}).get("metadata", {}).get("name")
    for name, ingress in by_kind(docs, "Ingress").items():
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                if path["backend"]["service"]["name"] != gateway_service:
                    fail(f"Ingress {name} routes to {path['backend']['service']['name']}, not the gateway")
    return errors


def only_image_changed(before_path, after_path, component):
    """The Deployments of B equal those of A except for the image (and version label) of one component."""
    errors = []
    before = {d["metadata"]["name"]: d for d in load(before_path) if d["kind"] == "Deployment"}
    after = {d["metadata"]["name"]: d for d in load(after_path) if d["kind"] == "Deployment"}
    changed = []
    for name, deployment in before.items():
        other = after.get(name)
        image = deployment["spec"]["template"]["spec"]["containers"][0]["image"]
        other_image = other["spec"]["template"]["spec"]["containers"][0]["image"]
        if image != other_image:
            changed.append(component_of(deployment))
    if changed != [component]:
        errors.append(f"images changed for {changed}, want only {component}")
    return errors


def main(argv):
    if len(argv) == 5 and argv[1] == "--only-image-changed":
        errors = only_image_changed(argv[2], argv[3], argv[4])
    elif len(argv) == 2:
        errors = check(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for error in errors:
        print("  " + error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
