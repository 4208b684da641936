"""A fictional archive of three cases in three time zones, for the case file:
a bankruptcy case in New York (nysb), a civil case in Chicago (ilnd) and a
criminal case in Los Angeles (cacd). Letters carry their own docket numbers,
cite docket entries in their text ("ECF No. 12", "Dkt. 30"), name hearings
with times, and ask to adjourn a trial; one keeps a PDF original. Every letter
and caption says it is synthetic. The site is built as of conftest.BUILD_DATE
(2021-03-10), so some events are upcoming and some past.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from docket_archive import synthetic

BANKRUPTCY, CIVIL, CRIMINAL = "river-mills", "harbor-widget", "proxley"
MILLS_STATUS = "2021-02-01-status-letter"  # own entry ECF No. 45; cites ECF No. 12 and Dkt. 30
MILLS_LATER = "2021-02-22-status-letter"  # cites ECF No. 12 again
HARBOR_LETTER = "2021-02-15-letter-on-discovery"  # own entry 67
PROXLEY_MOTION = "2021-01-27-letter-motion-to-adjourn-trial"  # own entry 20, PDF original
PROXLEY_REPLY = "2021-02-03-letter-on-adjournment"  # also asks to move the trial
PDF_NAME = "2021-01-27-letter-motion.pdf"

CASES = {
    CIVIL: {
        "number": "1:21-cv-01234",
        "caption": "Harbor Widget Company v. Lakeside Gadget Corporation (Synthetic)",
        "court": "ilnd",
        "judge": "judge-samplesby",
    },
    CRIMINAL: {
        "number": "2:20-cr-00099 (PT)",
        "caption": "US v. Jordan Proxley (Synthetic)",
        "court": "cacd",
        "judge": "judge-samplesby",
    },
}


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica, not embedded), written by hand."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    text = "BT /F1 12 Tf 16 TL 72 720 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def _letter(root: Path, case: str, stem: str, front: dict, body: str) -> None:
    front = {"title": front.pop("title"), "date": stem[:10], "case": case, **front}
    (root / case / f"{stem}.md").write_text(synthetic.letter_text(front, body), "utf-8")


def write_case_file_archive(root: Path) -> Path:
    persons = [
        *synthetic.people(),
        synthetic.SyntheticPerson("judge-samplesby", "Robin Samplesby", "United States District Judge"),
    ]
    synthetic.write_registries(root, [BANKRUPTCY, CIVIL, CRIMINAL], persons)
    bankruptcy = yaml.safe_load((root / BANKRUPTCY / "case.yml").read_text("utf-8"))
    bankruptcy.update(
        number="99-20001 (PT)",
        caption="In re River Mills Corporation (Synthetic), et al.",
        status="active",  # marked: its reports may be called overdue
        docket_entries=[{"date": "2020-11-02", "number": "12", "title": "Order regarding mediation"}],
    )
    (root / BANKRUPTCY / "case.yml").write_text(f"# {synthetic.MARK}\n" + yaml.safe_dump(bankruptcy), "utf-8")
    for key, fields in CASES.items():
        case = {**fields, "summary": synthetic.MARK}
        (root / key / "case.yml").write_text(f"# {synthetic.MARK}\n" + yaml.safe_dump(case), "utf-8")

    _letter(
        root,
        BANKRUPTCY,
        MILLS_STATUS,
        {
            "title": "Status letter on mediation",
            "type": "joint status letter",
            "authors": [{"person": "casey-fixture-2", "on_behalf_of": ["the parties"]}],
            "addressee": "judge-testwood",
            "summary": "SYNTHETIC. Mediation continues; a status conference is set for March 15, 2021.",
            "tags": ["mediation", "dip-financing"],
            "hearings": [{"date": "2021-03-15", "time": "10:00", "what": "status conference"}],
            "deadlines": [{"date": "2021-03-01", "what": "mediator's report"}],
            "next_report_due": "2021-02-15",
            "docket_entry": {"number": "45", "filed": "2021-02-01"},
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. As the Court's order (ECF No. 12) requires, the parties"
        " report that mediation continues. The mediator's report (Dkt. 30) is due March 1, 2021. The Court has set"
        " a status conference for March 15, 2021 at 10:00 a.m.\n\nRespectfully submitted,\n\nCasey Fixture\n",
    )
    _letter(
        root,
        BANKRUPTCY,
        MILLS_LATER,
        {
            "title": "Further status letter on mediation",
            "type": "joint status letter",
            "authors": [{"person": "casey-fixture-2", "on_behalf_of": ["the parties"]}],
            "addressee": "judge-testwood",
            # Long enough to be folded in tables, with the rest one click away.
            "summary": "SYNTHETIC. Mediation goes on under the order regarding mediation. The parties met twice,"
            " exchanged drafts of a term sheet on the treatment of the lenders' claims and the committee's"
            " proposed litigation trust, narrowed the open points to the size of the trust's funding and the"
            " releases, and expect to report again before the status conference in mid-March.",
            "next_report_due": "2021-03-08",
        },
        "Dear Judge Testwood:\n\nSYNTHETIC TEST LETTER. Under ECF No. 12 the parties keep mediating.\n\n"
        "Respectfully submitted,\n\nCasey Fixture\n",
    )
    _letter(
        root,
        CIVIL,
        HARBOR_LETTER,
        {
            "title": "Letter on discovery",
            "type": "letter",
            "authors": [{"person": "emery-stubbs-4", "on_behalf_of": ["Harbor Widget Company"]}],
            "addressee": "judge-samplesby",
            "summary": "SYNTHETIC. Discovery disputes narrowed before the motion hearing on March 16, 2021.",
            "hearings": [{"date": "2021-03-16", "time": "09:30", "what": "motion hearing"}],
            "docket_entry": {"number": "67", "filed": "2021-02-15"},
        },
        "Dear Judge Samplesby:\n\nSYNTHETIC TEST LETTER. Further to Docket No. 5, the parties narrowed their"
        " disputes before the motion hearing on March 16, 2021 at 9:30 a.m.\n\nRespectfully,\n\nEmery Stubbs\n",
    )
    original = minimal_pdf(["SYNTHETIC TEST LETTER, not a real court filing.", "Letter motion to adjourn the trial."])
    (root / CRIMINAL / "originals").mkdir()
    (root / CRIMINAL / "originals" / PDF_NAME).write_bytes(original)
    _letter(
        root,
        CRIMINAL,
        PROXLEY_MOTION,
        {
            "title": "Letter motion to adjourn the April 20, 2021 trial",
            "type": "letter motion",
            "authors": [{"person": "devon-mockridge-3", "on_behalf_of": ["Jordan Proxley"]}],
            "addressee": "judge-samplesby",
            "summary": "SYNTHETIC. The defense asks to adjourn the trial set for April 20, 2021.",
            "relief_requested": ["adjournment of the April 20, 2021 trial"],
            "hearings": [{"date": "2021-04-20", "time": "09:00", "what": "trial"}],
            "docket_entry": {"number": "20", "filed": "2021-01-27"},
            "original": {"path": f"originals/{PDF_NAME}", "sha256": hashlib.sha256(original).hexdigest()},
        },
        "Dear Judge Samplesby:\n\nSYNTHETIC TEST LETTER. The defense respectfully asks the Court to adjourn the"
        " trial set for April 20, 2021 at 9:00 a.m. See Doc. 13.\n\nRespectfully submitted,\n\nDevon Mockridge\n",
    )
    _letter(
        root,
        CRIMINAL,
        PROXLEY_REPLY,
        {
            "title": "Letter on the requested adjournment",
            "type": "letter",
            "authors": [{"person": "gray-fakenham-6", "on_behalf_of": ["the United States"]}],
            "addressee": "judge-samplesby",
            "summary": "SYNTHETIC. The Government consents to adjourning the trial to a date in June.",
            "relief_requested": ["adjournment of the trial on consent"],
        },
        "Dear Judge Samplesby:\n\nSYNTHETIC TEST LETTER. The Government consents to the defense's request (ECF No."
        " 20) to adjourn the April 20, 2021 trial.\n\nRespectfully,\n\nGray Fakenham\n",
    )
    return root
