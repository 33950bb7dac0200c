"""Load a small demo catalog plus a librarian and a member account. Safe to run again."""

from __future__ import annotations

import datetime
import os
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from catalog.models import Author, Book, BookInstance, Genre, Language

LIBRARIANS = "Librarians"
LIBRARIAN_PERMISSIONS = [
    "can_mark_returned", "add_author", "change_author", "delete_author", "add_book", "change_book", "delete_book",
]

# (first, last, born, died)
AUTHORS = {
    "shelley": ("Mary", "Shelley", "1797-08-30", "1851-02-01"),
    "austen": ("Jane", "Austen", "1775-12-16", "1817-07-18"),
    "verne": ("Jules", "Verne", "1828-02-08", "1905-03-24"),
    "wells": ("H. G.", "Wells", "1866-09-21", "1946-08-13"),
    "tolstoy": ("Leo", "Tolstoy", "1828-09-09", "1910-11-20"),
    "cervantes": ("Miguel", "de Cervantes", "1547-09-29", "1616-04-22"),
    "doyle": ("Arthur Conan", "Doyle", "1859-05-22", "1930-07-07"),
    "melville": ("Herman", "Melville", "1819-08-01", "1891-09-28"),
}

# (title, author, isbn, language, genres, summary)
BOOKS = [
    ("Frankenstein", "shelley", "9780000000017", "English", ["Science Fiction", "Gothic"],
     "A young scientist creates a living being and flees from what he has made."),
    ("Pride and Prejudice", "austen", "9780000000024", "English", ["Romance", "Classic"],
     "Elizabeth Bennet and Mr Darcy misjudge each other, at length and with wit."),
    ("Emma", "austen", "9780000000031", "English", ["Romance", "Classic"],
     "A well-meaning matchmaker gets almost everything wrong."),
    ("Vingt mille lieues sous les mers", "verne", "9780000000048", "French", ["Science Fiction", "Adventure"],
     "Captain Nemo's submarine Nautilus carries three captives around the world's oceans."),
    ("Le Tour du monde en quatre-vingts jours", "verne", "9780000000055", "French", ["Adventure"],
     "Phileas Fogg wagers that he can circle the globe in eighty days."),
    ("The Time Machine", "wells", "9780000000062", "English", ["Science Fiction"],
     "A Victorian inventor travels to the year 802,701 and finds humanity divided."),
    ("The War of the Worlds", "wells", "9780000000079", "English", ["Science Fiction"],
     "Martians land in Surrey, and nothing on Earth can stop them."),
    ("War and Peace", "tolstoy", "9780000000086", "Russian", ["Historical", "Classic"],
     "Five aristocratic families live through Napoleon's invasion of Russia."),
    ("Don Quijote de la Mancha", "cervantes", "9780000000093", "Spanish", ["Adventure", "Classic"],
     "A country gentleman reads too many romances and sets out as a knight errant."),
    ("A Study in Scarlet", "doyle", "9780000000109", "English", ["Mystery"],
     "Sherlock Holmes and Dr Watson meet and solve their first case together."),
    ("The Hound of the Baskervilles", "doyle", "9780000000116", "English", ["Mystery", "Gothic"],
     "A spectral hound haunts the moors of Devon, and Holmes is sceptical."),
    ("Moby-Dick", "melville", "9780000000123", "English", ["Adventure", "Classic"],
     "Captain Ahab hunts the white whale that took his leg."),
]

IMPRINTS = ["Foundation Press, 2019", "Harbour Books, 2021", "Lantern Classics, 2016"]


class Command(BaseCommand):
    help = "Load the demo catalog with a librarian (staff) account and a member account."

    def add_arguments(self, parser):
        parser.add_argument("--staff-username", default="librarian")
        parser.add_argument("--member-username", default="member")
        parser.add_argument("--staff-password", default=os.environ.get("DEMO_STAFF_PASSWORD"),
                            help="or DEMO_STAFF_PASSWORD in the environment")
        parser.add_argument("--member-password", default=os.environ.get("DEMO_MEMBER_PASSWORD"),
                            help="or DEMO_MEMBER_PASSWORD in the environment")

    def handle(self, *args, **options):
        for role in ("staff", "member"):
            password = options[f"{role}_password"]
            if not password:
                raise CommandError(
                    f"No {role} password: pass --{role}-password or set DEMO_{role.upper()}_PASSWORD.")
            try:
                validate_password(password)
            except ValidationError as exc:
                raise CommandError(f"The {role} password is too weak: {' '.join(exc.messages)}") from None

        with transaction.atomic():
            staff = self._user(options["staff_username"], options["staff_password"], staff=True)
            member = self._user(options["member_username"], options["member_password"], staff=False)
            created = self._catalog(member)
        self.stdout.write(self.style.SUCCESS(
            f"Demo catalog ready: {Book.objects.count()} books, {BookInstance.objects.count()} copies "
            f"({created} new); staff user '{staff.username}', member user '{member.username}'."))

    def _user(self, username, password, *, staff):
        user, _ = get_user_model().objects.get_or_create(username=username)
        if not user.check_password(password):
            user.set_password(password)
        user.is_staff = staff
        user.save()
        if staff:
            group, _ = Group.objects.get_or_create(name=LIBRARIANS)
            group.permissions.set(Permission.objects.filter(
                content_type__app_label="catalog", codename__in=LIBRARIAN_PERMISSIONS))
            user.groups.add(group)
        return user

    def _catalog(self, member) -> int:
        authors = {}
        for key, (first, last, born, died) in AUTHORS.items():
            authors[key], _ = Author.objects.get_or_create(
                first_name=first, last_name=last,
                defaults={"date_of_birth": born, "date_of_death": died})
        today = timezone.localdate()
        created = 0
        for number, (title, author, isbn, language, genres, summary) in enumerate(BOOKS):
            lang, _ = Language.objects.get_or_create(name=language)
            book, _ = Book.objects.get_or_create(
                isbn=isbn, defaults={"title": title, "author": authors[author], "summary": summary, "language": lang})
            book.genre.set([Genre.objects.get_or_create(name=name)[0] for name in genres])
            for copy in range(1 + number % 3):
                # Stable ids: running the command again finds the same copies.
                copy_id = uuid.uuid5(uuid.NAMESPACE_URL, f"locallibrary-demo/{isbn}/{copy}")
                status, borrower, due = self._loan(number, copy, member, today)
                _, made = BookInstance.objects.get_or_create(
                    id=copy_id, defaults={"book": book, "imprint": IMPRINTS[copy % len(IMPRINTS)],
                                          "status": status, "borrower": borrower, "due_back": due})
                created += made
        return created

    @staticmethod
    def _loan(number, copy, member, today):
        """Spread the copies over the statuses; the member has a few loans, one overdue."""
        if copy == 0 and number in (0, 3, 9):
            due = today - datetime.timedelta(days=3) if number == 9 else today + datetime.timedelta(days=7 + number)
            return BookInstance.Status.ON_LOAN, member, due
        if copy == 1 and number % 2:
            return BookInstance.Status.RESERVED, None, None
        if number == 7:
            return BookInstance.Status.MAINTENANCE, None, None
        return BookInstance.Status.AVAILABLE, None, None
