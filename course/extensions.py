"""Flask extensions, created here and bound to the app in the factory."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


# Objects stay readable after a commit: pages are rendered after the transaction ends (see
# course.database), without going back to the database for what was already loaded.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
migrate = Migrate()
