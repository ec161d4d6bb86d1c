"""Keyset (cursor) pagination: each page is one indexed range query however deep it is (no
OFFSET, no COUNT). The cursor is the last row's key, opaque to clients."""

from __future__ import annotations

import base64
import json

from django.conf import settings
from django.db.models import Q
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

CURSOR = "cursor"


def encode_cursor(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str, width: int) -> list:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        values = None
    if not isinstance(values, list) or len(values) != width:
        raise exceptions.ValidationError(
            {CURSOR: ["This cursor is not one this API gave out; follow the “next” link."]}
        )
    return values


def after(keys: tuple[str, ...], values: list) -> Q:
    """Rows strictly after ``values`` in ``keys`` order: (a > x) or (a = x and b > y) …"""
    condition = Q()
    for index in range(len(keys) - 1, -1, -1):
        step = Q(**{f"{keys[index]}__gt": values[index]})
        condition = (
            step
            if index == len(keys) - 1
            else step | (Q(**{keys[index]: values[index]}) & condition)
        )
    return condition


class KeysetPagination:
    """Forward pages ordered by ``keys`` (unique together, plain attributes such as
    ``document_id``); ``next`` is null on the last page."""

    def __init__(self, keys: tuple[str, ...] = ("id",)):
        self.keys = keys

    def page(self, request, queryset) -> list:
        size = settings.REDLINE_API_PAGE_SIZE
        cursor = request.query_params.get(CURSOR)
        if cursor:
            queryset = queryset.filter(after(self.keys, _decode(cursor, len(self.keys))))
        rows = list(queryset.order_by(*self.keys)[: size + 1])
        self.next = None
        if len(rows) > size:
            rows = rows[:size]
            last = [getattr(rows[-1], key) for key in self.keys]
            self.next = replace_query_param(
                request.build_absolute_uri(), CURSOR, encode_cursor(last)
            )
        return rows

    def response(self, data) -> Response:
        return Response({"next": self.next, "results": data})
