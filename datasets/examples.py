#!/usr/bin/env python3
"""Writes the two illustrative example places (northamptonshire/, stockton-on-tees/).

The CSVs are committed; edit the specs here and re-run to change them, then run
check_datasets.py. The data is illustrative: see each folder's README.md."""
import csv, os

ROOT = os.path.dirname(os.path.abspath(__file__))

def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)

def expand_ties(specs, waves):
    """spec: (a, b, type, waves_present, weight, trust); weight/trust int or
    digit string aligned with waves_present (one digit per present wave)."""
    rows = []
    for wi, wname in enumerate(waves, start=1):
        for a, b, t, present, weight, trust in specs:
            if str(wi) not in present:
                continue
            k = present.index(str(wi))
            wt = int(weight[k]) if isinstance(weight, str) else weight
            tr = int(trust[k]) if isinstance(trust, str) else trust
            rows.append([a, b, wname, t, wt, tr])
    return rows

# ---------------------------------------------------------------- Northamptonshire
LA, HE, VC, SP, ED, BU, PO, HO = ("Local Authority", "Health", "VCSE", "Sport",
                                  "Education", "Business", "Police", "Housing")
nn_actors = [
 # id, label, kind, parent, sector, town, attended
 ("nn-sport", "Northamptonshire Sport (Active Partnership)", "organisation", "", SP, "Northampton", "yes"),
 ("nn-sport-lead", "Strategic Lead for Inequalities, Northamptonshire Sport", "person", "nn-sport", SP, "Northampton", "yes"),
 ("wnc", "West Northamptonshire Council", "organisation", "", LA, "Northampton", "yes"),
 ("wnc-community", "WNC community team", "team", "wnc", LA, "Daventry", "yes"),
 ("wnc-sportdev", "WNC sports development team", "team", "wnc", LA, "Northampton", "no"),
 ("wnc-publichealth", "WNC public health team", "team", "wnc", LA, "Northampton", "yes"),
 ("nnc", "North Northamptonshire Council", "organisation", "", LA, "Corby", "yes"),
 ("nnc-community", "NNC local community team", "team", "nnc", LA, "Wellingborough", "yes"),
 ("nnc-sportdev", "NNC sports development team", "team", "nnc", LA, "Corby", "yes"),
 ("nnc-publichealth", "NNC public health team", "team", "nnc", LA, "Kettering", "yes"),
 ("nnc-housing", "NNC housing team", "team", "nnc", HO, "Kettering", "no"),
 ("ics", "Northamptonshire Integrated Care System", "organisation", "", HE, "Northampton", "yes"),
 ("ics-prevention", "ICS prevention and population health team", "team", "ics", HE, "Northampton", "yes"),
 ("nhs-community", "NHS community health services provider", "organisation", "", HE, "Kettering", "no"),
 ("gp-super", "GP super practice (North Northamptonshire)", "organisation", "", HE, "Kettering", "no"),
 ("gp-bizmgr", "Business Manager, GP super practice", "person", "gp-super", HE, "Kettering", "no"),
 ("social-prescribers", "Social prescribing link workers (primary care network)", "team", "gp-super", HE, "Wellingborough", "no"),
 ("connect-nn", "Connect Northamptonshire (voluntary and community sector)", "organisation", "", VC, "Northampton", "yes"),
 ("vcse-mentalhealth", "Mental health charity", "organisation", "", VC, "Northampton", "yes"),
 ("vcse-older", "Older people's charity", "organisation", "", VC, "Kettering", "no"),
 ("vcse-youth", "Youth charity", "organisation", "", VC, "Corby", "no"),
 ("vcse-foodbank", "Community food bank", "organisation", "", VC, "Wellingborough", "no"),
 ("vcse-commcentre", "Community centre association", "organisation", "", VC, "Rushden", "no"),
 ("town-council", "Town council", "organisation", "", LA, "Rushden", "no"),
 ("club-football", "Grassroots football club", "organisation", "", SP, "Corby", "no"),
 ("club-athletics", "Running and athletics club", "organisation", "", SP, "Kettering", "no"),
 ("club-cricket", "Cricket club", "organisation", "", SP, "Wellingborough", "no"),
 ("club-swim", "Swimming club", "organisation", "", SP, "Northampton", "no"),
 ("walking-group", "Walking society", "organisation", "", SP, "Oundle", "no"),
 ("leisure-north", "Leisure centre operator (North Northamptonshire)", "organisation", "", SP, "Corby", "no"),
 ("leisure-west", "Leisure trust (West Northamptonshire)", "organisation", "", SP, "Northampton", "yes"),
 ("school-corby", "Secondary school", "organisation", "", ED, "Corby", "no"),
 ("school-kettering", "Primary schools cluster", "organisation", "", ED, "Kettering", "no"),
 ("college", "Further education college", "organisation", "", ED, "Northampton", "no"),
 ("housing-assoc", "Housing association", "organisation", "", HO, "Wellingborough", "no"),
 ("police-nbh", "Neighbourhood policing team", "organisation", "", PO, "Wellingborough", "no"),
 ("business-network", "Local business network", "organisation", "", BU, "Northampton", "no"),
 ("business-employer", "Large local employer", "organisation", "", BU, "Corby", "no"),
]
I, R, J, C, S = "information", "referral", "joint-funding", "co-delivery", "strategic"
nn_ties = [
 # --- county system (main component in 'before')
 ("nn-sport", "wnc", S, "12", 3, 3),
 ("nn-sport", "nnc", S, "12", 3, 3),
 ("nn-sport", "ics", S, "12", 2, "34"),
 ("nn-sport", "connect-nn", S, "12", 2, "34"),
 ("nn-sport-lead", "wnc-publichealth", I, "12", 2, 3),
 ("nn-sport-lead", "ics-prevention", I, "12", 2, 3),
 ("nn-sport-lead", "connect-nn", I, "12", 1, "23"),
 ("nn-sport", "wnc-sportdev", C, "12", 3, 4),
 ("nn-sport", "nnc-sportdev", C, "12", 2, 3),
 ("nn-sport", "wnc-sportdev", J, "12", 2, 3),
 ("nn-sport", "leisure-west", I, "12", 1, 2),
 ("nn-sport", "club-athletics", I, "1", 1, 2),
 ("wnc", "ics", S, "12", 3, 3),
 ("nnc", "ics", S, "12", 3, 3),
 ("wnc", "nnc", S, "12", 2, 2),
 ("wnc-publichealth", "wnc-sportdev", I, "12", 2, 3),
 ("wnc-publichealth", "ics-prevention", S, "12", 2, 3),
 ("wnc-publichealth", "ics-prevention", J, "12", 2, 3),
 ("nnc-publichealth", "ics-prevention", I, "12", 2, 3),
 ("nnc-publichealth", "nnc", S, "12", 2, 3),
 ("nnc", "nnc-sportdev", S, "12", 2, 3),
 ("wnc-sportdev", "leisure-west", C, "12", 3, 3),
 ("wnc-sportdev", "club-swim", I, "12", 1, 2),
 ("wnc-sportdev", "college", C, "12", 1, 2),
 ("nnc-sportdev", "leisure-north", C, "12", 3, 3),
 ("nnc-sportdev", "club-football", C, "12", 2, 3),
 ("nnc-sportdev", "club-athletics", I, "12", 1, 2),
 ("nnc-sportdev", "school-corby", C, "12", 2, 3),
 ("leisure-north", "club-football", I, "1", 1, 2),
 ("club-football", "school-corby", R, "1", 1, 2),
 ("school-corby", "vcse-youth", R, "12", 2, 3),
 ("vcse-youth", "connect-nn", I, "12", 1, 2),
 ("connect-nn", "vcse-mentalhealth", I, "12", 2, 3),
 ("connect-nn", "vcse-older", I, "12", 2, 3),
 ("connect-nn", "ics", S, "12", 2, "23"),
 ("vcse-mentalhealth", "ics-prevention", R, "12", 2, 3),
 ("vcse-mentalhealth", "nhs-community", R, "12", 2, 3),
 ("nhs-community", "ics", S, "12", 3, 3),
 ("nhs-community", "social-prescribers", R, "12", 2, 3),
 ("social-prescribers", "gp-super", R, "12", 3, 4),
 ("social-prescribers", "vcse-older", R, "12", 2, 3),
 ("social-prescribers", "ics-prevention", I, "12", 1, 2),
 ("gp-super", "ics", I, "12", 1, 2),
 ("wnc-community", "connect-nn", I, "12", 2, 3),
 ("wnc-community", "wnc-publichealth", I, "1", 1, 2),
 ("business-employer", "nnc", S, "12", 1, 2),
 ("school-kettering", "club-athletics", C, "12", 1, 2),
 ("school-kettering", "nnc-publichealth", I, "12", 1, 2),
 ("leisure-west", "wnc", S, "12", 2, 3),
 ("wnc-community", "wnc", S, "12", 1, 3),
 ("ics-prevention", "ics", S, "12", 3, 4),
 # --- local community cluster around the NNC community team (own component in 'before')
 ("nnc-community", "vcse-foodbank", C, "12", 2, 4),
 ("nnc-community", "vcse-commcentre", C, "12", 2, 3),
 ("nnc-community", "housing-assoc", R, "12", 2, 3),
 ("nnc-community", "police-nbh", I, "12", 2, 3),
 ("nnc-community", "town-council", S, "12", 2, 3),
 ("nnc-community", "nnc-housing", R, "12", 2, 3),
 ("vcse-foodbank", "housing-assoc", R, "12", 1, 3),
 ("vcse-commcentre", "town-council", I, "12", 1, 2),
 ("police-nbh", "housing-assoc", I, "1", 1, 2),
 ("nnc-housing", "housing-assoc", S, "12", 2, 3),
 ("vcse-foodbank", "vcse-commcentre", I, "12", 1, 3),
 # --- new after the programme
 ("nnc-community", "nnc-sportdev", S, "2", 2, 3),
 ("nnc-community", "nnc-sportdev", I, "2", 2, 3),
 ("nn-sport-lead", "nnc-community", J, "2", 1, 3),
 ("nn-sport-lead", "nnc-sportdev", J, "2", 1, 3),
 ("nn-sport-lead", "business-network", I, "2", 1, 2),
 ("business-network", "nnc-community", I, "2", 1, 2),
 ("nnc-sportdev", "gp-bizmgr", S, "2", 2, 3),
 ("nnc-community", "gp-bizmgr", I, "2", 1, 2),
 ("nnc-community", "social-prescribers", R, "2", 2, 3),
 ("nnc-sportdev", "social-prescribers", R, "2", 1, 3),
 ("nnc-community", "nhs-community", S, "2", 1, 2),
 ("nnc-sportdev", "club-cricket", C, "2", 1, 3),
 ("nnc-community", "club-cricket", C, "2", 1, 3),
 ("nnc-community", "walking-group", C, "2", 1, 3),
 ("nnc-sportdev", "walking-group", I, "2", 1, 2),
 ("nnc-community", "club-football", C, "2", 1, 3),
 ("nnc-community", "connect-nn", I, "2", 2, 3),
 ("connect-nn", "vcse-foodbank", I, "2", 1, 2),
 ("nn-sport", "connect-nn", C, "2", 2, 3),
 ("nn-sport", "nnc-publichealth", I, "2", 2, 3),
 ("nn-sport", "ics-prevention", I, "2", 2, 3),
 ("wnc-community", "wnc-sportdev", I, "2", 1, 2),
 ("wnc-community", "nn-sport-lead", I, "2", 1, 2),
 ("ics-prevention", "connect-nn", S, "2", 1, 3),
 ("nnc-publichealth", "nnc-community", S, "2", 2, 3),
 ("nnc-housing", "nnc-sportdev", I, "2", 1, 2),
 ("vcse-mentalhealth", "club-swim", R, "2", 1, 2),
 ("wnc-publichealth", "vcse-mentalhealth", J, "2", 1, 3),
 ("nhs-community", "nnc-publichealth", S, "2", 1, 2),
 ("police-nbh", "nnc-sportdev", C, "2", 1, 2),
 ("leisure-north", "nnc-community", I, "2", 1, 2),
 ("vcse-youth", "nnc-community", R, "2", 1, 3),
]
nn_ripples = [
 # id, parent, label, capital, valence, intended, date, actors
 ("r1", "", "Community team and sports development team connect for the first time", "social;human", "positive", "yes", "2024-11-12", "nnc-community;nnc-sportdev"),
 ("r2", "r1", "Teams discuss working together to access funding for shared outcomes", "financial;social", "positive", "yes", "2025-01-20", "nnc-community;nnc-sportdev;nn-sport-lead"),
 ("r3", "r2", "Business sector explored as a conduit for innovation funding", "financial;political", "positive", "no", "2025-02-17", "nn-sport-lead;business-network;nnc-community"),
 ("r4", "r2", "Illustrative: joint bid held up by different council funding cycles", "financial", "negative", "no", "2025-03-10", "nnc-community;nnc-sportdev"),
 ("r5", "", "Attendees gain a clearer understanding of their place in the system", "human", "positive", "yes", "2024-11-12", "nn-sport;connect-nn;wnc-publichealth"),
 ("r6", "r5", "Partners outside sport see they have a part to play in tackling inactivity", "cultural;human", "positive", "unknown", "", "connect-nn;vcse-mentalhealth"),
 ("r7", "", "Northamptonshire Sport shares learning from its own data gathering", "human;social", "positive", "yes", "2024-12-09", "nn-sport;ics-prevention;nnc-publichealth"),
 ("r8", "r7", "Partners agree actions to develop their own data gathering methods", "human;political", "positive", "yes", "2025-01-27", "ics-prevention;wnc-publichealth;nnc-publichealth"),
 ("r9", "", "Partners explore how to tell the story of the place as a system", "cultural;social", "positive", "yes", "", "nn-sport;connect-nn;ics"),
 ("r10", "", "North Northants Council starts engagement on barriers to physical activity", "social;political", "positive", "yes", "2025-01-13", "nnc;nnc-community;nnc-sportdev"),
 ("r11", "r10", "Family community event with local clubs and societies", "social;cultural;human", "positive", "yes", "2025-02-15", "nnc-community;nnc-sportdev;club-cricket;club-football;walking-group"),
 ("r12", "r11", "Illustrative: extra event workload stretches small volunteer-run clubs", "human;social", "negative", "no", "", "club-cricket;walking-group"),
 ("r13", "r10", "Health Day for local health professionals including social prescribers", "social;human", "positive", "yes", "2025-02-26", "nnc-community;social-prescribers;nhs-community"),
 ("r14", "r10", "New relationship with a Business Manager at a GP super practice", "social", "positive", "no", "2025-02-05", "nnc-sportdev;gp-bizmgr"),
 ("r15", "r14", "GP practice input shapes the North Northamptonshire Active Communities Strategy", "political;social", "positive", "no", "2025-03-24", "gp-bizmgr;nnc-sportdev;nnc"),
 ("r16", "r13", "Talks with health providers on a community hub for inactive residents", "built;social", "positive", "yes", "", "nnc-community;nhs-community;nnc-publichealth"),
 ("r17", "", "More confidence among partners to take first steps towards change", "human", "positive", "yes", "", ""),
 ("r18", "r17", "Original 30 participants reconvene as a Community of Practice", "social;human", "positive", "yes", "2025-09-01", "nn-sport;connect-nn;nnc-community;nnc-sportdev"),
 ("r19", "r17", "One-day system leadership session for 25 new participants", "human;social", "positive", "yes", "2025-07-01", "nn-sport"),
 ("r20", "r18", "Sessions planned on storytelling and fearless leadership", "human;cultural", "positive", "yes", "", "nn-sport"),
]

