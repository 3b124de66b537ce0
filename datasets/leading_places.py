#!/usr/bin/env python3
"""Writes datasets/leading-places/: the fourteen Leading Places phase-2 partnerships.

    python3 datasets/leading_places.py [--seed S] [--out DIR]

The partner organisations are data written below, taken from the LGA's Leading
Places page (shared/sources/lga-leading-places.txt). Each actor carries a
`provenance` column:

    named         the page names this organisation or team as a partner
    mentioned     the page mentions such a partner but does not name it
                  ("local authority partners", "a leading high street bank",
                  "up to 50 businesses", "student volunteers")
    illustrative  added by us so the place has a network worth analysing

Ties (both waves), attendance, the actors' towns where not obvious, wave dates
and every ripple are illustrative: ties come from a seeded random model (below,
`ties_for`), ripples are written here from what the page says each project was
about. Re-running with the same seed writes the same files byte for byte; the
CSVs and README.md in datasets/leading-places/ are committed. Standard library
only. Check with `python3 datasets/check_datasets.py` and `./ripple check
datasets/leading-places/*`.
"""
import argparse
import csv
import os
import random
from collections import defaultdict, deque

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMME = "Leading Places (phase 2)"
SOURCE_FILE = "shared/sources/lga-leading-places.txt"
SOURCE_URL = "https://www.local.gov.uk/topics/devolution/devolution-online-hub/local-growth/leading-places"
# Phase 2 "launched in July 2017" and "concluded in March 2018" (the page gives
# months only; the days are ours).
WAVES = [("before", "2017-07-03"), ("after", "2018-03-29")]

LA, HE, VC, SP, ED, BU, PO, HO, GV = ("Local Authority", "Health", "VCSE", "Sport", "Education",
                                      "Business", "Police", "Housing", "Government")
N, M, I = "named", "mentioned", "illustrative"
Y, NO = "yes", "no"

