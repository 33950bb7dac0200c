import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Author, Book, BookInstance, Genre, Language

pytestmark = pytest.mark.django_db


def test_author_str_and_url():
    author = Author.objects.create(first_name="Jane", last_name="Austen")
    assert str(author) == "Austen, Jane"
    assert author.get_absolute_url() == f"/catalog/author/{author.id}"


def test_author_death_before_birth_is_invalid():
    author = Author(first_name="A", last_name="B", date_of_birth=datetime.date(1900, 1, 1),
                    date_of_death=datetime.date(1800, 1, 1))
    with pytest.raises(ValidationError) as exc:
        author.full_clean()
    assert "date_of_death" in exc.value.message_dict


def test_authors_are_ordered_by_last_name():
    Author.objects.create(first_name="Zed", last_name="Zola")
    Author.objects.create(first_name="Amy", last_name="Adams")
    assert [a.last_name for a in Author.objects.all()] == ["Adams", "Zola"]


@pytest.mark.parametrize("model", [Genre, Language])
def test_names_are_unique_ignoring_case(model):
    model.objects.create(name="Fantasy")
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(name="fantasy")


@pytest.mark.parametrize("model", [Genre, Language])
def test_case_insensitive_duplicate_fails_validation_with_message(model):
    model.objects.create(name="Poetry")
    with pytest.raises(ValidationError) as exc:
        model(name="POETRY").full_clean()
    assert "already exists" in str(exc.value)


def test_book_isbn_is_unique():
    Book.objects.create(title="One", summary="s", isbn="9781111111111")
    with pytest.raises(IntegrityError), transaction.atomic():
        Book.objects.create(title="Two", summary="s", isbn="9781111111111")


def test_book_display_genre_shows_at_most_three():
    book = Book.objects.create(title="Many", summary="s", isbn="9782222222222")
    for name in ["A", "B", "C", "D"]:
        book.genre.add(Genre.objects.create(name=name))
    assert book.display_genre() == "A, B, C"
    assert str(book) == "Many"
    assert book.get_absolute_url() == f"/catalog/book/{book.id}"


def test_new_copy_starts_in_maintenance_with_uuid():
    book = Book.objects.create(title="T", summary="s", isbn="9783333333333")
    copy = BookInstance.objects.create(book=book, imprint="P")
    assert copy.status == BookInstance.Status.MAINTENANCE
    assert len(str(copy.id)) == 36
    assert str(copy).endswith("(T)")


@pytest.mark.parametrize(("offset", "overdue"), [(-1, True), (0, False), (3, False), (None, False)])
def test_is_overdue(offset, overdue, today):
    book = Book.objects.create(title="T", summary="s", isbn="9784444444444")
    due = None if offset is None else today + datetime.timedelta(days=offset)
    assert BookInstance(book=book, imprint="P", due_back=due).is_overdue is overdue


def test_can_mark_returned_permission_exists():
    assert Permission.objects.filter(codename="can_mark_returned", content_type__app_label="catalog").exists()


def test_deleting_an_author_with_books_is_restricted():
    author = Author.objects.create(first_name="A", last_name="B")
    Book.objects.create(title="T", summary="s", isbn="9785555555555", author=author)
    with pytest.raises(IntegrityError), transaction.atomic():
        author.delete()
