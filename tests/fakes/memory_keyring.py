"""A keyring backend that keeps secrets in this process only (tests and screenshot scripts)."""

from keyring.backend import KeyringBackend


class InMemoryKeyring(KeyringBackend):
    """The user's real keyring is never touched; `store` is inspectable by tests."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)
