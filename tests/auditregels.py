"""The audit log as tests read it: the chain's head, and the lines written since."""

from sqlalchemy import select

from jet_desktop.storage.models import Auditketen, Auditregel

R, K = Auditregel.__table__, Auditketen.__table__


def kop(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(K.c.volgnummer).where(K.c.id == 1)).scalar_one()


def sinds(store, na: int) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(R).where(R.c.volgnummer > na).order_by(R.c.volgnummer))]
