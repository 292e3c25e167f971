"""The legal grounds a case may be closed, reopened or moved back on, per jurisdiction.

A move that ends or reverses a case names its ground from this list, plus free text.
The lists follow the Austrian StPO and the Serbian ZKP; like the deadline rules, every
reference must be checked by a jurist of that country before it is relied on.
"""

import enum

from app.cases.models import Stage


class MoveKind(enum.StrEnum):
    #: The next step of the procedure (intake → investigation → … → final).
    FORWARD = "forward"
    #: Leaves the procedure without a trial: discontinued, diverted, transferred.
    CLOSING = "closing"
    #: Takes a discontinued or diverted case up again (AT: Fortführung).
    REOPENING = "reopening"
    #: Returns to an earlier stage (a quashed judgment, a returned indictment, a move made in error).
    BACKWARD = "backward"

    @property
    def needs_grounds(self) -> bool:
        return self != MoveKind.FORWARD


#: The stages a case leaves the procedure by, without a trial.
CLOSING_STAGES = (Stage.DISCONTINUED, Stage.DIVERTED, Stage.TRANSFERRED)
#: Closed stages a case can be taken up again from.
REOPENABLE_STAGES = (Stage.DISCONTINUED, Stage.DIVERTED)
#: The stages of the procedure in order, for "before" and "at this stage or later" (closed stages stand outside it).
STAGE_ORDER = (
    Stage.INTAKE,
    Stage.INVESTIGATION,
    Stage.CHARGING,
    Stage.INDICTED,
    Stage.TRIAL,
    Stage.JUDGMENT,
    Stage.APPEAL,
    Stage.FINAL,
)


def move_kind(before: Stage, after: Stage) -> MoveKind:
    if after in CLOSING_STAGES:
        return MoveKind.CLOSING
    if before in REOPENABLE_STAGES:
        return MoveKind.REOPENING
    if before in STAGE_ORDER and after in STAGE_ORDER and STAGE_ORDER.index(after) < STAGE_ORDER.index(before):
        return MoveKind.BACKWARD
    return MoveKind.FORWARD


_IN_ERROR = ("entered_in_error", "The previous move was entered in error")

#: (jurisdiction, target stage or move kind) → [(code, label)].
GROUNDS: dict[tuple[str, Stage | MoveKind], list[tuple[str, str]]] = {
    ("AT", Stage.DISCONTINUED): [
        ("at_190_1", "§ 190 Z 1 StPO: the act is not punishable, or prosecution is inadmissible"),
        ("at_190_2", "§ 190 Z 2 StPO: no factual grounds for further prosecution"),
        ("at_191", "§ 191 StPO: minor significance, no need to punish"),
        ("at_192", "§ 192 StPO: other offences make this one immaterial"),
        ("at_227", "§ 227 StPO: the indictment is withdrawn"),
    ],
    ("AT", Stage.DIVERTED): [
        ("at_200", "§ 200 StPO: payment of a sum of money"),
        ("at_201", "§ 201 StPO: community service"),
        ("at_203", "§ 203 StPO: probation period"),
        ("at_204", "§ 204 StPO: victim–offender mediation (Tatausgleich)"),
        ("at_35_smg", "§ 35 SMG: provisional withdrawal of a drug charge"),
    ],
    ("AT", Stage.TRANSFERRED): [
        ("transfer_office", "Transferred to another Austrian public prosecutor's office (§ 25 StPO)"),
        ("transfer_state", "Proceedings transferred to another state (§ 74 ARHG; FD 2009/948/JHA)"),
    ],
    ("AT", MoveKind.REOPENING): [
        ("at_193", "§ 193 Abs. 2 StPO: continued on new facts or evidence (Fortführung)"),
        ("at_195", "§ 195 StPO: continued on the victim's application, granted by the court"),
        ("at_205", "§ 205 StPO: diversion failed, prosecution continued"),
        _IN_ERROR,
    ],
    ("AT", MoveKind.BACKWARD): [
        ("further_investigation", "Further investigation needed before the indictment"),
        ("indictment_returned", "The court returned the indictment or upheld an objection (§§ 212, 215 StPO)"),
        ("judgment_quashed", "The judgment was quashed and a new trial ordered (§§ 288, 470 StPO)"),
        _IN_ERROR,
    ],
    ("RS", Stage.DISCONTINUED): [
        ("rs_284", "ZKP čl. 284: the criminal complaint is dismissed"),
        ("rs_308", "ZKP čl. 308: the investigation is discontinued"),
        ("rs_withdrawal", "ZKP čl. 52: the prosecutor withdraws from the prosecution"),
    ],
    ("RS", Stage.DIVERTED): [
        ("rs_283", "ZKP čl. 283: prosecution deferred on conditions (načelo oportuniteta)"),
    ],
    ("RS", Stage.TRANSFERRED): [
        ("transfer_office", "Transferred to another Serbian public prosecutor's office"),
        ("transfer_state", "Proceedings transferred to another state (ZMPP, Law on Mutual Legal Assistance)"),
    ],
    ("RS", MoveKind.REOPENING): [
        ("rs_new_evidence", "Investigation resumed on new facts or evidence"),
        ("rs_283_failed", "ZKP čl. 283: the conditions were not met; prosecution resumed"),
        _IN_ERROR,
    ],
    ("RS", MoveKind.BACKWARD): [
        ("further_investigation", "Further investigation needed before the indictment"),
        ("indictment_returned", "The court returned the indictment (ZKP čl. 337)"),
        ("judgment_quashed", "The appellate court quashed the judgment and ordered a new trial (ZKP čl. 458)"),
        _IN_ERROR,
    ],
}


#: Grounds that another step records together with its own facts, never a bare move: a judgment
#: is quashed by recording the appeal court's decision on the judgment (app/judgments), which
#: marks the judgment and moves the case back to trial.
RECORDED_WITH_THEIR_FACTS = frozenset({"judgment_quashed"})


def offered_grounds(jurisdiction: str, before: Stage, after: Stage) -> list[tuple[str, str]]:
    """The grounds a person chooses from on the move page."""
    return [
        (code, label)
        for code, label in grounds_for(jurisdiction, before, after)
        if code not in RECORDED_WITH_THEIR_FACTS
    ]


def grounds_for(jurisdiction: str, before: Stage, after: Stage) -> list[tuple[str, str]]:
    """The grounds a move may name; empty for an ordinary forward move."""
    kind = move_kind(before, after)
    if not kind.needs_grounds:
        return []
    key = after if kind == MoveKind.CLOSING else kind
    return GROUNDS[(str(jurisdiction), key)]


def grounds_label(jurisdiction: str, code: str | None) -> str:
    """The label of a ground code, or the code itself when the list no longer has it."""
    if not code:
        return ""
    for (country, _), choices in GROUNDS.items():
        if country == str(jurisdiction):
            for choice, label in choices:
                if choice == code:
                    return label
    return code


def move_why(move) -> str:
    """Why a move was made, as one line: "§ 190 Z 2 StPO: no factual grounds …; the witness withdrew"."""
    return "; ".join(part for part in (grounds_label(move.case.jurisdiction, move.grounds), move.reason) if part)
