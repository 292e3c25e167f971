"""Import every feature's models, so that the metadata is complete wherever it is used."""

from app.assignments.models import Absence, Assignment, CaseloadSettings, CaseSpecialisation, ProsecutorProfile  # noqa: F401,E501
from app.audit.models import AuditEvent, AuditHead  # noqa: F401
from app.auth.models import Office, Role, User  # noqa: F401
from app.cases.models import (  # noqa: F401
    Arrest,
    Case,
    Charge,
    Defendant,
    Person,
    Seizure,
    StageMove,
    TimelineEntry,
)
from app.cooperation.models import CooperationRequest, Disclosure, JointMeeting, MeetingParticipant, PartnerAgency  # noqa: F401,E501
from app.deadlines.models import CalendarFeed, Deadline  # noqa: F401
from app.judgments.models import Amendment, Appeal, Judgment, Sentence, Verdict  # noqa: F401
from app.measures.models import Measure, MeasureRenewal  # noqa: F401
from app.notifications.models import Notification  # noqa: F401
from app.operations.models import Operation  # noqa: F401
