#!/bin/sh
# Builds examples/east-farleigh/ through the command line, as a parish clerk would, from the public
# minutes of East Farleigh Parish Council (Kent) of 2 June and 7 July 2020:
#   https://eastfarleigh-pc.org.uk/documents/efpc-meeting-minutes-june-2020/
#   https://eastfarleigh-pc.org.uk/documents/efpc-meeting-minutes-july-2020/
# The people, attendance, minute numbers, planning references and decisions are theirs; the minute
# wording is summarised, not copied. Run from the project root: sh scripts/make-example-parish.sh
set -eu
HERE=$(pwd)
GD="${GD:-$HERE/.venv/bin/govdocs}"
OUT="$HERE/examples/east-farleigh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GIT_AUTHOR_NAME="Parish Clerk" GIT_AUTHOR_EMAIL="clerk@example.org"
export GIT_COMMITTER_NAME="Parish Clerk" GIT_COMMITTER_EMAIL="clerk@example.org"
cd "$WORK"
gd() { "$GD" "$@" >/dev/null; }
on() { GOVDOCS_TODAY="$1"; export GOVDOCS_TODAY; }

on 2020-05-20
gd init efpc --council "East Farleigh Parish Council"
cd efpc
gd board add efpc --name "East Farleigh Parish Council" --rules parish
# the council's own order: recording and the exclusion decision come first, no public participation item
gd board standing remove efpc questions
gd board standing remove efpc action-log
gd board standing add efpc "Recording of Proceedings" --kind recording --at 2
gd board standing edit efpc declarations --title "Declarations of Interest and Lobbying" \
   --text "Members to declare any interests, and any lobbying, on items on this agenda."
gd board standing remove efpc exclusion
gd board standing add efpc "Exclusion of the Press and Public" --kind exclusion --at 4
gd board edit efpc --minute-numbering year --year-starts 05-01 --quorum 3

gd person add GC --name "Cllr Glyn Charlton"
gd person add PB --name "Cllr Peter Beasley"
gd person add POC --name "Cllr Perry O'Callaghan"
gd person add DH --name "Cllr David Hussein"
gd person add AF --name "Cllr Alex Fullwood"
gd person add AW --name "Cllr Alan White"
gd person add BD --name "Cllr Brian Dorton"
gd person add LP --name "Cllr Lloyd Porter"
gd person add PS --name "Cllr Paulina Stockell"
gd person add JK --name "Cllr Jackie King"
gd person add DHo --name "Desiree Home" --role "Clerk" --email "clerk@example.org"
gd board edit efpc --clerk DHo
gd person add PV --name "PCSO Paul Vasey" --org "Kent Police"
gd member add efpc GC --chair
for m in PB POC DH AF AW BD LP PS JK; do gd member add efpc "$m"; done

# --- 2 June 2020 (minutes 13 onwards) ---------------------------------------------------------
gd meeting new efpc 2020-06-02 --time 19:00 --venue "Online (Zoom)"
gd meeting edit 2020-06-02 --first-minute 13
gd item add 2020-06-02 "Planning: 20/502111/FULL Land North of Pleasant Valley Lane" \
   --purpose "To consider: demolition of existing buildings and erection of a single detached dwelling"
gd meeting publish 2020-06-02
on 2020-06-02
gd attendance 2020-06-02 --present GC,PB,DH,AF,AW,BD --apologies POC,LP,PS --in-attendance DHo,PV --public 2
gd minute 2020-06-02 20/13 --text "Apologies were received from Cllrs O'Callaghan, Porter and Stockell, and from PCSO Paul Vasey. All apologies were accepted."
gd minute 2020-06-02 20/14 --text "The Clerk recorded the meeting for the Parish Council; Cllr Fullwood, as host of the online meeting, and Cllr White also recorded it."
gd minute 2020-06-02 20/15 --text "No interests were declared. Councillors declared lobbying on the two planning applications."
gd minute 2020-06-02 20/16 --text "Members agreed that no item required the exclusion of the press and public."
gd minute 2020-06-02 20/17 --text "The minutes of the joint Planning Committee and full Council meeting held online on 12 May 2020 were agreed as a true and accurate record.

Matters arising: no reply had yet been received from West Farleigh FC or from the Blackthorn Trust about the section 137 donations."
gd minute 2020-06-02 20/18 --text "Members noted that the reasons for refusing the 2018 application for this site remain valid, and that Coxheath Parish Council also wishes to see the application refused." \
   --resolved "To recommend REFUSAL of application 20/502111/FULL, in support of Coxheath Parish Council." --vote unanimous
gd action add 2020-06-02 20/17 "Chase contacts at West Farleigh FC and the Blackthorn Trust so that the Clerk can make the section 137 donations" --owner GC,BD --due 2020-07-07
gd meeting edit 2020-06-02 --closed 20:45

# --- 7 July 2020 (minutes 32 onwards) ---------------------------------------------------------
on 2020-06-25
gd meeting new efpc 2020-07-07 --time 19:00 --venue "Online (Zoom)"
gd meeting edit 2020-07-07 --first-minute 32
gd item add 2020-07-07 "Planning: 19/501571/FULL The Alpine, The Priory (appeal lodged)" --purpose "To consider"
gd meeting publish 2020-07-07
on 2020-07-07
gd attendance 2020-07-07 --present GC,PB,POC,DH,AF,LP --apologies BD,AW --in-attendance DHo --public 3
gd minutes approve 2020-06-02 --at 2020-07-07 --proposer GC --seconder PB --vote unanimous
gd minute 2020-07-07 20/32 --text "Apologies were received from Cllrs Dorton and White and from PCSO Paul Vasey. All apologies were accepted."
gd minute 2020-07-07 20/33 --text "The Clerk recorded the meeting for the Parish Council; Cllr Fullwood, as host of the online meeting, and Cllr Porter also recorded it."
gd minute 2020-07-07 20/34 --text "No interests were declared."
gd minute 2020-07-07 20/35 --text "Members agreed that no item required the exclusion of the press and public."
gd minute 2020-07-07 20/36 --append --text "Correction to the minutes of 2 June 2020, page 2, item 19.3: the Chairman and Vice-Chairman agreed this item as an expense under delegated powers.

Matters arising not otherwise on the agenda: none."
gd minute 2020-07-07 20/37 --text "Members noted that an appeal has been lodged against the refusal of application 19/501571/FULL, and considered the reasons for refusal."
gd action update "$("$GD" actions --format csv | tail -1 | cut -d, -f1)" --note "Donations still to be made; contacts being chased."

cd "$WORK/efpc"
rm -rf "$OUT"
mkdir -p "$OUT"
for part in govdocs.yaml people.yaml boards meetings actions; do
  [ -e "$part" ] && cp -r "$part" "$OUT/"
done
echo "examples/east-farleigh rebuilt from the command line"
