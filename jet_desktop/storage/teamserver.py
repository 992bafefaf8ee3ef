"""The team server's own lock: PostgreSQL roles, grants, row-level security and the functions that are
the only way to append to the audit log and to manage logins (docs/teamserver.md).

`installeer(conn)` runs as the schema owner `jet_eigenaar` (commands/teamserver.py sets the role), after
the migrations, on every `jet-desktop teamserver init`: everything here is idempotent (CREATE OR REPLACE,
policies dropped and made again), so a later run upgrades the policies together with the schema.

Who sees what (domain/rollen.py is the first lock, this the second):
- `jet_consulent`: the dossiers where the login's medewerker is vaste consulent or second person and what
  hangs off them; aanmeldingen waiting for triage or on the wachtlijst with their jeugdige, gezin and
  triagebesluiten; medewerkers, settings, code lists. Writes only where it may read (WITH CHECK), a
  dossier only on its own name and only of an aanmelding on the wachtlijst; an afwezigheid only its own.
- `jet_teamleider`: every casework row of the team; of the audit log only its own sign-in lines and the
  "dossiertoegang:" lines (services/medewerkers.py: a beheerder opened casework to an account).
- `jet_beheerder`: medewerkers, settings, code lists, the toegang imports and the audit log; no grant at
  all on casework tables (a query there is refused, not answered with fewer rows).
Nobody may INSERT, UPDATE, DELETE or TRUNCATE the audit tables: `jet_audit_schrijf` appends, as the
owner, with the medewerker taken from the login (session_user) and the server's clock.
"""

from __future__ import annotations

import weakref

from sqlalchemy.engine import Connection, Engine

EIGENAAR = "jet_eigenaar"
GROEPEN = {"jeugdconsulent": "jet_consulent", "teamleider": "jet_teamleider", "functioneel_beheerder": "jet_beheerder"}
ALLE = tuple(GROEPEN.values())
MIN_VERSIE = 150000  # PostgreSQL 15 (server_version_num)

# -- what each table is; a table not listed here makes `installeer` fail (a new table needs its rule) ----------
# casework: the dossier-bound tables, with the consulent's visibility as an SQL condition on the row.
# The conditions look at the other tables through the owner's id-only views (VIEWS below), not at the tables
# themselves: a view runs with its owner's rights, so no policy nests in another (PostgreSQL then plans each
# condition as an index semi-join instead of computing every visible set per query; docs/performance.md).
_IK = "(SELECT jet_ik())"


def _d(d: str) -> str:  # a dossier row `d` is the consulent's
    return f"({d}.consulent_id = {_IK} OR {d}.tweede_consulent_id = {_IK})"


def _a(a: str) -> str:  # an aanmelding row `a` is visible: waiting for triage or on the wachtlijst, or theirs
    return (f"(({a}.deleted_at IS NULL AND ({a}.op_wachtlijst OR {a}.huidig_besluit_id IS NULL)) OR EXISTS "
            f"(SELECT 1 FROM jet_v_dossier vd WHERE vd.aanmelding_id = {a}.id AND {_d('vd')}))")


def _j(jeugdige_id: str) -> str:  # the jeugdige with this id has a visible aanmelding
    return f"EXISTS (SELECT 1 FROM jet_v_aanmelding va WHERE va.jeugdige_id = {jeugdige_id} AND {_a('va')})"


def _g(gezin_id: str) -> str:  # the gezin with this id: one of its jeugdigen is visible, or it has none yet
    return (f"(EXISTS (SELECT 1 FROM jet_v_jeugdige vj WHERE vj.gezin_id = {gezin_id} AND {_j('vj.id')}) OR "
            f"NOT EXISTS (SELECT 1 FROM jet_v_jeugdige vj2 WHERE vj2.gezin_id = {gezin_id}))")


def _van_dossier(dossier_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM jet_v_dossier vd0 WHERE vd0.id = {dossier_id} AND {_d('vd0')})"


_VAN_DOSSIER = _van_dossier("dossier_id")
VIEWS = {  # only ids, links and the wachtlijst flags: no personal data
    "jet_v_dossier": "SELECT id, aanmelding_id, consulent_id, tweede_consulent_id FROM dossier",
    "jet_v_aanmelding": "SELECT id, jeugdige_id, op_wachtlijst, huidig_besluit_id, deleted_at FROM aanmelding",
    "jet_v_jeugdige": "SELECT id, gezin_id FROM jeugdige",
}
_RECORD = (f"(({_van_dossier('dossier_id')}) OR (tabel = 'aanmelding' AND EXISTS (SELECT 1 FROM jet_v_aanmelding "
           f"ra WHERE ra.id = record_id AND {_a('ra')})) OR (tabel = 'jeugdige' AND {_j('record_id')}) OR "
           f"(tabel = 'gezin' AND {_g('record_id')}))")