# Each place: slug, name, project (one line, for the README), actors, ripples.
# actor:  (id, label, parent, sector, town, attended, provenance)
#         a parent makes the actor a team of that organisation; town "" = not obvious
# ripple: (id, parent, label, capitals, intended, date, actors)
#         a label starting "Illustrative:" is a negative ripple
PLACES = [
 dict(slug="bedford", name="Bedford",
  project="co-design of physical activity interventions for secondary-age young people, "
          "for emotional resilience and early help",
  actors=[
   ("bbc", "Bedford Borough Council", "", LA, "Bedford", Y, N),
   ("bbc-sportdev", "Sports Development team, Bedford Borough Council", "bbc", LA, "Bedford", Y, N),
   ("bbc-earlyhelp", "Early Help team, Bedford Borough Council", "bbc", LA, "Bedford", Y, N),
   ("bbc-publichealth", "Public Health team, Bedford Borough Council", "bbc", LA, "Bedford", Y, N),
   ("beds-uni", "University of Bedfordshire", "", ED, "Luton", Y, N),
   ("beds-uni-vco", "Vice Chancellor's office, University of Bedfordshire", "beds-uni", ED, "Luton", Y, N),
   ("beds-uni-hesss", "Faculty of Health, Education, Sport and Social Science", "beds-uni", ED, "Bedford", Y, N),
   ("elft", "East London NHS Foundation Trust", "", HE, "London", Y, N),
   ("elft-camhs", "CAMHS Bedfordshire (East London NHS Foundation Trust)", "elft", HE, "Bedford", Y, N),
   ("beds-uni-volunteers", "Student volunteers, University of Bedfordshire", "beds-uni", ED, "Bedford", NO, M),
   ("school-sec-1", "Secondary school", "", ED, "Bedford", NO, I),
   ("school-sec-2", "Secondary academy", "", ED, "Kempston", NO, I),
   ("club-youth", "Community sports club (youth section)", "", SP, "Bedford", NO, I),
   ("leisure", "Leisure centre operator", "", SP, "Bedford", NO, I),
   ("vcse-youth-mh", "Youth mental health charity", "", VC, "Bedford", NO, I),
   ("vcse-infra", "Local VCSE infrastructure body", "", VC, "Bedford", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners co-design physical activity sessions for secondary-age pupils",
    "human;social", Y, "2017-10-16", "bbc-sportdev;beds-uni-hesss;elft-camhs"),
   ("r2", "r1", "Student volunteers help deliver the sessions",
    "human;social", Y, "2017-12-04", "beds-uni-volunteers;bbc-sportdev;school-sec-1"),
   ("r3", "r1", "University evaluates effects on low-level emotional wellbeing",
    "human", Y, "2018-02-12", "beds-uni-hesss;bbc-publichealth;elft-camhs"),
   ("r4", "r3", "Evaluation used in a bid for external funding to extend the work",
    "financial;political", Y, "2018-05-14", "bbc;beds-uni-vco;bbc-publichealth"),
   ("r5", "", "Early Help, CAMHS and a youth charity agree routes for early signs",
    "social;human", NO, "2017-11-20", "bbc-earlyhelp;elft-camhs;vcse-youth-mh"),
   ("r6", "r3", "Schools and clubs review how they engage young people",
    "cultural;social", Y, "2018-03-19", "school-sec-2;club-youth;bbc-sportdev"),
   ("r7", "r2", "Illustrative: sessions clash with exam season and attendance drops",
    "human", NO, "2018-04-23", "school-sec-1;bbc-sportdev"),
  ]),
 dict(slug="blackburn-with-darwen", name="Blackburn with Darwen",
  project="a healthy social movement against physical inactivity and poor diet, feeding the "
          "local NHS Sustainability and Transformation Plans",
  actors=[
   ("bwd", "Blackburn with Darwen Borough Council", "", LA, "Blackburn", Y, N),
   ("blackburn-college", "Blackburn College", "", ED, "Blackburn", Y, N),
   ("lancaster-uni", "Lancaster University", "", ED, "Lancaster", Y, N),
   ("bwd-publichealth", "Council public health team", "bwd", LA, "Blackburn", Y, I),
   ("bwd-leisure", "Council leisure and sport team", "bwd", LA, "Blackburn", NO, I),
   ("lancaster-uni-health", "University health research team", "lancaster-uni", ED, "Lancaster", Y, I),
   ("college-health", "College health and social care department", "blackburn-college", ED, "Blackburn", Y, I),
   ("ccg", "NHS clinical commissioning group", "", HE, "Blackburn", NO, I),
   ("hospital", "Acute hospital trust", "", HE, "Blackburn", NO, I),
   ("pcn", "GP practices (primary care network)", "", HE, "Darwen", NO, I),
   ("stp-team", "Local STP programme team", "", HE, "Blackburn", NO, I),
   ("vcse-food", "Community food and growing charity", "", VC, "Darwen", NO, I),
   ("vcse-faith", "Faith community network", "", VC, "Blackburn", NO, I),
   ("vcse-infra", "Local VCSE infrastructure body", "", VC, "Blackburn", NO, I),
   ("leisure-trust", "Leisure trust", "", SP, "Blackburn", NO, I),
   ("schools", "Secondary schools cluster", "", ED, "Darwen", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners start a healthy social movement on activity and diet",
    "social;cultural", Y, "2017-10-09", "bwd-publichealth;lancaster-uni-health;blackburn-college"),
   ("r2", "r1", "Health students at the college act as movement champions",
    "human;social", Y, "2017-12-11", "college-health;bwd-publichealth"),
   ("r3", "r1", "Community and faith groups run healthy eating activities",
    "social;cultural", NO, "2018-02-05", "vcse-food;vcse-faith;bwd-publichealth"),
   ("r4", "r3", "Food growing space set up on unused council land",
    "natural;built", NO, "2018-05-21", "vcse-food;bwd"),
   ("r5", "", "University studies how healthy social movements start and spread",
    "human;political", Y, "2018-01-15", "lancaster-uni-health;college-health"),
   ("r6", "r5", "Findings feed the local STP prevention plans",
    "political", Y, "2018-04-16", "stp-team;ccg;bwd-publichealth;lancaster-uni"),
   ("r7", "r1", "Illustrative: clinicians slow to refer patients to community activity",
    "social", NO, "2018-03-12", "pcn;bwd-publichealth"),
  ]),
 dict(slug="buckinghamshire", name="Buckinghamshire",
  project="a county-wide skills strategy and action plan, building on the LEP's Skills Board "
          "and Skills Hub",
  actors=[
   ("bcc", "Buckinghamshire County Council", "", LA, "Aylesbury", Y, N),
   ("bucks-new-uni", "Buckinghamshire New University", "", ED, "High Wycombe", Y, N),
   ("buckingham-uni", "Buckingham University", "", ED, "Buckingham", Y, N),
   ("aylesbury-college", "Aylesbury College", "", ED, "Aylesbury", Y, N),
   ("wycombe-college", "Wycombe College", "", ED, "High Wycombe", Y, N),
   ("btvlep", "Buckinghamshire Thames Valley Local Enterprise Partnership", "", BU, "", Y, N),
   ("btvlep-skills-board", "Skills Board (Buckinghamshire Thames Valley LEP)", "btvlep", BU, "", Y, N),
   ("btvlep-skills-hub", "Skills Hub (Buckinghamshire Thames Valley LEP)", "btvlep", BU, "", NO, N),
   ("bbf", "Buckinghamshire Business First", "", BU, "", Y, N),
   ("bcc-skills", "Council skills and economy team", "bcc", LA, "Aylesbury", Y, I),
   ("employer-large", "Large local employer", "", BU, "Aylesbury", NO, I),
   ("employer-sme", "SME employer (engineering)", "", BU, "High Wycombe", NO, I),
   ("schools-careers", "Secondary schools careers network", "", ED, "Aylesbury", NO, I),
   ("vcse-employment", "Employment support charity", "", VC, "High Wycombe", NO, I),
   ("vcse-infra", "Local VCSE infrastructure body", "", VC, "Aylesbury", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners draft a county-wide skills strategy and action plan",
    "human;political", Y, "2017-11-13", "bcc-skills;btvlep-skills-board;bucks-new-uni;aylesbury-college"),
   ("r2", "r1", "Colleges and universities align courses to skills gaps",
    "human", Y, "2018-02-19", "aylesbury-college;wycombe-college;bucks-new-uni;buckingham-uni"),
   ("r3", "r1", "Skills Board widened to education, business and public partners",
    "political;social", Y, "2018-01-22", "btvlep-skills-board;bbf;bcc"),
   ("r4", "r1", "Skills Hub links more employers with schools",
    "human;social", Y, "2018-04-09", "btvlep-skills-hub;employer-sme;schools-careers"),
   ("r5", "r4", "Employers offer work placements to college students",
    "human;financial", NO, "2018-06-11", "employer-large;wycombe-college;bbf"),
   ("r6", "r3", "Illustrative: smaller employers find strategy meetings hard to join",
    "social", NO, "2018-03-05", "employer-sme;btvlep"),
  ]),
 dict(slug="gloucestershire", name="Gloucestershire",
  project="long-term collaborative leadership of the county and a vision for 2050, "
          "taken up through the Leadership Gloucestershire forum",
  actors=[
   ("gcc", "Gloucestershire County Council", "", LA, "Gloucester", Y, N),
   ("uog", "University of Gloucestershire", "", ED, "Cheltenham", Y, N),
   ("cheltenham-bc", "Cheltenham Borough Council", "", LA, "Cheltenham", Y, N),
   ("cotswold-dc", "Cotswold District Council", "", LA, "Cirencester", NO, N),
   ("fod-dc", "Forest of Dean District Council", "", LA, "Coleford", NO, N),
   ("gfirst-lep", "GFirst Local Enterprise Partnership", "", BU, "", Y, N),
   ("gloucester-cc", "Gloucester City Council", "", LA, "Gloucester", Y, N),
   ("rau", "Royal Agricultural University", "", ED, "Cirencester", NO, N),
   ("stroud-dc", "Stroud District Council", "", LA, "Stroud", NO, N),
   ("tewkesbury-bc", "Tewkesbury Borough Council", "", LA, "Tewkesbury", NO, N),
   ("gcc-strategy", "Council strategy and policy team", "gcc", LA, "Gloucester", Y, I),
   ("nhs-ccg", "NHS clinical commissioning group", "", HE, "Gloucester", NO, I),
   ("police", "Constabulary", "", PO, "Gloucester", NO, I),
   ("vcse-infra", "Local VCSE infrastructure body", "", VC, "Gloucester", NO, I),
   ("youth-forum", "Young people's forum", "", VC, "Stroud", NO, I),
   ("business-network", "Local business network", "", BU, "Cheltenham", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners start work on a shared vision for Gloucestershire 2050",
    "political;social", Y, "2017-09-25", "gcc-strategy;uog;gfirst-lep"),
   ("r2", "r1", "Conversation on the 2050 vision with residents and young people",
    "cultural;social", Y, "2018-01-29", "uog;youth-forum;vcse-infra"),
   ("r3", "r1", "District councils and the LEP align growth plans with the vision",
    "political;financial", Y, "2018-03-26", "cheltenham-bc;stroud-dc;tewkesbury-bc;gfirst-lep"),
   ("r4", "", "Leadership Gloucestershire members try collaborative ways of working",
    "political;human", Y, "2017-12-04", "gcc;gloucester-cc;police;nhs-ccg"),
   ("r5", "r4", "Rural councils and the RAU share work on the land-based economy",
    "natural;financial", NO, "2018-05-14", "rau;cotswold-dc;fod-dc"),
   ("r6", "r3", "Illustrative: district priorities differ, slowing a single county plan",
    "political", NO, "2018-04-23", "fod-dc;tewkesbury-bc;gcc"),
  ]),
 dict(slug="hull", name="Hull",
  project="inclusive growth after UK City of Culture, for the City Leadership Board and the "
          "City Plan",
  actors=[
   ("hcc", "Hull City Council", "", LA, "Hull", Y, N),
   ("uoh", "University of Hull", "", ED, "Hull", Y, N),
   ("hcc-econ", "Council economic development team", "hcc", LA, "Hull", Y, I),
   ("hcc-jobs", "Council employment and skills service", "hcc", LA, "Hull", NO, I),
   ("uoh-research", "University inclusive growth research team", "uoh", ED, "Hull", Y, I),
   ("fe-college", "Further education college", "", ED, "Hull", NO, I),
   ("nhs-trust", "Hospital trust", "", HE, "Hull", NO, I),
   ("employer-port", "Large employer (ports and logistics)", "", BU, "Hull", NO, I),
   ("employer-energy", "Large employer (renewable energy)", "", BU, "Hull", NO, I),
   ("chamber", "Chamber of commerce", "", BU, "Hull", Y, I),
   ("vcse-infra", "Local VCSE infrastructure body", "", VC, "Hull", Y, I),
   ("housing-assoc", "Housing association", "", HO, "Hull", NO, I),
   ("culture-trust", "Cultural trust (City of Culture legacy)", "", VC, "Hull", NO, I),
   ("community-centre", "Community centre (east Hull)", "", VC, "Hull", NO, I),
  ],
  ripples=[
   ("r1", "", "City Leadership Board takes up inclusive growth as a shared priority",
    "political;social", Y, "2017-10-02", "hcc;uoh;chamber;vcse-infra"),
   ("r2", "r1", "University and council map who benefits from the city's growth",
    "human;political", Y, "2017-12-11", "uoh-research;hcc-econ"),
   ("r3", "r1", "Large employers pilot recruiting from deprived neighbourhoods",
    "financial;human", Y, "2018-03-12", "employer-port;employer-energy;hcc-jobs;community-centre"),
   ("r4", "r1", "City of Culture volunteers linked to training and job routes",
    "cultural;human", NO, "2018-02-05", "culture-trust;fe-college;hcc-jobs"),
   ("r5", "r3", "Housing association and hospital trust join a local hiring pledge",
    "financial;social", NO, "2018-06-04", "housing-assoc;nhs-trust;hcc-econ"),
   ("r6", "r4", "Illustrative: momentum dips as the City of Culture year ends",
    "cultural;social", "unknown", "2018-04-16", "culture-trust;vcse-infra"),
  ]),
 dict(slug="keele-staffordshire", name="Keele / Staffordshire",
  project="research and innovation infrastructure for Stoke-on-Trent and Staffordshire, "
          "linking SMEs to centres of R&I excellence",
  actors=[
   ("keele", "Keele University", "", ED, "Keele", Y, N),
   ("scc", "Staffordshire County Council", "", LA, "Stafford", Y, N),
   ("nulbc", "Newcastle-under-Lyme Borough Council", "", LA, "Newcastle-under-Lyme", Y, N),
   ("stoke-cc", "Stoke-on-Trent City Council", "", LA, "Stoke-on-Trent", Y, N),
   ("sslep", "Stoke-on-Trent and Staffordshire Local Enterprise Partnership (SSLEP)", "", BU, "", Y, N),
   ("uhnm", "University Hospital of North Midlands", "", HE, "Stoke-on-Trent", Y, N),
   ("keele-ri", "University research and innovation office", "keele", ED, "Keele", Y, I),
   ("scc-growth", "County council economic growth team", "scc", LA, "Stafford", Y, I),
   ("uhnm-rd", "Hospital research and development department", "uhnm", HE, "Stoke-on-Trent", NO, I),
   ("science-park", "Science and innovation park", "", BU, "Keele", NO, I),
   ("growth-hub", "Business growth hub", "", BU, "Stoke-on-Trent", NO, I),
   ("sme-ceramics", "SME (advanced ceramics)", "", BU, "Stoke-on-Trent", NO, M),
   ("sme-medtech", "SME (medical technology)", "", BU, "Stafford", NO, M),
   ("sme-digital", "SME (digital)", "", BU, "Newcastle-under-Lyme", NO, M),
   ("fe-college", "Further education college", "", ED, "Stoke-on-Trent", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners map R&I strengths where the area has an advantage",
    "human;political", Y, "2017-10-23", "keele-ri;sslep;scc-growth"),
   ("r2", "r1", "SMEs linked to university and hospital R&I expertise",
    "human;social", Y, "2018-01-08", "sme-ceramics;sme-medtech;keele-ri;uhnm-rd"),
   ("r3", "r2", "SME, university and hospital prepare a joint innovation bid",
    "financial", Y, "2018-04-30", "sme-medtech;keele;uhnm"),
   ("r4", "r1", "Councils and LEP scope an innovation site near the university",
    "built;financial", Y, "2018-02-26", "nulbc;stoke-cc;sslep;science-park"),
   ("r5", "r2", "Growth hub refers more firms to innovation support",
    "social;financial", NO, "2018-06-18", "growth-hub;sme-digital;keele-ri"),
   ("r6", "r2", "Illustrative: few SMEs have time to join R&I events",
    "human", NO, "2018-03-19", "sme-digital;growth-hub"),
  ]),
 dict(slug="lambeth-southwark", name="Lambeth and Southwark",
  project="inclusive growth in the creative and digital industries: career routes for "
          "under-represented groups and affordable workspace",
  actors=[
   ("lsbu", "London South Bank University", "", ED, "Southwark", Y, N),
   ("ual", "University of the Arts London", "", ED, "", Y, N),
   ("lcc", "London College of Communication (University of the Arts London)", "ual", ED, "Southwark", Y, N),
   ("lambeth", "London Borough of Lambeth", "", LA, "Lambeth", Y, N),
   ("southwark", "London Borough of Southwark", "", LA, "Southwark", Y, N),
   ("lambeth-college", "Lambeth College", "", ED, "Lambeth", Y, N),
   ("young-lambeth", "Young Lambeth Coop", "", VC, "Lambeth", Y, N),
   ("lambeth-econ", "Lambeth economic development team", "lambeth", LA, "Lambeth", Y, I),
   ("southwark-econ", "Southwark local economy team", "southwark", LA, "Southwark", Y, I),
   ("lsbu-enterprise", "University enterprise and knowledge exchange team", "lsbu", ED, "Southwark", NO, I),
   ("workspace", "Creative workspace provider", "", BU, "Southwark", NO, I),
   ("cdi-sme-design", "Creative and digital SME (design)", "", BU, "Lambeth", NO, I),
   ("cdi-sme-games", "Creative and digital SME (games)", "", BU, "Southwark", NO, I),
   ("youth-arts", "Youth arts charity", "", VC, "Southwark", NO, I),
   ("school", "Secondary school", "", ED, "Lambeth", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners map creative and digital career routes for young people",
    "human;cultural", Y, "2017-10-30", "lsbu;lcc;young-lambeth;lambeth-college"),
   ("r2", "r1", "Careers sessions with creative firms for under-represented groups",
    "human;social", Y, "2018-02-12", "cdi-sme-design;school;young-lambeth;lcc"),
   ("r3", "", "Councils and universities scope affordable creative workspace",
    "built;financial", Y, "2017-12-11", "lambeth-econ;southwark-econ;workspace;lsbu-enterprise"),
   ("r4", "r3", "Spare university space offered to emerging creative businesses",
    "built;financial", NO, "2018-05-08", "lsbu-enterprise;cdi-sme-games;southwark-econ"),
   ("r5", "r2", "Youth arts charity and college co-run a digital skills course",
    "human;cultural", NO, "2018-06-25", "youth-arts;lambeth-college"),
   ("r6", "", "Partners agree a more structured way to share knowledge",
    "social;political", Y, "2018-03-05", "lambeth;southwark;lsbu;ual"),
   ("r7", "r3", "Illustrative: rising rents outpace new affordable workspace",
    "built;financial", "unknown", "2018-04-16", "workspace;cdi-sme-design"),
  ]),
 dict(slug="lewisham", name="Lewisham",
  project="a 'Lewisham Deal' of joint commitments by anchor organisations on apprenticeships, "
          "procurement and local economic development, against poverty",
  actors=[
   ("lbl", "London Borough of Lewisham", "", LA, "Lewisham", Y, N),
   ("goldsmiths", "Goldsmiths, University of London", "", ED, "Lewisham", Y, N),
   ("phoenix", "Phoenix Community Housing", "", HO, "Lewisham", Y, N),
   ("lewisham-homes", "Lewisham Homes", "", HO, "Lewisham", Y, N),
   ("lgt", "Lewisham and Greenwich NHS Trust", "", HE, "Lewisham", Y, N),
   ("lsc", "Lewisham Southwark College", "", ED, "Lewisham", Y, N),
   ("lbl-procurement", "Council procurement team", "lbl", LA, "Lewisham", Y, I),
   ("lbl-econ", "Council economic development and apprenticeships team", "lbl", LA, "Lewisham", Y, I),
   ("goldsmiths-careers", "University careers and enterprise team", "goldsmiths", ED, "Lewisham", NO, I),
   ("lgt-workforce", "NHS trust workforce team", "lgt", HE, "Lewisham", NO, I),
   ("business-network", "Local business network", "", BU, "Lewisham", NO, I),
   ("sme-supplier", "Local SME supplier", "", BU, "Lewisham", NO, I),
   ("vcse-infra", "Local VCSE infrastructure body", "", VC, "Lewisham", NO, I),
   ("vcse-employment", "Employment support charity", "", VC, "Lewisham", NO, I),
  ],
  ripples=[
   ("r1", "", "Anchor organisations work towards a 'Lewisham Deal'",
    "political;social", Y, "2017-11-06", "lbl;goldsmiths;phoenix;lewisham-homes;lgt;lsc"),
   ("r2", "r1", "Anchor employers compare and join up apprenticeship offers",
    "human;financial", Y, "2018-02-26", "lbl-econ;lgt-workforce;lsc;lewisham-homes"),
   ("r3", "r1", "Procurement teams compare how they buy from local firms",
    "financial;political", Y, "2018-01-15", "lbl-procurement;phoenix;goldsmiths;sme-supplier"),
   ("r4", "r3", "Local SMEs supported to bid for anchor contracts",
    "financial;human", Y, "2018-05-21", "business-network;sme-supplier;lbl-procurement"),
   ("r5", "r2", "Residents on low incomes referred to anchor job openings",
    "human;social", NO, "2018-06-11", "vcse-employment;vcse-infra;lbl-econ;goldsmiths-careers"),
   ("r6", "r3", "Illustrative: procurement rules limit how far buying can favour local firms",
    "financial;political", "unknown", "2018-03-26", "lgt;lbl-procurement"),
  ]),
 dict(slug="lincolnshire", name="Lincolnshire",
  project="a physical university presence in Grantham town centre: degree apprenticeships, "
          "short courses and accelerator space for new businesses",
  actors=[
   ("lincoln-uni", "The University of Lincoln", "", ED, "Lincoln", Y, N),
   ("skdc", "South Kesteven District Council", "", LA, "Grantham", Y, N),
   ("grantham-college", "Grantham College", "", ED, "Grantham", Y, N),
   ("skdc-regen", "Council town centre regeneration team", "skdc", LA, "Grantham", Y, I),
   ("lincoln-uni-appr", "University degree apprenticeships team", "lincoln-uni", ED, "Lincoln", Y, I),
   ("college-eng", "College digital and engineering department", "grantham-college", ED, "Grantham", NO, I),
   ("county-council", "County council", "", LA, "Lincoln", NO, I),
   ("lep", "Local Enterprise Partnership", "", BU, "Lincoln", NO, I),
   ("town-business", "Town centre business association", "", BU, "Grantham", NO, I),
   ("sme-eng", "SME (engineering)", "", BU, "Grantham", NO, M),
   ("sme-digital", "SME (digital)", "", BU, "Grantham", NO, M),
   ("school", "Secondary school", "", ED, "Grantham", NO, I),
   ("developer", "Housing developer", "", HO, "Grantham", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners plan a university presence in Grantham town centre",
    "built;human", Y, "2017-10-16", "lincoln-uni;skdc-regen;grantham-college"),
   ("r2", "r1", "Digital and engineering degree apprenticeships designed with local firms",
    "human;financial", Y, "2018-01-22", "lincoln-uni-appr;college-eng;sme-eng"),
   ("r3", "r1", "Accelerator space for new businesses written into the plan",
    "built;financial", Y, "2018-03-05", "skdc-regen;town-business;sme-digital;lep"),
   ("r4", "r1", "Plan linked to town centre renewal and housing growth",
    "built;political", NO, "2018-02-05", "skdc;county-council;developer"),
   ("r5", "r2", "Schools run aspiration events with the university and college",
    "human;cultural", Y, "2018-05-14", "school;lincoln-uni;grantham-college"),
   ("r6", "r3", "Illustrative: suitable town-centre premises hard to secure",
    "built", "unknown", "2018-04-09", "skdc-regen;lincoln-uni"),
  ]),
 dict(slug="newcastle-gateshead", name="Newcastle / Gateshead",
  project="a university-city 'co-laboratory' for co-producing knowledge with communities, "
          "civic organisations and businesses",
  actors=[
   ("ncl-uni", "Newcastle University", "", ED, "Newcastle upon Tyne", Y, N),
   ("northumbria", "Northumbria University", "", ED, "Newcastle upon Tyne", Y, N),
   ("ncc", "Newcastle City Council", "", LA, "Newcastle upon Tyne", Y, N),
   ("gateshead", "Gateshead Council", "", LA, "Gateshead", Y, N),
   ("ncl-uni-research", "University research team (embedded)", "ncl-uni", ED, "Newcastle upon Tyne", Y, I),
   ("northumbria-design", "University design research team", "northumbria", ED, "Newcastle upon Tyne", Y, I),
   ("ncc-policy", "City council policy team", "ncc", LA, "Newcastle upon Tyne", Y, I),
   ("gateshead-communities", "Council communities team", "gateshead", LA, "Gateshead", NO, I),
   ("vcse-infra", "Local VCSE infrastructure body", "", VC, "Newcastle upon Tyne", NO, I),
   ("community-assoc", "Neighbourhood community association", "", VC, "Gateshead", NO, M),
   ("social-enterprise", "Social enterprise", "", VC, "Newcastle upon Tyne", NO, M),
   ("business-network", "Local business network", "", BU, "Newcastle upon Tyne", NO, M),
   ("sme-civictech", "Civic technology SME", "", BU, "Gateshead", NO, I),
   ("nhs-trust", "NHS foundation trust", "", HE, "Newcastle upon Tyne", NO, I),
   ("housing-assoc", "Housing association", "", HO, "Gateshead", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners design a university-city 'co-laboratory'",
    "built;social", Y, "2017-10-09", "ncl-uni;northumbria;ncc;gateshead"),
   ("r2", "r1", "Research teams embedded with community and civic organisations",
    "human;social", Y, "2018-01-29", "ncl-uni-research;community-assoc;vcse-infra"),
   ("r3", "r1", "Shared governance agreed for co-produced projects",
    "political", Y, "2018-03-12", "ncc-policy;gateshead;ncl-uni;northumbria"),
   ("r4", "r2", "Residents co-produce a study of local services with researchers",
    "human;social", NO, "2018-05-28", "northumbria-design;gateshead-communities;housing-assoc;community-assoc"),
   ("r5", "r1", "Businesses and social enterprises invited into co-lab projects",
    "financial;social", Y, "2018-04-23", "business-network;social-enterprise;sme-civictech;ncl-uni-research"),
   ("r6", "r2", "Illustrative: community partners wary of research fatigue",
    "social", "unknown", "2018-02-19", "community-assoc;ncl-uni-research"),
  ]),
 dict(slug="nottingham", name="Nottingham",
  project="delivering the Smart-Liveable City strategy: congestion, air quality, fuel poverty, "
          "sustainable energy and digital skills",
  actors=[
   ("ncity", "Nottingham City Council", "", LA, "Nottingham", Y, N),
   ("ntu", "Nottingham Trent University", "", ED, "Nottingham", Y, N),
   ("uon", "University of Nottingham", "", ED, "Nottingham", Y, N),
   ("ncity-transport", "Council transport and air quality team", "ncity", LA, "Nottingham", Y, I),
   ("ncity-energy", "Council energy services team", "ncity", LA, "Nottingham", Y, I),
   ("ncity-digital", "Council digital inclusion team", "ncity", LA, "Nottingham", NO, I),
   ("ntu-research", "University smart cities research group", "ntu", ED, "Nottingham", Y, I),
   ("uon-research", "University energy research group", "uon", ED, "Nottingham", Y, I),
   ("sme-tech", "Local technology SME", "", BU, "Nottingham", NO, I),
   ("bus-operator", "Bus operator", "", BU, "Nottingham", NO, I),
   ("community-energy", "Community energy group", "", VC, "Nottingham", NO, I),
   ("vcse-fuel", "Fuel poverty advice charity", "", VC, "Nottingham", NO, I),
   ("housing", "Social housing provider", "", HO, "Nottingham", NO, I),
   ("fe-college", "Further education college", "", ED, "Nottingham", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners turn the Smart-Liveable City strategy into joint projects",
    "political;human", Y, "2017-09-18", "ncity;ntu;uon"),
   ("r2", "r1", "Academics and city policy leads meet on air quality and congestion",
    "natural;social", Y, "2017-11-27", "ncity-transport;ntu-research;bus-operator"),
   ("r3", "r1", "Joint energy project on fuel poverty and local generation",
    "natural;financial", Y, "2018-02-12", "ncity-energy;uon-research;housing;vcse-fuel"),
   ("r4", "r3", "Community energy group joins the university trial",
    "natural;social", NO, "2018-05-21", "community-energy;uon-research"),
   ("r5", "r1", "Digital skills offer co-designed with the college and a tech firm",
    "human", Y, "2018-03-19", "ncity-digital;fe-college;sme-tech;ntu"),
   ("r6", "r2", "Shared bid for resources for applied research",
    "financial;political", Y, "2018-04-30", "ncity;ntu-research;uon-research"),
  ]),
 dict(slug="sheffield-city-region", name="Sheffield City Region",
  project="a business plan for 'Care 2050', the health and wellbeing strand of the region's "
          "25-year vision",
  actors=[
   ("uos", "University of Sheffield", "", ED, "Sheffield", Y, N),
   ("sth", "Sheffield Teaching Hospitals Trust", "", HE, "Sheffield", Y, N),
   ("shu", "Sheffield Hallam University", "", ED, "Sheffield", Y, N),
   ("scr-ca", "Sheffield City Region Combined Authority", "", LA, "Sheffield", Y, N),
   ("scr-lep", "Sheffield City Region Local Enterprise Partnership", "", BU, "Sheffield", NO, N),
   ("la-city", "Local authority partner (city council)", "", LA, "Sheffield", Y, M),
   ("la-borough-1", "Local authority partner (metropolitan borough council)", "", LA, "Rotherham", NO, M),
   ("la-borough-2", "Local authority partner (metropolitan borough council)", "", LA, "Doncaster", NO, M),
   ("uos-research", "University healthy lifespan research team", "uos", ED, "Sheffield", Y, I),
   ("shu-research", "University health technology research team", "shu", ED, "Sheffield", Y, I),
   ("sth-innovation", "Hospital innovation team", "sth", HE, "Sheffield", NO, I),
   ("healthtech-sme", "Health technology SME", "", BU, "Sheffield", NO, I),
   ("care-provider", "Independent care provider", "", HE, "Rotherham", NO, I),
   ("ccg", "NHS clinical commissioning group", "", HE, "Doncaster", NO, I),
   ("vcse-health", "Health and wellbeing charity", "", VC, "Barnsley", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners write a business plan for Care 2050",
    "political;financial", Y, "2017-10-02", "uos;shu;sth;scr-ca"),
   ("r2", "r1", "Health technology firms linked with hospital and university teams",
    "human;financial", Y, "2018-01-15", "healthtech-sme;sth-innovation;shu-research"),
   ("r3", "r2", "New care technology tested jointly with a care provider",
    "human;built", Y, "2018-04-16", "care-provider;shu-research;uos-research;healthtech-sme"),
   ("r4", "r1", "LEP and councils place Care 2050 within the region's growth plans",
    "political;financial", Y, "2018-02-26", "scr-lep;la-city;la-borough-1"),
   ("r5", "r4", "Care 2050 approach proposed as a method for the wider region vision",
    "political", Y, "2018-06-04", "scr-ca;la-borough-2;uos"),
   ("r6", "r1", "Voluntary sector brought into the design of wellness services",
    "social", NO, "2018-05-14", "vcse-health;ccg;uos-research"),
   ("r7", "r1", "Illustrative: different NHS and council budget cycles delay commitments",
    "financial", "unknown", "2018-03-19", "ccg;la-city;sth"),
  ]),
 dict(slug="shropshire", name="Shropshire",
  project="digitally enabled health and care for a rural, dispersed and ageing population",
  actors=[
   ("shropshire", "Shropshire Council", "", LA, "Shrewsbury", Y, N),
   ("ucs", "University Centre Shrewsbury", "", ED, "Shrewsbury", Y, N),
   ("chester-uni", "University of Chester", "", ED, "Chester", Y, N),
   ("shrewsbury-college", "Shrewsbury College", "", ED, "Shrewsbury", Y, N),
   ("spic", "Shropshire Partners in Care", "", HE, "", Y, N),
   ("ccg", "Shropshire Clinical Commissioning Group", "", HE, "Shrewsbury", Y, N),
   ("marches-care", "Marches Care", "", HE, "", Y, N),
   ("wm-ahsn", "West Midlands Academic Health Science Network (AHSN)", "", HE, "Birmingham", Y, N),
   ("shropshire-asc", "Council adult social care team", "shropshire", LA, "Shrewsbury", Y, I),
   ("gp-rural", "Rural GP practice", "", HE, "Ludlow", NO, I),
   ("vcse-rural", "Rural community support charity", "", VC, "Oswestry", NO, I),
   ("village-group", "Village community group", "", VC, "Church Stretton", NO, I),
   ("digital-sme", "Digital health SME", "", BU, "Shrewsbury", NO, I),
   ("housing-assoc", "Housing association", "", HO, "Bridgnorth", NO, I),
  ],
  ripples=[
   ("r1", "", "Partners agree a common narrative on digitally enabled care",
    "political;social", Y, "2017-10-23", "shropshire;ucs;ccg;wm-ahsn"),
   ("r2", "r1", "Neighbourhood care model tested with digital tools",
    "human;built", Y, "2018-02-19", "shropshire-asc;gp-rural;marches-care;digital-sme"),
   ("r3", "r2", "Village groups help residents use the new tools",
    "social;human", NO, "2018-05-07", "village-group;vcse-rural;gp-rural"),
   ("r4", "", "Digital skills for the care workforce added to courses",
    "human", Y, "2018-01-08", "shrewsbury-college;chester-uni;spic"),
   ("r5", "r1", "AHSN brings in learning on digital adoption from elsewhere",
    "human;political", Y, "2017-12-04", "wm-ahsn;ucs;spic"),
   ("r6", "r2", "Illustrative: poor rural broadband limits the digital trial",
    "built", "unknown", "2018-04-02", "gp-rural;digital-sme"),
  ]),
 dict(slug="tees-valley", name="Tees Valley",
  project="a Scalable Companies Programme: finding firms with high growth potential and "
          "agreeing the support that helps them scale",
  actors=[
   ("tvca", "Tees Valley Combined Authority", "", LA, "", Y, N),
   ("darlington", "Darlington Borough Council", "", LA, "Darlington", NO, N),
   ("hartlepool", "Hartlepool Borough Council", "", LA, "Hartlepool", NO, N),
   ("middlesbrough", "Middlesbrough Council", "", LA, "Middlesbrough", Y, N),
   ("redcar", "Redcar and Cleveland Borough Council", "", LA, "Redcar", NO, N),
   ("stockton", "Stockton-on-Tees Borough Council", "", LA, "Stockton-on-Tees", Y, N),
   ("teesside-uni", "Teesside University", "", ED, "Middlesbrough", Y, N),
   ("cbi", "Confederation of British Industry", "", BU, "", NO, N),
   ("dit", "Department for International Trade", "", GV, "", NO, N),
   ("boe", "Bank of England", "", GV, "", NO, N),
   ("entrepreneurs-forum", "Entrepreneurs Forum", "", BU, "", Y, N),
   ("be-group", "BE Group (business support social enterprise)", "", BU, "", NO, N),
   ("north-star", "North Star Ventures (equity support)", "", BU, "", NO, N),
   ("bank", "High street bank", "", BU, "", NO, M),
   ("firm-manufacturing", "Pilot business (manufacturing)", "", BU, "Middlesbrough", NO, M),
   ("firm-digital", "Pilot business (digital)", "", BU, "Darlington", NO, M),
   ("firm-process", "Pilot business (process industry)", "", BU, "Stockton-on-Tees", NO, M),
   ("firm-logistics", "Pilot business (logistics)", "", BU, "Hartlepool", NO, M),
  ],
  ripples=[
   ("r1", "", "Partners design the Scalable Companies Programme",
    "financial;political", Y, "2017-10-09", "tvca;teesside-uni;entrepreneurs-forum"),
   ("r2", "r1", "Shared way to identify firms with high growth potential",
    "human;financial", Y, "2017-12-11", "teesside-uni;be-group;boe;cbi"),
   ("r3", "r1", "First pilot businesses join the programme",
    "financial;human", Y, "2018-02-26", "firm-manufacturing;firm-digital;firm-process;be-group"),
   ("r4", "r1", "Agreed menu of business support for high-growth firms",
    "financial;social", Y, "2018-03-19", "dit;north-star;bank;tvca"),
   ("r5", "r3", "Pilot businesses introduced to export and equity support",
    "financial", Y, "2018-05-21", "firm-digital;firm-logistics;dit;north-star"),
   ("r6", "r1", "The five councils align their business support with the programme",
    "political", NO, "2018-01-15", "darlington;hartlepool;middlesbrough;redcar;stockton"),
   ("r7", "r3", "Illustrative: some pilot businesses drop out, citing time pressures",
    "human;financial", "unknown", "2018-04-23", "firm-process;be-group"),
  ]),
]

