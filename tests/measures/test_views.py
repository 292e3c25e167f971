"""The measure forms: a refused change answers 422 with its message beside the field, and saves nothing."""

import sqlalchemy as sa

from app.extensions import db
from app.measures.models import Measure


def test_a_running_measure_without_its_court_is_refused_beside_the_field(client, login, case, prosecutor):
    login(prosecutor)
    response = client.post(
        f"/cases/{case.id}/measures/new",
        data={
            "kind": "telephone_interception",
            "status": "running",
            "target_person_id": "0",
            "target_phone": "+381 64 555 0101",
            "order_reference": "331 HR 12/19t",
            "ordered_on": "2019-08-01",
            "valid_from": "2019-08-01",
            "valid_to": "2019-10-31",
        },
    )
    assert response.status_code == 422
    assert "Name the court that ordered the measure." in response.text
    assert db.session.scalars(sa.select(Measure)).all() == []