# a link a login's UPDATE may not change (trigger jet_bewaak), and the who-columns the server stamps on INSERT
KOPPELINGEN = {"aanmelding": "jeugdige_id", "jeugdige": "gezin_id", "gezinslid": "gezin_id", "dossier": "aanmelding_id",
               "consulentwijziging": "dossier_id", "klikgesprek": "dossier_id", "contactmoment": "dossier_id,medewerker_id",
               "ondersteuningsplan": "dossier_id", "toewijzing": "dossier_id", "triagebesluit": "aanmelding_id",
               "recordwijziging": "dossier_id,record_id",
               # of a conflict only its resolution changes (opgelost_at, opgelost_door, oplossing, uitkomst)
               "sync_conflict": "dossier_id,record_id,medewerker_id,tabel,veld,apparaat_id,op_id,soort,basis,server,"
                                "laptop,server_door,server_at,laptop_door,laptop_at"}
WIE = {"triagebesluit": ("besloten_door_id",), "contactmoment": ("medewerker_id",),
       "recordwijziging": ("gewijzigd_door_id", "gewijzigd_door")}
ALLEEN_TOEVOEGEN = ("triagebesluit", "recordwijziging")  # rows only added: a revision is a new row
CASEWORK: dict[str, tuple[str, str]] = {  # table: (USING, WITH CHECK of an INSERT)
    "dossier": (_d("dossier"), f"({_d('dossier')} AND jet_op_wachtlijst(aanmelding_id))"),
    # a new aanmelding: of a jeugdige the consulent may see, or of a new one (no aanmelding yet)
    "aanmelding": (_a("aanmelding"), f"({_a('aanmelding')} AND ({_j('aanmelding.jeugdige_id')} OR NOT EXISTS "
                                     "(SELECT 1 FROM jet_v_aanmelding nx WHERE nx.jeugdige_id = aanmelding.jeugdige_id)))"),
    "triagebesluit": (f"EXISTS (SELECT 1 FROM jet_v_aanmelding ta WHERE ta.id = triagebesluit.aanmelding_id AND "
                      f"{_a('ta')})",) * 2,
    "jeugdige": (_j("jeugdige.id"), _g("jeugdige.gezin_id")),
    "gezin": (_g("gezin.id"), "true"),
    "gezinslid": (_g("gezinslid.gezin_id"),) * 2,
    "consulentwijziging": (_VAN_DOSSIER,) * 2,
    "klikgesprek": (_VAN_DOSSIER,) * 2,
    "contactmoment": (_VAN_DOSSIER,) * 2,
    "ondersteuningsplan": (_VAN_DOSSIER,) * 2,
    "toewijzing": (_VAN_DOSSIER,) * 2,
    "recordwijziging": (_RECORD,) * 2,
    # a conflict of a laptop's edit (docs/sync.md): the laptop's medewerker's, or of one of their dossiers
    "sync_conflict": (f"(medewerker_id = {_IK} OR (dossier_id IS NOT NULL AND {_van_dossier('dossier_id')}))",
                      f"(medewerker_id = {_IK} AND (dossier_id IS NULL OR {_van_dossier('dossier_id')}))"),
}
# read by every role, written by these groups only
REFERENTIE: dict[str, tuple[str, ...]] = {
    "medewerker": ("jet_beheerder",),
    "instelling": ("jet_beheerder",),
    "afwezigheid": ("jet_teamleider",),
    "alembic_version": (),
}
# the anonymous-by-design monitor data of the other toegangsvormen: teamleider reads, beheerder imports
TOEGANG = ("toegangimport", "toegangtraject")
AUDIT = ("auditregel", "auditketen")
# a laptop store's record on the server (docs/sync.md): each medewerker their own devices and their results
SYNC = ("sync_apparaat", "sync_toegepast")
# the laptop's own tables (empty on the server): nobody is granted anything
LAPTOP = ("sync_laptop", "sync_outbox", "sync_geweigerd")


def _code_tabellen() -> frozenset[str]:
    """The code-list tables (storage/models.CODELIJST_TABLES): read by all, written by the beheerder."""
    from jet_desktop.storage.models import CODELIJST_TABLES

    return frozenset(t.name for t in CODELIJST_TABLES)


def _tabellen(conn: Connection) -> list[str]:
    return list(conn.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").scalars())


class TeamserverFout(RuntimeError):
    """A Dutch message for IT (commands/teamserver.py prints it, exit 1)."""


def onbekende_tabellen(conn: Connection) -> list[str]:
    bekend = set(CASEWORK) | set(REFERENTIE) | set(TOEGANG) | set(AUDIT) | set(SYNC) | set(LAPTOP)
    return [t for t in _tabellen(conn) if t not in bekend and t not in _code_tabellen()]


def rollen_sql() -> list[str]:
    """The group roles and the owner (cluster-wide: made once, kept by later runs)."""
    uit = []
    for rol in (EIGENAAR, *ALLE):
        extra = " CREATEROLE" if rol == EIGENAAR else ""
        uit.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{rol}') THEN "
                   f"CREATE ROLE {rol} NOLOGIN{extra}; END IF; END $$")
    uit.append(f"ALTER ROLE {EIGENAAR} NOLOGIN INHERIT CREATEROLE NOSUPERUSER NOBYPASSRLS")
    for groep in ALLE:  # PostgreSQL 16+: a CREATEROLE role grants only what it administers
        uit.append(f"GRANT {groep} TO {EIGENAAR} WITH ADMIN OPTION")
    return uit


