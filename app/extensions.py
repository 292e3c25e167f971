"""Flask extensions, created once here and bound to the app in create_app(), and the models' base class."""

from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_talisman import Talisman
from flask_wtf import CSRFProtect
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
bootstrap = Bootstrap5()
talisman = Talisman()


class PkModel(db.Model):
    """A model whose primary key is an integer `id`, as most are."""

    __abstract__ = True

    #: sort_order keeps `id` the first column, ahead of those a subclass declares.
    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
