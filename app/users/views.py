"""Administrators manage accounts: list, create, edit, deactivate, reset passwords."""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.auth.models import Office, Role, User
from app.auth.permissions import Can, requires
from app.core.web import REFUSED, change_by_button, refusals_on, render_form, saved
from app.database import utcnow
from app.extensions import db
from app.users import services
from app.users.forms import ConfirmForm, NewUserForm, ResetPasswordForm, UserForm

bp = Blueprint("users", __name__, template_folder="templates")


def office_choices() -> list[SelectChoice]:
    return [SelectChoice(0, "— none —")] + [SelectChoice(office.id, office.name) for office in services.offices()]


def get_user_or_404(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.route("/")
@requires(Can.ADMINISTER)
def index():
    role = request.args.get("role")
    role = role if role in {r.value for r in Role} else None
    return render_template(
        "users/index.html",
        users=services.accounts(Role(role) if role else None),
        roles=list(Role),
        role=role,
        now=utcnow(),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Can.ADMINISTER)
def create():
    form = NewUserForm()
    form.office_id.choices = office_choices()
    if form.validate_on_submit():
        with refusals_on(form):
            user = services.create_user(
                **_account(form), password=form.new_password.data, actor=current_user, now=utcnow()
            )
            return saved(f"Account {user.email} created.", "users.index")
    return render_form("users/form.html", form, title="New account")


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@requires(Can.ADMINISTER)
def edit(user_id: int):
    user = get_user_or_404(user_id)
    form = UserForm(
        obj=user, data={"role": user.role.value, "office_id": user.office_id or 0} if request.method == "GET" else None
    )
    form.office_id.choices = office_choices()
    if form.validate_on_submit():
        with refusals_on(form):
            services.update_user(user, **_account(form), actor=current_user, now=utcnow())
            return saved("Account saved.", "users.index")
    return render_form(
        "users/edit.html", form, user=user, confirm=ConfirmForm(), reset=ResetPasswordForm(formdata=None)
    )


def _account(form: UserForm) -> dict:
    """The account's fields as the form gives them, for creating or updating it."""
    office = db.session.get(Office, form.office_id.data) if form.office_id.data else None
    return {"email": form.email.data, "name": form.name.data, "role": form.role.data, "office": office}


@bp.route("/<int:user_id>/password", methods=["POST"])
@requires(Can.ADMINISTER)
def reset_password(user_id: int):
    user = get_user_or_404(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.new_password.data, actor=current_user, now=utcnow())
        return saved(f"New password set for {user.email}; their sessions have ended.", "users.edit", user_id=user.id)
    edit_form = UserForm(obj=user, data={"role": user.role.value, "office_id": user.office_id or 0})
    edit_form.office_id.choices = office_choices()
    return render_template("users/edit.html", form=edit_form, user=user, confirm=ConfirmForm(), reset=form), REFUSED


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
@requires(Can.ADMINISTER)
def deactivate(user_id: int):
    return _toggle(user_id, services.deactivate_user, "deactivated; their sessions have ended")


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
@requires(Can.ADMINISTER)
def reactivate(user_id: int):
    return _toggle(user_id, services.reactivate_user, "reactivated")


def _toggle(user_id: int, change, done: str):
    user = get_user_or_404(user_id)
    return change_by_button(ConfirmForm(), change, user, f"{user.email} {done}.", "users.edit", user_id=user.id)