# ---------------------------------------------------------------- ties

CAPITAL_TYPE = [("financial", "joint-funding"), ("political", "strategic"),
                ("human", "co-delivery"), ("social", "co-delivery"), ("built", "co-delivery")]


def key(a, b):
    return (a, b) if a < b else (b, a)


def tie_type(rnd, sa, sb):
    if {sa, sb} <= {HE, VC, LA} and sa != sb and rnd.random() < 0.5:
        return "referral"
    return rnd.choice(["information", "information", "co-delivery", "strategic"])


def distances(adj, src):
    dist, q = {src: 0}, deque([src])
    while q:
        u = q.popleft()
        for v in adj[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                q.append(v)
    return dist


def ties_for(place, rnd):
    """Two waves of ties: {pair: (type, weight, trust)} for before and after.

    before: every team tied to its organisation; the lead partners (named, took
    part) already connected, the first two listed directly; the rest tied mostly
    within their own sector; 10-35% of the other organisations with no ties.
    after:  most ties kept (some strengthened, trust up), 5-25% lost; every
    before-isolate tied to an attendee in another sector; the actors each
    positive ripple names tied in a chain (mostly); and new cross-sector ties,
    5-30% of the actor count, between actors at least three steps apart before,
    one end an attendee. The three shares are drawn per place."""
    actors = {a[0]: a for a in place["actors"]}
    ids = [a[0] for a in place["actors"]]
    sector = {a: actors[a][3] for a in ids}
    attended = {a for a in ids if actors[a][5] == Y}
    parent = {a: actors[a][2] for a in ids}
    children = defaultdict(list)
    for a in ids:
        if parent[a]:
            children[parent[a]].append(a)

    before, structural = {}, set()
    for a in ids:
        if parent[a]:
            k = key(a, parent[a])
            before[k] = ("information", 3, rnd.choice([3, 4]))
            structural.add(k)
    for kids in children.values():
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                if rnd.random() < 0.4:
                    before[key(a, b)] = ("information", 2, 3)
    # How much each place changes differs, so that a table of the fourteen varies.
    share_isolated, loss, extra = rnd.uniform(0.1, 0.35), rnd.uniform(0.05, 0.25), rnd.uniform(0.05, 0.3)
    core = [a for a in ids if not parent[a] and actors[a][6] == N and a in attended]
    if len(core) >= 2:  # the first two listed applied together: already partners
        before[key(core[0], core[1])] = ("strategic", 3, rnd.randint(3, 4))
    order = core[:]
    rnd.shuffle(order)
    for i in range(1, len(order)):
        k = key(order[i], rnd.choice(order[:i]))
        before.setdefault(k, ("strategic", rnd.randint(2, 3), rnd.randint(2, 4)))
    for i, a in enumerate(core):
        for b in core[i + 1:]:
            if key(a, b) not in before and rnd.random() < 0.25:
                before[key(a, b)] = ("strategic", rnd.randint(1, 2), rnd.randint(2, 3))
    others = [a for a in ids if not parent[a] and a not in core and not children[a]]
    isolates = set(rnd.sample(others, max(2, round(share_isolated * len(others))))) if len(others) >= 2 else set()
    pool = [a for a in ids if a not in isolates]
    for a in ids:
        if a in isolates or a in core:
            continue
        if parent[a] and rnd.random() < 0.6:
            continue  # most teams only work through their organisation before
        same = [b for b in pool if b != a and sector[b] == sector[a] and parent[b] != a and parent[a] != b]
        for _ in range(rnd.choice([1, 1, 2])):
            cands = same if same and rnd.random() < 0.75 else [b for b in pool if b != a]
            b = rnd.choice(cands)
            if key(a, b) not in before:
                before[key(a, b)] = (tie_type(rnd, sector[a], sector[b]), rnd.randint(1, 2), rnd.randint(1, 3))

    after = {}
    loose = sorted(k for k in before if k not in structural)
    lost = {k for k in loose if rnd.random() < loss}
    if not lost and loose:
        lost.add(rnd.choice(loose))
    for k, (ty, w, tr) in before.items():
        if k in lost:
            continue
        if k not in structural and rnd.random() < 0.25:
            w = min(3, w + 1)
        if rnd.random() < 0.35:
            tr = min(4, tr + 1)
        after[k] = (ty, w, tr)

    def add(a, b, ty, w=None):
        if a != b and key(a, b) not in after and key(a, b) not in lost:
            after[key(a, b)] = (ty, w or rnd.randint(1, 2), rnd.randint(2, 3))

    for a in sorted(isolates):
        cands = [b for b in sorted(attended) if sector[b] != sector[a]] or sorted(attended)
        for b in rnd.sample(cands, min(len(cands), rnd.choice([1, 2]))):
            add(a, b, tie_type(rnd, sector[a], sector[b]))
    for r in place["ripples"]:
        if r[2].startswith("Illustrative:"):
            continue  # a setback: no new tie from it
        named = r[6].split(";")
        ty = next((t for c, t in CAPITAL_TYPE if c in r[3].split(";")), "information")
        for a, b in zip(named, named[1:]):
            if rnd.random() < 0.8:
                add(a, b, ty)
    adj0 = defaultdict(set)
    for a, b in before:
        adj0[a].add(b)
        adj0[b].add(a)
    far = []
    for a in sorted(attended):
        d = distances(adj0, a)
        far += [(a, b) for b in ids if sector[b] != sector[a] and d.get(b, 99) > 2 and a < b]
    for a, b in rnd.sample(far, min(len(far), max(1, round(extra * len(ids))))):
        add(a, b, tie_type(rnd, sector[a], sector[b]))
    return before, after


# ---------------------------------------------------------------- checks

def cross(ties, sector):
    return sum(1 for a, b in ties if sector[a] != sector[b])


def bridging(before, after, ids):
    adj = defaultdict(set)
    for a, b in before:
        adj[a].add(b)
        adj[b].add(a)
    dist = {a: distances(adj, a) for a in ids}
    return sum(1 for a, b in after if (a, b) not in before and dist[a].get(b, 99) > 2)


def validate(place, before, after):
    """What every place is written to; an AssertionError names the place."""
    name = place["name"]
    ids = [a[0] for a in place["actors"]]
    sector = {a[0]: a[3] for a in place["actors"]}
    assert len(set(ids)) == len(ids), name + ": duplicate actor id"
    assert 8 <= len(ids) <= 20, name + ": %d actors" % len(ids)
    for a in place["actors"]:
        assert not a[2] or a[2] in sector, name + ": unknown parent " + a[2]
    rip, depth = {}, {"": 0}
    for r in place["ripples"]:
        assert not r[1] or r[1] in rip, name + ": ripple parent must come first: " + r[0]
        depth[r[0]] = depth[r[1]] + 1
        assert depth[r[0]] <= 3, name + ": ripple deeper than third order: " + r[0]
        assert not r[1] or rip[r[1]][5] <= r[5], name + ": ripple dated before its parent: " + r[0]
        assert len(r[2]) <= 80, name + ": label too long: " + r[0]
        for x in r[6].split(";"):
            assert x in sector, name + ": ripple %s names unknown actor %s" % (r[0], x)
        rip[r[0]] = r
    assert 3 <= len(rip) <= 8, name + ": %d ripples" % len(rip)
    assert any(r[1] for r in place["ripples"]), name + ": no second-order ripple"
    assert cross(after, sector) > cross(before, sector), name + ": cross-sector ties did not grow"
    assert set(before) - set(after), name + ": no tie lost"
    assert bridging(before, after, ids) > 0, name + ": no bridging tie"


# ---------------------------------------------------------------- output

def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def emit(out, place, before, after):
    d = os.path.join(out, place["slug"])
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, "place.csv"), ["name", "programme", "directed"],
          [[place["name"], PROGRAMME, "no"]])
    write(os.path.join(d, "actors.csv"),
          ["id", "label", "kind", "parent", "sector", "town", "attended", "provenance"],
          [[a, lab, "team" if par else "organisation", par, sec, town, att, prov]
           for a, lab, par, sec, town, att, prov in place["actors"]])
    write(os.path.join(d, "waves.csv"), ["wave", "ordinal", "date"],
          [[w, i, dt] for i, (w, dt) in enumerate(WAVES, 1)])
    rows = []
    for (wave, _), ties in zip(WAVES, (before, after)):
        rows += [[a, b, wave, ty, w, tr] for (a, b), (ty, w, tr) in sorted(ties.items())]
    write(os.path.join(d, "ties.csv"), ["source", "target", "wave", "type", "weight", "trust"], rows)
    write(os.path.join(d, "ripples.csv"),
          ["id", "parent", "label", "capital", "valence", "intended", "date", "actors"],
          [[i, p, lab, cap, "negative" if lab.startswith("Illustrative:") else "positive",
            intended, date, acts] for i, p, lab, cap, intended, date, acts in place["ripples"]])


