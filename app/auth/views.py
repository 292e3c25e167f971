"""Sign in, sign out and change one's own password."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from app.auth import services
from app.auth.forms import ChangePasswordForm, LoginForm
from app.auth.passwords import verify_password
from app.auth.permissions import Can, public, requires
from app.core.web import commit, render_form, saved
from app.database import utcnow
from app.users.services import set_password

bp = Blueprint("auth", __name__, template_folder="templates")


def safe_next(target: str | None) -> str:
    """Return `target` if it stays inside this app, else the home page."""
    if not target:
        return url_for("core.index")
    target = target.strip()
    parts = urlsplit(target)
    # Browsers read "\" as "/", so "/\evil.example" would leave the app just like "//evil.example".
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return url_for("core.index")
    return target


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data, now=utcnow())
        # The attempt is recorded whether it succeeds or not, like a refused access in `deny`.
        commit()
        if result.user is not None:
            remember = current_app.config["REMEMBER_ME_ENABLED"] and form.remember.data
            login_user(result.user, remember=remember)
            return redirect(safe_next(request.args.get("next")))
        flash(result.error, "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@requires(Can.SIGN_IN)
def logout():
    services.record_logout(current_user, now=utcnow())
    signed_out = saved("You have been signed out.", "auth.login")
    logout_user()
    return signed_out


@bp.route("/account/password", methods=["GET", "POST"])
@requires(Can.SIGN_IN)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append("This is not your current password.")
        else:
            set_password(current_user, form.new_password.data, actor=current_user, now=utcnow())
            changed = saved("Your password has been changed. Your other sessions have been signed out.", "core.index")
            # Other sessions end with the old token; this one continues with the new one.
            login_user(current_user)
            return changed
    return render_form("auth/change_password.html", form)