# Who did not answer (responses.csv; an actor x wave not listed answered). The four
# actors first reached through the programme -- the GP practice's business manager,
# the business network, the cricket club and the walking society -- have no tie at
# "before": in this illustrative survey they were asked and did not answer then, so
# none of them reports a tie at "before" (none has one) and each answered "after".
nn_responses = [
 # actor, wave, status
 ("gp-bizmgr", "before", "missing"),
 ("business-network", "before", "missing"),
 ("club-cricket", "before", "missing"),
 ("walking-group", "before", "missing"),
]

# ---------------------------------------------------------------- Stockton-on-Tees
# attended says when (schemas/FORMAT.md, "Attendance with a time"): the first cohort
# took the programme in November 2024, between the "before" and "after" waves, so
# "before" (attended after that wave). The second cohort is illustrative: four
# partners' key staff trained on 2025-04-08, between the 3-month and 6-month
# check-ins, as ripple r20 planned. Their ties are as they were (no effect invented).
st_actors = [
 ("sbc", "Stockton-on-Tees Borough Council", "organisation", "", LA, "Stockton-on-Tees", "before"),
 ("sbc-placelead", "Place lead, Stockton Borough Council", "person", "sbc", LA, "Stockton-on-Tees", "before"),
 ("sbc-publichealth", "SBC Public Health team", "team", "sbc", LA, "Stockton-on-Tees", "before"),
 ("sbc-sal", "SBC Sport and Active Life team", "team", "sbc", LA, "Stockton-on-Tees", "before"),
 ("sbc-communities", "SBC community development team", "team", "sbc", LA, "Thornaby-on-Tees", "2025-04-08"),
 ("sbc-children", "SBC early help and children's services team", "team", "sbc", LA, "Billingham", "no"),
 ("sbc-housing", "SBC housing team", "team", "sbc", HO, "Stockton-on-Tees", "no"),
 ("sbc-planning", "SBC transport and active travel team", "team", "sbc", LA, "Stockton-on-Tees", "no"),
 ("sbc-parks", "SBC parks and countryside team", "team", "sbc", LA, "Stockton-on-Tees", "no"),
 ("tvs", "Tees Valley Sport (Active Partnership)", "organisation", "", SP, "Stockton-on-Tees", "before"),
 ("tees-active", "Tees Active (leisure provider)", "organisation", "", SP, "Stockton-on-Tees", "before"),
 ("icb", "Integrated Care Board (Stockton-on-Tees place team)", "organisation", "", HE, "Stockton-on-Tees", "before"),
 ("nhs-trust", "Local NHS foundation trust", "organisation", "", HE, "Stockton-on-Tees", "2025-04-08"),
 ("mh-trust", "Mental health NHS trust (locality team)", "organisation", "", HE, "Stockton-on-Tees", "no"),
 ("pcn-stockton", "Primary care network (Stockton)", "organisation", "", HE, "Stockton-on-Tees", "no"),
 ("pcn-socpres", "Social prescribing link workers", "team", "pcn-stockton", HE, "Stockton-on-Tees", "before"),
 ("pcn-billingham", "Primary care network (Billingham)", "organisation", "", HE, "Billingham", "no"),
 ("vcse-infra", "VCSE infrastructure organisation", "organisation", "", VC, "Stockton-on-Tees", "before"),
 ("vcse-youth", "Youth charity", "organisation", "", VC, "Thornaby-on-Tees", "before"),
 ("vcse-older", "Older people's charity", "organisation", "", VC, "Stockton-on-Tees", "no"),
 ("vcse-disability", "Disability sport and inclusion charity", "organisation", "", VC, "Billingham", "before"),
 ("vcse-mentalhealth", "Mental health peer-support charity", "organisation", "", VC, "Stockton-on-Tees", "before"),
 ("vcse-food", "Community food and pantry network", "organisation", "", VC, "Thornaby-on-Tees", "2025-04-08"),
 ("vcse-women", "Women's wellbeing group", "organisation", "", VC, "Stockton-on-Tees", "before"),
 ("vcse-faith", "Faith-based community project", "organisation", "", VC, "Billingham", "no"),
 ("vcse-refugee", "Refugee and asylum seeker support charity", "organisation", "", VC, "Stockton-on-Tees", "no"),
 ("vcse-carers", "Carers' support charity", "organisation", "", VC, "Stockton-on-Tees", "2025-04-08"),
 ("vcse-cycling", "Community cycling charity", "organisation", "", VC, "Ingleby Barwick", "no"),
 ("vcse-parents", "Parents' and carers' community group", "organisation", "", VC, "Ingleby Barwick", "no"),
 ("club-football", "Grassroots football club", "organisation", "", SP, "Billingham", "no"),
 ("club-athletics", "Running club", "organisation", "", SP, "Yarm", "no"),
 ("club-boxing", "Community boxing club", "organisation", "", SP, "Thornaby-on-Tees", "no"),
 ("club-rowing", "Rowing club", "organisation", "", SP, "Stockton-on-Tees", "no"),
 ("school-sec", "Secondary school", "organisation", "", ED, "Billingham", "no"),
 ("school-primary", "Primary schools cluster", "organisation", "", ED, "Thornaby-on-Tees", "no"),
 ("college", "Further education college", "organisation", "", ED, "Stockton-on-Tees", "no"),
 ("housing-assoc", "Housing association", "organisation", "", HO, "Stockton-on-Tees", "no"),
 ("police-nbh", "Neighbourhood policing team", "organisation", "", PO, "Stockton-on-Tees", "no"),
 ("business-network", "Local business network", "organisation", "", BU, "Stockton-on-Tees", "no"),
 ("business-employer", "Large local employer", "organisation", "", BU, "Billingham", "no"),
]
# waves: 1 before, 2 after, 3 3-month, 4 6-month
st_ties = [
 # --- physical activity steering group core (mostly council) and existing links
 ("tvs", "sbc", S, "1234", 3, 3),
 ("tvs", "sbc-sal", C, "1234", 3, 4),
 ("tvs", "sbc-publichealth", S, "1234", 2, "3334"),
 ("tvs", "sbc-placelead", S, "1234", 3, 4),
 ("sbc-placelead", "sbc-sal", I, "1234", 3, 4),
 ("sbc-placelead", "sbc-publichealth", I, "1234", 3, "3344"),
 ("sbc-sal", "sbc-publichealth", S, "1234", 2, "3334"),
 ("sbc-sal", "tees-active", C, "1234", 3, 3),
 ("sbc-sal", "tees-active", S, "123", 2, 3),
 ("sbc-publichealth", "tees-active", J, "1234", 2, 3),
 ("sbc-publichealth", "icb", S, "1234", 2, 3),
 ("sbc-publichealth", "nhs-trust", I, "123", 1, 2),
 ("sbc-sal", "sbc-parks", I, "1234", 2, 3),
 ("sbc-sal", "sbc-planning", I, "1", 1, 2),
 ("sbc-publichealth", "sbc-children", I, "123", 1, 2),
 ("sbc-communities", "sbc-publichealth", I, "123", 1, 2),
 ("sbc", "icb", S, "1234", 3, 3),
 ("icb", "nhs-trust", S, "1234", 3, 3),
 ("icb", "pcn-stockton", S, "1234", 2, 3),
 ("icb", "pcn-billingham", S, "1234", 1, 3),
 ("pcn-socpres", "tees-active", R, "1234", 2, 3),
 ("pcn-socpres", "sbc-publichealth", I, "1234", 1, "2233"),
 ("nhs-trust", "mh-trust", I, "123", 1, 2),
 ("tees-active", "school-sec", C, "123", 1, 2),
 ("sbc-sal", "club-football", I, "12", 1, 2),
 ("sbc-sal", "club-boxing", C, "123", 1, 2),
 ("sbc-sal", "school-primary", C, "1234", 2, 3),
 ("tvs", "school-sec", I, "123", 1, 2),
 ("tvs", "club-athletics", I, "1234", 1, 2),
 ("tvs", "club-rowing", I, "1", 1, 2),
 ("tvs", "college", C, "1234", 1, 2),
 ("sbc-housing", "housing-assoc", S, "1234", 2, 3),
 ("housing-assoc", "police-nbh", I, "12", 1, 2),
 ("police-nbh", "sbc-communities", I, "1234", 1, 2),
 ("sbc-children", "school-primary", R, "1234", 2, 3),
 ("sbc-children", "school-sec", R, "1234", 1, 3),
 ("business-employer", "sbc", S, "12", 1, 2),
 # --- the few, weak VCSE ties before the training
 ("vcse-infra", "sbc-communities", I, "1234", 1, "2233"),
 ("vcse-infra", "vcse-older", I, "1234", 1, 3),
 ("vcse-infra", "vcse-food", I, "1234", 1, 3),
 ("vcse-youth", "sbc-children", R, "1234", 1, "2233"),
 ("vcse-mentalhealth", "mh-trust", R, "1234", 1, 2),
 ("vcse-older", "pcn-socpres", R, "1234", 1, "2233"),
 ("vcse-food", "housing-assoc", R, "1234", 1, 2),
 ("vcse-refugee", "vcse-food", R, "1234", 1, 3),
 ("vcse-carers", "pcn-stockton", I, "1234", 1, 2),
 # --- new after the training: VCSE brought into the partnership
 ("sbc-placelead", "vcse-infra", S, "234", 2, "334"),
 ("tvs", "vcse-infra", S, "234", 2, "334"),
 ("sbc-publichealth", "vcse-infra", I, "234", 2, "334"),
 ("tvs", "vcse-youth", C, "234", 1, "334"),
 ("sbc-sal", "vcse-youth", I, "234", 1, 3),
 ("tvs", "vcse-disability", I, "234", 2, "334"),
 ("tees-active", "vcse-disability", C, "234", 1, "333"),
 ("sbc-publichealth", "vcse-mentalhealth", I, "234", 1, "233"),
 ("tees-active", "vcse-mentalhealth", R, "2", 1, 2),
 ("sbc-sal", "vcse-women", I, "2", 1, 2),
 ("vcse-women", "vcse-mentalhealth", I, "23", 1, 3),
 ("sbc-placelead", "vcse-older", I, "234", 1, "333"),
 ("vcse-infra", "vcse-youth", I, "234", 1, "334"),
 ("vcse-infra", "vcse-disability", I, "234", 1, "334"),
 ("vcse-infra", "vcse-mentalhealth", I, "234", 1, 3),
 ("vcse-infra", "vcse-faith", I, "2", 1, 2),
 ("icb", "vcse-infra", S, "234", 1, "233"),
 ("pcn-socpres", "vcse-mentalhealth", R, "234", 2, "334"),
 ("pcn-socpres", "vcse-women", R, "23", 1, 3),
 ("sbc-communities", "sbc-sal", I, "234", 1, 3),
 ("tvs", "icb", S, "234", 2, 3),
 ("tvs", "tees-active", S, "234", 2, "334"),
 ("vcse-faith", "vcse-refugee", I, "23", 1, 3),
 ("business-network", "tvs", I, "2", 1, 2),
 ("sbc-placelead", "icb", I, "234", 1, 3),
 ("sbc-sal", "vcse-older", C, "234", 1, "334"),
 ("tees-active", "nhs-trust", R, "23", 1, 3),
 ("sbc-publichealth", "vcse-food", I, "2", 1, 2),
 ("vcse-youth", "club-boxing", R, "234", 1, 3),
 # --- new at the 3-month check-in
 ("vcse-cycling", "tvs", C, "34", 1, "23"),
 ("vcse-cycling", "sbc-planning", I, "34", 1, "23"),
 ("vcse-cycling", "vcse-infra", I, "34", 1, 3),
 ("sbc-placelead", "vcse-disability", S, "34", 1, "34"),
 ("sbc-publichealth", "vcse-infra", J, "34", 2, 3),
 # --- new at the 6-month check-in
 ("vcse-parents", "vcse-infra", I, "4", 1, 2),
 ("vcse-parents", "sbc-sal", C, "4", 1, 3),
 ("vcse-parents", "tvs", I, "4", 1, 2),
 ("vcse-cycling", "sbc-sal", C, "4", 1, 3),
 ("tvs", "sbc-publichealth", J, "4", 2, 3),
 ("tvs", "vcse-infra", J, "4", 2, 3),
 ("sbc-sal", "vcse-disability", C, "4", 1, 3),
 ("icb", "sbc-placelead", S, "4", 2, 3),
 ("tees-active", "vcse-youth", C, "4", 1, 3),
]
st_ripples = [
 ("r1", "", "Better understanding of systems approaches and systems leadership", "human", "positive", "yes", "2024-11-14", "sbc-placelead;sbc-publichealth;sbc-sal;tvs"),
 ("r2", "r1", "Senior leaders use systems language in their teams and organisations", "cultural;human", "positive", "yes", "2025-01-15", "sbc;icb"),
 ("r3", "r2", "Systems thinking starts to be embedded across organisations", "cultural", "positive", "unknown", "", "sbc;tees-active"),
 ("r4", "", "Common shared purpose developed and mapped together", "social;cultural", "positive", "yes", "2024-11-14", "tvs;vcse-infra;sbc-publichealth"),
 ("r5", "r4", "Participants see how their own work affects local activity levels", "human", "positive", "yes", "", "vcse-youth;tees-active"),
 ("r6", "", "New relationships between council, leisure and VCSE organisations", "social", "positive", "yes", "2024-12-02", "sbc-placelead;vcse-infra;vcse-disability;vcse-youth"),
 ("r7", "r6", "VCSE organisations brought into Place Partnership conversations", "social;political", "positive", "yes", "2025-02-24", "vcse-infra;vcse-mentalhealth;tvs"),
 ("r8", "r7", "Community cycling charity joins through the VCSE network", "social;natural", "positive", "no", "2025-02-24", "vcse-cycling;vcse-infra;tvs"),
 ("r9", "r7", "Illustrative: small charities stretched by extra partnership meetings", "human", "negative", "no", "", "vcse-infra;vcse-mentalhealth"),
 ("r10", "r6", "Illustrative: some new VCSE links lapse within six months", "social", "negative", "no", "2025-05-19", "vcse-women;vcse-faith"),
 ("r11", "", "Partners explore Sport England tools and resources", "human", "positive", "yes", "2024-12-10", "tvs;sbc-sal"),
 ("r12", "r11", "Maturity matrix used to assess collaborative working", "human;social", "positive", "yes", "2025-01-28", "tvs;sbc-placelead;sbc-publichealth"),
 ("r13", "r12", "Opportunities to strengthen cross-organisation relationships identified", "social", "positive", "yes", "2025-03-05", "sbc-placelead;vcse-infra;icb"),
 ("r14", "", "Place Partnership gathers insight on residents' barriers to activity", "human;social", "positive", "yes", "2025-03-17", "tvs;sbc-publichealth"),
 ("r15", "r14", "Small-scale test and learn projects planned", "social;financial", "positive", "yes", "2025-05-19", "sbc-sal;vcse-parents;sbc-publichealth;vcse-infra"),
 ("r16", "r15", "Illustrative: shared funding pot agreed for a VCSE-led pilot", "financial", "positive", "unknown", "2025-05-19", "tvs;vcse-infra;sbc-publichealth"),
 ("r17", "", "Three and six month check-ins build further relationships", "social;human", "positive", "yes", "2025-02-24", "tvs;sbc-placelead"),
 ("r18", "r17", "More mature discussion at the three month check-in", "human", "positive", "unknown", "2025-02-24", ""),
 ("r19", "r17", "Greater local interest in place-based leadership training", "human;political", "positive", "no", "2025-05-19", "icb;tees-active"),
 ("r20", "r19", "Further training planned for key staff in local organisations", "human", "positive", "yes", "", "tvs;sbc"),
 ("r21", "", "Priorities and a theory of change being developed", "political", "positive", "yes", "2025-05-19", "tvs;sbc;icb"),
]

