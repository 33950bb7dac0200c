import datetime
import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from catalog.models import Author, Book, BookInstance

pytestmark = pytest.mark.django_db


def public_urls(catalog):
    book, author = catalog["books"][0], catalog["authors"][0]
    return {
        "index": reverse("index"),
        "books": reverse("books"),
        "book-detail": reverse("book-detail", args=[book.id]),
        "authors": reverse("authors"),
        "author-detail": reverse("author-detail", args=[author.id]),
        "genres": reverse("genres"),
        "genre-detail": reverse("genre-detail", args=[catalog["genre"].id]),
        "languages": reverse("languages"),
        "language-detail": reverse("language-detail", args=[catalog["language"].id]),
        "login": reverse("login"),
        "password-reset": reverse("password_reset"),
    }


@pytest.mark.parametrize("name", ["index", "books", "book-detail", "authors", "author-detail", "genres",
                                  "genre-detail", "languages", "language-detail", "login", "password-reset"])
@pytest.mark.parametrize("who", ["anonymous", "member", "librarian"])
def test_public_pages_answer_everyone(request, client, catalog, name, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(public_urls(catalog)[name])
    assert response.status_code == 200


def test_anonymous_visitors_write_no_session(client, catalog):
    from django.contrib.sessions.models import Session

    before = Session.objects.count()
    for url in public_urls(catalog).values():
        response = client.get(url)
        assert response.status_code == 200, url
        assert "sessionid" not in response.cookies, url
    assert Session.objects.count() == before


def test_members_visits_are_counted(member_client, catalog):
    member_client.get(reverse("index"))
    body = member_client.get(reverse("index")).content.decode()
    assert "You have visited this page 2 times." in body


def test_an_exception_in_a_view_mails_the_admins(client, catalog, settings, monkeypatch):
    from catalog.views import BookListView

    settings.ADMINS = [("Ops", "ops@library.test")]

    def broken(self):
        raise RuntimeError("the shelf fell over")

    monkeypatch.setattr(BookListView, "get_queryset", broken)
    client.raise_request_exception = False
    assert client.get(reverse("books")).status_code == 500
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@library.test"]
    assert "the shelf fell over" in mail.outbox[0].body


def test_root_redirects_to_catalog(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/catalog/"


def test_home_shows_the_counts(client, catalog):
    body = client.get(reverse("index")).content.decode()
    assert re.search(r'<span class="num">12</span> <span class="label">Books</span>', body)
    assert re.search(r'<span class="num">10</span> <span class="label">Copies available</span>', body)
    assert re.search(r'<span class="num">2</span> <span class="label">Authors</span>', body)


def test_book_list_is_paginated(client, catalog):
    first = client.get(reverse("books"))
    assert len(first.context["book_list"]) == 10
    assert first.context["is_paginated"]
    second = client.get(reverse("books") + "?page=2")
    assert len(second.context["book_list"]) == 2
    assert client.get(reverse("books") + "?page=3").status_code == 404


def test_book_detail_lists_copies(client, catalog):
    book = catalog["books"][0]
    body = client.get(reverse("book-detail", args=[book.id])).content.decode()
    assert book.title in body and "On loan" in body and book.isbn in body


def test_unknown_book_is_404_with_our_page(client, catalog):
    response = client.get(reverse("book-detail", args=[99999]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_my_books_needs_login(client, catalog):
    response = client.get(reverse("my-borrowed"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_books_lists_only_the_members_loans(member_client, catalog, django_user_model):
    other = django_user_model.objects.create_user("other", password="x-unused-password-1")
    copy = catalog["copies"][5]
    copy.status, copy.borrower, copy.due_back = BookInstance.Status.ON_LOAN, other, datetime.date.today()
    copy.save()
    response = member_client.get(reverse("my-borrowed"))
    assert response.status_code == 200
    titles = [c.book.title for c in response.context["bookinstance_list"]]
    assert titles == ["Book 00", "Book 01"]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("member", 403), ("librarian", 200)])
def test_all_borrowed_is_for_librarians(request, client, catalog, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("all-borrowed"))
    assert response.status_code == status
    if status == 200:
        assert len(response.context["bookinstance_list"]) == 2


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("member", 403), ("librarian", 200)])
def test_renew_page_access(request, client, catalog, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("renew-book-librarian", args=[catalog["copies"][0].id]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


def test_renew_form_proposes_three_weeks(librarian_client, catalog, today):
    response = librarian_client.get(reverse("renew-book-librarian", args=[catalog["copies"][0].id]))
    assert response.context["form"].initial["renewal_date"] == today + datetime.timedelta(weeks=3)


def test_renew_saves_and_redirects(librarian_client, catalog, today):
    copy = catalog["copies"][0]
    new_date = today + datetime.timedelta(weeks=2)
    response = librarian_client.post(reverse("renew-book-librarian", args=[copy.id]), {"renewal_date": new_date})
    assert response.status_code == 302
    assert response["Location"] == reverse("all-borrowed")
    copy.refresh_from_db()
    assert copy.due_back == new_date


def test_renew_rejects_a_past_date_with_a_message(librarian_client, catalog, today):
    copy = catalog["copies"][0]
    response = librarian_client.post(reverse("renew-book-librarian", args=[copy.id]),
                                     {"renewal_date": today - datetime.timedelta(days=2)})
    assert response.status_code == 200
    assert "Invalid date - renewal in the past." in response.content.decode()
    copy.refresh_from_db()
    assert copy.due_back == today + datetime.timedelta(days=5)


def test_renew_unknown_copy_is_404(librarian_client, catalog):
    assert librarian_client.get(reverse("renew-book-librarian", args=[uuid.uuid4()])).status_code == 404


@pytest.mark.parametrize("name", ["author-create", "book-create"])
@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("member", 403), ("librarian", 200)])
def test_create_pages_need_permission(request, client, catalog, name, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(name)).status_code == status


def test_librarian_creates_updates_and_deletes_an_author(librarian_client):
    response = librarian_client.post(reverse("author-create"), {"first_name": "Ursula", "last_name": "Le Guin",
                                                                "date_of_birth": "1929-10-21"})
    author = Author.objects.get(last_name="Le Guin")
    assert response.status_code == 302 and response["Location"] == author.get_absolute_url()
    librarian_client.post(reverse("author-update", args=[author.id]),
                          {"first_name": "Ursula K.", "last_name": "Le Guin"})
    author.refresh_from_db()
    assert author.first_name == "Ursula K."
    assert librarian_client.post(reverse("author-delete", args=[author.id])).status_code == 302
    assert not Author.objects.filter(id=author.id).exists()


@pytest.mark.parametrize(("url_name", "kind", "model", "reason"), [
    ("author-delete", "authors", Author, "still has books"),
    ("book-delete", "books", Book, "still has copies"),
])
def test_object_still_referenced_cannot_be_deleted(librarian_client, catalog, url_name, kind, model, reason):
    obj = catalog[kind][0]
    response = librarian_client.post(reverse(url_name, args=[obj.id]))
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert model.objects.filter(id=obj.id).exists()


def test_librarian_deletes_a_book_without_copies(librarian_client, catalog):
    book = catalog["books"][0]
    book.instances.all().delete()
    assert librarian_client.post(reverse("book-delete", args=[book.id])).status_code == 302
    assert not Book.objects.filter(id=book.id).exists()


def test_member_cannot_change_or_delete_books(member_client, catalog):
    book = catalog["books"][0]
    assert member_client.get(reverse("book-update", args=[book.id])).status_code == 403
    assert member_client.post(reverse("book-delete", args=[book.id])).status_code == 403
    assert Book.objects.filter(id=book.id).exists()


def test_librarian_creates_a_book(librarian_client, catalog):
    response = librarian_client.post(reverse("book-create"), {
        "title": "The Dispossessed", "author": catalog["authors"][0].id, "summary": "Anarres and Urras.",
        "isbn": "9780061054884", "genre": [catalog["genre"].id], "language": catalog["language"].id})
    assert response.status_code == 302
    assert Book.objects.filter(isbn="9780061054884").exists()


def test_login_and_logout_with_post(client, member, catalog):
    response = client.post(reverse("login"), {"username": "member", "password": "correct-horse-battery-staple-42"})
    assert response.status_code == 302
    assert "My borrowed books" in client.get(reverse("index")).content.decode()
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("my-borrowed")).status_code == 302


def test_wrong_password_is_refused(client, member):
    response = client.post(reverse("login"), {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()


def test_password_reset_sends_a_mail(client, member):
    member.email = "member@example.org"
    member.save()
    response = client.post(reverse("password_reset"), {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_security_headers(client, catalog):
    response = client.get(reverse("index"), secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_is_redirected_to_https(client, settings, catalog):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("index"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.parametrize("name", ["index", "books", "book-detail", "login"])
def test_pages_need_no_inline_script_or_style(librarian_client, catalog, name):
    body = librarian_client.get(public_urls(catalog)[name]).content.decode()
    assert "<script" not in body
    assert "<style" not in body
    assert not re.search(r"\sstyle=", body)
    assert not re.search(r"\son[a-z]+=", body)
