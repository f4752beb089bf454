"""Walks one user's notes with the Python client that openapi-generator makes from /openapi.json.

Usage: python3 walk_notes.py BASE_URL API_KEY USER_ID

Prints one JSON object on stdout:
  {"notes": N, "unique": N, "pages": P,
   "unauthorized": {"status": 401, "code": 401, "error": "invalid_api_key", "message": "...",
                    "request_id": "...", "header_request_id": "...", "data_is_none": true}}
and exits 0; any failure of the walk itself exits non-zero with a traceback on stderr.
"""

import json
import sys

import xhs_openapi_client
from xhs_openapi_client.exceptions import ApiException


def walk(api, user_id):
    notes_api = xhs_openapi_client.NotesApi(api)
    ids = []
    seen_cursors = set()
    cursor = None
    pages = 0
    while True:
        envelope = notes_api.get_user_notes(user_id=user_id, cursor=cursor)
        pages += 1
        page = envelope.data.data
        items = page.notes if page.notes is not None else page.note_list
        if items is None:
            raise AssertionError("page %d has no notes and no note_list" % pages)
        ids.extend(note.id for note in items)
        if not page.has_more:
            return ids, pages
        cursor = page.cursor
        if cursor in seen_cursors:
            raise AssertionError("cursor %s repeated" % cursor)
        seen_cursors.add(cursor)


def unauthorized(base_url, user_id):
    config = xhs_openapi_client.Configuration(host=base_url, access_token="sk_live_" + "x" * 32)
    with xhs_openapi_client.ApiClient(config) as api:
        try:
            xhs_openapi_client.NotesApi(api).get_user_notes(user_id=user_id)
        except ApiException as e:
            body = e.data
            return {
                "status": e.status,
                "code": body.code,
                "error": body.error,
                "message": body.message,
                "request_id": str(body.request_id),
                "header_request_id": e.headers.get("X-Request-Id"),
                "data_is_none": body.data is None,
            }
    raise AssertionError("an unknown key was accepted")


def main():
    base_url, key, user_id = sys.argv[1:4]
    config = xhs_openapi_client.Configuration(host=base_url, access_token=key)
    with xhs_openapi_client.ApiClient(config) as api:
        ids, pages = walk(api, user_id)
    print(
        json.dumps(
            {
                "notes": len(ids),
                "unique": len(set(ids)),
                "pages": pages,
                "unauthorized": unauthorized(base_url, user_id),
            }
        )
    )


if __name__ == "__main__":
    main()
