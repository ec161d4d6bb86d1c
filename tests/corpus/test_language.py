"""The interface language switcher (issue 12.5): a signed-in user's choice is saved on their
preference and follows them to the next login; anonymous visitors get a cookie; anything that is
not one of settings.LANGUAGES is refused with a message and changes nothing."""

import json

from django.conf import settings
from django.urls import reverse

from corpus.models import UserPreference
from tests.helpers import login

SWITCH = reverse("corpus:set_language")


def switch(client, language, next_url="/"):
    return client.post(SWITCH, {"language": language, "next": next_url}, follow=True)


def test_a_user_choice_is_saved_and_kept_after_logging_in_again(client, translator):
    login(client, translator)
    page = switch(client, "zh-hans", "/glossary/")
    assert page.redirect_chain[0][0] == "/glossary/"  # back where the switch was made
    assert UserPreference.objects.get(user=translator).language == "zh-hans"
    assert b'<html lang="zh-hans">' in page.content
    client.logout()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)  # another browser: no cookie
    login(client, translator)
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert b'<html lang="zh-hans">' in home.content
    assert "语料库".encode() in home.content


def test_the_saved_choice_wins_over_the_cookie_and_the_browser(client, translator):
    UserPreference.objects.create(user=translator, language="en")
    login(client, translator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert b'<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-Hans").content


def test_another_users_saved_choice_does_not_leak_to_the_next_login(client, translator, reviewer):
    UserPreference.objects.create(user=translator, language="zh-hans")
    login(client, translator)
    client.logout()
    login(client, reviewer)
    assert b'<html lang="en">' in client.get("/").content


def test_an_anonymous_choice_lives_in_the_cookie(client, db):
    page = switch(client, "zh-hans", "/accounts/login/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert b'<html lang="zh-hans">' in page.content
    assert "登录".encode() in page.content
    assert not UserPreference.objects.exists()


def test_an_unknown_language_is_refused_and_changes_nothing(client, translator):
    UserPreference.objects.create(user=translator, language="en")
    login(client, translator)
    page = switch(client, "klingon")
    assert "“klingon” is not a language of this site" in page.content.decode()
    assert UserPreference.objects.get(user=translator).language == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_a_foreign_next_address_is_not_followed(client, translator):
    login(client, translator)
    response = client.post(SWITCH, {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_switching_takes_a_post(client, translator):
    login(client, translator)
    assert client.get(SWITCH, {"language": "zh-hans"}).status_code == 405
    assert not UserPreference.objects.exists()


def test_the_scripts_catalogue_follows_the_users_language(client, translator):
    wanted = json.dumps("请先保存编辑")[1:-1]  # the catalogue is JSON, non-ASCII escaped
    english = client.get("/i18n/catalogue.js?language=en").content.decode()
    assert wanted not in english
    UserPreference.objects.create(user=translator, language="zh-hans")
    login(client, translator)
    chinese = client.get("/i18n/catalogue.js?language=zh-hans")
    assert wanted in chinese.content.decode()
    assert "max-age=3600" in chinese["Cache-Control"] and "private" in chinese["Cache-Control"]
