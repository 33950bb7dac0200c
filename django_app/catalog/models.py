"""The library's catalog: authors, books, the genres and languages they belong to, and copies."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Genre(models.Model):
    name = models.CharField(max_length=200, help_text="A book genre, e.g. Science Fiction or French Poetry")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), name="genre_name_case_insensitive_unique",
                violation_error_message="A genre with this name already exists (names ignore case)."),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("genre-detail", args=[str(self.id)])


class Language(models.Model):
    name = models.CharField(max_length=200, help_text="The book's natural language, e.g. English or Farsi")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), name="language_name_case_insensitive_unique",
                violation_error_message="A language with this name already exists (names ignore case)."),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("language-detail", args=[str(self.id)])


class Author(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField("died", null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.last_name}, {self.first_name}"

    def get_absolute_url(self):
        return reverse("author-detail", args=[str(self.id)])

    def clean(self):
        if self.date_of_birth and self.date_of_death and self.date_of_death < self.date_of_birth:
            raise ValidationError({"date_of_death": "Date of death cannot be before the date of birth."})


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.RESTRICT, null=True, related_name="books")
    summary = models.TextField(max_length=1000, help_text="A brief description of the book")
    isbn = models.CharField(
        "ISBN", max_length=13, unique=True,
        help_text="13-character ISBN")
    genre = models.ManyToManyField(Genre, help_text="Select the genres of this book", related_name="books")
    language = models.ForeignKey(Language, on_delete=models.SET_NULL, null=True, blank=True, related_name="books")

    class Meta:
        ordering = ["title", "author"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("book-detail", args=[str(self.id)])

    def display_genre(self):
        return ", ".join(genre.name for genre in self.genre.all()[:3])

    display_genre.short_description = "Genre"


class BookInstance(models.Model):
    """A copy of a book that can be borrowed."""

    class Status(models.TextChoices):
        MAINTENANCE = "m", "Maintenance"
        ON_LOAN = "o", "On loan"
        AVAILABLE = "a", "Available"
        RESERVED = "r", "Reserved"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, help_text="Unique ID for this copy")
    book = models.ForeignKey(Book, on_delete=models.RESTRICT, related_name="instances")
    imprint = models.CharField(max_length=200)
    due_back = models.DateField(null=True, blank=True)
    borrower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="loans")
    status = models.CharField(max_length=1, choices=Status.choices, blank=True, default=Status.MAINTENANCE,
                              help_text="Book availability")

    class Meta:
        ordering = ["due_back"]
        permissions = (("can_mark_returned", "Set book as returned"),)

    def __str__(self):
        return f"{self.id} ({self.book.title})"

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_back and date.today() > self.due_back)
