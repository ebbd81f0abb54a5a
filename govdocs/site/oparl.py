"""OParl 1.1 open data under `oparl/`: System, Body, Organization, Person, Membership, Meeting (with its
AgendaItems), Paper and File, as static JSON files whose ids are their URLs under --base-url.

Object lists are OParl's external lists (`data`, `pagination`, `links`), each in one page. Public only:
the same public views the pages use, so nothing exempt is here either.
"""
from __future__ import annotations

import json

from govdocs.site.write import slug

S = "https://schema.oparl.org/1.1/"


def write_oparl(site) -> None:
    o = OParl(site)
    o.write()


class OParl:
    def __init__(self, site):
        self.site, self.ws = site, site.ws
        self.root = f"{site.base}/oparl"
        self.body_id = self.url("body/body.json")

    def url(self, rel: str) -> str:
        return f"{self.root}/{rel}"

    def put(self, rel: str, obj: dict) -> None:
        self.site.writer.put(f"oparl/{rel}", json.dumps(obj, indent=1, ensure_ascii=False, sort_keys=True) + "\n")

    def listing(self, rel: str, items: list[dict]) -> None:
        self.put(rel, {"data": items, "pagination": {"totalElements": len(items), "elementsPerPage": max(1, len(items)),
                                                      "currentPage": 1, "totalPages": 1},
                       "links": {"first": self.url(rel), "last": self.url(rel)}})

    def write(self) -> None:
        ws = self.ws
        system = {"id": self.url("system.json"), "type": S + "System", "oparlVersion": S, "name": ws.council,
                  "body": self.url("bodies.json"), "website": self.site.base + "/",
                  "product": "https://pypi.org/project/govdocs/"}
        self.put("system.json", system)
        orgs = [self.organization(b) for b in ws.boards.values()]
        people = [self.person(i) for i in sorted(self.site.published_people())]  # the same bytes every build
        memberships = [m for p in people for m in p["membership"]]
        meetings = [self.meeting(m) for m in self.site.meetings]
        papers, files = self.papers()
        dates = sorted(m.date for m in self.site.meetings) or ["2000-01-01"]
        body = {"id": self.body_id, "type": S + "Body", "system": system["id"], "name": ws.council,
                "shortName": ws.council, "website": self.site.base + "/",
                "organization": self.url("body/organizations.json"), "person": self.url("body/people.json"),
                "meeting": self.url("body/meetings.json"), "paper": self.url("body/papers.json"),
                "membership": self.url("body/memberships.json"), "file": self.url("body/files.json"),
                "agendaItem": self.url("body/agenda-items.json"),
                "legislativeTermList": self.url("body/legislative-terms.json"),
                "legislativeTerm": [self.term(dates)], "web": self.site.base + "/"}
        self.put("body/body.json", body)
        self.listing("bodies.json", [body])
        self.listing("body/organizations.json", orgs)
        self.listing("body/people.json", people)
        self.listing("body/memberships.json", memberships)
        self.listing("body/meetings.json", meetings)
        self.listing("body/papers.json", papers)
        self.listing("body/files.json", files)
        self.listing("body/agenda-items.json", [a for m in meetings for a in m.get("agendaItem", [])])
        self.listing("body/legislative-terms.json", [self.term(dates)])
        for kind, objs in (("organization", orgs), ("person", people), ("membership", memberships),
                           ("meeting", meetings), ("paper", papers), ("file", files)):
            for obj in objs:
                self.put(obj["id"][len(self.root) + 1:], obj)
        for m in meetings:
            for a in m.get("agendaItem", []):
                self.put(a["id"][len(self.root) + 1:], {**a, "meeting": m["id"]})

    def term(self, dates: list[str]) -> dict:
        return {"id": self.url("legislativeterm/all.json"), "type": S + "LegislativeTerm", "body": self.body_id,
                "name": "All meetings on record", "startDate": dates[0], "endDate": dates[-1]}

    def organization(self, b) -> dict:
        return {"id": self.url(f"organization/{b.slug}.json"), "type": S + "Organization", "body": self.body_id,
                "name": b.name, "shortName": b.slug, "organizationType": "Gremium", "classification": b.rules,
                "meeting": self.url("body/meetings.json"),
                "membership": [self.url(f"membership/{b.slug}-{slug(m.initials)}.json") for m in b.members],
                "web": f"{self.site.base}/boards/{b.slug}/"}

    def person(self, initials: str) -> dict:
        p = self.ws.people[initials]
        ms = []
        for b in self.ws.boards.values():
            for m in b.members:
                if m.initials == initials:
                    ms.append({"id": self.url(f"membership/{b.slug}-{slug(initials)}.json"), "type": S + "Membership",
                               "person": self.url(f"person/{slug(initials)}.json"),
                               "organization": self.url(f"organization/{b.slug}.json"),
                               "role": m.role or ("Chair" if m.chair else "Member"), "votingRight": m.voting,
                               **({"endDate": m.left} if m.left else {})})
        return {"id": self.url(f"person/{slug(initials)}.json"), "type": S + "Person", "body": self.body_id,
                "name": p.display_name, "affix": p.role, "status": [p.role] if p.role else [],
                "membership": ms, "web": f"{self.site.base}/{self.site.person_path(initials)}"}

    def meeting(self, m) -> dict:
        v = self.site.meeting_values(m)
        att = m.attendance
        there = att.present + att.virtual + [s.initials for s in att.substitutes]
        items = []
        for it in v["agenda"]["items"]:
            items.append({"id": self.url(f"agendaitem/{m.board}-{m.date}-{slug(it['number'])}.json"),
                          "type": S + "AgendaItem", "number": str(it["number"]), "name": it["title"], "public": True,
                          "resolutionText": " ".join(d["text"] for d in v["decisions"] if d["item"] == str(it["number"])),
                          "auxiliaryFile": [self.file(p) for p in v["papers"] if p["item"] == str(it["number"])]})
        start = f"{m.date}T{m.start}:00" if m.start else m.date
        return {"id": self.url(f"meeting/{m.board}-{m.date}.json"), "type": S + "Meeting",
                "name": f"{v['board_name']}, {v['long']}", "start": start,
                **({"end": f"{m.date}T{m.end}:00"} if m.end else {}), "cancelled": bool(m.cancelled),
                "meetingState": "durchgeführt" if m.minutes_approved_at else ("eingeladen" if m.agenda_published
                                                                             else "terminiert"),
                "location": {"id": self.url(f"location/{m.board}-{m.date}.json"), "type": S + "Location",
                             "description": m.venue or ""},
                "organization": [self.url(f"organization/{m.board}.json")],
                "participant": [self.url(f"person/{slug(i)}.json") for i in there
                                if i in self.site.published_people()],
                "agendaItem": items, "web": f"{self.site.base}/{self.site.meeting_path(m).removesuffix('index.html')}"}

    def file(self, p: dict) -> dict:
        url = f"{self.site.base}/{p['path']}"
        # one File per place a paper is published: the same report at two meetings is two files
        return {"id": self.url(f"file/{slug(p['path'].removeprefix('boards/'))}.json"), "type": S + "File",
                "name": p["title"],
                "fileName": p["file"], "mimeType": p["mime"], "size": p["bytes"], "sha256Checksum": p["sha"],
                "accessUrl": url, "downloadUrl": url}

    def papers(self) -> tuple[list[dict], list[dict]]:
        papers, files = [], []
        for m in self.site.meetings:
            for p in self.site.meeting_values(m)["papers"]:
                f = self.file(p)
                files.append(f)
                papers.append({"id": self.url(f"paper/{slug(p['path'].removeprefix('boards/'))}.json"), "type": S + "Paper",
                               "body": self.body_id,
                               "name": p["title"], "reference": f"{m.board}/{m.date}/{p['item']}", "date": m.date,
                               "paperType": "Report", "mainFile": f})
        return papers, files