README_HEAD = """\
# Leading Places phase 2 (example places)

**The ties and ripples are illustrative. They are not observed data.** No network survey of
the Leading Places partnerships was published. Only the partner organisations come from a
public source; every tie, weight, trust score, attendance mark and ripple was invented to give
`ripple` fourteen small places to compare. Do not quote these numbers as findings about any
of these partnerships or organisations.

Written by `datasets/leading_places.py` (seed {seed}), which holds the partner lists as data;
edit it and re-run it rather than editing the CSVs or this file:

```sh
python3 datasets/leading_places.py          # rewrites datasets/leading-places/
python3 datasets/check_datasets.py          # checks them with the other examples
./ripple check datasets/leading-places      # or any one folder
```

## Source

`{source_file}`, the Local Government Association's Leading Places
programme page: <{url}>.
The file does not record the address; the page at that address has the same text.
Leading Places, run by the LGA with the Higher Education Funding Council for England and
Universities UK, brought councils, universities and other anchor institutions together on a
local challenge. Phase 2 "launched in July 2017" and "concluded in March 2018". The page
says phase 2 supported fifteen partnerships but describes fourteen; those fourteen are here.

## What comes from the source

* **Partners.** Actors whose `provenance` (a column of `actors.csv`, kept by `ripple import`
  as an attribute) is `named` are organisations or teams the page names for that
  partnership. Labels follow the page's wording, filled out where it is brief (its
  "Darlington, Hartlepool, ... councils" are `Darlington Borough Council` and so on; its
  "the combined authority, LEP" in Sheffield City Region are the Sheffield City Region
  Combined Authority and LEP; a Bedford team is labelled with its council).
  `mentioned` marks a partner the page mentions without naming it, e.g. Sheffield's
  "local authority partners", Tees Valley's "a leading high street bank" and "up to 50
  businesses", Bedford's "student volunteers", the SMEs of Keele / Staffordshire and
  Lincolnshire, the "communities, civic organisations and businesses" of Newcastle /
  Gateshead. Their labels are generic.
* **Projects.** Each place's ripples were written from what the page says its project was
  about (the table below). The page gives aims, not outcomes.
* **Programme and waves.** `place.csv` names the programme "{programme}".
  Wave `before` is {before} and `after` {after}: the months come from the page
  (July 2017, March 2018), the days do not.

## What is invented

* **Actors marked `illustrative`.** Added so each place has {lo} to {hi} actors: council and
  university teams, schools, colleges, charities, NHS bodies, businesses. Labels are generic
  on purpose and stand for no real named body.
* **Sectors and towns.** Sectors are our coding. LEPs, the CBI and business-support bodies are
  `Business`; combined authorities are `Local Authority`; Shropshire Partners in Care and
  Marches Care (social care) are `Health`. The Department for International Trade and the
  Bank of England are `Government`, a sector the other examples do not need. Towns are given
  where obvious (a council's or university's seat) and left empty otherwise; illustrative
  actors were given plausible local towns. In the London boroughs the town is the borough.
* **Attendance** (`attended`): the page does not say who took part in the programme's
  sessions. Lead partners are marked yes, most others no.
* **Ties.** Seeded random model, the same for every place (`ties_for` in the script).
  `before`: teams tied to their organisation, the lead partners already connected, other
  actors tied mostly within their own sector, 10 to 35% of the other organisations not
  tied at all. `after`: most ties kept (some stronger, trust up), 5 to 25% lost; every actor
  that was not tied before is tied to an attendee in another sector; the actors a positive
  ripple names are mostly tied to each other; more new cross-sector ties between actors
  three or more steps apart. The three shares are drawn for each place, so places differ.
  Every place has new cross-sector and bridging ties, some lost ties, and more
  cross-sector ties after than before (the script checks this). Types are
  `information`, `referral`, `co-delivery`, `strategic`, `joint-funding`; weights 1 to 3;
  trust 1 to 4 (PARTNER-style).
* **Ripples.** Every ripple, its date, capitals, `intended` value and actor links is
  invented, though built from the project's stated aims. Negative ripples are marked
  `Illustrative:` in their labels.

## The places

| folder | place | project (from the source) | actors (named / mentioned / illustrative) | ties before | ties after | new | lost | ripples |
|---|---|---|---|---|---|---|---|---|
"""


