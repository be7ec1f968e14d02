"""The root routes the client and users call before anything else (conventions.md §1)."""


def test_health_is_true(http):
    response = http.get("health")
    assert response.status_code == 200
    assert response.json() is True


def test_version_and_admin_version(http):
    assert http.get("version").json() == "0.8.4"
    assert http.get("admin/version").json().startswith("3.")


def test_hello(http):
    assert http.get("hello").json() == "\N{WAVING HAND SIGN}"


def test_csrf_token_says_protection_is_disabled(http):
    response = http.get("csrf-token", params={"client": "compat"})
    assert response.status_code == 422
    assert "CSRF protection is disabled." in response.text


def test_old_api_version_is_refused(http):
    response = http.get("hello", headers={"X-PREFECT-API-VERSION": "0.7.9"})
    assert response.status_code == 400
    assert "requires version 0.8.0 or higher" in response.json()["detail"]


def test_unknown_route_is_json_404(http):
    response = http.get("no_such_collection/x")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
