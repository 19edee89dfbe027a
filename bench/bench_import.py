"""Import benchmark: ``python -m bench.bench_import`` (``make bench-import``).

In ONE run, on ONE PostgreSQL server (a fresh built-in PostgreSQL in a temporary folder):

1. baseline A: ``psql \\copy`` of the CSV into a plain all-text table;
2. baseline B: ``psql \\copy`` into a table shaped like campaign_records (bigserial primary key +
   index on (campaign_id, phone)), as the issue describes it: a text phone in the database's
   collation; and B', the same with the phone in collation "C", as campaign_records has it since
   migration 0004 (compared byte by byte; under C.UTF-8 the other is compared through strcoll);
3. the full ``welcomedly import FILE --campaign ID --json`` (a child process: start-up, login,
   hashing, storing the original, parsing, validation, dedupe against a campaign already holding
   100,000 records, DNC, insert) of the same CSV;
4. the same for a 200,000-row .xlsx (written by openpyxl; phones stored as numbers, as office
   suites do).

Each measurement starts after a CHECKPOINT and its table is VACUUM ANALYZEd right after it (not
timed), so autovacuum of its rows does not run during the next one; any autovacuum still seen
during a measurement is printed.  Prints seconds, rows/s, the child's peak RSS (``wait4`` rusage)
and the ratios against the baselines.  ``--repeat N`` measures all of it N times on the same
server (the baseline tables emptied and the uploads deleted between rounds) and ends with each
figure's range and median: on this shared 2-core machine one round's ratio can land anywhere in a
range ~0.2 wide.  Generated files are cached in ``--workdir`` (default: a temp folder per run)
since writing the .xlsx takes longer than importing it.  Never run by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CSV_ROWS = 1_000_000
XLSX_ROWS = 200_000
EXISTING_RECORDS = 100_000
SEED = 20261126
PASSWORD = "bench password 1"

FIRST = ["José", "María", "Ana", "Luis", "Sofía", "Andrés", "Camila", "Julián", "Valentina", "Sebastián",
         "Lucía", "Martín", "Núria", "Iñaki", "Renée", "Zoë", "Peter", "Grace", "Çağla", "Øyvind"]
LAST = ["Pérez", "Núñez", "Gómez", "Rodríguez", "Peña", "Muñoz", "Álvarez", "Hernández", "O'Brien",
        "Smith", "Castaño", "Ibáñez", "Sánchez", "López", "Martínez", "Díaz"]
CITIES = ["Bogotá", "Medellín", "Cali", "Barranquilla", "Cúcuta", "Málaga", "Córdoba", "San José", "Mérida"]
NOTES = ["", "", "", "Llamar después de las 5, preguntar por la señora", "Cliente VIP, no insistir",
         "Prefiere WhatsApp", "Horario: 9-12, 14-18", ""]


def generate_rows(count: int, rng: random.Random):
    """Rows of (id, nombre, telefono, correo, ciudad, notas); phones in random order,
    2% invalid, 5% repeating an earlier phone."""
    used: list[int] = []
    for i in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        roll = rng.random()
        if roll < 0.02:
            phone = rng.choice(["12345", "555-01", "call me", "(000)", "3.12E+09"])
        elif roll < 0.07 and used:
            phone = str(used[rng.randrange(len(used))])
        else:
            number = rng.randrange(3_000_000_000, 3_999_999_999)
            if len(used) < 200_000:
                used.append(number)
            else:
                used[rng.randrange(len(used))] = number
            phone = str(number)
            style = rng.random()
            if style < 0.3:
                phone = f"({phone[:3]}) {phone[3:6]}-{phone[6:]}"
            elif style < 0.4:
                phone = f"+57 {phone}"
        email = f"{first.lower()}.{last.lower()}{i}@example.com" if rng.random() < 0.6 else ""
        yield [f"C{i:07d}", f"{first} {last}", phone, email, rng.choice(CITIES), rng.choice(NOTES)]


HEADER = ["id", "nombre", "telefono", "correo", "ciudad", "notas"]


def make_csv(path: Path, rows: int) -> None:
    if path.exists():
        return
    rng = random.Random(SEED)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(generate_rows(rows, rng))
    tmp.rename(path)


def make_xlsx(path: Path, rows: int) -> None:
    if path.exists():
        return
    from openpyxl import Workbook

    rng = random.Random(SEED + 1)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Leads")
    ws.append(HEADER)
    for row in generate_rows(rows, rng):
        digits = row[2]
        if digits.isdigit():
            row[2] = int(digits)  # what Excel/LibreOffice store for a plain-digit column
        ws.append(row)
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.rename(path)


def psql_binary() -> str:
    from welcomedly_desktop.db.embedded import postgres_bin_dir

    return str(postgres_bin_dir() / "psql")


def run_psql(conn_args: list[str], sql: str) -> float:
    started = time.perf_counter()
    subprocess.run([psql_binary(), *conn_args, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def psql_value(conn_args: list[str], sql: str) -> str:
    return subprocess.run([psql_binary(), *conn_args, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


_AUTOVACUUM_DONE = "SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_user_tables"
_AUTOVACUUM_RUNNING = ("SELECT coalesce(string_agg(query, '; '), '') FROM pg_stat_activity "
                       "WHERE backend_type = 'autovacuum worker'")


def background_work(conn_args: list[str]) -> tuple[int, str]:
    """(autovacuum/autoanalyze runs finished so far, what autovacuum workers are doing now): the
    server's own background work, which competes with a measurement for this machine's 2 cores."""
    return int(psql_value(conn_args, _AUTOVACUUM_DONE)), psql_value(conn_args, _AUTOVACUUM_RUNNING)


def run_child(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str, str]:
    """(seconds, peak RSS bytes, stdout, stderr) of one child process, measured with wait4."""
    started = time.perf_counter()
    out_f, err_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, env=env, stdout=out_f, stderr=err_f, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    out_f.seek(0), err_f.seek(0)
    stdout, stderr = out_f.read().decode(), err_f.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr}")
    return seconds, usage.ru_maxrss * 1024, stdout, stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=CSV_ROWS)
    parser.add_argument("--xlsx-rows", type=int, default=XLSX_ROWS)
    parser.add_argument("--existing", type=int, default=EXISTING_RECORDS)
    parser.add_argument("--workdir", type=Path, help="keep generated files here (reused between runs)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="measure everything this many times on the same server, then print each figure's "
                             "range and median (default 1)")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="wd-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    csv_path = workdir / f"leads_{args.rows}.csv"
    xlsx_path = workdir / f"leads_{args.xlsx_rows}.xlsx"
    t = time.perf_counter()
    make_csv(csv_path, args.rows)
    make_xlsx(xlsx_path, args.xlsx_rows)
    size = csv_path.stat().st_size
    print(f"files ready in {time.perf_counter() - t:.1f}s: {csv_path.name} {size / 1e6:.1f} MB "
          f"({size / args.rows:.0f} bytes/row), {xlsx_path.name} {xlsx_path.stat().st_size / 1e6:.1f} MB")

    import psycopg

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db import schema
    from welcomedly_desktop.db.engine import Database

    run_dir = Path(tempfile.mkdtemp(prefix="wd-bench-run-"))
    from welcomedly_desktop.db.embedded import get_server

    server = get_server(run_dir / "pgdata", cleanup_mode="stop")
    try:
        admin_uri = server.get_uri("postgres")
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        uri = server.get_uri("bench")
        sa_url = uri.replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres:@", "postgres@", 1)
        data_dir = run_dir / "data"
        data_dir.mkdir()
        db = Database(sa_url, Settings(data_dir=data_dir, database_url=sa_url))
        schema.upgrade(db)
        campaign_csv, campaign_xlsx = _seed(db, args.existing)
        db.dispose()
        rounds: list[tuple[list, dict, dict]] = []

        conn_args = [uri]
        run_psql(conn_args, "CREATE TABLE copy_plain (id text, nombre text, telefono text, correo text, ciudad text, notas text)")
        run_psql(conn_args, "CREATE TABLE copy_indexed (id bigserial PRIMARY KEY, campaign_id integer NOT NULL DEFAULT 1, "
                            "external_id text, name text, phone text, email text, city text, notes text)")
        run_psql(conn_args, "CREATE INDEX ON copy_indexed (campaign_id, phone)")
        run_psql(conn_args, "CREATE TABLE copy_indexed_c (id bigserial PRIMARY KEY, campaign_id integer NOT NULL DEFAULT 1, "
                            "external_id text, name text, phone text COLLATE \"C\", email text, city text, notes text)")
        run_psql(conn_args, "CREATE INDEX ON copy_indexed_c (campaign_id, phone)")
        env = dict(os.environ, WELCOMEDLY_DATA_DIR=str(data_dir), WELCOMEDLY_DATABASE_URL=sa_url,
                   WELCOMEDLY_USER="bench@example.com", WELCOMEDLY_PASSWORD=PASSWORD)
        for number in range(1, args.repeat + 1):
            if number > 1:  # the same starting point: empty baseline tables, the campaigns as seeded
                run_psql(conn_args, "TRUNCATE copy_plain, copy_indexed, copy_indexed_c RESTART IDENTITY")
                run_psql(conn_args, "DELETE FROM base_campaign_data")  # its records and rejects go with it
                run_psql(conn_args, "VACUUM campaign_records, import_rejects")
            rounds.append(_round(args, conn_args, env, data_dir, csv_path, xlsx_path, campaign_csv, campaign_xlsx))
            if args.repeat > 1:
                print(f"round {number} of {args.repeat} measured")
    finally:
        server.cleanup()
        shutil.rmtree(run_dir, ignore_errors=True)
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    for number, (results, summaries, steps) in enumerate(rounds, 1):
        if args.repeat > 1:
            print(f"\n== round {number} of {args.repeat}")
        _print_round(results, summaries, steps)
    if args.repeat > 1:
        _print_spread(rounds)
    return 0


def _round(args, conn_args, env, data_dir, csv_path, xlsx_path, campaign_csv, campaign_xlsx):  # noqa: ANN001, ANN202, PLR0913
    """One measurement of the three baselines and the two imports: (results, summaries, steps)."""
    results: list[tuple[str, int, float, int | None]] = []
    shaped = " (external_id, name, phone, email, city, notes)"
    background: list[str] = []  # autovacuum seen during a measurement (see background_work)

    def watch(name: str, before: tuple[int, str], after: tuple[int, str]) -> None:
        if after[0] > before[0] or before[1] or after[1]:
            background.append(f"{name}: {after[0] - before[0]} autovacuum/autoanalyze run(s) ended; "
                              f"running before: {before[1] or '-'}; after: {after[1] or '-'}")

    for name, target in (("psql \\copy, plain table", "copy_plain"),
                         ("psql \\copy, campaign_records shape", "copy_indexed" + shaped),
                         ("psql \\copy, same, phone collation C", "copy_indexed_c" + shaped)):
        run_psql(conn_args, "CHECKPOINT")
        before = background_work(conn_args)
        sec = run_psql(conn_args, f"\\copy {target} FROM '{csv_path}' WITH (FORMAT csv, HEADER true)")
        watch(name, before, background_work(conn_args))
        results.append((name, args.rows, sec, None))
        run_psql(conn_args, f"VACUUM ANALYZE {target.split()[0]}")  # now, not by autovacuum during the next one

    cmd = [sys.executable, "-m", "welcomedly_desktop", "import"]
    log_file = data_dir / "logs" / "welcomedly.log"
    steps: dict[str, list[str]] = {}
    summaries: dict[str, dict] = {}
    for kind, path, campaign in (("CSV", csv_path, campaign_csv), ("XLSX", xlsx_path, campaign_xlsx)):
        run_psql(conn_args, "CHECKPOINT")
        before = background_work(conn_args)
        mark, started = _log_size(log_file), _clock()
        sec, rss, out, _ = run_child([*cmd, str(path), "--campaign", str(campaign), "--json"], env)
        ended = _clock()
        watch(f"welcomedly import ({kind})", before, background_work(conn_args))
        run_psql(conn_args, "VACUUM ANALYZE campaign_records, import_rejects")  # as after each \copy
        steps[kind] = [f"{started} process started", *_step_lines(log_file, mark), f"{ended} process ended"]
        summaries[kind] = json.loads(out)
        results.append((f"welcomedly import ({kind})", summaries[kind]["rows_total"], sec, rss))
    steps["server background work during the measurements"] = background or ["none seen"]
    return results, summaries, steps


def _rate(result: tuple[str, int, float, int | None]) -> float:
    return result[1] / result[2]


def _ratios(results: list) -> tuple[float, float]:  # noqa: ANN001
    """CSV import rate against the indexed \\copy (the issue's table) and against the same with phone "C"."""
    _, indexed, indexed_c, full_csv, _ = results
    return _rate(full_csv) / _rate(indexed), _rate(full_csv) / _rate(indexed_c)


def _print_round(results: list, summaries: dict, steps: dict) -> None:  # noqa: ANN001
    print()
    print(f"{'method':<38} {'rows':>9} {'seconds':>8} {'rows/s':>10} {'peak RSS':>9}")
    for name, rows, sec, rss in results:
        mem = f"{rss / 1048576:.0f} MB" if rss else "-"
        print(f"{name:<38} {rows:>9,} {sec:>8.2f} {rows / sec:>10,.0f} {mem:>9}")
    plain, _, _, full_csv, full_xlsx = results
    to_indexed, to_indexed_c = _ratios(results)
    print()
    print(f"CSV import / plain \\copy rate:   {_rate(full_csv) / _rate(plain):.2f}x")
    print(f"CSV import / indexed \\copy rate: {to_indexed:.2f}x   (target >= 0.80x)")
    print(f"CSV import / indexed \\copy rate, phone collation C as in campaign_records: {to_indexed_c:.2f}x")
    print(f"CSV import peak memory: {full_csv[3] / 1048576:.0f} MB (target < 200 MB)")
    print(f"XLSX import: {_rate(full_xlsx):,.0f} rows/s (target >= 100,000), peak {full_xlsx[3] / 1048576:.0f} MB (target < 400 MB)")
    print(f"CSV summary:  {json.dumps(summaries['CSV'])}")
    print(f"XLSX summary: {json.dumps(summaries['XLSX'])}")
    for kind, lines in steps.items():
        print(f"\n{kind} import, from its log (time of day, step):" if kind in ("CSV", "XLSX") else f"\n{kind}:")
        for line in lines:
            print("  " + line)


def _print_spread(rounds: list) -> None:  # noqa: ANN001
    """With --repeat: each figure's range and median over the rounds (this machine's share of the
    CPU varies from minute to minute; one round can land anywhere in that range)."""
    def spread(values: list[float], fmt: str) -> str:
        return f"{fmt.format(min(values))}-{fmt.format(max(values))}, median {fmt.format(statistics.median(values))}"

    ratios = [_ratios(results) for results, _, _ in rounds]
    to_indexed = [r[0] for r in ratios]
    to_indexed_c = [r[1] for r in ratios]
    xlsx = [_rate(results[4]) for results, _, _ in rounds]
    n = len(rounds)
    print(f"\n== {n} rounds")
    print(f"CSV import / indexed \\copy rate: {spread(to_indexed, '{:.2f}x')}; "
          f">= 0.80x in {sum(r >= 0.8 for r in to_indexed)} of {n}")
    print(f"CSV import / indexed \\copy rate, phone collation C: {spread(to_indexed_c, '{:.2f}x')}; "
          f">= 0.80x in {sum(r >= 0.8 for r in to_indexed_c)} of {n}")
    print(f"CSV import seconds: {spread([results[3][2] for results, _, _ in rounds], '{:.2f}')}; "
          f"peak {max(results[3][3] for results, _, _ in rounds) / 1048576:.0f} MB at most")
    print(f"XLSX import rows/s: {spread(xlsx, '{:,.0f}')}; >= 100,000 in {sum(r >= 100_000 for r in xlsx)} of {n}; "
          f"peak {max(results[4][3] for results, _, _ in rounds) / 1048576:.0f} MB at most")


def _clock() -> str:
    now = time.time()
    return time.strftime("%H:%M:%S", time.localtime(now)) + f",{int(now % 1 * 1000):03d}"


def _log_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _step_lines(path: Path, offset: int) -> list[str]:
    """The loader's step lines an import wrote to the log (where its time went), shortened."""
    if not path.exists():
        return []
    with path.open("rb") as fh:
        fh.seek(offset)
        text = fh.read().decode("utf-8", "replace")
    keep = ("import step ready", "import step preload", "import step parse", "import step read", "import step repeats",
            "import step commit", "foreign keys of the new records", "Import of ")
    out = []
    for line in text.splitlines():
        if any(k in line for k in keep):
            out.append(line[11:23] + " " + line.split(": ", 1)[-1])
    return out


def _seed(db, existing: int) -> tuple[int, int]:  # noqa: ANN001
    """A supervisor, a campaign already holding ``existing`` records (random phones), an empty one."""
    from sqlalchemy import text

    from welcomedly_desktop.services import auth, campaigns

    with db.session() as session:
        # The leads are Colombian (3xx mobiles, +57): the organization's country is Colombia (issue 18).
        user = auth.register(session, None, email="bench@example.com", name="Bench Admin", role="admin", password=PASSWORD,
                             country="CO")
        actor = auth.actor_for(user, "cli")
        full = campaigns.create_campaign(session, actor, name="Bench CSV")
        empty = campaigns.create_campaign(session, actor, name="Bench XLSX")
        session.execute(
            text(
                "INSERT INTO campaign_records (campaign_id, phone, name) "
                "SELECT :cid, '57' || (3000000000 + floor(random() * 999999999))::bigint, 'Existing ' || g "
                "FROM generate_series(1, :n) g"
            ),
            {"cid": full.id, "n": existing},
        )
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE campaign_records")
    return full.id, empty.id


if __name__ == "__main__":
    sys.exit(main())
