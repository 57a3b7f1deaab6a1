"""Box's official Python SDK (box-sdk-gen) as a client of `purejwt box emulator`.

usage: python box_sdk_gen_check.py BASE_URL CONFIG_JSON

BASE_URL is the emulator's http://127.0.0.1:PORT; CONFIG_JSON the config.json it wrote (its key
encrypted, as Box's are). Each check prints `ok NAME` on success; the first failure raises, so
the script exits non-zero with the SDK's own error. The emulator knows the service account 9000
of enterprise 8675309, Alice (1001: folders Projects 11 and Photos 12, file welcome.txt 13) and
Bob (1002: file notes.md 21): see Sources/purejwt-box/BoxEmulatorVerb.swift.
"""
import sys

from box_sdk_gen import (BaseUrls, BoxAPIError, BoxClient, BoxDeveloperTokenAuth, BoxJWTAuth, BoxSDKError,
                         JWTConfig, NetworkSession)

ALICE_ROOT = [("folder", "11", "Projects"), ("folder", "12", "Photos"), ("file", "13", "welcome.txt")]


def ok(name):
    print("ok " + name, flush=True)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def entries(items):
    return [(e.type.value if hasattr(e.type, "value") else e.type, e.id, e.name) for e in items.entries]


def api_error(call):
    """The BoxAPIError that `call` raises (anything else fails the check)."""
    try:
        call()
    except BoxAPIError as error:
        return error
    raise AssertionError("the call succeeded; an API error was expected")


def main(base, config_path):
    session = NetworkSession(base_urls=BaseUrls(base_url=base, upload_url=base + "/api", oauth_2_url=base + "/oauth2"))
    config = JWTConfig.from_config_file(config_file_path=config_path)

    # The service account: a JWT grant with box_sub_type enterprise.
    admin_auth = BoxJWTAuth(config=config)
    admin = BoxClient(auth=admin_auth, network_session=session)
    check(admin_auth.retrieve_token(network_session=session).access_token, "no service-account token")
    check(admin.users.get_user_me().id == "9000", "the service account is not user 9000")
    ok("service-account token")
    own = admin.folders.get_folder_items("0")
    check(own.total_count == 0 and entries(own) == [], "the service account's root is not empty: %r" % entries(own))
    ok("service-account root folder")

    # As-User: the service account's token acting as Alice.
    as_alice = admin.with_as_user_header("1001")
    items = as_alice.folders.get_folder_items("0")
    check(entries(items) == ALICE_ROOT, "As-User folder items: %r" % entries(items))
    check((items.total_count, items.offset, items.limit) == (3, 0, 100), "As-User collection: %r" % items.to_dict())
    check(as_alice.files.get_file_by_id("13").name == "welcome.txt", "As-User file 13")
    ok("folder items through As-User")

    # A user token: the JWT grant with box_sub_type user.
    alice_auth = admin_auth.with_user_subject("1001")
    alice = BoxClient(auth=alice_auth, network_session=session)
    check(alice.users.get_user_me().id == "1001", "the user token is not Alice's")
    items = alice.folders.get_folder_items("0")
    check(entries(items) == ALICE_ROOT and items.total_count == 3, "user folder items: %r" % entries(items))
    page = alice.folders.get_folder_items("0", offset=1, limit=1)
    check(entries(page) == [ALICE_ROOT[1]] and (page.total_count, page.offset, page.limit) == (3, 1, 1), "paging: %r" % page.to_dict())
    folder = alice.folders.get_folder_by_id("11")
    check((folder.id, folder.name, folder.parent.id) == ("11", "Projects", "0"), "folder 11: %r" % folder.to_dict())
    check(alice.files.get_file_by_id("13").name == "welcome.txt", "file 13")
    check(api_error(lambda: alice.files.get_file_by_id("21")).response_info.status_code == 404, "Bob's file is visible to Alice")
    ok("user token, folder items, folder and file")

    # Down-scoping Alice's token to folder 0, as for Box UI Elements.
    down = alice_auth.downscope_token(["base_explorer", "item_preview"], resource=base + "/2.0/folders/0", network_session=session)
    check(sorted(r.scope for r in down.restricted_to) == ["base_explorer", "item_preview"], "restricted_to: %r" % down.to_dict())
    explorer = BoxClient(auth=BoxDeveloperTokenAuth(token=down.access_token), network_session=session)
    check(entries(explorer.folders.get_folder_items("0")) == ALICE_ROOT, "down-scoped folder items")
    check(api_error(lambda: explorer.users.get_user_me()).response_info.status_code == 403, "a down-scoped token read the user")
    ok("down-scoped token")
    for resource in [base + "/2.0/files/21", "https://files.example.com/2.0/folders/0"]:
        error = api_error(lambda: alice_auth.downscope_token(["item_preview"], resource=resource, network_session=session))
        check(error.response_info.status_code == 400 and error.response_info.body.get("error") == "invalid_target",
              "down-scoping to %s: %r" % (resource, error.response_info.body))
    ok("down-scoping refused outside the user's reach")

    # Revocation: the token stops working at once.
    revoked = alice_auth.retrieve_token(network_session=session).access_token
    alice_auth.revoke_token(network_session=session)
    stale = BoxClient(auth=BoxDeveloperTokenAuth(token=revoked), network_session=session)
    try:
        stale.users.get_user_me()
        raise AssertionError("a revoked token still works")
    except BoxAPIError as error:
        check(error.response_info.status_code == 401, "revoked token: HTTP %d" % error.response_info.status_code)
    except BoxSDKError as error:
        # On 401 the SDK tries to refresh, which a developer token cannot.
        check("expired" in error.message, "revoked token: %s" % error.message)
    ok("revoke")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