# A joiner and a leaver (responses.csv): the community cycling charity joins through
# the VCSE network at the 3-month check-in (ripple r8), so it was not part of the place
# at "before" and "after"; the large local employer leaves the partnership after
# "after" (illustrative), so it is absent at the 3-month and 6-month check-ins. Neither
# has a tie at a wave it was absent from.
st_responses = [
 ("vcse-cycling", "before", "absent"),
 ("vcse-cycling", "after", "absent"),
 ("business-employer", "3-month", "absent"),
 ("business-employer", "6-month", "absent"),
]

def emit(folder, name, programme, actors, waves, ties, ripples, responses=None):
    d = os.path.join(ROOT, folder)
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, "place.csv"), ["name", "programme", "directed"], [[name, programme, "no"]])
    write(os.path.join(d, "actors.csv"), ["id", "label", "kind", "parent", "sector", "town", "attended"], actors)
    write(os.path.join(d, "waves.csv"), ["wave", "ordinal", "date"], [[w, i, dt] for i, (w, dt) in enumerate(waves, 1)])
    write(os.path.join(d, "ties.csv"), ["source", "target", "wave", "type", "weight", "trust"],
          expand_ties(ties, [w for w, _ in waves]))
    write(os.path.join(d, "ripples.csv"), ["id", "parent", "label", "capital", "valence", "intended", "date", "actors"], ripples)
    if responses:
        write(os.path.join(d, "responses.csv"), ["actor", "wave", "status"], responses)

PROG = "Place-based leadership programme (LGA / Sport England)"
emit("northamptonshire", "Northamptonshire", PROG, nn_actors,
     [("before", "2024-09-01"), ("after", "2025-03-01")], nn_ties, nn_ripples, nn_responses)
emit("stockton-on-tees", "Stockton-on-Tees", PROG, st_actors,
     [("before", "2024-10-14"), ("after", "2024-12-02"), ("3-month", "2025-02-24"), ("6-month", "2025-05-19")],
     st_ties, st_ripples, st_responses)
