"""adapters.errors.redact: no secret survives in a message, the reason for a failure does."""

import pytest

from fibre_resilience.adapters.errors import redact

CASES = [
    # (text, secrets that must go, words that must stay)
    (
        "Connection failed: dbname='gracethd' host=127.0.0.1 port=55333 user='fr_secret' "
        "password='Wr0ngPassw0rd'",
        ["Wr0ngPassw0rd"],
        ["Connection failed", "host=127.0.0.1", "port=55333", "user='fr_secret'"],
    ),
    (
        "host=db port=5432 dbname=gis user=bob password=hunter22 sslmode=require",
        ["hunter22"],
        ["sslmode=require", "user=bob", "password="],
    ),
    ("password='it\\'s a secret' host=db", ["it\\'s a secret", "secret'"], ["host=db"]),
    # redacted twice (a message quoting a redacted text): what follows the mark stays
    ("(host=db password='s3cretPw'): refused", ["s3cretPw"], ["(host=db password=***): refused"]),
    ('PG:"dbname=gis PASSWORD=Tr1cky!pw"', ["Tr1cky!pw"], ["dbname=gis"]),
    ('{"user": "bob", "password": "js0nSecret"}', ["js0nSecret"], ['"user": "bob"']),
    (
        "postgresql://bob:p@ss/w0rd@db.example.org:5432/gis failed: connection refused",
        ["p@ss/w0rd", "ss/w0rd"],
        ["postgresql://bob:", "db.example.org:5432/gis", "connection refused"],
    ),
    ("https://alice:s3cret@tiles.example/x.pbf", ["s3cret"], ["https://alice:", "tiles.example"]),
    (
        'FATAL:  password authentication failed for user "fr_secret"',
        [],
        ['FATAL:  password authentication failed for user "fr_secret"'],
    ),
    (
        "dbname='d' key='fid' table=\"livraison\".\"t_noeud\" (geom) gt_passage=PON",
        [],
        ["key='fid'", 'table="livraison"."t_noeud" (geom)', "gt_passage=PON"],
    ),
]


@pytest.mark.parametrize("text,gone,kept", CASES)
def test_secrets_go_and_the_rest_stays(text, gone, kept):
    out = redact(text)
    for secret in gone:
        assert secret not in out
    for word in kept:
        assert word in out
    assert redact(out) == out  # idempotent


def test_known_secrets_go_wherever_they_are():
    out = redact(
        "the server said Hunter2Pw (and Hunter2%21Pw)", secrets=["Hunter2Pw", "Hunter2!Pw"]
    )
    assert "Hunter2" not in out and "the server said" in out
    # a short secret only as a word of its own
    assert redact("table ab is ab", secrets=["ab"]) == "table *** is ***"


def test_service_file_password_goes(tmp_path, monkeypatch):
    services = tmp_path / "pg_service.conf"
    services.write_text("[livraison]\nhost=db\nuser=bob\npassword=Serv1ceSecret\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    out = redact("service='livraison' failed; server echoed Serv1ceSecret")
    assert "Serv1ceSecret" not in out and "service='livraison'" in out
    # the file's contents quoted in a message
    out = redact(services.read_text())
    assert "Serv1ceSecret" not in out and "user=bob" in out


def test_none_and_non_text():
    assert redact(None) == ""
    assert redact(ValueError("password=abc1234 refused")) == "password=*** refused"


def test_authcfg_secret_goes(qgis_app):
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    # The tests' own QGIS profile (.qgis-settings): its auth database gets this master password.
    assert manager.setMasterPassword("fr-test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("fr-test-redact")
    config.setConfig("username", "bob")
    config.setConfig("password", "Auth-Secret-77")
    assert manager.storeAuthenticationConfig(config)
    try:
        text = f"host=db authcfg={config.id()} failed; the server echoed Auth-Secret-77"
        out = redact(text)
        assert "Auth-Secret-77" not in out
        assert f"authcfg={config.id()}" in out and "failed" in out
    finally:
        manager.removeAuthenticationConfig(config.id())