FUNCTIES = r"""
CREATE OR REPLACE FUNCTION jet_ik() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  -- the medewerker of this login, once they chose their own password (a start password shows nothing)
  SELECT id FROM medewerker WHERE gebruikersnaam = session_user::text AND actief AND deleted_at IS NULL
     AND NOT moet_wachtwoord_wijzigen
$$;

CREATE OR REPLACE FUNCTION jet_login_id() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT id FROM medewerker WHERE gebruikersnaam = session_user::text
$$;

CREATE OR REPLACE FUNCTION jet_bewaak() RETURNS trigger LANGUAGE plpgsql AS $$
-- a login's write of a casework row: its links to other records never change (a link changed would pull a
-- colleague's record into view), and who did it is the login (arguments: link columns, who-id, who-name)
DECLARE k text; oud jsonb; nieuw jsonb; stempel jsonb := '{}';
BEGIN
  IF pg_has_role(session_user, 'jet_eigenaar', 'MEMBER') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND TG_ARGV[0] <> '' THEN
    oud := to_jsonb(OLD); nieuw := to_jsonb(NEW);
    FOREACH k IN ARRAY string_to_array(TG_ARGV[0], ',') LOOP
      IF oud -> k IS DISTINCT FROM nieuw -> k THEN
        RAISE EXCEPTION 'De koppeling % van een % verandert niet.', k, TG_TABLE_NAME USING ERRCODE = '42501';
      END IF;
    END LOOP;
  END IF;
  IF TG_OP = 'INSERT' AND TG_NARGS > 1 AND TG_ARGV[1] <> '' THEN
    stempel := jsonb_build_object(TG_ARGV[1], jet_login_id());
    IF TG_NARGS > 2 THEN stempel := stempel || jsonb_build_object(TG_ARGV[2], jet_naam()); END IF;
    NEW := jsonb_populate_record(NEW, stempel);
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION jet_bewaak_medewerker() RETURNS trigger LANGUAGE plpgsql AS $$
-- a login's own write of a medewerker row (the beheerder's, outside the login functions): the password
-- columns are the functions' alone, and no row takes the name of another's login
BEGIN
  IF current_user = 'jet_eigenaar' OR pg_has_role(session_user, 'jet_eigenaar', 'MEMBER') THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.moet_wachtwoord_wijzigen OR NEW.wachtwoord_hash <> '' THEN
      RAISE EXCEPTION 'Een wachtwoord zet alleen jet_login_wachtwoord.' USING ERRCODE = '42501';
    END IF;
  ELSIF NEW.moet_wachtwoord_wijzigen IS DISTINCT FROM OLD.moet_wachtwoord_wijzigen
        OR NEW.wachtwoord_hash IS DISTINCT FROM OLD.wachtwoord_hash THEN
    RAISE EXCEPTION 'Een wachtwoord zet alleen jet_login_wachtwoord.' USING ERRCODE = '42501';
  END IF;
  IF NEW.gebruikersnaam IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.gebruikersnaam IS DISTINCT FROM OLD.gebruikersnaam)
     AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = NEW.gebruikersnaam) THEN
    RAISE EXCEPTION 'Gebruikersnaam % is al een login op de server.', NEW.gebruikersnaam USING ERRCODE = '42710';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION jet_naam() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT naam FROM medewerker WHERE gebruikersnaam = session_user::text
$$;

CREATE OR REPLACE FUNCTION jet_gezin_is_nieuw(p_gezin uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  -- a gezin no jeugdige belongs to yet: the one being registered in this transaction
  SELECT NOT EXISTS (SELECT 1 FROM jeugdige WHERE gezin_id = p_gezin)
$$;

CREATE OR REPLACE FUNCTION jet_op_wachtlijst(p_aanmelding uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  -- a dossier is opened only for an aanmelding on the wachtlijst (as the owner: aanmelding's own policy
  -- looks at dossier, so a policy of dossier cannot look at aanmelding)
  SELECT EXISTS (SELECT 1 FROM aanmelding WHERE id = p_aanmelding AND op_wachtlijst AND deleted_at IS NULL)
$$;

CREATE OR REPLACE FUNCTION jet_actieve_dossiers(p_medewerker uuid, OUT consulent bigint, OUT tweede bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- two counts for the beheerder who switches a medewerker off (services/medewerkers.py): no rows
  SELECT count(*) FILTER (WHERE consulent_id = p_medewerker), count(*) FILTER (WHERE tweede_consulent_id = p_medewerker)
    FROM dossier WHERE afgesloten_op IS NULL AND (consulent_id = p_medewerker OR tweede_consulent_id = p_medewerker)
$$;

CREATE OR REPLACE FUNCTION jet_caseload() RETURNS TABLE (consulent_id uuid, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- every consulent's count of active dossiers, for the Caseload page of a jeugdconsulent (counts, no rows)
  SELECT consulent_id, count(*) FROM dossier WHERE afgesloten_op IS NULL GROUP BY consulent_id
$$;

CREATE OR REPLACE FUNCTION jet_dossier_van(p_soort text, p_id uuid, OUT dossier_id uuid, OUT dossiernummer text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- the dossier (its id and number, nothing of its content) of a row this login may not see, for the GEWEIGERD
  -- line of the refused attempt (services/autorisatie.py; NEN 7513 names the client of every attempt)
  SELECT d.id, a.dossiernummer FROM dossier d JOIN aanmelding a ON a.id = d.aanmelding_id
   WHERE CASE p_soort WHEN 'dossier' THEN d.id = p_id
                      WHEN 'aanmelding' THEN d.aanmelding_id = p_id
                      WHEN 'toewijzing' THEN d.id = (SELECT t.dossier_id FROM toewijzing t
                                                      WHERE t.id = p_id AND t.deleted_at IS NULL)
                      WHEN 'contactmoment' THEN d.id = (SELECT c.dossier_id FROM contactmoment c
                                                         WHERE c.id = p_id AND c.deleted_at IS NULL)
                      ELSE false END
$$;

CREATE OR REPLACE FUNCTION jet_bsn_elders(p_bsn text, p_jeugdige uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- a BSN is one child's: the id (nothing else) of another jeugdige with it, also one this login may not see,
  -- so a correction is refused rather than saved twice (services/correcties.py writes the look as a read)
  SELECT id FROM jeugdige WHERE bsn = p_bsn AND id IS DISTINCT FROM p_jeugdige LIMIT 1
$$;

CREATE OR REPLACE FUNCTION jet_consulent_vast(p_medewerker uuid, OUT naam text, OUT rol text, OUT actief boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- a medewerker a dossier goes to, read FOR SHARE (services/caseload.vereis_actieve_consulent): switching them
  -- off at the same moment waits; a consulent or teamleider may not lock the row themselves (no UPDATE on it)
  SELECT naam, rol, actief FROM medewerker WHERE id = p_medewerker AND deleted_at IS NULL FOR SHARE
$$;

CREATE OR REPLACE FUNCTION jet_is_beheerder() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT pg_has_role(session_user, 'jet_eigenaar', 'MEMBER')
      OR (pg_has_role(session_user, 'jet_beheerder', 'MEMBER') AND EXISTS (
          SELECT 1 FROM medewerker WHERE gebruikersnaam = session_user::text AND rol = 'functioneel_beheerder'
             AND actief AND deleted_at IS NULL AND NOT moet_wachtwoord_wijzigen))
$$;

CREATE OR REPLACE FUNCTION jet_stempel() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE wie text := jet_naam();
BEGIN
  -- the server writes who changed a row: a client cannot write in someone else's name
  IF wie IS NOT NULL THEN NEW.updated_by := wie; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION jet_max_dossiernummer(p_prefix text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  -- the numbering needs every aanmelding, also those this login may not see (only the number comes back)
  SELECT max(dossiernummer) FROM aanmelding WHERE dossiernummer LIKE p_prefix || '%'
$$;

CREATE OR REPLACE FUNCTION jet_audit_regel(t timestamptz, p_actie text, p_objecttype text, p_object_id text,
    p_client text, p_omschrijving text, p_namens text, p_rol text, p_controle boolean)
RETURNS TABLE (volgnummer bigint, hash text) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  kop record; m record; n bigint; h text;
  mid uuid; mnaam text; mrol text;
BEGIN
  -- the head first: its row lock serializes appends (migration 0006's triggers allow only an advance by one)
  UPDATE auditketen k SET volgnummer = k.volgnummer WHERE k.id = 1 RETURNING k.volgnummer, k.hash INTO kop;
  SELECT id, naam, rol, actief, deleted_at INTO m FROM medewerker WHERE gebruikersnaam = session_user::text;
  IF m.id IS NULL THEN
    IF NOT pg_has_role(session_user, 'jet_eigenaar', 'MEMBER') THEN
      RAISE EXCEPTION 'Geen medewerker bij deze databaselogin.' USING ERRCODE = '42501';
    END IF;
    mid := NULL; mnaam := session_user::text; mrol := 'systeem';  -- IT running teamserver init
  ELSE
    IF p_controle AND (NOT m.actief OR m.deleted_at IS NOT NULL OR m.rol IS DISTINCT FROM p_rol) THEN
      RAISE EXCEPTION 'Geen toegang: uw account is intussen uitgeschakeld of uw rol is gewijzigd; meld u opnieuw aan.'
        USING ERRCODE = '42501';
    END IF;
    mid := m.id; mnaam := m.naam; mrol := m.rol;
  END IF;
  n := kop.volgnummer + 1;
  h := encode(sha256(convert_to(concat_ws(E'\x1f', kop.hash, n::text,
         to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), coalesce(mid::text, ''), mnaam, mrol,
         coalesce(p_namens, ''), p_actie, p_objecttype, coalesce(p_object_id, ''), coalesce(p_client, ''),
         coalesce(p_omschrijving, '')), 'UTF8')), 'hex');
  INSERT INTO auditregel (id, volgnummer, tijdstip, medewerker_id, medewerker, rol, namens, actie, objecttype,
                          object_id, client, omschrijving, vorige_hash, hash)
  VALUES (gen_random_uuid(), n, t, mid, mnaam, mrol, coalesce(p_namens, ''), p_actie, p_objecttype,
          coalesce(p_object_id, ''), coalesce(p_client, ''), coalesce(p_omschrijving, ''), kop.hash, h);
  UPDATE auditketen k SET volgnummer = n, hash = h WHERE k.id = 1;
  RETURN QUERY SELECT n, h;
END $$;

CREATE OR REPLACE FUNCTION jet_audit_schrijf(p_actie text, p_objecttype text, p_object_id text, p_client text,
    p_omschrijving text, p_namens text, p_rol text, p_controle boolean DEFAULT true)
RETURNS TABLE (volgnummer bigint, hash text) LANGUAGE sql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT * FROM jet_audit_regel(clock_timestamp(), p_actie, p_objecttype, p_object_id, p_client, p_omschrijving,
                                p_namens, p_rol, p_controle)
$$;

CREATE OR REPLACE FUNCTION jet_sync_audit(p_apparaat uuid, p_regel bigint, p_tijdstip timestamptz, p_actie text,
    p_objecttype text, p_object_id text, p_client text, p_omschrijving text, p_namens text, p_rol text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE a record;
BEGIN
  -- a line of a laptop's own audit log (docs/sync.md), appended once (a resent line is skipped) with its
  -- original time; the device and the laptop's line number are in the text
  SELECT id, audit_volgnummer INTO a FROM sync_apparaat WHERE id = p_apparaat AND medewerker_id = jet_ik() FOR UPDATE;
  IF a.id IS NULL THEN
    RAISE EXCEPTION 'Deze laptop is niet bij de teamserver bekend voor deze gebruiker.' USING ERRCODE = '42501';
  END IF;
  IF p_regel <= a.audit_volgnummer THEN
    -- a resend has this very line; another line under this number comes from a copy of the laptop's file
    IF NOT EXISTS (SELECT 1 FROM auditregel r WHERE r.tijdstip = p_tijdstip AND r.omschrijving LIKE '%[offline, apparaat '
                   || left(p_apparaat::text, 8) || ', laptopregel ' || p_regel || ']') THEN
      RAISE EXCEPTION 'jet_kopie: laptopregel % van apparaat % is al met een andere inhoud ontvangen', p_regel,
        left(p_apparaat::text, 8) USING ERRCODE = 'P0001';
    END IF;
    RETURN false;
  END IF;
  PERFORM jet_audit_regel(p_tijdstip, p_actie, p_objecttype, p_object_id, p_client,
                          concat_ws(' ', nullif(p_omschrijving, ''), '[offline, apparaat ' || left(p_apparaat::text, 8)
                                    || ', laptopregel ' || p_regel || ']'), p_namens, p_rol, true);
  UPDATE sync_apparaat SET audit_volgnummer = p_regel WHERE id = p_apparaat;
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION jet_login_bijwerken(p_medewerker uuid, p_oude_naam text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE m record; groep text; huidig text; g text; kon_inloggen boolean; opent text;
BEGIN
  -- make the login of a medewerker row what the row says: its name, its one group, LOGIN or not
  IF NOT jet_is_beheerder() THEN
    RAISE EXCEPTION 'Alleen een functioneel beheerder beheert gebruikers.' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO m FROM medewerker WHERE id = p_medewerker;
  IF m.id IS NULL OR m.gebruikersnaam IS NULL THEN
    RAISE EXCEPTION 'Medewerker bestaat niet of heeft geen gebruikersnaam.' USING ERRCODE = '22023';
  END IF;
  IF m.gebruikersnaam !~ '^[a-z0-9][a-z0-9._-]{1,59}$' OR m.gebruikersnaam LIKE 'pg\_%' OR m.gebruikersnaam LIKE 'jet\_%' THEN
    RAISE EXCEPTION 'Gebruikersnaam % kan geen databaselogin zijn.', m.gebruikersnaam USING ERRCODE = '22023';
  END IF;
  groep := CASE m.rol WHEN 'jeugdconsulent' THEN 'jet_consulent' WHEN 'teamleider' THEN 'jet_teamleider'
                      WHEN 'functioneel_beheerder' THEN 'jet_beheerder' END;
  IF p_oude_naam IS NOT NULL AND p_oude_naam <> m.gebruikersnaam AND jet_is_login(p_oude_naam) THEN
    IF p_oude_naam = session_user::text THEN
      RAISE EXCEPTION 'U wijzigt uw eigen gebruikersnaam niet.' USING ERRCODE = '42501';
    END IF;
    IF EXISTS (SELECT 1 FROM medewerker WHERE gebruikersnaam = p_oude_naam) THEN  -- another's login, not this one's
      RAISE EXCEPTION 'De login % hoort bij een andere medewerker.', p_oude_naam USING ERRCODE = '42501';
    END IF;
    EXECUTE format('ALTER ROLE %I RENAME TO %I', p_oude_naam, m.gebruikersnaam);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = m.gebruikersnaam) THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
                   m.gebruikersnaam);
  ELSIF NOT jet_is_login(m.gebruikersnaam) THEN
    RAISE EXCEPTION 'Er bestaat al een databaserol % die niet van JET is.', m.gebruikersnaam USING ERRCODE = '42710';
  END IF;
  SELECT string_agg(r.rolname, ',') INTO huidig FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid
   JOIN pg_roles u ON u.oid = am.member WHERE u.rolname = m.gebruikersnaam AND r.rolname LIKE 'jet\_%';
  SELECT rolcanlogin INTO kon_inloggen FROM pg_roles WHERE rolname = m.gebruikersnaam;
  IF m.gebruikersnaam = session_user::text AND coalesce(huidig, '') <> groep THEN
    RAISE EXCEPTION 'U kunt uw eigen rol niet wijzigen.' USING ERRCODE = '42501';
  END IF;
  IF huidig = 'jet_beheerder' AND groep <> 'jet_beheerder' AND NOT pg_has_role(session_user, 'jet_eigenaar', 'MEMBER') THEN
    RAISE EXCEPTION 'Een account van een functioneel beheerder krijgt geen rol met dossiertoegang.' USING ERRCODE = '42501';
  END IF;
  FOREACH g IN ARRAY ARRAY['jet_consulent', 'jet_teamleider', 'jet_beheerder'] LOOP
    IF g <> groep THEN EXECUTE format('REVOKE %I FROM %I', g, m.gebruikersnaam); END IF;
  END LOOP;
  EXECUTE format('GRANT %I TO %I', groep, m.gebruikersnaam);
  -- a transaction left open would hold the audit chain's head, and with it every colleague's next line
  EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', m.gebruikersnaam, '2min');
  IF m.actief AND m.deleted_at IS NULL THEN
    EXECUTE format('ALTER ROLE %I LOGIN', m.gebruikersnaam);
    -- casework opened to a login (made, raised to teamleider, moved into casework, switched on again): the
    -- server itself writes the line the teamleiders are shown (services/medewerkers.py MELDING)
    IF groep IN ('jet_consulent', 'jet_teamleider') THEN
      opent := CASE WHEN huidig IS NULL THEN 'login aangemaakt'
                    WHEN huidig IS DISTINCT FROM groep AND (groep = 'jet_teamleider' OR huidig = 'jet_beheerder')
                      THEN 'rol gewijzigd (was ' || huidig || ')'
                    WHEN NOT kon_inloggen THEN 'weer ingeschakeld' END;
      IF opent IS NOT NULL THEN
        PERFORM jet_audit_schrijf('beheer', 'medewerker', m.id::text, '', 'dossiertoegang: login ' || m.gebruikersnaam
                                  || ' (' || groep || '): ' || opent, '', NULL, false);
      END IF;
    END IF;
  ELSE
    EXECUTE format('ALTER ROLE %I NOLOGIN', m.gebruikersnaam);
    BEGIN  -- a switched-off medewerker's open connections end now (needs pg_signal_backend)
      PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = m.gebruikersnaam AND pid <> pg_backend_pid();
    EXCEPTION WHEN insufficient_privilege THEN NULL;
    END;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION jet_is_login(p_naam text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid
                 JOIN pg_roles u ON u.oid = am.member
                 WHERE u.rolname = p_naam AND r.rolname IN ('jet_consulent', 'jet_teamleider', 'jet_beheerder'))
$$;

CREATE OR REPLACE FUNCTION jet_login_wachtwoord(p_medewerker uuid, p_verifier text, p_start boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE m record; eigen boolean;
BEGIN
  -- a SCRAM verifier only: the password itself never reaches the server
  IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION 'Alleen een SCRAM-SHA-256-verifier wordt aangenomen.' USING ERRCODE = '22023';
  END IF;
  SELECT * INTO m FROM medewerker WHERE id = p_medewerker;
  IF m.id IS NULL OR NOT jet_is_login(m.gebruikersnaam) THEN
    RAISE EXCEPTION 'Medewerker heeft geen databaselogin.' USING ERRCODE = '22023';
  END IF;
  eigen := m.gebruikersnaam = session_user::text;
  IF NOT eigen AND NOT jet_is_beheerder() THEN
    RAISE EXCEPTION 'Alleen een functioneel beheerder stelt het wachtwoord van een ander in.' USING ERRCODE = '42501';
  END IF;
  -- a password a beheerder sets for someone else is a start password: it opens no casework until its owner
  -- chose their own (only IT's own login, setting up the team, may give a final one)
  IF NOT eigen AND NOT pg_has_role(session_user, 'jet_eigenaar', 'MEMBER') THEN
    p_start := true;
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', m.gebruikersnaam, p_verifier);
  UPDATE medewerker SET wachtwoord_hash = 'teamserver', moet_wachtwoord_wijzigen = (NOT eigen AND p_start),
         version = version + 1, updated_at = clock_timestamp() WHERE id = p_medewerker;
  IF NOT eigen AND m.rol IN ('jeugdconsulent', 'teamleider') THEN
    PERFORM jet_audit_schrijf('beheer', 'medewerker', m.id::text, '', 'dossiertoegang: wachtwoord van ' ||
                              m.gebruikersnaam || ' ingesteld' || CASE WHEN p_start THEN ' (startwachtwoord)' ELSE '' END,
                              '', NULL, false);
  END IF;
END $$;
"""


