"""factory_boy factories: the smallest valid objects."""

import factory
from factory.alchemy import SQLAlchemyModelFactory

from app.auth.models import Office, Role, User
from app.auth.passwords import hash_password
from app.extensions import db

#: Every factory-made user's password.
TEST_PASSWORD = "correct horse battery"


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731  (the per-test session)
        # Commit ends a savepoint only (see conftest), so a view's rollback keeps the test's data.
        sqlalchemy_session_persistence = "commit"


class OfficeFactory(BaseFactory):
    """An office with Vienna's zone, law and holidays; `vienna=True` makes it the Vienna office itself."""

    class Meta:
        model = Office

    class Params:
        vienna = factory.Trait(name="Staatsanwaltschaft Wien")

    name = factory.Sequence(lambda n: f"Public Prosecutor's Office {n}")
    timezone = "Europe/Vienna"
    jurisdiction = "AT"
    subdivision = "9"  # Vienna, for its regional holidays


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@office.example")
    name = factory.Faker("name")
    role = Role.PROSECUTOR
    office = factory.SubFactory(OfficeFactory)
    password_hash = factory.LazyFunction(lambda: hash_password(TEST_PASSWORD))
