"""Fixtures: a small catalog, a member, a librarian, and settings for the test client."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from catalog.models import Author, Book, BookInstance, Genre, Language

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # The test client speaks plain HTTP; HTTPS redirects get their own tests.
    settings.SECURE_SSL_REDIRECT = False
    # Hashed static names need collectstatic first; a test of its own covers them.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("member", password=PASSWORD)


@pytest.fixture
def librarian(django_user_model):
    user = django_user_model.objects.create_user("librarian", password=PASSWORD, is_staff=True)
    codenames = ["can_mark_returned", "add_author", "change_author", "delete_author",
                 "add_book", "change_book", "delete_book"]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="catalog", codename__in=codenames))
    return user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def librarian_client(client, librarian):
    client.force_login(librarian)
    return client


@pytest.fixture
def catalog(db, member, today):
    """Twelve books by two authors, one copy each; the first two are on loan to the member."""
    english = Language.objects.create(name="English")
    scifi = Genre.objects.create(name="Science Fiction")
    wells = Author.objects.create(first_name="H. G.", last_name="Wells", date_of_birth=datetime.date(1866, 9, 21))
    shelley = Author.objects.create(first_name="Mary", last_name="Shelley")
    books = []
    for number in range(12):
        book = Book.objects.create(title=f"Book {number:02d}", author=wells if number % 2 else shelley,
                                   summary="A summary.", isbn=f"978{number:010d}", language=english)
        book.genre.add(scifi)
        books.append(book)
    copies = []
    for number, book in enumerate(books):
        on_loan = number < 2
        copies.append(BookInstance.objects.create(
            book=book, imprint="Test Press",
            status=BookInstance.Status.ON_LOAN if on_loan else BookInstance.Status.AVAILABLE,
            borrower=member if on_loan else None,
            due_back=today + datetime.timedelta(days=5) if on_loan else None))
    return {"books": books, "copies": copies, "authors": [wells, shelley], "genre": scifi, "language": english}
