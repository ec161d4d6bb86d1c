"""Settings read from the environment: empty means the default, a bad value stops start-up
with a message naming the variable (issue 13, failure 9)."""

import pytest

from tests.test_deploy import manage

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "redline.example.org",
}


def setting(name: str, **env) -> str:
    result = manage(
        "shell", "-c", f"from django.conf import settings; print(repr(settings.{name}))", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("variable", "setting_name", "default"),
    [
        ("SECURE_HSTS_SECONDS", "SECURE_HSTS_SECONDS", "31536000"),
        ("DB_CONN_MAX_AGE", "DATABASES['default']['CONN_MAX_AGE']", "0"),
        ("REDLINE_PAGE_SIZE", "REDLINE_PAGE_SIZE", "50"),
        ("SECURE_SSL_REDIRECT", "SECURE_SSL_REDIRECT", "True"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS", "[]"),
    ],
)
def test_an_empty_variable_means_the_default(variable, setting_name, default):
    env = {**PRODUCTION, variable: ""}
    assert setting(setting_name, **env) == default


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECURE_HSTS_SECONDS", "a year"),
        ("SECURE_HSTS_SECONDS", "-5"),
        ("REDLINE_IMPORT_MAX_FILE_BYTES", "5MB"),
        ("REDLINE_PAGE_SIZE", "0"),
        ("SECURE_SSL_REDIRECT", "maybe"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(variable, value):
    result = manage("check", **{**PRODUCTION, variable: value})
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line
    assert variable in last_line


def test_a_set_value_is_read():
    assert setting("SECURE_HSTS_SECONDS", **PRODUCTION, SECURE_HSTS_SECONDS=" 600 ") == "600"