def _policies(tabel: str) -> list[str]:
    return [f"DROP POLICY IF EXISTS {naam} ON {tabel}" for naam in
            ("jet_lezen", "jet_toevoegen", "jet_wijzigen", "jet_team", "jet_consulent_lezen",
             "jet_consulent_toevoegen", "jet_consulent_wijzigen", "jet_beheer", "jet_teamleider_lezen")]


def rechten_sql(conn: Connection) -> list[str]:
    """Grants, row-level security and the updated_by trigger of every table (after the migrations)."""
    onbekend = onbekende_tabellen(conn)
    if onbekend:
        raise TeamserverFout(f"Tabel(len) zonder toegangsregel op de teamserver: {', '.join(onbekend)} "
                             "(storage/teamserver.py); er is niets gewijzigd.")
    groepen = ", ".join(ALLE)
    uit = [f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {groepen}",
           f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {groepen}",
           "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
           f"GRANT USAGE ON SCHEMA public TO {groepen}",
           f"GRANT EXECUTE ON FUNCTION jet_ik(), jet_login_id(), jet_naam(), jet_gezin_is_nieuw(uuid), jet_op_wachtlijst(uuid), "
           f"jet_actieve_dossiers(uuid), jet_caseload(), jet_is_beheerder(), jet_dossier_van(text, uuid), "
           f"jet_consulent_vast(uuid), jet_bsn_elders(text, uuid), "
           f"jet_is_login(text), jet_max_dossiernummer(text), "
           f"jet_audit_schrijf(text, text, text, text, text, text, text, boolean), "
           f"jet_sync_audit(uuid, bigint, timestamptz, text, text, text, text, text, text, text), "
           f"jet_login_bijwerken(uuid, text), jet_login_wachtwoord(uuid, text, boolean) TO {groepen}",
           # the jet_lower of storage/kleine_letters.py is SQLite's; here lower() is the server's own
           ]
    for view, sql in VIEWS.items():  # the owner's: policies of the tables they read do not apply in them
        uit += [f"CREATE OR REPLACE VIEW {view} AS {sql}", f"GRANT SELECT ON {view} TO jet_consulent"]
    for tabel in _tabellen(conn):
        uit += _policies(tabel)
        uit.append(f"ALTER TABLE {tabel} ENABLE ROW LEVEL SECURITY")
        if tabel in CASEWORK:
            lezen, toevoegen = CASEWORK[tabel]
            lezen, toevoegen = f"({_IK} IS NOT NULL AND {lezen})", f"({_IK} IS NOT NULL AND {toevoegen})"
            rechten = "SELECT, INSERT" if tabel in ALLEEN_TOEVOEGEN else "SELECT, INSERT, UPDATE"
            argumenten = ", ".join(f"'{a}'" for a in (KOPPELINGEN.get(tabel, ""), *WIE.get(tabel, ())))
            uit += [f"GRANT {rechten} ON {tabel} TO jet_consulent, jet_teamleider",
                    f"CREATE POLICY jet_team ON {tabel} FOR ALL TO jet_teamleider USING ({_IK} IS NOT NULL) "
                    f"WITH CHECK ({_IK} IS NOT NULL)",
                    f"DROP TRIGGER IF EXISTS jet_bewaak ON {tabel}",
                    f"CREATE TRIGGER jet_bewaak BEFORE INSERT OR UPDATE ON {tabel} FOR EACH ROW "
                    f"EXECUTE FUNCTION jet_bewaak({argumenten})",
                    f"CREATE POLICY jet_consulent_lezen ON {tabel} FOR SELECT TO jet_consulent USING ({lezen})",
                    f"CREATE POLICY jet_consulent_toevoegen ON {tabel} FOR INSERT TO jet_consulent "
                    f"WITH CHECK ({toevoegen})",
                    f"CREATE POLICY jet_consulent_wijzigen ON {tabel} FOR UPDATE TO jet_consulent "
                    f"USING ({lezen}) WITH CHECK ({lezen})"]
        elif tabel in REFERENTIE or tabel in _code_tabellen():
            schrijvers = REFERENTIE.get(tabel, ("jet_beheerder",))
            uit += [f"GRANT SELECT ON {tabel} TO {groepen}",
                    f"CREATE POLICY jet_lezen ON {tabel} FOR SELECT TO {groepen} USING (true)"]
            if schrijvers:
                uit += [f"GRANT INSERT, UPDATE ON {tabel} TO {', '.join(schrijvers)}",
                        f"CREATE POLICY jet_toevoegen ON {tabel} FOR INSERT TO {', '.join(schrijvers)} WITH CHECK (true)",
                        f"CREATE POLICY jet_wijzigen ON {tabel} FOR UPDATE TO {', '.join(schrijvers)} "
                        "USING (true) WITH CHECK (true)"]
            if tabel == "medewerker":
                uit += ["DROP TRIGGER IF EXISTS jet_bewaak_medewerker ON medewerker",
                        "CREATE TRIGGER jet_bewaak_medewerker BEFORE INSERT OR UPDATE ON medewerker FOR EACH ROW "
                        "EXECUTE FUNCTION jet_bewaak_medewerker()",
                        # scrypt hashes of a shared store of before: the server's logins need none, nobody reads them
                        "UPDATE medewerker SET wachtwoord_hash = '' WHERE wachtwoord_hash NOT IN ('', 'teamserver')"]
            if tabel == "afwezigheid":  # a jeugdconsulent reports their own absence (services/caseload.py)
                uit += [f"GRANT INSERT, UPDATE ON {tabel} TO jet_consulent",
                        f"CREATE POLICY jet_consulent_toevoegen ON {tabel} FOR INSERT TO jet_consulent "
                        f"WITH CHECK (medewerker_id = {_IK})",
                        f"CREATE POLICY jet_consulent_wijzigen ON {tabel} FOR UPDATE TO jet_consulent "
                        f"USING (medewerker_id = {_IK}) WITH CHECK (medewerker_id = {_IK})"]
        elif tabel in TOEGANG:
            uit += [f"GRANT SELECT ON {tabel} TO jet_teamleider, jet_beheerder",
                    f"GRANT INSERT, UPDATE ON {tabel} TO jet_beheerder",
                    f"CREATE POLICY jet_lezen ON {tabel} FOR SELECT TO jet_teamleider, jet_beheerder USING (true)",
                    f"CREATE POLICY jet_beheer ON {tabel} FOR ALL TO jet_beheerder USING (true) WITH CHECK (true)"]
        elif tabel == "auditregel":
            uit += [f"GRANT SELECT ON {tabel} TO jet_beheerder, jet_teamleider",
                    f"CREATE POLICY jet_lezen ON {tabel} FOR SELECT TO jet_beheerder USING (true)",
                    f"CREATE POLICY jet_teamleider_lezen ON {tabel} FOR SELECT TO jet_teamleider USING ("
                    f"(actie = 'aanmelden' AND medewerker_id = {_IK}) OR "
                    "(objecttype = 'medewerker' AND omschrijving LIKE 'dossiertoegang:%'))"]
        elif tabel == "sync_apparaat":  # audit_volgnummer is jet_sync_audit's alone: a login cannot skip lines
            uit += [f"GRANT SELECT, INSERT ON {tabel} TO jet_consulent, jet_teamleider",
                    f"GRANT UPDATE (laatste_sync_at) ON {tabel} TO jet_consulent, jet_teamleider",
                    f"CREATE POLICY jet_lezen ON {tabel} FOR SELECT TO jet_consulent, jet_teamleider "
                    f"USING (medewerker_id = {_IK})",
                    f"CREATE POLICY jet_toevoegen ON {tabel} FOR INSERT TO jet_consulent, jet_teamleider "
                    f"WITH CHECK (medewerker_id = {_IK} AND audit_volgnummer = 0)",
                    f"CREATE POLICY jet_wijzigen ON {tabel} FOR UPDATE TO jet_consulent, jet_teamleider "
                    f"USING (medewerker_id = {_IK}) WITH CHECK (medewerker_id = {_IK})"]
        elif tabel == "sync_toegepast":
            eigen = f"EXISTS (SELECT 1 FROM sync_apparaat sa WHERE sa.id = apparaat_id AND sa.medewerker_id = {_IK})"
            uit += [f"GRANT SELECT, INSERT ON {tabel} TO jet_consulent, jet_teamleider",
                    f"CREATE POLICY jet_beheer ON {tabel} FOR ALL TO jet_consulent, jet_teamleider "
                    f"USING ({eigen}) WITH CHECK ({eigen})"]
        elif tabel == "auditketen":
            uit += [f"GRANT SELECT ON {tabel} TO jet_beheerder",
                    f"CREATE POLICY jet_lezen ON {tabel} FOR SELECT TO jet_beheerder USING (true)"]
        if _heeft_kolom(conn, tabel, "updated_by"):
            uit += [f"DROP TRIGGER IF EXISTS jet_stempel ON {tabel}",
                    f"CREATE TRIGGER jet_stempel BEFORE INSERT OR UPDATE ON {tabel} FOR EACH ROW "
                    "EXECUTE FUNCTION jet_stempel()"]
    return uit


def _heeft_kolom(conn: Connection, tabel: str, kolom: str) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %(t)s "
        "AND column_name = %(k)s", {"t": tabel, "k": kolom}).first() is not None


_TEAMSERVER: "weakref.WeakKeyDictionary[Engine, bool]" = weakref.WeakKeyDictionary()


def is_teamserver(conn: Connection) -> bool:
    """A PostgreSQL store set up by `teamserver init` (its audit function is there). Asked once per engine:
    a workstation's engine is made after IT set the server up (Store.open), so the answer does not change."""
    if conn.dialect.name != "postgresql":
        return False
    if (bekend := _TEAMSERVER.get(conn.engine)) is None:
        bekend = _TEAMSERVER[conn.engine] = bool(
            conn.exec_driver_sql("SELECT to_regproc('public.jet_audit_schrijf') IS NOT NULL").scalar())
    return bekend
