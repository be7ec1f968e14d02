"""Variables and blocks through the stock client: Variable.set/get/unset, Secret save and load, nested blocks."""
import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from prefect import get_client
from prefect.variables import Variable


def _run_python(code: str) -> str:
    """Runs code in a fresh interpreter, as a user's separate script would: nothing is cached between the two."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            env=os.environ.copy(), timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_variable_set_get_overwrite_unset(unique):
    name = f"var_{unique}"
    assert Variable.get(name, default="fallback") == "fallback"
    Variable.set(name, "first")
    assert Variable.get(name) == "first"
    with pytest.raises(ValueError, match="already exists"):
        Variable.set(name, "second")
    Variable.set(name, {"second": [1, 2]}, tags=["t"], overwrite=True)
    assert Variable.get(name) == {"second": [1, 2]}
    assert Variable.unset(name) is True
    assert Variable.get(name) is None
    assert Variable.unset(name) is False


def test_variable_values_keep_their_json_types(unique):
    values = {"s": "5", "i": 5, "f": 2.5, "b": False, "n": None, "l": [1, "a"], "d": {"k": {"nested": True}}}
    for suffix, value in values.items():
        Variable.set(f"typed_{unique}_{suffix}", value)
    for suffix, value in values.items():
        assert Variable.get(f"typed_{unique}_{suffix}", default="missing") == value


def test_variables_are_listed_and_filtered_by_the_client(unique):
    from prefect.client.schemas.filters import VariableFilter, VariableFilterName

    Variable.set(f"listed_{unique}", 1, tags=["compat"])

    async def scenario():
        async with get_client() as client:
            return await client.read_variables(), await client.read_variable_by_name(f"listed_{unique}")

    everything, one = asyncio.run(scenario())
    assert f"listed_{unique}" in [v.name for v in everything]
    assert one.tags == ["compat"] and one.value == 1


def test_variable_name_with_spaces_is_a_422(http):
    response = http.post("variables/", json={"name": "has spaces", "value": 1})
    assert response.status_code == 422
    assert "lowercase letters, numbers, and dashes or underscores" in response.text


def test_cli_lists_variables(unique):
    Variable.set(f"cli_{unique}", "shown")
    prefect = Path(sys.executable).with_name("prefect")
    result = subprocess.run([str(prefect), "variable", "ls"], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "200"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"cli_{unique}" in result.stdout


def test_secret_saved_in_one_process_loads_in_another(unique):
    name = f"db-password-{unique}"
    _run_python(f"""
        from prefect.blocks.system import Secret
        Secret(value="s3cr3t").save("{name}")
    """)
    assert _run_python(f"""
        from prefect.blocks.system import Secret
        print(Secret.load("{name}").get())
    """) == "s3cr3t"
    # saving again needs overwrite=True; the new value wins
    _run_python(f"""
        from prefect.blocks.system import Secret
        try:
            Secret(value="other").save("{name}")
            raise SystemExit("a second save without overwrite must fail")
        except ValueError:
            pass
        Secret(value="rotated").save("{name}", overwrite=True)
    """)
    assert _run_python(f"""
        from prefect.blocks.system import Secret
        print(Secret.load("{name}").get())
    """) == "rotated"


def test_secret_is_obfuscated_unless_secrets_are_asked_for(unique):
    from prefect.blocks.system import Secret

    name = f"hidden-{unique}"
    Secret(value="top-secret").save(name)

    async def scenario():
        async with get_client() as client:
            hidden = await client.read_block_document_by_name(name, "secret", include_secrets=False)
            shown = await client.read_block_document_by_name(name, "secret", include_secrets=True)
            return hidden, shown

    hidden, shown = asyncio.run(scenario())
    assert hidden.data["value"] == "********"
    assert shown.data["value"] == "top-secret"
    assert Secret.load(name).get() == "top-secret"


def test_nested_blocks_save_and_load(unique, tmp_path):
    module = tmp_path / "nested_blocks.py"
    module.write_text(textwrap.dedent(f"""
        from pydantic import SecretStr
        from prefect.blocks.core import Block

        class CompatInner{unique}(Block):
            _block_type_slug = "compat-inner-{unique}"
            token: SecretStr
            n: int = 1

        class CompatOuter{unique}(Block):
            _block_type_slug = "compat-outer-{unique}"
            inner: CompatInner{unique}
            label: str = "x"
    """))
    env_path = f"import sys; sys.path.insert(0, {str(tmp_path)!r})\nfrom nested_blocks import *\n"
    _run_python(env_path + f"""
inner = CompatInner{unique}(token="inner-secret", n=7)
inner.save("inner-{unique}")
CompatOuter{unique}(inner=inner, label="referenced").save("outer-{unique}")
CompatOuter{unique}(inner=CompatInner{unique}(token="inline-secret"), label="inline").save("inline-{unique}")
""")
    out = _run_python(env_path + f"""
referenced = CompatOuter{unique}.load("outer-{unique}")
inline = CompatOuter{unique}.load("inline-{unique}")
print(referenced.label, referenced.inner.n, referenced.inner.token.get_secret_value(),
      inline.label, inline.inner.token.get_secret_value())
""")
    assert out == "referenced 7 inner-secret inline inline-secret"


def test_cli_lists_blocks(unique):
    from prefect.blocks.system import Secret

    Secret(value="x").save(f"listed-{unique}")
    prefect = Path(sys.executable).with_name("prefect")
    result = subprocess.run([str(prefect), "block", "ls"], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "250"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"listed-{unique}" in result.stdout


def test_system_block_types_install(http):
    response = http.post("block_types/install_system_block_types")
    assert response.status_code == 200
    assert response.json() is None
    secret = http.get("block_types/slug/secret").json()
    assert secret["is_protected"] is True