def readme(out, seed, results):
    lines = [README_HEAD.format(seed=seed, source_file=SOURCE_FILE, url=SOURCE_URL,
                                programme=PROGRAMME, before=WAVES[0][1], after=WAVES[1][1],
                                lo=min(len(p["actors"]) for p, _, _ in results),
                                hi=max(len(p["actors"]) for p, _, _ in results))]
    for place, before, after in results:
        prov = [a[6] for a in place["actors"]]
        lines.append("| `%s` | %s | %s | %d (%d / %d / %d) | %d | %d | %d | %d | %d |\n" % (
            place["slug"], place["name"], place["project"], len(prov), prov.count(N),
            prov.count(M), prov.count(I), len(before), len(after),
            len(set(after) - set(before)), len(set(before) - set(after)), len(place["ripples"])))
    lines.append("\n## Partners by place\n\n"
                 "Named in the source, then mentioned (generic), then illustrative.\n")
    for place, _, _ in results:
        lines.append("\n**%s** (`%s`)\n\n" % (place["name"], place["slug"]))
        for prov, what in ((N, "named"), (M, "mentioned"), (I, "illustrative")):
            labels = ["%s (`%s`)" % (a[1], a[0]) for a in place["actors"] if a[6] == prov]
            if labels:
                lines.append("* %s: %s.\n" % (what, "; ".join(labels)))
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write("".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--out", default=os.path.join(HERE, "leading-places"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    results = []
    for place in PLACES:
        rnd = random.Random("leading-places:%s:%d" % (place["slug"], args.seed))
        before, after = ties_for(place, rnd)
        validate(place, before, after)
        emit(args.out, place, before, after)
        results.append((place, before, after))
    readme(args.out, args.seed, results)
    print("wrote %d places to %s" % (len(results), args.out))


if __name__ == "__main__":
    main()
