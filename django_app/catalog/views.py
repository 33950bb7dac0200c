"""Catalog pages, the librarian's renewal form, and the health endpoint."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views import generic
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .forms import RenewBookForm
from .models import Author, Book, BookInstance, Genre, Language

logger = logging.getLogger(__name__)
PAGE_SIZE = 10


def index(request):
    """Home page: how big the catalog is."""
    # Counted only for visitors who already have a session (they logged in): an anonymous page view
    # must not write a session row to the database.
    num_visits = None
    if request.session.session_key:
        num_visits = request.session.get("num_visits", 0) + 1
        request.session["num_visits"] = num_visits
    context = {
        "num_books": Book.objects.count(),
        "num_instances": BookInstance.objects.count(),
        "num_instances_available": BookInstance.objects.filter(status=BookInstance.Status.AVAILABLE).count(),
        "num_authors": Author.objects.count(),
        "num_genres": Genre.objects.count(),
        "num_languages": Language.objects.count(),
        "num_visits": num_visits,
    }
    return render(request, "catalog/index.html", context)


class BookListView(generic.ListView):
    model = Book
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Book.objects.select_related("author").prefetch_related("genre")


class BookDetailView(generic.DetailView):
    model = Book

    def get_queryset(self):
        return Book.objects.select_related("author", "language").prefetch_related("genre", "instances")


class AuthorListView(generic.ListView):
    model = Author
    paginate_by = PAGE_SIZE


class AuthorDetailView(generic.DetailView):
    model = Author


class GenreListView(generic.ListView):
    model = Genre
    paginate_by = PAGE_SIZE


class GenreDetailView(generic.DetailView):
    model = Genre


class LanguageListView(generic.ListView):
    model = Language
    paginate_by = PAGE_SIZE


class LanguageDetailView(generic.DetailView):
    model = Language


class LoanedBooksByUserListView(LoginRequiredMixin, generic.ListView):
    """The copies the signed-in member has borrowed."""

    model = BookInstance
    template_name = "catalog/bookinstance_list_borrowed_user.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (BookInstance.objects.filter(borrower=self.request.user, status=BookInstance.Status.ON_LOAN)
                .select_related("book").order_by("due_back"))


class LoanedBooksAllListView(PermissionRequiredMixin, generic.ListView):
    """Every copy on loan, for librarians."""

    model = BookInstance
    permission_required = "catalog.can_mark_returned"
    template_name = "catalog/bookinstance_list_borrowed_all.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (BookInstance.objects.filter(status=BookInstance.Status.ON_LOAN)
                .select_related("book", "borrower").order_by("due_back"))


@login_required
@permission_required("catalog.can_mark_returned", raise_exception=True)
def renew_book_librarian(request, pk):
    """A librarian renews a loan."""
    book_instance = get_object_or_404(BookInstance.objects.select_related("book"), pk=pk)
    if request.method == "POST":
        form = RenewBookForm(request.POST)
        if form.is_valid():
            book_instance.due_back = form.cleaned_data["renewal_date"]
            book_instance.save(update_fields=["due_back"])
            logger.info("Loan %s renewed to %s by %s", book_instance.id, book_instance.due_back, request.user)
            return HttpResponseRedirect(reverse("all-borrowed"))
    else:
        proposed = timezone.localdate() + datetime.timedelta(weeks=3)
        form = RenewBookForm(initial={"renewal_date": proposed})
    return render(request, "catalog/book_renew_librarian.html", {"form": form, "book_instance": book_instance})


# One form page and one delete page serve both authors and books.
FORM_TEMPLATE = "catalog/object_form.html"
DELETE_TEMPLATE = "catalog/object_confirm_delete.html"
AUTHOR_FIELDS = ["first_name", "last_name", "date_of_birth", "date_of_death"]
BOOK_FIELDS = ["title", "author", "summary", "isbn", "genre", "language"]


class RestrictedDeleteView(PermissionRequiredMixin, generic.DeleteView):
    """Delete only when nothing still points at the object; otherwise show why on the form."""

    template_name = DELETE_TEMPLATE
    blocking_relation = ""
    blocking_message = ""

    def form_valid(self, form):
        if getattr(self.object, self.blocking_relation).exists():
            form.add_error(None, self.blocking_message)
            return self.form_invalid(form)
        return super().form_valid(form)


class AuthorCreate(PermissionRequiredMixin, generic.CreateView):
    model = Author
    template_name = FORM_TEMPLATE
    fields = AUTHOR_FIELDS
    permission_required = "catalog.add_author"


class AuthorUpdate(PermissionRequiredMixin, generic.UpdateView):
    model = Author
    template_name = FORM_TEMPLATE
    fields = AUTHOR_FIELDS
    permission_required = "catalog.change_author"


class AuthorDelete(RestrictedDeleteView):
    model = Author
    success_url = reverse_lazy("authors")
    permission_required = "catalog.delete_author"
    blocking_relation = "books"
    blocking_message = "This author still has books in the catalog; delete those first."


class BookCreate(PermissionRequiredMixin, generic.CreateView):
    model = Book
    template_name = FORM_TEMPLATE
    fields = BOOK_FIELDS
    permission_required = "catalog.add_book"


class BookUpdate(PermissionRequiredMixin, generic.UpdateView):
    model = Book
    template_name = FORM_TEMPLATE
    fields = BOOK_FIELDS
    permission_required = "catalog.change_book"


class BookDelete(RestrictedDeleteView):
    model = Book
    success_url = reverse_lazy("books")
    permission_required = "catalog.delete_book"
    blocking_relation = "instances"
    blocking_message = "This book still has copies in the library; remove those first."


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; GET or HEAD. For balancers, deploys, uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("Health check failed: database unavailable: %s", exc)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
